#include "sim/readers/summary.hpp"

#include <cstdio>
#include <filesystem>
#include <iomanip>
#include <ostream>
#include <stdexcept>
#include <algorithm>

#include "sim/output/h5.hpp"

namespace fleettwin {

namespace {
void read_health(hid_t file, RunSummary& s) {
  HealthFigures& h = s.health;
  h.present = true;
  std::vector<hsize_t> dims;
  const auto counts = h5::read_ints(file, "/health/counts", &dims);  // [time, class, environment]
  const auto times = h5::read_ints(file, "/health/time");
  const size_t rows = dims[0], classes = dims[1], envs = dims[2];
  h.evaluations = static_cast<int64_t>(rows) - 1;
  const int64_t end = s.hours * 3600;
  for (size_t r = 0; r < rows; ++r) {
    HealthFigures::ClassCounts by_class{};
    for (size_t c = 0; c < classes && c < by_class.size(); ++c)
      for (size_t e = 0; e < envs; ++e) by_class[c] += counts[(r * classes + c) * envs + e];
    if (r == 0) h.start = by_class;
    h.end = by_class;
    for (size_t c = 0; c < by_class.size(); ++c) h.peak[c] = std::max(h.peak[c], by_class[c]);
    const auto n = [&](HealthClass c) { return by_class[static_cast<size_t>(c)]; };
    const int64_t healthy = n(HealthClass::Healthy);
    const int64_t applicable = healthy + n(HealthClass::InstallationIssue) + n(HealthClass::HeartbeatIssue) +
                               n(HealthClass::Provisioning);
    const double held = static_cast<double>((r + 1 < rows ? times[r + 1] : end) - times[r]) / 3600.0;
    h.unprotected_machine_hours += static_cast<double>(applicable - healthy) * held;
    h.applicable_machine_hours += static_cast<double>(applicable) * held;
    const double hours = static_cast<double>(times[r]) / 3600.0;
    const auto reached = [&](double share) { return applicable > 0 && healthy >= share * static_cast<double>(applicable); };
    if (h.hours_to_95 < 0 && reached(0.95)) h.hours_to_95 = hours;
    if (h.hours_to_99 < 0 && reached(0.99)) h.hours_to_99 = hours;
  }
  if (H5Lexists(file, "/outages", H5P_DEFAULT) > 0) {
    h.outages = static_cast<int64_t>(h5::read_ints(file, "/outages/start").size());
    h5::Id g(H5Gopen2(file, "/outages", H5P_DEFAULT), H5Gclose, "open /outages");
    h.heartbeats_delivered = h5::read_int_attr(g, "heartbeats_delivered");
  }
}
}  // namespace

RunSummary read_summary(const std::string& path) {
  if (!std::filesystem::is_regular_file(path)) throw std::runtime_error(path + ": no such file");
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);  // our own messages, not HDF5's stack dumps
  h5::Id file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose, "open " + path + " as HDF5");
  RunSummary s;
  s.file = path;
  s.scenario = h5::read_string_attr(file, "scenario_name");
  s.start = h5::read_string_attr(file, "start");
  s.seed = static_cast<uint64_t>(h5::read_int_attr(file, "seed"));
  s.machines = h5::read_int_attr(file, "machines");
  {
    h5::Id billing(H5Gopen2(file, "/billing", H5P_DEFAULT), H5Gclose, "open /billing");
    s.partial_hour_rule = h5::read_string_attr(billing, "partial_hour_rule");
  }
  std::vector<hsize_t> dims;
  const auto hours = h5::read_doubles(file, "/billing/billable_hours", &dims);
  const auto cost = h5::read_doubles(file, "/billing/cost_usd");
  s.hours = dims.empty() ? 0 : static_cast<int64_t>(dims[0]);
  for (size_t i = 0; i < hours.size(); ++i) {
    auto& g = s.groups[i % kMeterGroups];
    g.billed_hours += hours[i];
    g.cost_usd += cost[i];
  }
  const auto per_seat = h5::read_doubles(file, "/billing/monthly/per_seat_cost_usd");
  for (size_t i = 0; i < per_seat.size(); ++i) s.groups[i % kMeterGroups].per_seat_cost_usd += per_seat[i];
  const auto plan = h5::read_ints(file, "/machines/plan");
  const auto env = h5::read_ints(file, "/machines/environment");
  for (size_t i = 0; i < plan.size(); ++i) {
    ++s.machines_by_plan[static_cast<size_t>(plan[i])];
    const int g = meter_group(static_cast<Plan>(plan[i]), static_cast<Environment>(env[i]));
    if (g >= 0) ++s.groups[static_cast<size_t>(g)].machines;
  }
  for (const auto& g : s.groups) {
    s.total.machines += g.machines;
    s.total.billed_hours += g.billed_hours;
    s.total.cost_usd += g.cost_usd;
    s.total.per_seat_cost_usd += g.per_seat_cost_usd;
  }
  if (H5Lexists(file, "/health", H5P_DEFAULT) > 0) read_health(file, s);
  if (H5Lexists(file, "/run", H5P_DEFAULT) > 0) {
    h5::Id run(H5Gopen2(file, "/run", H5P_DEFAULT), H5Gclose, "open /run");
    s.wall_seconds = h5::read_double_attr(run, "wall_seconds");
    s.events = h5::read_int_attr(run, "events");
    s.events_per_second = h5::read_double_attr(run, "events_per_second");
    s.peak_rss_bytes = h5::read_int_attr(run, "peak_rss_bytes");
  }
  return s;
}

