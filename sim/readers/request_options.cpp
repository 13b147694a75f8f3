#include "sim/readers/request_options.hpp"

#include <algorithm>

#include "sim/scenario/duration.hpp"

namespace fleettwin {

int64_t parse_at(const std::string& text, const RunFile& f) {
  if (text.empty()) return f.duration;
  const auto t = parse_time_or_offset(text, f.start);
  if (!t)
    throw QueryError("--at: '" + text.substr(0, 60) +
                     "' is not a time: write ISO 8601 UTC (2026-02-01T08:00:00Z) or an offset from the start (72h)");
  const int64_t at = *t - f.start;
  if (at < 0 || at > f.duration)
    throw QueryError("--at: " + text + " is outside the run (" + f.start_text + " to " +
                     format_iso8601(f.start + f.duration) + ")");
  return at;
}

size_t index_of(const std::vector<std::string>& names, const std::string& name, const char* option) {
  auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end()) {
    std::string known;
    for (const auto& n : names) known += (known.empty() ? "" : ", ") + n;
    throw QueryError(std::string(option) + ": no '" + name + "' in this run (known: " + known + ")");
  }
  return static_cast<size_t>(it - names.begin());
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string r = "\"";
  for (char c : s) r += c == '"' ? std::string("\"\"") : std::string(1, c);
  return r + "\"";
}

}  // namespace fleettwin
