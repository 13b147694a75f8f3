#include "sim/summary.hpp"

#include <cstdio>
#include <filesystem>
#include <iomanip>
#include <ostream>
#include <stdexcept>

#include "sim/h5.hpp"

namespace fleettwin {

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
  out << "\n  },\n  \"total\": " << fig(s.total) << ",\n  \"run\": {\"wall_seconds\": " << num(s.wall_seconds)
      << ", \"events\": " << s.events << ", \"events_per_second\": " << num(s.events_per_second)
      << ", \"peak_rss_bytes\": " << s.peak_rss_bytes << "}\n}\n";
}

}  // namespace fleettwin
