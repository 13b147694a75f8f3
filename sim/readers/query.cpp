#include "sim/readers/query.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iomanip>
#include <map>
#include <stdexcept>

#include "models/fleet/fleet_types.hpp"
#include "models/health/health_issues.hpp"
#include "sim/scenario/duration.hpp"
#include "sim/output/h5.hpp"

namespace fleettwin {
namespace {

std::vector<bool> classes_for(const std::string& status) {
  std::vector<bool> want(kHealthClassCount, false);
  const auto set = [&](HealthClass c) { want[static_cast<size_t>(c)] = true; };
  if (status == "all") return std::vector<bool>(kHealthClassCount, true);
  if (status == "unhealthy") {
    set(HealthClass::InstallationIssue);
    set(HealthClass::HeartbeatIssue);
    return want;
  }
  std::string name = status;
  std::replace(name.begin(), name.end(), '-', '_');
  for (size_t i = 0; i < kHealthClassNames.size(); ++i)
    if (kHealthClassNames[i] == name) {
      want[i] = true;
      return want;
    }
  std::string known = "unhealthy, all";
  for (const auto n : kHealthClassNames) {
    std::string s(n);
    std::replace(s.begin(), s.end(), '_', '-');
    known += ", " + s;
  }
  throw std::runtime_error("--status: unknown status '" + status + "' (one of: " + known + ")");
}

size_t index_of(const std::vector<std::string>& names, const std::string& name, const char* option) {
  auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end()) {
    std::string known;
    for (const auto& n : names) known += (known.empty() ? "" : ", ") + n;
    throw std::runtime_error(std::string(option) + ": no '" + name + "' in this run (known: " + known + ")");
  }
  return static_cast<size_t>(it - names.begin());
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string r = "\"";
  for (char c : s) r += c == '"' ? std::string("\"\"") : std::string(1, c);
  return r + "\"";
}

std::string json_string(const std::string& s) {
  std::string r = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') r += '\\', r += static_cast<char>(c);
    else if (c == '\n') r += "\\n";
    else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      r += buf;
    } else r += static_cast<char>(c);
  }
  return r + "\"";
}

}  // namespace

