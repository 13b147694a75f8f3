#include "sim/readers/vulnerable_query.hpp"

#include <algorithm>
#include <iomanip>
#include <optional>

#include "models/fleet/fleet_types.hpp"
#include "sim/output/run_file.hpp"
#include "sim/output/vulnerability_record.hpp"
#include "sim/readers/json_output.hpp"
#include "sim/readers/request_options.hpp"
#include "sim/scenario/duration.hpp"

namespace fleettwin {
namespace {

size_t severity_index(const std::string& name) {
  for (size_t i = 0; i < kVulnSeverityNames.size(); ++i)
    if (kVulnSeverityNames[i] == name) return i;
  throw QueryError("--severity: unknown severity '" + name + "' (one of: low, medium, high, critical)");
}

// A machine's state as its last row up to the publication in force gives it.
struct MachineState {
  uint8_t view = kVulnViewAbsent;
  std::array<int64_t, kVulnSeverityCount> offset{}, listed{};
  int64_t snapshot_time = 0;
};

VulnerableResult answer(const QueryRequest& q, size_t lowest, const RunFile& f) {
  if (f.int_attr(schema::kVulnerabilities, schema::kVulnEnabled, 0, 1) == 0)
    throw QueryError("--vulnerable: " + f.path() +
                     " was run without vulnerability management (set vulnerabilities.enabled: true)");
  if (f.int_attr(schema::kVulnChanges, schema::kVulnMachineLog, 0, 1) == 0)
    throw QueryError("--vulnerable: " + f.path() +
                     " has no per-machine vulnerability log: run it with vulnerabilities.machine_log: true in the "
                     "scenario, or with --set vulnerabilities.machine_log=true");
  const int64_t at = parse_at(q.at, f);
  const MachineTable machines(f, q);

  // The publication in force: the last one at or before `at`. Before the first, nothing is published yet.
  const auto publications = f.ints(schema::kVulnTime);
  std::optional<size_t> in_force;
  for (size_t k = 0; k < publications.size(); ++k) {
    if (k > 0 && publications[k] <= publications[k - 1])
      f.fail(schema::kVulnTime.path(), "element " + std::to_string(k) + " is not after the one before it");
    if (publications[k] <= at) in_force = k;
  }
  if (!in_force)
    throw QueryError("--at: " + format_iso8601(f.start + at) + " is before the first vulnerability publication (" +
                     (publications.empty() ? std::string("none in this run")
                                           : format_iso8601(f.start + publications.front())) +
                     ")");
  const int64_t published = publications[*in_force];

  const size_t n = machines.size();

  // Each machine's group: the groups cover machine ranges.
  const auto first = f.ints(schema::kVulnGroupFirst);
  const auto sizes = f.ints(schema::kVulnGroupMachines);
  constexpr uint32_t kNoGroup = UINT32_MAX;
  std::vector<uint32_t> group_of(n, kNoGroup);
  for (size_t g = 0; g < first.size(); ++g) {
    if (first[g] < 0 || sizes[g] < 0 || static_cast<size_t>(first[g] + sizes[g]) > n)
      f.fail(schema::kVulnGroups, "group " + std::to_string(g) + " reaches beyond the fleet's machines");
    for (int64_t m = first[g]; m < first[g] + sizes[g]; ++m) {
      if (group_of[static_cast<size_t>(m)] != kNoGroup)
        f.fail(schema::kVulnGroups, "machine " + std::to_string(m) + " is in two groups");
      group_of[static_cast<size_t>(m)] = static_cast<uint32_t>(g);
    }
  }
  const auto disclosed = f.ints(schema::kVulnGroupDisclosed);  // [publication][group][severity]
  const auto disclosed_at = [&](uint32_t g, size_t s) {
    return disclosed[(*in_force * first.size() + g) * kVulnSeverityCount + s];
  };

  // Replay the rows up to the publication in force; they must be in (time, machine) order at publication times.
  std::vector<MachineState> state(n);
  {
    const auto time = f.ints(schema::kVulnChangeTime);
    const auto machine = f.ints(schema::kVulnChangeMachine);
    const auto view = f.ints(schema::kVulnChangeView);
    const auto offset = f.ints(schema::kVulnChangeOffset);
    const auto listed = f.ints(schema::kVulnChangeListed);
    const auto snapshot = f.ints(schema::kVulnChangeSnapshot);
    size_t k = 0;
    for (size_t r = 0; r < time.size(); ++r) {
      if (r > 0 && (time[r] < time[r - 1] || (time[r] == time[r - 1] && machine[r] <= machine[r - 1])))
        f.fail(schema::kVulnChanges, "row " + std::to_string(r) + " is out of (time, machine) order");
      while (k < publications.size() && publications[k] < time[r]) ++k;
      if (k == publications.size() || publications[k] != time[r])
        f.fail(schema::kVulnChangeTime.path(),
               "row " + std::to_string(r) + ": " + std::to_string(time[r]) + " is not the time of a publication");
      if (time[r] > published) break;
      if (view[r] > kVulnViewAbsent)
        f.fail(schema::kVulnChangeView.path(), "row " + std::to_string(r) + ": unknown view " + std::to_string(view[r]));
      const auto m = static_cast<size_t>(machine[r]);
      if (view[r] != kVulnViewAbsent && group_of[m] == kNoGroup)
        f.fail(schema::kVulnChanges, "row " + std::to_string(r) + ": machine " + std::to_string(m) + " has no group");
      MachineState& x = state[m];
      x.view = static_cast<uint8_t>(view[r]);
      for (size_t s = 0; s < kVulnSeverityCount; ++s) {
        x.offset[s] = offset[r * kVulnSeverityCount + s];
        x.listed[s] = listed[r * kVulnSeverityCount + s];
      }
      x.snapshot_time = snapshot[r];
    }
  }

  VulnerableResult result;
  result.asked_time = format_iso8601(f.start + at);
  result.publication_time = format_iso8601(f.start + published);
  result.severity = std::string(kVulnSeverityNames[lowest]);
  result.views.assign(kVulnViewNames.begin(), kVulnViewNames.end());
  result.environments = machines.environments;
  result.counts.assign(result.views.size(), std::vector<int64_t>(kEnvironmentCount, 0));
  for (size_t m = 0; m < n; ++m) {
    const MachineState& x = state[m];
    if (x.view == kVulnViewAbsent || !machines.selected(m)) continue;
    VulnerableRow row;
    int64_t open = 0, listed = 0;
    for (size_t s = 0; s < kVulnSeverityCount; ++s) {
      row.open[s] = disclosed_at(group_of[m], s) + x.offset[s];
      if (row.open[s] < 0)
        f.fail(schema::kVulnChanges, "machine " + std::to_string(m) + " has fewer than no open findings");
      const auto view = static_cast<size_t>(x.view);
      row.listed[s] = view == 1 ? row.open[s] : view >= 2 ? x.listed[s] : 0;
      if (s >= lowest) {
        open += row.open[s];
        listed += row.listed[s];
      }
    }
    if (open == 0) continue;
    ++result.counts[x.view][static_cast<size_t>(machines.environment[m])];
    ++result.matched;
    result.open += open;
    result.listed += listed;
    if (q.count || (q.limit && result.rows.size() >= q.limit)) continue;
    row.machine = static_cast<uint32_t>(m);
    row.cohort = machines.cohort_name(m);
    row.environment = machines.environment_name(m);
    row.location = machines.location_name(m);
    row.subscription = machines.subscription_id(m);
    row.os = machines.os_name(m);
    row.view = result.views[x.view];
    if (x.view >= 2) row.snapshot_time = format_iso8601(f.start + x.snapshot_time);
    result.rows.push_back(std::move(row));
  }
  return result;
}

// The fields that open every JSON answer.
Json header(const VulnerableResult& r) {
  return {{"at", r.asked_time}, {"publication", r.publication_time}, {"severity", r.severity},
          {"matched", r.matched}, {"open", r.open},                  {"listed", r.listed}};
}

Json by_severity(const std::array<int64_t, kVulnSeverityCount>& v) {
  Json o = Json::object();
  for (size_t s = 0; s < kVulnSeverityCount; ++s) o[std::string(kVulnSeverityNames[s])] = v[s];
  return o;
}

}  // namespace

VulnerableResult run_vulnerable_query(const QueryRequest& q) {
  const size_t lowest = severity_index(q.severity);  // a bad --severity is reported before the file is read
  try {
    return answer(q, lowest, RunFile(q.file));
  } catch (const h5::Error& e) {
    throw InvalidFile(q.file + ": " + e.what());
  }
}

void print_vulnerable(const QueryRequest& q, const VulnerableResult& r, std::ostream& out) {
  const bool csv = q.format == QueryFormat::Csv;
  if (q.count) {
    if (q.format == QueryFormat::Json) {
      Json counts = Json::object();
      for (size_t v = 0; v < r.views.size(); ++v) {
        Json by_env = Json::object();
        for (size_t e = 0; e < r.environments.size(); ++e) by_env[r.environments[e]] = r.counts[v][e];
        counts[r.views[v]] = by_env;
      }
      Json answer = header(r);
      answer["counts"] = counts;
      write_json(answer, out, -1);
      return;
    }
    if (!csv)
      out << "publication in force at " << r.asked_time << ": " << r.publication_time << "\n"
          << "machines with open findings of severity " << r.severity << " or above, by how Defender for Cloud sees "
          << "them\n";
    print_counts(out, csv, "view", r.views, r.environments, r.counts);
    if (!csv)
      out << r.matched << " machines; " << r.open << " open findings, " << r.listed
          << " listed by Defender for Cloud, " << r.open - r.listed << " not listed\n";
    return;
  }
  switch (q.format) {
    case QueryFormat::Csv:
      out << "machine,cohort,environment,location,subscription,os,view,snapshot_time";
      for (const auto s : kVulnSeverityNames) out << ",open_" << s;
      for (const auto s : kVulnSeverityNames) out << ",listed_" << s;
      out << "\n";
      for (const auto& row : r.rows) {
        out << row.machine << ',' << csv_field(row.cohort) << ',' << row.environment << ',' << csv_field(row.location)
            << ',' << csv_field(row.subscription) << ',' << row.os << ',' << row.view << ',' << row.snapshot_time;
        for (const auto v : row.open) out << ',' << v;
        for (const auto v : row.listed) out << ',' << v;
        out << "\n";
      }
      break;
    case QueryFormat::Json: {
      Json machines = Json::array();
      for (const auto& row : r.rows) {
        Json m = {{"machine", row.machine},         {"cohort", row.cohort}, {"environment", row.environment},
                  {"location", row.location},       {"subscription", row.subscription},
                  {"os", row.os},                   {"view", row.view},     {"open", by_severity(row.open)},
                  {"listed", by_severity(row.listed)}};
        if (!row.snapshot_time.empty()) m["snapshot_time"] = row.snapshot_time;
        machines.push_back(m);
      }
      Json answer = header(r);
      answer["machines"] = machines;
      write_json(answer, out, 1);
      break;
    }
    case QueryFormat::Table: {
      out << "publication in force at " << r.asked_time << ": " << r.publication_time << "; " << r.matched
          << " machines with open findings of severity " << r.severity << " or above (" << r.open << " findings, "
          << r.listed << " listed)\n";
      out << std::left << std::setw(9) << "machine" << std::setw(18) << "cohort" << std::setw(8) << "env"
          << std::setw(16) << "location" << std::setw(22) << "os" << std::setw(20) << "view" << std::right
          << std::setw(22) << "open (l/m/h/c)" << std::setw(22) << "listed (l/m/h/c)" << "\n";
      const auto join = [](const std::array<int64_t, kVulnSeverityCount>& v) {
        std::string s;
        for (size_t i = 0; i < v.size(); ++i) s += (i ? "/" : "") + std::to_string(v[i]);
        return s;
      };
      for (const auto& row : r.rows)
        out << std::left << std::setw(9) << row.machine << std::setw(18) << row.cohort << std::setw(8)
            << row.environment << std::setw(16) << row.location << std::setw(22) << row.os << std::setw(20) << row.view
            << std::right << std::setw(22) << join(row.open) << std::setw(22) << join(row.listed) << "\n";
      if (q.limit && r.matched > r.rows.size())
        out << "... " << r.matched - r.rows.size() << " more (raise --limit, or use --format csv)\n";
      break;
    }
  }
}

}  // namespace fleettwin
