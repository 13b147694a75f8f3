// Vulnerability management: the `vulnerabilities` section and the cohorts' `vulnerabilities` keys.
#include <cmath>

#include "models/vulnerabilities/remediation.hpp"
#include "sim/scenario/duration.hpp"
#include "sim/scenario/quote.hpp"
#include "sim/scenario/sections.hpp"
#include "sim/scenario/timezone.hpp"

namespace fleettwin::yaml {
namespace {

constexpr std::array<std::string_view, 4> kExploitabilityKeys = {"none", "public", "verified", "in_kit"};

// `half_life: 36d` or `capacity: median | low | high | 0.152` (the share of the backlog closed a month).
double read_remediation_rate(const Value& v) {
  Map r(v, {"half_life", "capacity"});
  const auto half = r.get("half_life"), cap = r.get("capacity");
  if (half && cap) r.self().fail("give either 'half_life' or 'capacity', not both");
  if (half) return hazard_from_half_life(static_cast<double>(half->duration(3600, 100LL * 365 * 86400)) / 86400);
  if (!cap) r.self().fail("give 'half_life' (e.g. 36d) or 'capacity' (low, median, high or a monthly share)");
  const YAML::Node& n = cap->node();
  if (n.IsScalar()) {
    static constexpr std::array<std::string_view, 3> kNames = {"low", "median", "high"};
    for (size_t i = 0; i < kNames.size(); ++i)
      if (n.Scalar() == kNames[i]) return hazard_from_monthly_share(kMonthlyCloseShare[i]);
  }
  const double share = cap->number(0, 1);
  if (share >= 1)
    cap->fail("a remediation capacity is the share of the open backlog closed in a month: it must be below 1 (100 %)");
  return hazard_from_monthly_share(share);
}

template <size_t N>
void read_shares(const Value& v, const std::array<std::string_view, N>& keys, std::array<double, N>& shares) {
  Map m(v, std::vector<std::string_view>(keys.begin(), keys.end()));
  for (size_t i = 0; i < N; ++i)
    if (auto x = m.get(std::string(keys[i]))) shares[i] = x->number(0, 1);
  double total = 0;
  for (double s : shares) total += s;
  if (std::abs(total - 1) > 1e-6) v.fail("the shares sum to " + std::to_string(total) + ", not 1");
}

VulnSeverity read_severity(const Value& v) { return static_cast<VulnSeverity>(v.choice(kVulnSeverityNames)); }

}  // namespace

void read_cohort_vulnerabilities(const Map& c, CohortSpec& spec, int64_t start) {
  CohortVulnerabilities& v = spec.vulnerabilities;
  v.timezone = spec.power.timezone;
  const auto x = c.get("vulnerabilities");
  if (!x) return;
  Map m(*x, {"applications", "maintenance", "remediation", "device_value", "exceptions", "remediation_requests",
             "disks", "disk_size"});
  if (auto a = m.get("applications")) v.applications = static_cast<uint32_t>(a->integer(0, 1000));
  if (auto mv = m.get("maintenance")) {
    const ScheduleSpec s = read_schedule(*mv);
    if (s.kind != ScheduleKind::Weekly && s.kind != ScheduleKind::BusinessHours &&
        s.kind != ScheduleKind::NightlyDeallocation)
      mv->fail("a maintenance schedule names its windows: weekly, business-hours or nightly-deallocation");
    if (s.jitter > 0) mv->fail("maintenance windows take no jitter");
    v.maintenance = s.windows;
    if (mv->node()["timezone"].IsDefined()) v.timezone = s.timezone;
  }
  if (auto r = m.get("remediation")) v.hazard_per_day = read_remediation_rate(*r);
  if (auto d = m.get("device_value")) v.device_value = static_cast<DeviceValue>(d->choice(kDeviceValueNames));
  if (auto ev = m.get("exceptions")) {
    Map e(*ev, {"share", "justification", "duration"});
    v.exception_share = e.need("share").number(0, 1);
    if (auto j = e.get("justification")) v.justification = static_cast<ExceptionJustification>(j->choice(kJustificationNames));
    if (auto d = e.get("duration")) v.exception_duration = d->duration(86400, 10LL * 365 * 86400);
  }
  if (auto rv = m.get("remediation_requests"))
    for (const Value& q : rv->list()) {
      Map r(q, {"at", "severity", "due"});
      RemediationRequest req;
      req.at = read_time(r.need("at"), start, false, false);
      if (auto s = r.get("severity")) req.severity = read_severity(*s);
      req.due = r.need("due").duration(86400, 365LL * 86400);
      v.requests.push_back(req);
    }
  if (auto d = m.get("disks")) v.disks = static_cast<uint32_t>(d->integer(1, 64));
  if (auto d = m.get("disk_size")) v.disk_tb = d->number(0.001, 1000) ;
}

void read_vulnerabilities(const Map& top, Scenario& sc) {
  VulnerabilityParams& p = sc.vulnerabilities;
  const auto x = top.get("vulnerabilities");
  if (!x) return;
  Map m(*x, {"enabled", "disclosure", "inventory", "remediation", "request_compliance", "assessment", "exposure",
             "exploitation", "secure_score", "machine_log"});
  if (auto e = m.get("enabled")) p.enabled = e->boolean();
  if (auto dv = m.get("disclosure")) {
    Map d(*dv, {"windows_per_machine_day", "linux_per_machine_day", "severity", "exploitability", "exploitation",
                "patch_tuesday_hour", "linux_fix_median"});
    DisclosureParams& q = p.disclosure;
    if (auto y = d.get("windows_per_machine_day")) q.windows_per_machine_day = y->number(0, 1e4);
    if (auto y = d.get("linux_per_machine_day")) q.linux_per_machine_day = y->number(0, 1e4);
    if (auto y = d.get("severity")) read_shares(*y, kVulnSeverityNames, q.severity_shares);
    if (auto y = d.get("exploitability")) read_shares(*y, kExploitabilityKeys, q.exploitability_shares);
    if (auto y = d.get("exploitation")) {
      Map e(*y, std::vector<std::string_view>(kExploitabilityKeys.begin(), kExploitabilityKeys.end()));
      for (size_t i = 0; i < kExploitabilityKeys.size(); ++i)
        if (auto r = e.get(std::string(kExploitabilityKeys[i]))) {
          Map rm(*r, {"min", "max"});
          ProbabilityRange& range = q.exploitation[i];
          if (auto lo = rm.get("min")) range.min = lo->number(0, 1);
          if (auto hi = rm.get("max")) range.max = hi->number(0, 1);
          if (range.max < range.min) r->fail("max is below min");
        }
    }
    if (auto y = d.get("patch_tuesday_hour")) q.patch_tuesday_hour_utc = static_cast<int>(y->integer(0, 23));
    if (auto y = d.get("linux_fix_median")) q.linux_fix_median_days = static_cast<double>(y->duration(60, 365LL * 86400)) / 86400;
  }
  if (auto iv = m.get("inventory")) {
    Map i(*iv, {"os_share", "default_applications"});
    if (auto y = i.get("os_share")) p.inventory.os_share = y->number(0, 1);
    if (auto y = i.get("default_applications")) p.inventory.default_applications = static_cast<uint32_t>(y->integer(0, 1000));
  }
  if (auto r = m.get("remediation")) p.hazard_per_day = read_remediation_rate(*r);
  if (auto y = m.get("request_compliance")) {
    p.request_compliance = y->number(0, 1);
    if (p.request_compliance <= 0 || p.request_compliance >= 1) y->fail("a compliance share is strictly between 0 and 1");
  }
  if (auto av = m.get("assessment")) {
    Map a(*av, {"cadence", "retention", "agentless", "agentless_interval"});
    if (auto y = a.get("cadence")) {
      p.assessment.cadence = y->duration(3600, 7 * 86400);
      if (p.assessment.cadence % 3600 != 0) y->fail("the publication cadence is a whole number of hours");
    }
    if (auto y = a.get("retention")) p.assessment.retention = y->duration(3600, 365LL * 86400);
    if (auto y = a.get("agentless")) p.agentless = y->boolean();
    if (auto y = a.get("agentless_interval")) {
      p.agentless_interval = y->duration(3600, 30LL * 86400);
      if (p.agentless_interval % 3600 != 0) y->fail("the agentless scan interval is a whole number of hours");
    }
  }
  if (auto ev = m.get("exposure")) {
    Map e(*ev, {"severity", "exploitability", "mitigated_factor"});
    if (auto y = e.get("severity")) {
      Map s(*y, std::vector<std::string_view>(kVulnSeverityNames.begin(), kVulnSeverityNames.end()));
      for (size_t i = 0; i < kVulnSeverityNames.size(); ++i)
        if (auto z = s.get(std::string(kVulnSeverityNames[i]))) p.exposure.by_severity[i] = z->number(0, 1);
    }
    if (auto y = e.get("exploitability")) {
      Map s(*y, std::vector<std::string_view>(kExploitabilityKeys.begin(), kExploitabilityKeys.end()));
      for (size_t i = 0; i < kExploitabilityKeys.size(); ++i)
        if (auto z = s.get(std::string(kExploitabilityKeys[i]))) p.exposure.by_exploitability[i] = z->number(0, 100);
    }
    if (auto y = e.get("mitigated_factor")) p.exposure.mitigated_factor = y->number(0, 1);
  }
  if (auto y = m.get("exploitation")) p.exploitation = y->boolean();
  if (auto y = m.get("machine_log")) p.machine_log = y->boolean();
  if (auto sv = m.get("secure_score")) {
    Map s(*sv, {"findings_min_severity", "remediate_vulnerabilities_max", "endpoint_protection_max"});
    if (auto y = s.get("findings_min_severity")) p.findings_min_severity = read_severity(*y);
    if (auto y = s.get("remediate_vulnerabilities_max")) p.remediate_vulnerabilities_max = y->number(0, 100);
    if (auto y = s.get("endpoint_protection_max")) p.endpoint_protection_max = y->number(0, 100);
  }
}

}  // namespace fleettwin::yaml