namespace {
std::string money(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "$%.2f", v);
  return buf;
}
std::string group_label(int g) {
  return std::string(kBilledPlanNames[static_cast<size_t>(g / kEnvironmentCount)]) + " " +
         std::string(kEnvironmentNames[static_cast<size_t>(g % kEnvironmentCount)]);
}
}  // namespace

void print_summary(const RunSummary& s, std::ostream& out) {
  out << "scenario " << s.scenario << "  start " << s.start << "  " << s.hours << " h  seed " << s.seed << "\n"
      << "machines " << s.machines << "  (P1 " << s.machines_by_plan[1] << ", P2 " << s.machines_by_plan[2]
      << ", not covered " << s.machines_by_plan[0] << ")\n"
      << "billing: hourly, partial hours " << s.partial_hour_rule << "\n\n";
  out << std::left << std::setw(14) << "plan env" << std::right << std::setw(10) << "machines" << std::setw(16)
      << "billed hours" << std::setw(16) << "cost" << std::setw(16) << "per-seat cost" << "\n";
  const auto row = [&](const std::string& label, const GroupFigures& g) {
    char hours[32];
    std::snprintf(hours, sizeof hours, "%.2f", g.billed_hours);
    out << std::left << std::setw(14) << label << std::right << std::setw(10) << g.machines << std::setw(16) << hours
        << std::setw(16) << money(g.cost_usd) << std::setw(16) << money(g.per_seat_cost_usd) << "\n";
  };
  for (int g = 0; g < kMeterGroups; ++g)
    if (s.groups[static_cast<size_t>(g)].machines > 0) row(group_label(g), s.groups[static_cast<size_t>(g)]);
  row("total", s.total);
  const double saving = s.total.per_seat_cost_usd - s.total.cost_usd;
  out << "\nhourly billing " << money(s.total.cost_usd) << " against " << money(s.total.per_seat_cost_usd)
      << " per seat per month";
  if (s.total.per_seat_cost_usd > 0) {
    char pct[32];
    std::snprintf(pct, sizeof pct, "%.1f", 100.0 * saving / s.total.per_seat_cost_usd);
    out << " (" << pct << " % less)";
  }
  out << "\n";
  if (s.health.present) {
    const auto& h = s.health;
    const auto when = [](double hours) {
      if (hours < 0) return std::string("not reached");
      char buf[48];
      std::snprintf(buf, sizeof buf, "%.0f h (%.1f d)", hours, hours / 24);
      return std::string(buf);
    };
    out << "\nhealth (" << h.evaluations << " four-hourly evaluations)\n";
    out << std::left << std::setw(20) << "class" << std::right << std::setw(10) << "start" << std::setw(10) << "end"
        << std::setw(10) << "peak" << "\n";
    for (size_t c = 0; c < kHealthClassNames.size(); ++c)
      if (h.peak[c] > 0)
        out << std::left << std::setw(20) << kHealthClassNames[c] << std::right << std::setw(10) << h.start[c] << std::setw(10)
            << h.end[c] << std::setw(10) << h.peak[c] << "\n";
    char line[200];
    std::snprintf(line, sizeof line, "unprotected: %.0f machine-hours (%.2f %% of applicable machine-hours)\n",
                  h.unprotected_machine_hours,
                  h.applicable_machine_hours > 0 ? 100.0 * h.unprotected_machine_hours / h.applicable_machine_hours : 0.0);
    out << "time to protect: 95 % of applicable machines healthy after " << when(h.hours_to_95) << ", 99 % after "
        << when(h.hours_to_99) << "\n"
        << line << "outages: " << h.outages << ", heartbeats delivered: " << h.heartbeats_delivered << "\n";
  }
  if (s.wall_seconds > 0) {
    char perf[160];
    std::snprintf(perf, sizeof perf, "run: %.2f s wall, %lld events, %.2f M events/s, peak RSS %.1f MiB\n",
                  s.wall_seconds, static_cast<long long>(s.events), s.events_per_second / 1e6,
                  static_cast<double>(s.peak_rss_bytes) / (1 << 20));
    out << perf;
  }
}

