#include "models/soc/soc_desk.hpp"

#include <algorithm>
#include <tuple>

namespace fleettwin {
namespace {
bool own_alert(const AlertRecord& a) { return a.source == static_cast<uint8_t>(AlertSource::DefenderForCloud); }
}  // namespace

void sort_by_arrival(std::vector<AlertRecord>& alerts) {
  const auto key = [](const AlertRecord& a) {
    return std::tie(a.in_dfc, a.machine, a.step, a.source, a.type, a.campaign, a.technique, a.classification);
  };
  std::sort(alerts.begin(), alerts.end(), [&](const AlertRecord& a, const AlertRecord& b) { return key(a) < key(b); });
}

DfcStatus dfc_status_at(bool suppressed, bool own, int64_t acknowledged, int64_t resolved, int64_t t,
                        bool works_in_portal) {
  if (suppressed) return DfcStatus::Dismissed;
  if (works_in_portal && !own) return DfcStatus::Active;
  if (resolved >= 0 && resolved <= t) return DfcStatus::Resolved;
  if (acknowledged >= 0 && acknowledged <= t) return DfcStatus::InProgress;
  return DfcStatus::Active;
}

DfcStatus dfc_status_at(const DeskOutcome& d, size_t i, int64_t t, bool works_in_portal) {
  return dfc_status_at(d.suppressed[i] != 0, own_alert(d.alerts[i]), d.acknowledged[i], d.resolved[i], t,
                       works_in_portal);
}

DeskOutcome run_desk(std::vector<AlertRecord> alerts, const DeskParams& p) {
  std::erase_if(alerts, [&](const AlertRecord& a) { return a.in_dfc >= p.horizon; });
  sort_by_arrival(alerts);
  DeskOutcome d;
  const size_t n = alerts.size();
  d.suppressed.resize(n);
  d.acknowledged.assign(n, -1);
  d.resolved.assign(n, -1);
  std::vector<CorrelationInput> corr(n);
  for (size_t i = 0; i < n; ++i) corr[i] = {alerts[i].in_dfc, alerts[i].machine, alerts[i].campaign, alerts[i].severity};
  d.correlation = correlate(corr, p.incidents);
  // Investigation is per incident: the first true-positive alert of an incident the SOC sees carries it.
  std::vector<uint8_t> investigated(d.correlation.incidents.size(), 0);
  std::vector<SocItem> items;
  std::vector<size_t> item_alert;
  for (size_t i = 0; i < n; ++i) {
    const AlertRecord& a = alerts[i];
    d.suppressed[i] = std::binary_search(p.suppressed.begin(), p.suppressed.end(), a.type);
    const bool info = a.severity == static_cast<uint8_t>(Severity::Informational);
    // Informational Defender for Cloud alerts never reach the portal: a SOC there cannot see them.
    const bool visible = !(p.works_in_portal && info && own_alert(a));
    if (d.suppressed[i] || !visible || (info && !p.informational)) continue;
    // An alert's service draws are keyed by its identity, not its position in the list.
    const uint64_t key = (static_cast<uint64_t>(a.step) << 32) ^ a.machine ^ (static_cast<uint64_t>(a.type) << 20);
    const bool attack = a.classification == static_cast<uint8_t>(Classification::TruePositive);
    const bool investigate = attack && !investigated[d.correlation.incident_of[i]];
    if (investigate) investigated[d.correlation.incident_of[i]] = 1;
    items.push_back({a.in_dfc, a.severity, investigate, key});
    item_alert.push_back(i);
  }
  d.triaged = items.size();
  d.soc = simulate_soc(items, p.staffing, p.service, p.seed, p.horizon);
  for (size_t k = 0; k < items.size(); ++k) {
    d.acknowledged[item_alert[k]] = d.soc.outcomes[k].start;
    d.resolved[item_alert[k]] = d.soc.outcomes[k].end;
  }
  d.alerts = std::move(alerts);
  d.dfc_status.resize(n);
  d.portal_status.resize(n);
  for (size_t i = 0; i < n; ++i) {
    const AlertRecord& a = d.alerts[i];
    d.dfc_status[i] = static_cast<uint8_t>(dfc_status_at(d, i, p.horizon, p.works_in_portal));
    PortalStatus portal = PortalStatus::New;
    if (own_alert(a) && a.severity == static_cast<uint8_t>(Severity::Informational)) {
      portal = PortalStatus::NotInPortal;
    } else if (own_alert(a) || p.works_in_portal) {  // synchronised both ways, or worked in the portal
      if (own_alert(a) && d.suppressed[i]) portal = PortalStatus::Resolved;
      else if (d.resolved[i] >= 0) portal = PortalStatus::Resolved;
      else if (d.acknowledged[i] >= 0) portal = PortalStatus::InProgress;
    }
    d.portal_status[i] = static_cast<uint8_t>(portal);
  }
  return d;
}

}  // namespace fleettwin
