#include "sim/readers/summary.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iomanip>
#include <limits>
#include <ostream>

#include "models/common/order_statistics.hpp"
#include "models/health/health_evaluation.hpp"
#include "models/threats/detection.hpp"
#include "sim/output/run_file.hpp"
#include "sim/readers/json_output.hpp"

namespace fleettwin {

namespace {

// Rows of a [time, a, b] cube as a (time x a*b) matrix: Eigen reduces it column-wise in vectorised passes.
template <class T>
using Rows = Eigen::Array<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
template <class T>
Eigen::Map<const Rows<T>> rows(const std::vector<T>& v, size_t n_rows) {
  return {v.data(), static_cast<Eigen::Index>(n_rows), static_cast<Eigen::Index>(n_rows ? v.size() / n_rows : 0)};
}

void read_health(const RunFile& f, RunSummary& s) {
  HealthFigures& h = s.health;
  h.present = true;
  const size_t evaluations = f.axis(schema::Axis::Evaluation);
  const auto times = f.ints(schema::kHealthTime);
  if (times.empty() || times[0] != 0) f.fail(schema::kHealthTime.path(), "the first evaluation is not the start (0)");
  for (size_t r = 1; r < times.size(); ++r)
    if (times[r] <= times[r - 1] || (f.start + times[r]) % kEvaluationPeriod != 0)
      f.fail(schema::kHealthTime.path(), "element " + std::to_string(r) + " (" + std::to_string(times[r]) +
                                             ") is not the next four-hourly UTC boundary");
  const auto counts = f.ints(schema::kHealthCounts);  // [evaluation, class, environment]
  // Machines per class at each evaluation: the environments of each class summed.
  const Rows<int64_t> by_class =
      rows(counts, evaluations).reshaped<Eigen::RowMajor>(static_cast<Eigen::Index>(evaluations * kHealthClassCount),
                                                          kEnvironmentCount)
          .rowwise()
          .sum()
          .reshaped<Eigen::RowMajor>(static_cast<Eigen::Index>(evaluations), kHealthClassCount);
  const Eigen::Array<int64_t, Eigen::Dynamic, 1> totals = by_class.rowwise().sum();
  for (Eigen::Index r = 0; r < totals.size(); ++r)
    if (totals[r] != f.machines)
      f.fail(schema::kHealthCounts.path(), "evaluation " + std::to_string(r) + " counts " + std::to_string(totals[r]) +
                                               " machines, the fleet has " + std::to_string(f.machines));
  h.evaluations = static_cast<int64_t>(evaluations) - 1;
  const auto col = [&](HealthClass c) { return by_class.col(static_cast<Eigen::Index>(c)); };
  const Eigen::Array<int64_t, Eigen::Dynamic, 1> healthy = col(HealthClass::Healthy);
  const Eigen::Array<int64_t, Eigen::Dynamic, 1> applicable =
      healthy + col(HealthClass::InstallationIssue) + col(HealthClass::HeartbeatIssue) + col(HealthClass::Provisioning);
  // Each evaluation's classes hold until the next one (the last until the end of the run).
  Eigen::ArrayXd held(static_cast<Eigen::Index>(evaluations));
  for (size_t r = 0; r < evaluations; ++r)
    held[static_cast<Eigen::Index>(r)] =
        static_cast<double>((r + 1 < evaluations ? times[r + 1] : f.duration) - times[r]) / 3600.0;
  h.unprotected_machine_hours = ((applicable - healthy).cast<double>() * held).sum();
  h.applicable_machine_hours = (applicable.cast<double>() * held).sum();
  for (size_t c = 0; c < kHealthClassCount; ++c) {
    h.start[c] = by_class(0, static_cast<Eigen::Index>(c));
    h.end[c] = by_class(by_class.rows() - 1, static_cast<Eigen::Index>(c));
    h.peak[c] = by_class.col(static_cast<Eigen::Index>(c)).maxCoeff();
  }
  for (size_t r = 0; r < evaluations; ++r) {
    const auto i = static_cast<Eigen::Index>(r);
    const auto reached = [&](double share) {
      return applicable[i] > 0 && static_cast<double>(healthy[i]) >= share * static_cast<double>(applicable[i]);
    };
    const double hours = static_cast<double>(times[r]) / 3600.0;
    if (h.hours_to_95 < 0 && reached(0.95)) h.hours_to_95 = hours;
    if (h.hours_to_99 < 0 && reached(0.99)) h.hours_to_99 = hours;
  }
  if (f.has(schema::kOutages)) {
    h.outages = static_cast<int64_t>(f.axis(schema::Axis::Outage));
    f.ints(schema::kOutageStart);
    h.heartbeats_delivered =
        f.int_attr(schema::kOutages, schema::outages::kHeartbeatsDelivered, 0, std::numeric_limits<int64_t>::max());
  }
}

void read_threats(const RunFile& f, RunSummary& s) {
  ThreatFigures& t = s.threats;
  t.present = true;
  const auto severity = f.ints(schema::kAlertSeverity);
  const auto classification = f.ints(schema::kAlertClassification);
  const auto suppressed = f.ints(schema::kAlertSuppressed);
  t.alerts = static_cast<int64_t>(severity.size());
  for (size_t i = 0; i < severity.size(); ++i) {
    ++t.alerts_by_severity[static_cast<size_t>(severity[i])];
    ++t.alerts_by_classification[static_cast<size_t>(classification[i])];
    t.suppressed += suppressed[i] != 0;
  }
  t.cached = f.int_attr(schema::kAlerts, schema::kAlertsCached, 0, std::numeric_limits<int64_t>::max());
  t.incidents = static_cast<int64_t>(f.axis(schema::Axis::Incident));
  const auto start = f.ints(schema::kCampaignStart);
  const auto machines = f.ints(schema::kCampaignMachines);
  const auto first_detection = f.ints(schema::kCampaignFirstDetection);
  const auto first_alert = f.ints(schema::kCampaignFirstAlert);
  const auto first_containment = f.ints(schema::kCampaignFirstContainment);
  const auto unseen = f.ints(schema::kCampaignUnseen);
  const auto sum = [&](const schema::Dataset& spec) {
    int64_t n = 0;
    for (int64_t v : f.ints(spec)) n += v;
    return n;
  };
  t.campaigns = static_cast<int64_t>(start.size());
  t.steps = sum(schema::kCampaignSteps);
  t.blocked = sum(schema::kCampaignBlocked);
  t.detected = sum(schema::kCampaignDetected);
  t.impacted = sum(schema::kCampaignImpacted);
  t.contained = sum(schema::kCampaignContained);
  t.tampered = sum(schema::kCampaignTampered);
  std::vector<int64_t> detect, contain;
  for (size_t c = 0; c < start.size(); ++c) {
    t.machines_reached += machines[c];
    if (first_alert[c] < 0) ++t.campaigns_unseen;
    if (first_detection[c] >= 0) detect.push_back(first_detection[c] - start[c]);
    if (first_containment[c] >= 0) contain.push_back(first_containment[c] - start[c]);
    for (size_t k = 0; k < t.unseen.size(); ++k) t.unseen[k] += unseen[c * t.unseen.size() + k];
  }
  const MeanP95 none{-1, -1};
  const MeanP95 d = mean_and_p95(std::move(detect)).value_or(none), c = mean_and_p95(std::move(contain)).value_or(none);
  t.detect_mean_s = d.mean;
  t.detect_p95_s = d.p95;
  t.contain_mean_s = c.mean;
  t.contain_p95_s = c.p95;
  namespace soc = schema::soc;
  t.tta_mean_s = f.real_attr(schema::kSoc, soc::kMeanTta, 0, 1e12);
  t.tta_p95_s = f.real_attr(schema::kSoc, soc::kP95Tta, 0, 1e12);
  t.ttr_mean_s = f.real_attr(schema::kSoc, soc::kMeanTtr, 0, 1e12);
  t.ttr_p95_s = f.real_attr(schema::kSoc, soc::kP95Ttr, 0, 1e12);
  const auto count = [&](std::string_view name) {
    return f.optional_int_attr(schema::kSoc, name).value_or(0);
  };
  t.approvals_requested = count(soc::kApprovalsRequested);
  t.approvals_granted = count(soc::kApprovalsGranted);
  t.approvals_timed_out = count(soc::kApprovalsTimedOut);
  t.expansions_automatic = count(soc::kExpansionsAutomatic);
  t.expansions_needing_approval = count(soc::kExpansionsNeedingApproval);
  t.expansions_approved = count(soc::kExpansionsApproved);
  t.expansions_timed_out = count(soc::kExpansionsTimedOut);
  t.expansion_devices = count(soc::kExpansionDevices);
  const auto backlog = f.ints(schema::kSocBacklog);
  for (int64_t b : backlog) t.backlog_max = std::max(t.backlog_max, b);
  t.backlog_end = backlog.empty() ? 0 : backlog.back();
  const auto util = f.reals(schema::kSocUtilisation);
  double u = 0;
  for (double x : util) u += x;
  t.utilisation_mean = util.empty() ? 0 : u / static_cast<double>(util.size());
}

}  // namespace

namespace {
RunSummary summarise(const RunFile& f);

void read_vulnerabilities(const RunFile& f, RunSummary& s) {
  VulnerabilityFigures& v = s.vulnerabilities;
  const size_t T = f.axis(schema::Axis::VulnTime);
  if (T == 0) return;
  v.present = true;
  const auto open = f.ints(schema::kVulnOpen), listed = f.ints(schema::kVulnListed), unseen = f.ints(schema::kVulnUnseen);
  const size_t row = kEnvironmentCount * 4;
  for (size_t k = 0; k < row; ++k) {
    v.open_end += static_cast<double>(open[(T - 1) * row + k]);
    v.listed_end += static_cast<double>(listed[(T - 1) * row + k]);
    v.unseen_end += static_cast<double>(unseen[(T - 1) * row + k]);
  }
  for (const double x : f.reals(schema::kVulnOpenDays)) v.open_finding_days += x;
  for (const double x : f.reals(schema::kVulnUnseenDays)) v.unseen_finding_days += x;
  const auto by_cause = f.reals(schema::kVulnUnseenCauseDays);
  for (size_t i = 0; i < by_cause.size(); ++i) v.unseen_days_by_cause[i % 3] += by_cause[i];
  const auto crit = f.ints(schema::kVulnCriticalOpen);
  const auto age = f.reals(schema::kVulnCriticalAge);
  double weighted = 0;
  for (size_t e = 0; e < kEnvironmentCount; ++e) {
    const auto n = static_cast<double>(crit[(T - 1) * kEnvironmentCount + e]);
    v.critical_open_end += n;
    weighted += n * age[(T - 1) * kEnvironmentCount + e];
  }
  v.critical_mean_age_days_end = v.critical_open_end > 0 ? weighted / v.critical_open_end : 0;
  const auto shown = f.reals(schema::kExposureScore), truth = f.reals(schema::kExposureTrue);
  if (!shown.empty()) {
    v.exposure_start = shown.front();
    v.exposure_end = shown.back();
    v.true_exposure_end = truth.back();
  }
  const auto secure = f.reals(schema::kSecurePercent);
  if (!secure.empty()) {
    v.secure_start = secure.front();
    v.secure_end = secure.back();
  }
  const auto big = std::numeric_limits<int64_t>::max();
  v.exploitation_attempts = f.int_attr(schema::kVulnerabilities, schema::kVulnExploitAttempts, 0, big);
  v.exploitation_succeeded = f.int_attr(schema::kVulnerabilities, schema::kVulnExploitSucceeded, 0, big);
}
}  // namespace

RunSummary read_summary(const std::string& path) {
  try {
    return summarise(RunFile(path));
  } catch (const h5::Error& e) {
    throw InvalidFile(path + ": " + e.what());
  }
}

namespace {
RunSummary summarise(const RunFile& f) {
  const std::string& path = f.path();
  RunSummary s;
  s.file = path;
  s.scenario = f.scenario_name;
  s.start = f.start_text;
  s.seed = f.seed;
  s.machines = f.machines;
  s.partial_hour_rule = f.text_attr(schema::kBilling, schema::billing::kPartialHourRule);
  if (s.partial_hour_rule != "prorate" && s.partial_hour_rule != "round-up")
    f.fail(schema::kBilling, "attribute partial_hour_rule: '" + s.partial_hour_rule.substr(0, 40) +
                                 "' is neither prorate nor round-up");
  const size_t hours = f.axis(schema::Axis::Hour);
  s.hours = static_cast<int64_t>(hours);
  const auto time = f.ints(schema::kBillingTime);
  for (size_t h = 0; h < time.size(); ++h)
    if (time[h] != static_cast<int64_t>(h) * 3600)
      f.fail(schema::kBillingTime.path(), "element " + std::to_string(h) + " is not the start of clock hour " + std::to_string(h));
  // Totals per meter group (plan x environment): column sums of the [hour, plan, environment] cubes.
  const Eigen::ArrayXd billed = rows(f.reals(schema::kBillableHours), hours).colwise().sum().transpose();
  const Eigen::ArrayXd cost = rows(f.reals(schema::kCost), hours).colwise().sum().transpose();
  const Eigen::ArrayXd per_seat =
      rows(f.reals(schema::kPerSeatCost), f.axis(schema::Axis::Month)).colwise().sum().transpose();
  for (int g = 0; g < kMeterGroups; ++g) {
    s.groups[static_cast<size_t>(g)].billed_hours = hours ? billed[g] : 0.0;
    s.groups[static_cast<size_t>(g)].cost_usd = hours ? cost[g] : 0.0;
    s.groups[static_cast<size_t>(g)].per_seat_cost_usd = per_seat.size() ? per_seat[g] : 0.0;
  }
  const auto plan = f.ints(schema::kMachinePlan);
  const auto env = f.ints(schema::kMachineEnvironment);
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
  for (const double x : f.reals(schema::kTrialSaving)) s.trial_saving_usd += x;
  for (const double x : f.reals(schema::kLicenceDiscount)) s.licence_discount_usd += x;
  if (f.has(std::string(schema::kData))) {
    for (const double x : f.reals(schema::kOverageCost)) s.data_overage_usd += x;
    for (const double x : f.reals(schema::kOverageBytes)) s.data_overage_bytes += x;
    const auto stored = f.reals(schema::kStoredBytes);
    for (size_t g = 0; g < kGeoNames.size() && stored.size() >= kGeoNames.size(); ++g)
      s.telemetry_stored_end_bytes += stored[stored.size() - kGeoNames.size() + g];
  }
  if (f.has(schema::kHealth)) read_health(f, s);
  if (f.has("/threats") && f.int_attr("/threats", schema::kThreatsEnabled, 0, 1) == 1) read_threats(f, s);
  if (f.has(std::string(schema::kVulnerabilities)) &&
      f.int_attr(schema::kVulnerabilities, schema::kVulnEnabled, 0, 1) == 1)
    read_vulnerabilities(f, s);
  namespace run = schema::run;
  s.wall_seconds = f.optional_real_attr(schema::kRun, run::kWallSeconds).value_or(0.0);
  s.events = f.optional_int_attr(schema::kRun, run::kEvents).value_or(0);
  s.events_per_second = f.optional_real_attr(schema::kRun, run::kEventsPerSecond).value_or(0.0);
  s.peak_rss_bytes = f.optional_int_attr(schema::kRun, run::kPeakRss).value_or(0);
  s.threads = f.optional_int_attr(schema::kRun, run::kThreads).value_or(0);
  return s;
}
}  // namespace

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
  if (s.trial_saving_usd > 0 || s.licence_discount_usd > 0)
    out << "licensing: trial saved " << money(s.trial_saving_usd) << ", Defender for Endpoint licence discount "
        << money(s.licence_discount_usd) << "; billed " << money(s.total.cost_usd - s.trial_saving_usd - s.licence_discount_usd)
        << "\n";
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
  if (s.threats.present) {
    const ThreatFigures& t = s.threats;
    const auto hours = [](double seconds) {
      char b[40];
      if (seconds < 0) return std::string("-");
      std::snprintf(b, sizeof b, "%.1f h", seconds / 3600);
      return std::string(b);
    };
    out << "\nalerts " << t.alerts << " in Defender for Cloud: high " << t.alerts_by_severity[3] << ", medium "
        << t.alerts_by_severity[2] << ", low " << t.alerts_by_severity[1] << ", informational " << t.alerts_by_severity[0]
        << "\n  ground truth: " << t.alerts_by_classification[0] << " attack, " << t.alerts_by_classification[1]
        << " benign positive, " << t.alerts_by_classification[2] << " false positive; " << t.suppressed
        << " suppressed, " << t.cached << " cached behind an outage; " << t.incidents << " incidents\n";
    out << "campaigns " << t.campaigns << " (" << t.campaigns_unseen << " never alerted on), machines reached "
        << t.machines_reached << ", encrypted " << t.impacted << ", contained " << t.contained << ", sensors tampered "
        << t.tampered << "\n";
    out << "  steps " << t.steps << ": blocked " << t.blocked << ", detected " << t.detected << ", unseen "
        << (t.steps - t.blocked - t.detected) << " (";
    for (size_t k = 0; k < t.unseen.size(); ++k)
      out << (k ? ", " : "") << kUnseenCauseNames[k] << " " << t.unseen[k];
    out << ")\n  time to detect: mean " << hours(t.detect_mean_s) << ", 95th percentile " << hours(t.detect_p95_s)
        << "; time to contain: mean " << hours(t.contain_mean_s) << ", 95th percentile " << hours(t.contain_p95_s)
        << "\n";
    out << "SOC: time to acknowledge mean " << hours(t.tta_mean_s) << " (p95 " << hours(t.tta_p95_s)
        << "), to resolve mean " << hours(t.ttr_mean_s) << " (p95 " << hours(t.ttr_p95_s) << "); backlog peak "
        << t.backlog_max << ", at the end " << t.backlog_end << "; utilisation " << std::fixed << std::setprecision(1)
        << 100 * t.utilisation_mean << " %\n" << std::defaultfloat;
    if (t.approvals_requested > 0)
      out << "  semi automation: " << t.approvals_requested << " pending actions, " << t.approvals_granted
          << " approved, " << t.approvals_timed_out << " timed out (rejected)\n";
    if (t.expansions_automatic + t.expansions_needing_approval > 0)
      out << "  investigations expanded to other devices: " << t.expansions_automatic << " at once, "
          << t.expansions_needing_approval << " needing approval (" << t.expansions_approved << " approved, "
          << t.expansions_timed_out << " timed out); " << t.expansion_devices << " devices reached\n";
  }
  {
    char d[200];
    std::snprintf(d, sizeof d,
                  "data: Plan 2 security data beyond the pooled 500 MB/day %.1f GB (%s); telemetry stored at the end "
                  "%.1f GB\n",
                  s.data_overage_bytes / 1e9, money(s.data_overage_usd).c_str(), s.telemetry_stored_end_bytes / 1e9);
    out << d;
  }
  if (s.vulnerabilities.present) {
    const VulnerabilityFigures& v = s.vulnerabilities;
    char b[600];
    const double share = v.open_finding_days > 0 ? 100 * v.unseen_finding_days / v.open_finding_days : 0;
    const double u = v.unseen_finding_days > 0 ? 100 / v.unseen_finding_days : 0;
    std::snprintf(b, sizeof b,
                  "\nvulnerabilities at the end: %.0f open, %.0f listed by Defender for Cloud, %.0f unseen; %.0f critical "
                  "open, mean age %.1f d\n  unseen finding-days: %.0f of %.0f (%.2f %%): no assessment %.1f %%, stale "
                  "snapshot %.1f %%, awaiting publication %.1f %%\n  exposure score %.1f -> %.1f (true %.1f); secure "
                  "score %.1f %% -> %.1f %%\n",
                  v.open_end, v.listed_end, v.unseen_end, v.critical_open_end, v.critical_mean_age_days_end,
                  v.unseen_finding_days, v.open_finding_days, share, u * v.unseen_days_by_cause[0],
                  u * v.unseen_days_by_cause[1], u * v.unseen_days_by_cause[2], v.exposure_start, v.exposure_end,
                  v.true_exposure_end, v.secure_start, v.secure_end);
    out << b;
    if (v.exploitation_attempts > 0)
      out << "  exploitation of public-facing machines: " << v.exploitation_succeeded << " of "
          << v.exploitation_attempts << " campaigns got in through an open finding\n";
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
  const auto figures = [](const GroupFigures& g) {
    return Json{{"machines", g.machines}, {"billed_hours", g.billed_hours}, {"cost_usd", g.cost_usd},
                {"per_seat_cost_usd", g.per_seat_cost_usd}};
  };
  Json j;
  j["file"] = s.file;
  j["scenario"] = s.scenario;
  j["start"] = s.start;
  j["hours"] = s.hours;
  j["seed"] = s.seed;
  j["machines"] = s.machines;
  j["machines_by_plan"] = {{"off", s.machines_by_plan[0]}, {"P1", s.machines_by_plan[1]}, {"P2", s.machines_by_plan[2]}};
  j["partial_hour_rule"] = s.partial_hour_rule;
  Json groups = Json::object();
  for (int g = 0; g < kMeterGroups; ++g) {
    const auto& f = s.groups[static_cast<size_t>(g)];
    if (f.machines == 0 && f.billed_hours == 0) continue;
    groups[group_label(g)] = figures(f);
  }
  j["groups"] = groups;
  j["total"] = figures(s.total);
  j["data"] = {{"overage_bytes", s.data_overage_bytes}, {"overage_usd", s.data_overage_usd},
               {"telemetry_stored_end_bytes", s.telemetry_stored_end_bytes}};
  j["licensing"] = {{"trial_saving_usd", s.trial_saving_usd}, {"licence_discount_usd", s.licence_discount_usd},
                    {"billed_usd", s.total.cost_usd - s.trial_saving_usd - s.licence_discount_usd}};
  if (s.health.present) {
    const auto& h = s.health;
    const auto hours = [](double v) { return v < 0 ? Json(nullptr) : Json(v); };
    j["health"] = {{"classes", kHealthClassNames},
                   {"start", h.start},
                   {"end", h.end},
                   {"peak", h.peak},
                   {"hours_to_95_percent_healthy", hours(h.hours_to_95)},
                   {"hours_to_99_percent_healthy", hours(h.hours_to_99)},
                   {"unprotected_machine_hours", h.unprotected_machine_hours},
                   {"applicable_machine_hours", h.applicable_machine_hours},
                   {"outages", h.outages},
                   {"heartbeats_delivered", h.heartbeats_delivered}};
  }
  if (s.threats.present) {
    const ThreatFigures& t = s.threats;
    const auto secs = [](double v) { return v < 0 ? Json(nullptr) : Json(v); };
    j["threats"] = {{"alerts", t.alerts},
                    {"alerts_by_severity", {{"informational", t.alerts_by_severity[0]}, {"low", t.alerts_by_severity[1]},
                                            {"medium", t.alerts_by_severity[2]}, {"high", t.alerts_by_severity[3]}}},
                    {"alerts_by_classification", {{"true_positive", t.alerts_by_classification[0]},
                                                  {"benign_positive", t.alerts_by_classification[1]},
                                                  {"false_positive", t.alerts_by_classification[2]}}},
                    {"suppressed", t.suppressed}, {"cached", t.cached}, {"incidents", t.incidents},
                    {"campaigns", t.campaigns}, {"campaigns_never_alerted", t.campaigns_unseen},
                    {"machines_reached", t.machines_reached}, {"impacted", t.impacted}, {"contained", t.contained},
                    {"tampered", t.tampered}, {"steps", t.steps}, {"blocked", t.blocked}, {"detected", t.detected},
                    {"unseen", {{"not_installed", t.unseen[0]}, {"unhealthy", t.unseen[1]}, {"not_applicable", t.unseen[2]},
                                {"not_covered", t.unseen[3]}, {"tampered", t.unseen[4]}, {"missed", t.unseen[5]}}},
                    {"time_to_detect_s", {{"mean", secs(t.detect_mean_s)}, {"p95", secs(t.detect_p95_s)}}},
                    {"time_to_contain_s", {{"mean", secs(t.contain_mean_s)}, {"p95", secs(t.contain_p95_s)}}},
                    {"soc", {{"time_to_acknowledge_s", {{"mean", t.tta_mean_s}, {"p95", t.tta_p95_s}}},
                             {"time_to_resolve_s", {{"mean", t.ttr_mean_s}, {"p95", t.ttr_p95_s}}},
                             {"backlog_max", t.backlog_max}, {"backlog_end", t.backlog_end},
                             {"utilisation_mean", t.utilisation_mean},
                             {"approvals", {{"requested", t.approvals_requested}, {"granted", t.approvals_granted},
                                            {"timed_out", t.approvals_timed_out}}},
                             {"expansions", {{"automatic", t.expansions_automatic},
                                             {"needing_approval", t.expansions_needing_approval},
                                             {"approved", t.expansions_approved},
                                             {"timed_out", t.expansions_timed_out},
                                             {"devices", t.expansion_devices}}}}}};
  }
  if (s.vulnerabilities.present) {
    const VulnerabilityFigures& v = s.vulnerabilities;
    j["vulnerabilities"] = {
        {"open_end", v.open_end}, {"listed_end", v.listed_end}, {"unseen_end", v.unseen_end},
        {"critical_open_end", v.critical_open_end}, {"critical_mean_age_days_end", v.critical_mean_age_days_end},
        {"open_finding_days", v.open_finding_days}, {"unseen_finding_days", v.unseen_finding_days},
        {"unseen_finding_days_by_cause", {{"no_assessment", v.unseen_days_by_cause[0]},
                                          {"stale_snapshot", v.unseen_days_by_cause[1]},
                                          {"awaiting_publication", v.unseen_days_by_cause[2]}}},
        {"exposure_score", {{"start", v.exposure_start}, {"end", v.exposure_end}, {"true_end", v.true_exposure_end}}},
        {"secure_score_percent", {{"start", v.secure_start}, {"end", v.secure_end}}},
        {"exploitation", {{"attempts", v.exploitation_attempts}, {"succeeded", v.exploitation_succeeded}}}};
  }
  j["run"] = {{"wall_seconds", s.wall_seconds}, {"events", s.events}, {"events_per_second", s.events_per_second},
              {"peak_rss_bytes", s.peak_rss_bytes}, {"threads", s.threads}};
  write_json(j, out);
}

}  // namespace fleettwin