QueryResult run_query(const QueryRequest& q) {
  if (!std::filesystem::is_regular_file(q.file)) throw std::runtime_error(q.file + ": no such file");
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  h5::Id file(H5Fopen(q.file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose, "open " + q.file + " as HDF5");
  if (H5Lexists(file, "/health", H5P_DEFAULT) <= 0)
    throw std::runtime_error(q.file + ": no /health group (written by an older fleettwin?)");
  const std::vector<bool> want = classes_for(q.status);
  const std::string start_text = h5::read_string_attr(file, "start");
  const int64_t start = *parse_iso8601(start_text);
  const int64_t duration = h5::read_int_attr(file, "duration_seconds");
  int64_t at = duration;
  if (!q.at.empty()) {
    auto t = parse_time_or_offset(q.at, start);
    if (!t) throw std::runtime_error("--at: '" + q.at + "' is not a time: write ISO 8601 UTC (2026-02-01T08:00:00Z) or an offset from the start (72h)");
    at = *t - start;
    if (at < 0 || at > duration)
      throw std::runtime_error("--at: " + q.at + " is outside the run (" + start_text + " to " +
                               format_iso8601(start + duration) + ")");
  }
  // The evaluation in force: the last one at or before `at`.
  const auto eval_times = h5::read_ints(file, "/health/time");
  int64_t in_force = 0;
  for (const int64_t t : eval_times)
    if (t <= at) in_force = t;

  const auto env = h5::read_ints(file, "/machines/environment");
  const auto loc = h5::read_ints(file, "/machines/location");
  const auto coh = h5::read_ints(file, "/machines/cohort");
  const auto sub = h5::read_ints(file, "/machines/subscription");
  const auto os = h5::read_ints(file, "/machines/os");
  const auto cohort_names = h5::read_strings(file, "/cohorts/name");
  const auto location_names = h5::read_strings(file, "/locations/name");
  const auto subscription_ids = h5::read_strings(file, "/subscriptions/id");
  const auto os_names = h5::read_strings(file, "/os/name");
  const std::vector<std::string> env_names(kEnvironmentNames.begin(), kEnvironmentNames.end());
  const size_t n = env.size();

  // Replay the per-machine changes up to the evaluation in force (rows are in time order).
  std::vector<uint8_t> cls(n, static_cast<uint8_t>(HealthClass::Absent)), issue(n, 0);
  {
    const auto time = h5::read_ints(file, "/health/changes/time");
    const auto machine = h5::read_ints(file, "/health/changes/machine");
    const auto c = h5::read_ints(file, "/health/changes/class");
    const auto i = h5::read_ints(file, "/health/changes/issue");
    for (size_t r = 0; r < time.size() && time[r] <= in_force; ++r) {
      cls[static_cast<size_t>(machine[r])] = static_cast<uint8_t>(c[r]);
      issue[static_cast<size_t>(machine[r])] = static_cast<uint8_t>(i[r]);
    }
  }
  // The file's own issue catalogue gives the texts.
  std::map<int64_t, size_t> issue_row;
  const auto codes = h5::read_ints(file, "/health/issues/code");
  for (size_t k = 0; k < codes.size(); ++k) issue_row[codes[k]] = k;
  const auto issue_names = h5::read_strings(file, "/health/issues/name");
  const auto messages = h5::read_strings(file, "/health/issues/message");
  const auto fixes = h5::read_strings(file, "/health/issues/fix");

  std::optional<size_t> env_filter, loc_filter, coh_filter;
  if (q.environment) env_filter = index_of(env_names, *q.environment, "--environment");
  if (q.location) loc_filter = index_of(location_names, *q.location, "--location");
  if (q.cohort) coh_filter = index_of(cohort_names, *q.cohort, "--cohort");

  QueryResult r;
  r.asked_time = format_iso8601(start + at);
  r.evaluation_time = format_iso8601(start + in_force);
  r.classes.assign(kHealthClassNames.begin(), kHealthClassNames.end());
  r.environments = env_names;
  r.counts.assign(kHealthClassCount, std::vector<int64_t>(kEnvironmentCount, 0));
  for (size_t m = 0; m < n; ++m) {
    if (env_filter && static_cast<size_t>(env[m]) != *env_filter) continue;
    if (loc_filter && static_cast<size_t>(loc[m]) != *loc_filter) continue;
    if (coh_filter && static_cast<size_t>(coh[m]) != *coh_filter) continue;
    ++r.counts[cls[m]][static_cast<size_t>(env[m])];
    if (!want[cls[m]]) continue;
    ++r.matched;
    if (q.count || (q.limit && r.rows.size() >= q.limit)) continue;
    const size_t k = issue_row.at(issue[m]);
    r.rows.push_back({static_cast<uint32_t>(m), cohort_names[static_cast<size_t>(coh[m])], env_names[static_cast<size_t>(env[m])],
                      location_names[static_cast<size_t>(loc[m])], subscription_ids[static_cast<size_t>(sub[m])],
                      os_names[static_cast<size_t>(os[m])], r.classes[cls[m]], issue_names[k], messages[k], fixes[k]});
  }
  return r;
}

void print_query(const QueryRequest& q, const QueryResult& r, std::ostream& out) {
  if (q.count) {
    if (q.format == QueryFormat::Json) {
      out << "{\"at\": " << json_string(r.asked_time) << ", \"evaluation\": " << json_string(r.evaluation_time)
          << ", \"matched\": " << r.matched << ", \"counts\": {";
      for (size_t c = 0; c < r.classes.size(); ++c) {
        out << (c ? ", " : "") << json_string(r.classes[c]) << ": {";
        for (size_t e = 0; e < r.environments.size(); ++e)
          out << (e ? ", " : "") << json_string(r.environments[e]) << ": " << r.counts[c][e];
        out << "}";
      }
      out << "}}\n";
      return;
    }
    const bool csv = q.format == QueryFormat::Csv;
    if (csv) {
      out << "class";
      for (const auto& e : r.environments) out << "," << e;
      out << ",total\n";
    } else {
      out << "evaluation in force at " << r.asked_time << ": " << r.evaluation_time << "\n";
      out << std::left << std::setw(20) << "class" << std::right;
      for (const auto& e : r.environments) out << std::setw(10) << e;
      out << std::setw(10) << "total" << "\n";
    }
    for (size_t c = 0; c < r.classes.size(); ++c) {
      int64_t total = 0;
      if (csv) out << r.classes[c];
      else out << std::left << std::setw(20) << r.classes[c] << std::right;
      for (size_t e = 0; e < r.environments.size(); ++e) {
        total += r.counts[c][e];
        if (csv) out << "," << r.counts[c][e];
        else out << std::setw(10) << r.counts[c][e];
      }
      if (csv) out << "," << total << "\n";
      else out << std::setw(10) << total << "\n";
    }
    if (!csv) out << "matching --status " << q.status << ": " << r.matched << "\n";
    return;
  }
  switch (q.format) {
    case QueryFormat::Csv:
      out << "machine,cohort,environment,location,subscription,os,class,issue,message,fix\n";
      for (const auto& row : r.rows)
        out << row.machine << ',' << csv_field(row.cohort) << ',' << row.environment << ',' << csv_field(row.location)
            << ',' << csv_field(row.subscription) << ',' << row.os << ',' << row.health_class << ',' << row.issue << ','
            << csv_field(row.message) << ',' << csv_field(row.fix) << "\n";
      break;
    case QueryFormat::Json:
      out << "{\"at\": " << json_string(r.asked_time) << ", \"evaluation\": " << json_string(r.evaluation_time)
          << ", \"status\": " << json_string(q.status) << ", \"matched\": " << r.matched << ", \"machines\": [";
      for (size_t k = 0; k < r.rows.size(); ++k) {
        const auto& row = r.rows[k];
        out << (k ? ",\n  " : "\n  ") << "{\"machine\": " << row.machine << ", \"cohort\": " << json_string(row.cohort)
            << ", \"environment\": " << json_string(row.environment) << ", \"location\": " << json_string(row.location)
            << ", \"subscription\": " << json_string(row.subscription) << ", \"os\": " << json_string(row.os)
            << ", \"class\": " << json_string(row.health_class) << ", \"issue\": " << json_string(row.issue)
            << ", \"message\": " << json_string(row.message) << ", \"fix\": " << json_string(row.fix) << "}";
      }
      out << "\n]}\n";
      break;
    case QueryFormat::Table:
      out << "evaluation in force at " << r.asked_time << ": " << r.evaluation_time << "; " << r.matched
          << " machines with status " << q.status << "\n";
      out << std::left << std::setw(9) << "machine" << std::setw(18) << "cohort" << std::setw(8) << "env"
          << std::setw(16) << "location" << std::setw(22) << "os" << std::setw(20) << "class" << std::setw(30)
          << "issue" << "message\n";
      for (const auto& row : r.rows)
        out << std::left << std::setw(9) << row.machine << std::setw(18) << row.cohort << std::setw(8) << row.environment
            << std::setw(16) << row.location << std::setw(22) << row.os << std::setw(20) << row.health_class
            << std::setw(30) << row.issue << row.message << "\n";
      if (q.limit && r.matched > r.rows.size())
        out << "... " << r.matched - r.rows.size() << " more (raise --limit, or use --format csv)\n";
      break;
  }
}

}  // namespace fleettwin
