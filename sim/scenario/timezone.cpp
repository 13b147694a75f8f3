#include "sim/scenario/timezone.hpp"

#include "sim/scenario/quote.hpp"

#include <date/tz.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <stdexcept>
#include <unordered_set>

namespace fleettwin {
namespace {

constexpr const char* kTzdataIndex = "/usr/share/zoneinfo/tzdata.zi";
constexpr size_t kLongestZoneName = 64;  // the longest real name has 32 characters

std::optional<int32_t> fixed_offset(const std::string& name) {
  if (name == "UTC" || name == "Z") return 0;
  if (name.size() != 6 || (name[0] != '+' && name[0] != '-') || name[3] != ':') return std::nullopt;
  const auto digit = [&](size_t i) { return std::isdigit(static_cast<unsigned char>(name[i])) != 0; };
  if (!digit(1) || !digit(2) || !digit(4) || !digit(5)) return std::nullopt;
  const int h = (name[1] - '0') * 10 + (name[2] - '0');
  const int m = (name[4] - '0') * 10 + (name[5] - '0');
  if (m > 59 || h * 60 + m > 14 * 60) return std::nullopt;  // real offsets lie within -12:00 .. +14:00
  return (name[0] == '+' ? 1 : -1) * (h * 3600 + m * 60);
}

// The names tzdata defines: "Z <name> ..." (a zone) and "L <target> <name>" (a link, e.g. US/Pacific).
const std::unordered_set<std::string>& zone_names() {
  static const std::unordered_set<std::string> names = [] {
    std::unordered_set<std::string> out;
    std::ifstream in(kTzdataIndex);
    std::string line;
    while (std::getline(in, line)) {
      if (line.size() > 2 && line[0] == 'Z' && line[1] == ' ') {
        out.insert(line.substr(2, line.find(' ', 2) - 2));
      } else if (line.size() > 2 && line[0] == 'L' && line[1] == ' ') {
        const size_t second = line.find(' ', 2);
        if (second != std::string::npos) out.insert(line.substr(second + 1, line.find(' ', second + 1) - second - 1));
      }
    }
    return out;
  }();
  return names;
}

const date::time_zone* find_zone(const std::string& name) {
  if (name.size() > kLongestZoneName || !zone_names().contains(name)) return nullptr;
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {  // listed but without a compiled file (Factory)
    return nullptr;
  }
}

}  // namespace

std::optional<std::string> check_timezone(const std::string& name) {
  if (fixed_offset(name) || find_zone(name)) return std::nullopt;
  if (zone_names().empty())
    return std::string("no time-zone database: ") + kTzdataIndex + " is missing (install Debian's tzdata)";
  return "unknown time zone " + quote_value(name) +
         " (write UTC, a fixed offset from -12:00 to +14:00 such as +05:30, or a zone of the IANA database such as "
         "Europe/Paris)";
}

UtcOffsets load_utc_offsets(const std::string& name, int64_t from, int64_t to) {
  if (auto fixed = fixed_offset(name)) return UtcOffsets::fixed(*fixed);
  const date::time_zone* zone = find_zone(name);
  if (!zone) throw std::invalid_argument(*check_timezone(name));
  const int64_t margin = 7 * 86400;
  const int64_t first_hour = (from - margin) / 3600;
  const int64_t last_hour = (to + margin) / 3600;
  std::vector<int32_t> by_hour;
  by_hour.reserve(static_cast<size_t>(last_hour - first_hour + 1));
  for (int64_t h = first_hour; h <= last_hour; ++h) {
    const date::sys_seconds t{std::chrono::seconds(h * 3600)};
    by_hour.push_back(static_cast<int32_t>(zone->get_info(t).offset.count()));
  }
  return UtcOffsets(first_hour, std::move(by_hour));
}

std::string tzdata_version() {
  std::ifstream in(kTzdataIndex);
  std::string line;
  if (std::getline(in, line) && line.rfind("# version ", 0) == 0) return line.substr(10);
  return "unknown";
}

}  // namespace fleettwin