void print_summary_json(const RunSummary& s, std::ostream& out) {
  const auto q = [](const std::string& v) {
    std::string r = "\"";
    for (char c : v) {
      if (c == '"' || c == '\\') r += '\\';
      r += c;
    }
    return r + "\"";
  };
  const auto num = [](double v) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.6f", v);
    return std::string(buf);
  };
  const auto fig = [&](const GroupFigures& g) {
    return "{\"machines\": " + std::to_string(g.machines) + ", \"billed_hours\": " + num(g.billed_hours) +
           ", \"cost_usd\": " + num(g.cost_usd) + ", \"per_seat_cost_usd\": " + num(g.per_seat_cost_usd) + "}";
  };
  out << "{\n  \"file\": " << q(s.file) << ",\n  \"scenario\": " << q(s.scenario) << ",\n  \"start\": " << q(s.start)
      << ",\n  \"hours\": " << s.hours << ",\n  \"seed\": " << s.seed << ",\n  \"machines\": " << s.machines
      << ",\n  \"machines_by_plan\": {\"off\": " << s.machines_by_plan[0] << ", \"P1\": " << s.machines_by_plan[1]
      << ", \"P2\": " << s.machines_by_plan[2] << "},\n  \"partial_hour_rule\": " << q(s.partial_hour_rule)
      << ",\n  \"groups\": {";
  bool first = true;
  for (int g = 0; g < kMeterGroups; ++g) {
    const auto& f = s.groups[static_cast<size_t>(g)];
    if (f.machines == 0 && f.billed_hours == 0) continue;
    out << (first ? "\n" : ",\n") << "    " << q(group_label(g)) << ": " << fig(f);
    first = false;
  }
  out << "\n  },\n  \"total\": " << fig(s.total);
  if (s.health.present) {
    const auto& h = s.health;
    const auto arr = [](const HealthFigures::ClassCounts& a) {
      std::string r = "[";
      for (size_t i = 0; i < a.size(); ++i) r += (i ? ", " : "") + std::to_string(a[i]);
      return r + "]";
    };
    std::string classes;
    for (const auto name : kHealthClassNames) classes += (classes.empty() ? "" : ", ") + q(std::string(name));
    out << ",\n  \"health\": {\"classes\": [" << classes << "], \"start\": " << arr(h.start) << ", \"end\": " << arr(h.end) << ", \"peak\": " << arr(h.peak)
        << ", \"hours_to_95_percent_healthy\": " << (h.hours_to_95 < 0 ? std::string("null") : num(h.hours_to_95))
        << ", \"hours_to_99_percent_healthy\": " << (h.hours_to_99 < 0 ? std::string("null") : num(h.hours_to_99))
        << ", \"unprotected_machine_hours\": " << num(h.unprotected_machine_hours)
        << ", \"applicable_machine_hours\": " << num(h.applicable_machine_hours) << ", \"outages\": " << h.outages
        << ", \"heartbeats_delivered\": " << h.heartbeats_delivered << "}";
  }
  out << ",\n  \"run\": {\"wall_seconds\": " << num(s.wall_seconds)
      << ", \"events\": " << s.events << ", \"events_per_second\": " << num(s.events_per_second)
      << ", \"peak_rss_bytes\": " << s.peak_rss_bytes << "}\n}\n";
}

}  // namespace fleettwin
