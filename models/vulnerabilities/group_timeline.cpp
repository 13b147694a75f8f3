#include "models/vulnerabilities/group_timeline.hpp"

#include <algorithm>
#include <cmath>

namespace fleettwin {

ClassLogs class_logs(const ExposureWeights& w, const DisclosureParams& d) {
  ClassLogs l;
  constexpr double kAlmostOne = 1 - 1e-9;  // a risk of 1 would make every device score 100 forever
  for (size_t s = 0; s < kVulnSeverityCount; ++s)
    for (size_t e = 0; e < kExploitabilityCount; ++e) {
      const size_t c = s * kExploitabilityCount + e;
      const double r = std::min(kAlmostOne, w.by_severity[s] * w.by_exploitability[e]);
      l.risk[c] = std::log1p(-r);
      l.mitigated[c] = std::log1p(-r * w.mitigated_factor);
      const double p = std::min(kAlmostOne, (d.exploitation[e].min + d.exploitation[e].max) / 2);
      l.exploit[c] = std::log1p(-p);
    }
  return l;
}

GroupTimeline::GroupTimeline(std::vector<GroupFinding> f, const ClassLogs& logs) {
  std::sort(f.begin(), f.end(), [](const GroupFinding& a, const GroupFinding& b) {
    return a.disclosed != b.disclosed ? a.disclosed < b.disclosed : a.cls < b.cls;
  });
  disclosed_.reserve(f.size() + 1);
  disclosed_.emplace_back();
  for (const GroupFinding& g : f) {
    Disclosed d = disclosed_.back();
    const Disclosed& prev = disclosed_.back();
    // The area runs from the start: what was disclosed before it counts from 0.
    const int64_t from = std::max<int64_t>(0, prev.time), to = std::max<int64_t>(0, g.disclosed);
    for (size_t s = 0; s < kVulnSeverityCount; ++s) d.area[s] += int64_t{prev.by_severity[s]} * (to - from);
    d.time = g.disclosed;
    const size_t s = class_severity(g.cls);
    ++d.by_severity[s];
    if (s == static_cast<size_t>(VulnSeverity::Critical)) {
      ++d.critical;
      d.critical_births += g.disclosed;
    }
    d.log_risk += logs.risk[g.cls];
    d.log_exploit += logs.exploit[g.cls];
    disclosed_.push_back(d);
  }
  std::vector<const GroupFinding*> by_remediable;
  for (const GroupFinding& g : f) by_remediable.push_back(&g);
  std::stable_sort(by_remediable.begin(), by_remediable.end(),
                   [](const GroupFinding* a, const GroupFinding* b) { return a->remediable < b->remediable; });
  remediable_.reserve(f.size() + 1);
  remediable_.emplace_back();
  for (const GroupFinding* g : by_remediable) {
    Remediable r = remediable_.back();
    r.time = g->remediable;
    ++r.by_class[g->cls];
    ++r.by_severity[class_severity(g->cls)];
    if (class_severity(g->cls) == static_cast<size_t>(VulnSeverity::Critical)) {
      ++r.critical;
      r.critical_births += g->disclosed;
    }
    r.log_risk += logs.risk[g->cls];
    r.log_exploit += logs.exploit[g->cls];
    remediable_.push_back(r);
  }
  std::vector<std::pair<int64_t, double>> adj;
  for (const GroupFinding& g : f)
    if (g.mitigated_until > g.disclosed) {
      const double delta = logs.mitigated[g.cls] - logs.risk[g.cls];  // > 0: safer while mitigated
      adj.emplace_back(g.disclosed, delta);
      adj.emplace_back(g.mitigated_until, -delta);
    }
  std::stable_sort(adj.begin(), adj.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  mitigation_.emplace_back(INT64_MIN, 0.0);
  for (const auto& [t, d] : adj) mitigation_.emplace_back(t, mitigation_.back().second + d);
}

const GroupTimeline::Disclosed& GroupTimeline::disclosed_at(int64_t t) const {
  const auto it = std::upper_bound(disclosed_.begin() + 1, disclosed_.end(), t,
                                   [](int64_t x, const Disclosed& d) { return x < d.time; });
  return *std::prev(it);
}

uint32_t GroupTimeline::remediable_index(int64_t t) const {
  const auto it = std::upper_bound(remediable_.begin() + 1, remediable_.end(), t,
                                   [](int64_t x, const Remediable& r) { return x < r.time; });
  return static_cast<uint32_t>(std::prev(it) - remediable_.begin());
}

int64_t GroupTimeline::area(int64_t t, size_t s) const {
  const Disclosed& d = disclosed_at(t);
  return d.area[s] + int64_t{d.by_severity[s]} * (t - std::max<int64_t>(0, d.time));
}

std::array<int64_t, kVulnSeverityCount> GroupTimeline::areas(int64_t t) const {
  const Disclosed& d = disclosed_at(t);
  std::array<int64_t, kVulnSeverityCount> a{};
  for (size_t s = 0; s < kVulnSeverityCount; ++s) a[s] = d.area[s] + int64_t{d.by_severity[s]} * (t - std::max<int64_t>(0, d.time));
  return a;
}

double GroupTimeline::mitigation_at(int64_t t) const {
  const auto it = std::upper_bound(mitigation_.begin() + 1, mitigation_.end(), t,
                                   [](int64_t x, const std::pair<int64_t, double>& m) { return x < m.first; });
  return std::prev(it)->second;
}

}  // namespace fleettwin
