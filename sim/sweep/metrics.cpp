#include "sim/sweep/metrics.hpp"

#include <cmath>
#include <functional>
#include <limits>

#include "models/fleet/fleet_types.hpp"
#include "models/health/health_issues.hpp"
#include "sim/output/run_file.hpp"
#include "sim/readers/summary.hpp"

namespace fleettwin::sweep {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Metric {
  MetricInfo info;
  std::function<double(const RunSummary&)> value;
};

// -1 in the summary means "never reached": no figure.
double reached(double hours) { return hours < 0 ? kNaN : hours; }

std::vector<Metric> build_metrics() {
  std::vector<Metric> m;
  const auto add = [&](std::string name, std::string units, std::string description,
                       std::function<double(const RunSummary&)> f) {
    m.push_back({{std::move(name), std::move(units), std::move(description)}, std::move(f)});
  };
  add("total_cost_usd", "USD", "list-price cost of Defender for Servers over the run (/billing/cost_usd summed)",
      [](const RunSummary& s) { return s.total.cost_usd; });
  add("total_billed_hours", "h", "billed machine-hours over the run",
      [](const RunSummary& s) { return s.total.billed_hours; });
  for (int g = 0; g < kMeterGroups; ++g) {
    const std::string plan(kBilledPlanNames[static_cast<size_t>(g / kEnvironmentCount)]);
    const std::string env(kEnvironmentNames[static_cast<size_t>(g % kEnvironmentCount)]);
    add("cost_usd_" + plan + "_" + env, "USD", "list-price cost of " + plan + " in " + env,
        [g](const RunSummary& s) { return s.groups[static_cast<size_t>(g)].cost_usd; });
    add("billed_hours_" + plan + "_" + env, "h", "billed machine-hours of " + plan + " in " + env,
        [g](const RunSummary& s) { return s.groups[static_cast<size_t>(g)].billed_hours; });
  }
  add("licence_discount_usd", "USD", "Defender for Endpoint licence discount over the run",
      [](const RunSummary& s) { return s.licence_discount_usd; });
  add("trial_saving_usd", "USD", "what the 30-day trials did not bill",
      [](const RunSummary& s) { return s.trial_saving_usd; });
  add("data_overage_usd", "USD", "security data beyond Plan 2's pooled 500 MB/day allowance, priced",
      [](const RunSummary& s) { return s.data_overage_usd; });
  add("unprotected_machine_hours", "h",
      "machine-hours applicable machines spent not healthy (held from each four-hourly evaluation to the next)",
      [](const RunSummary& s) { return s.health.unprotected_machine_hours; });
  add("unprotected_share", "1", "unprotected machine-hours over applicable machine-hours", [](const RunSummary& s) {
    return s.health.applicable_machine_hours > 0
               ? s.health.unprotected_machine_hours / s.health.applicable_machine_hours
               : kNaN;
  });
  add("hours_to_95_healthy", "h", "first evaluation with 95 % of applicable machines healthy (NaN: never)",
      [](const RunSummary& s) { return reached(s.health.hours_to_95); });
  add("hours_to_99_healthy", "h", "first evaluation with 99 % of applicable machines healthy (NaN: never)",
      [](const RunSummary& s) { return reached(s.health.hours_to_99); });
  const auto cls = [](HealthClass c) { return static_cast<size_t>(c); };
  add("peak_heartbeat_issues", "1", "the most machines with a heartbeat issue at any evaluation",
      [cls](const RunSummary& s) { return static_cast<double>(s.health.peak[cls(HealthClass::HeartbeatIssue)]); });
  add("peak_installation_issues", "1", "the most machines with an installation issue at any evaluation",
      [cls](const RunSummary& s) { return static_cast<double>(s.health.peak[cls(HealthClass::InstallationIssue)]); });
  add("unhealthy_end", "1", "machines with an installation or heartbeat issue at the last evaluation",
      [cls](const RunSummary& s) {
        return static_cast<double>(s.health.end[cls(HealthClass::InstallationIssue)] +
                                   s.health.end[cls(HealthClass::HeartbeatIssue)]);
      });
  add("healthy_end", "1", "healthy machines at the last evaluation",
      [cls](const RunSummary& s) { return static_cast<double>(s.health.end[cls(HealthClass::Healthy)]); });
  add("outages", "1", "site and region outages", [](const RunSummary& s) { return static_cast<double>(s.health.outages); });
  // Threats (NaN without them).
  const auto threat = [](auto f) {
    return [f](const RunSummary& s) { return s.threats.present ? static_cast<double>(f(s.threats)) : kNaN; };
  };
  add("alerts", "1", "alerts raised", threat([](const ThreatFigures& t) { return t.alerts; }));
  add("incidents", "1", "incidents", threat([](const ThreatFigures& t) { return t.incidents; }));
  add("campaigns", "1", "attack campaigns (ground truth)", threat([](const ThreatFigures& t) { return t.campaigns; }));
  add("campaigns_unseen", "1", "campaigns no alert ever showed",
      threat([](const ThreatFigures& t) { return t.campaigns_unseen; }));
  add("machines_impacted", "1", "machines the attacks reached their objective on",
      threat([](const ThreatFigures& t) { return t.impacted; }));
  add("detect_mean_hours", "h", "campaign start to first detection, mean over detected campaigns",
      threat([](const ThreatFigures& t) { return t.detect_mean_s < 0 ? kNaN : t.detect_mean_s / 3600; }));
  // Vulnerabilities (NaN without them).
  const auto vuln = [](auto f) {
    return [f](const RunSummary& s) { return s.vulnerabilities.present ? static_cast<double>(f(s.vulnerabilities)) : kNaN; };
  };
  add("open_findings_end", "1", "open vulnerability findings at the last publication (truth)",
      vuln([](const VulnerabilityFigures& v) { return v.open_end; }));
  add("unseen_findings_end", "1", "open findings Defender for Cloud does not list, at the last publication",
      vuln([](const VulnerabilityFigures& v) { return v.unseen_end; }));
  add("unseen_finding_days_share", "1", "share of finding-days Defender for Cloud did not see",
      vuln([](const VulnerabilityFigures& v) {
        return v.open_finding_days > 0 ? v.unseen_finding_days / v.open_finding_days : kNaN;
      }));
  add("critical_open_end", "1", "open critical findings at the last publication",
      vuln([](const VulnerabilityFigures& v) { return v.critical_open_end; }));
  add("exposure_score_end", "1", "Defender Vulnerability Management's exposure score on the last day",
      vuln([](const VulnerabilityFigures& v) { return v.exposure_end; }));
  add("secure_score_end", "%", "secure score of the machine controls at the end",
      vuln([](const VulnerabilityFigures& v) { return v.secure_end; }));
  return m;
}

const std::vector<Metric>& metrics() {
  static const std::vector<Metric> m = build_metrics();
  return m;
}

// A series: read from the run file, one value per step of its time axis.
struct Series {
  MetricInfo info;
  const schema::Dataset* time;
  std::function<std::vector<double>(const RunFile&)> values;
};

// Sums a (T, ...) dataset over everything after its first axis, keeping the entries `keep` says of the second.
std::vector<double> sum_rows(const std::vector<double>& v, size_t rows, size_t second, size_t rest,
                             const std::function<bool(size_t)>& keep = {}) {
  std::vector<double> out(rows, 0.0);
  for (size_t t = 0; t < rows; ++t)
    for (size_t j = 0; j < second; ++j)
      if (!keep || keep(j))
        for (size_t k = 0; k < rest; ++k) out[t] += v[(t * second + j) * rest + k];
  return out;
}

std::vector<double> as_reals(const std::vector<int64_t>& v) { return {v.begin(), v.end()}; }

std::vector<Series> build_series() {
  std::vector<Series> s;
  const auto hourly = [](const schema::Dataset& d) {
    return [&d](const RunFile& f) {
      return sum_rows(f.reals(d), f.axis(schema::Axis::Hour), kBilledPlanCount, kEnvironmentCount);
    };
  };
  s.push_back({{"hourly_cost_usd", "USD", "list-price cost of each clock hour, all plans and environments"},
               &schema::kBillingTime, hourly(schema::kCost)});
  s.push_back({{"hourly_billed_hours", "h", "billed machine-hours of each clock hour"}, &schema::kBillingTime,
               hourly(schema::kBillableHours)});
  const auto health = [](std::function<double(const std::vector<double>&)> f) {
    return [f](const RunFile& file) {
      const auto counts = as_reals(file.ints(schema::kHealthCounts));
      const size_t t_count = file.axis(schema::Axis::Evaluation);
      std::vector<double> out(t_count);
      std::vector<double> by_class(kHealthClassCount);
      for (size_t t = 0; t < t_count; ++t) {
        for (size_t c = 0; c < kHealthClassCount; ++c) {
          by_class[c] = 0;
          for (size_t e = 0; e < kEnvironmentCount; ++e)
            by_class[c] += counts[(t * kHealthClassCount + c) * kEnvironmentCount + e];
        }
        out[t] = f(by_class);
      }
      return out;
    };
  };
  const auto at = [](HealthClass c) { return static_cast<size_t>(c); };
  s.push_back({{"healthy_share", "1", "healthy machines over applicable ones (healthy + installation + heartbeat issue) "
                                      "at each four-hourly evaluation"},
               &schema::kHealthTime, health([at](const std::vector<double>& c) {
                 const double applicable = c[at(HealthClass::Healthy)] + c[at(HealthClass::InstallationIssue)] +
                                           c[at(HealthClass::HeartbeatIssue)];
                 return applicable > 0 ? c[at(HealthClass::Healthy)] / applicable : kNaN;
               })});
  for (const HealthClass c : {HealthClass::Healthy, HealthClass::InstallationIssue, HealthClass::HeartbeatIssue,
                              HealthClass::NotApplicable}) {
    const std::string name(kHealthClassNames[at(c)]);
    s.push_back({{name, "1", "machines in health class " + name + " at each four-hourly evaluation"}, &schema::kHealthTime,
                 health([at, c](const std::vector<double>& v) { return v[at(c)]; })});
  }
  const auto vuln = [](const schema::Dataset& d) {
    return [&d](const RunFile& f) {
      return sum_rows(as_reals(f.ints(d)), f.axis(schema::Axis::VulnTime), kEnvironmentCount, 4);
    };
  };
  s.push_back({{"open_findings", "1", "open vulnerability findings at each publication (truth)"}, &schema::kVulnTime,
               vuln(schema::kVulnOpen)});
  s.push_back({{"unseen_findings", "1", "open findings not listed by Defender for Cloud at each publication"},
               &schema::kVulnTime, vuln(schema::kVulnUnseen)});
  return s;
}

const std::vector<Series>& series() {
  static const std::vector<Series> s = build_series();
  return s;
}

template <class T>
const T* find_in(const std::vector<T>& v, std::string_view name) {
  for (const auto& x : v)
    if (x.info.name == name) return &x;
  return nullptr;
}

template <class T>
std::vector<MetricInfo> infos_of(const std::vector<T>& v) {
  std::vector<MetricInfo> out;
  for (const auto& x : v) out.push_back(x.info);
  return out;
}

}  // namespace

