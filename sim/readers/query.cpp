#include "sim/readers/query.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iomanip>
#include <map>
#include <stdexcept>

#include "models/fleet/fleet_types.hpp"
#include "models/health/health_issues.hpp"
#include "sim/output/run_file.hpp"
#include "sim/readers/json_output.hpp"
#include "sim/readers/request_options.hpp"
#include "sim/scenario/duration.hpp"

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
  throw QueryError("--status: unknown status '" + status + "' (one of: " + known + ")");
}

}  // namespace

namespace {
QueryResult answer(const QueryRequest& q, const std::vector<bool>& want, const RunFile& f);
}  // namespace

QueryResult run_query(const QueryRequest& q) {
  const std::vector<bool> want = classes_for(q.status);  // a bad --status is reported before the file is read
  try {
    return answer(q, want, RunFile(q.file));
  } catch (const h5::Error& e) {
    throw InvalidFile(q.file + ": " + e.what());
  }
}

namespace {
QueryResult answer(const QueryRequest& q, const std::vector<bool>& want, const RunFile& f) {
  const int64_t at = parse_at(q.at, f);
  const MachineTable machines(f, q);

  // The evaluation in force: the last one at or before `at`.
  const auto eval_times = f.ints(schema::kHealthTime);
  int64_t in_force = 0;
  for (size_t k = 0; k < eval_times.size(); ++k) {
    if (k > 0 && eval_times[k] <= eval_times[k - 1])
      f.fail(schema::kHealthTime.path(), "element " + std::to_string(k) + " is not after the one before it");
    if (eval_times[k] <= at) in_force = eval_times[k];
  }
  const size_t n = machines.size();

  // Replay the per-machine changes up to the evaluation in force. The rows must be in (time, machine) order, at
  // evaluation times, and give every machine a state at the start.
  std::vector<uint8_t> cls(n, static_cast<uint8_t>(HealthClass::Absent)), issue(n, 0);
  {
    const auto time = f.ints(schema::kChangeTime);
    const auto machine = f.ints(schema::kChangeMachine);
    const auto c = f.ints(schema::kChangeClass);
    const auto i = f.ints(schema::kChangeIssue);
    size_t k = 0;  // index into eval_times
    size_t at_start = 0;
    for (size_t r = 0; r < time.size(); ++r) {
      if (r > 0 && (time[r] < time[r - 1] || (time[r] == time[r - 1] && machine[r] <= machine[r - 1])))
        f.fail(schema::kChanges, "row " + std::to_string(r) + " is out of (time, machine) order");
      while (k < eval_times.size() && eval_times[k] < time[r]) ++k;
      if (k == eval_times.size() || eval_times[k] != time[r])
        f.fail(schema::kChangeTime.path(), "row " + std::to_string(r) + ": " + std::to_string(time[r]) +
                                               " is not the time of an evaluation");
      if (time[r] == 0) ++at_start;
      if (time[r] > in_force) continue;
      cls[static_cast<size_t>(machine[r])] = static_cast<uint8_t>(c[r]);
      issue[static_cast<size_t>(machine[r])] = static_cast<uint8_t>(i[r]);
    }
    if (at_start != n)
      f.fail(schema::kChanges, std::to_string(at_start) + " rows give the state at the start, the fleet has " +
                                   std::to_string(n) + " machines");
  }
  // The file's own issue catalogue gives the texts.
  std::map<int64_t, size_t> issue_row;
  const auto codes = f.ints(schema::kIssueCode);
  for (size_t k = 0; k < codes.size(); ++k) issue_row[codes[k]] = k;
  const auto issue_names = f.texts(schema::kIssueName);
  const auto messages = f.texts(schema::kIssueMessage);
  const auto fixes = f.texts(schema::kIssueFix);

  QueryResult r;
  r.asked_time = format_iso8601(f.start + at);
  r.evaluation_time = format_iso8601(f.start + in_force);
  r.classes.assign(kHealthClassNames.begin(), kHealthClassNames.end());
  r.environments = machines.environments;
  r.counts.assign(kHealthClassCount, std::vector<int64_t>(kEnvironmentCount, 0));
  for (size_t m = 0; m < n; ++m) {
    if (!machines.selected(m)) continue;
    ++r.counts[cls[m]][static_cast<size_t>(machines.environment[m])];
    if (!want[cls[m]]) continue;
    ++r.matched;
    if (q.count || (q.limit && r.rows.size() >= q.limit)) continue;
    const size_t k = issue_row.at(issue[m]);
    r.rows.push_back({static_cast<uint32_t>(m), machines.cohort_name(m), machines.environment_name(m),
                      machines.location_name(m), machines.subscription_id(m), machines.os_name(m), r.classes[cls[m]],
                      issue_names[k], messages[k], fixes[k]});
  }
  return r;
}
}  // namespace

void print_query(const QueryRequest& q, const QueryResult& r, std::ostream& out) {
  if (q.count) {
    if (q.format == QueryFormat::Json) {
      Json counts = Json::object();
      for (size_t c = 0; c < r.classes.size(); ++c) {
        Json by_env = Json::object();
        for (size_t e = 0; e < r.environments.size(); ++e) by_env[r.environments[e]] = r.counts[c][e];
        counts[r.classes[c]] = by_env;
      }
      write_json({{"at", r.asked_time}, {"evaluation", r.evaluation_time}, {"matched", r.matched}, {"counts", counts}},
                 out, -1);
      return;
    }
    const bool csv = q.format == QueryFormat::Csv;
    if (!csv) out << "evaluation in force at " << r.asked_time << ": " << r.evaluation_time << "\n";
    print_counts(out, csv, "class", r.classes, r.environments, r.counts);
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
    case QueryFormat::Json: {
      Json machines = Json::array();
      for (const auto& row : r.rows)
        machines.push_back({{"machine", row.machine},
                            {"cohort", row.cohort},
                            {"environment", row.environment},
                            {"location", row.location},
                            {"subscription", row.subscription},
                            {"os", row.os},
                            {"class", row.health_class},
                            {"issue", row.issue},
                            {"message", row.message},
                            {"fix", row.fix}});
      write_json({{"at", r.asked_time},
                  {"evaluation", r.evaluation_time},
                  {"status", q.status},
                  {"matched", r.matched},
                  {"machines", machines}},
                 out, 1);
      break;
    }
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
