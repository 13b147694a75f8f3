#include "models/soc/soc_desk.hpp"

#include <algorithm>
#include <tuple>

#include "models/common/memory_use.hpp"

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

SocDesk::SocDesk(const DeskParams& p)
    : p_(p), suppressed_types_(p.suppressed.begin(), p.suppressed.end()), correlator_(p.incidents),
      queue_(p.staffing, p.service, p.seed, p.horizon) {
  p_.suppressed = suppressed_types_;
}

void SocDesk::take(std::vector<AlertRecord>& fresh) {
  buffer_.insert(buffer_.end(), fresh.begin(), fresh.end());
  fresh.clear();
}

uint32_t SocDesk::request_approval(int64_t created, uint64_t key) {
  ++d_.approvals_requested;
  // A pending remediation of a confirmed threat: high priority (chosen); its review takes a high-severity triage.
  return queue_.add({created, static_cast<uint8_t>(Severity::High), false, key, created + p_.pending_timeout});
}

uint32_t SocDesk::request_expansion_approval(int64_t created, uint64_t key) {
  ++d_.expansions.needing_approval;
  return queue_.add({created, static_cast<uint8_t>(Severity::High), false, key, created + p_.pending_timeout});
}

size_t SocDesk::bytes() const {
  return bytes_of(suppressed_types_) + correlator_.bytes() + queue_.bytes() + bytes_of(buffer_) + bytes_of(d_.alerts) +
         bytes_of(d_.suppressed) + bytes_of(soc_index_);
}

void SocDesk::advance_to(int64_t t) {
  t = std::min(t, p_.horizon);
  // Every alert that appears before t is known by now (any alert raised later appears at or after t).
  sort_by_arrival(buffer_);
  size_t k = 0;
  for (; k < buffer_.size() && buffer_[k].in_dfc < t; ++k) {
    const AlertRecord& a = buffer_[k];
    const auto i = static_cast<uint32_t>(d_.alerts.size());
    d_.alerts.push_back(a);
    const bool suppressed = std::binary_search(suppressed_types_.begin(), suppressed_types_.end(), a.type);
    d_.suppressed.push_back(suppressed);
    soc_index_.push_back(UINT32_MAX);
    const uint32_t incident = correlator_.add({a.in_dfc, a.machine, a.campaign, a.severity});
    const bool info = a.severity == static_cast<uint8_t>(Severity::Informational);
    // Informational Defender for Cloud alerts never reach the portal: a SOC there cannot see them.
    const bool visible = !(p_.works_in_portal && info && own_alert(a));
    if (suppressed || !visible || (info && !p_.informational)) continue;
    // An alert's service draws are keyed by its identity, not its position in the list.
    const uint64_t key = (static_cast<uint64_t>(a.step) << 32) ^ a.machine ^ (static_cast<uint64_t>(a.type) << 20);
    // Investigation is per incident: the first true-positive alert of an incident (as it stands) carries it.
    const bool attack = a.classification == static_cast<uint8_t>(Classification::TruePositive);
    const bool investigate = attack && !correlator_.marked(incident);
    if (investigate) correlator_.mark(incident);
    soc_index_[i] = queue_.add({a.in_dfc, a.severity, investigate, key});
    ++d_.triaged;
  }
  buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(k));
  queue_.advance_to(t);
}

DeskOutcome SocDesk::finish() {
  advance_to(p_.horizon);
  DeskOutcome d = std::move(d_);
  d.correlation = correlator_.finish();
  d.soc = queue_.finish();
  const size_t n = d.alerts.size();
  d.acknowledged.assign(n, -1);
  d.resolved.assign(n, -1);
  for (size_t i = 0; i < n; ++i)
    if (soc_index_[i] != UINT32_MAX) {
      d.acknowledged[i] = d.soc.outcomes[soc_index_[i]].start;
      d.resolved[i] = d.soc.outcomes[soc_index_[i]].end;
    }
  d.dfc_status.resize(n);
  d.portal_status.resize(n);
  for (size_t i = 0; i < n; ++i) {
    const AlertRecord& a = d.alerts[i];
    d.dfc_status[i] = static_cast<uint8_t>(dfc_status_at(d, i, p_.horizon, p_.works_in_portal));
    PortalStatus portal = PortalStatus::New;
    if (own_alert(a) && a.severity == static_cast<uint8_t>(Severity::Informational)) {
      portal = PortalStatus::NotInPortal;
    } else if (own_alert(a) || p_.works_in_portal) {  // synchronised both ways, or worked in the portal
      if (own_alert(a) && d.suppressed[i]) portal = PortalStatus::Resolved;
      else if (d.resolved[i] >= 0) portal = PortalStatus::Resolved;
      else if (d.acknowledged[i] >= 0) portal = PortalStatus::InProgress;
    }
    d.portal_status[i] = static_cast<uint8_t>(portal);
  }
  return d;
}

DeskOutcome run_desk(std::vector<AlertRecord> alerts, const DeskParams& p) {
  SocDesk desk(p);
  desk.take(alerts);
  return desk.finish();
}

}  // namespace fleettwin