const std::vector<MetricInfo>& metric_catalogue() {
  static const std::vector<MetricInfo> c = infos_of(metrics());
  return c;
}

const std::vector<MetricInfo>& series_catalogue() {
  static const std::vector<MetricInfo> c = infos_of(series());
  return c;
}

const MetricInfo* find_metric(std::string_view name) {
  const Metric* m = find_in(metrics(), name);
  return m ? &m->info : nullptr;
}
const MetricInfo* find_series(std::string_view name) {
  const Series* s = find_in(series(), name);
  return s ? &s->info : nullptr;
}

RunValues read_run_values(const std::string& file, const std::vector<std::string>& metric_names,
                          const std::vector<std::string>& series_names) {
  RunValues v;
  const RunSummary summary = read_summary(file);
  for (const auto& n : metric_names) v.metrics.push_back(find_in(metrics(), n)->value(summary));
  if (series_names.empty()) return v;
  try {
    const RunFile f(file);
    for (const auto& n : series_names) {
      const Series* s = find_in(series(), n);
      v.times.push_back(f.ints(*s->time));
      v.series.push_back(s->values(f));
    }
  } catch (const h5::Error& e) {
    throw InvalidFile(file + ": " + e.what());
  }
  return v;
}

}  // namespace fleettwin::sweep
