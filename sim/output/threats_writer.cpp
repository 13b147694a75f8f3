// /threats (catalogues), /alerts, /alerts/hourly, /incidents, /campaigns and /soc, at the end of the run. With
// threats off the groups are there, empty, so that every file has the same layout.
#include <hdf5_hl.h>

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "models/alerts/alert_types.hpp"
#include "models/common/order_statistics.hpp"
#include "sim/output/groups.hpp"

namespace fleettwin {
namespace {
constexpr hsize_t kChunk = 65536;

template <class T, class F>
std::vector<int64_t> column_of(const std::vector<T>& rows, F&& f) {
  std::vector<int64_t> out(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) out[i] = static_cast<int64_t>(f(rows[i]));
  return out;
}

h5::Id id_scale(H5Writer& w, const schema::Dataset& spec, size_t n) {
  std::vector<int64_t> ids(n);
  for (size_t i = 0; i < n; ++i) ids[i] = static_cast<int64_t>(i);
  h5::Id d = w.column(spec, ids, kChunk);
  h5::check(H5DSset_scale(d, std::string(spec.scale).c_str()), "make scale " + spec.path());
  return d;
}

// A time axis of clock hours in the group (xarray wants each group's dimensions in the group).
h5::Id hour_scale(H5Writer& w, const schema::Dataset& spec, int64_t hours) {
  std::vector<int64_t> t(static_cast<size_t>(hours));
  for (int64_t h = 0; h < hours; ++h) t[static_cast<size_t>(h)] = h * 3600;
  h5::Id d = w.column(spec, t, kChunk);
  h5::check(H5DSset_scale(d, std::string(spec.scale).c_str()), "make scale " + spec.path());
  h5::attr(d, schema::kCalendar, "standard");
  return d;
}

// A column along an id scale (attached), with CF flags when `names` is given.
template <class Names = std::array<std::string_view, 0>>
void along(H5Writer& w, hid_t scale, const schema::Dataset& spec, const std::vector<int64_t>& values,
           const Names* names = nullptr) {
  h5::Id d = w.column(spec, values, kChunk);
  H5Writer::attach(d, scale, 0);
  if (names) H5Writer::flags(d, *names);
}

void write_catalogues(H5Writer& w, bool enabled, const Scenario& sc) {
  const hid_t g = w.group("/threats");
  h5::attr(g, schema::kDescription, schema::kThreatsDescription);
  h5::attr(g, schema::kThreatsEnabled, static_cast<int64_t>(enabled));
  std::vector<std::string> key, id, tname, tid, aname, atype, playbook;
  for (const auto& t : tactics()) key.emplace_back(t.key), id.emplace_back(t.id);
  for (const auto& t : techniques()) tid.emplace_back(t.id), tname.emplace_back(t.name);
  std::vector<int64_t> severity, source;
  for (const auto& a : alert_types()) {
    aname.emplace_back(a.name);
    atype.emplace_back(a.type);
    severity.push_back(static_cast<int64_t>(a.severity));
    source.push_back(static_cast<int64_t>(a.source));
  }
  for (const auto& p : sc.threats.playbooks) playbook.push_back(p.name);
  h5::Id tactic = w.label_scale(schema::kTacticKey, key);
  H5Writer::attach(w.text_column(schema::kTacticId, id), tactic, 0);
  h5::Id technique = w.label_scale(schema::kTechniqueId, tid);
  H5Writer::attach(w.text_column(schema::kTechniqueName, tname), technique, 0);
  h5::Id type = w.label_scale(schema::kAlertTypeName, aname);
  H5Writer::attach(w.text_column(schema::kAlertTypeId, atype), type, 0);
  along(w, type, schema::kAlertTypeSeverity, severity, &kSeverityNames);
  along(w, type, schema::kAlertTypeSource, source, &kAlertSourceNames);
  w.label_scale(schema::kPlaybookName, playbook);
}

}  // namespace

void write_threats(H5Writer& w, const Scenario& sc, const ThreatRecord& r) {
  write_catalogues(w, r.enabled, sc);
  static const DeskOutcome kNone{};
  const DeskOutcome& d = r.desk ? *r.desk : kNone;
  const auto& alerts = d.alerts;
  const size_t n = alerts.size();

  std::unordered_map<uint64_t, int64_t> campaign_index;
  for (size_t i = 0; i < r.campaigns.size(); ++i) campaign_index[r.campaigns[i].first] = static_cast<int64_t>(i);
  const auto campaign_of = [&](uint64_t id) -> int64_t {
    if (id == 0) return -1;
    auto it = campaign_index.find(id);
    return it == campaign_index.end() ? -1 : it->second;
  };

  // /alerts
  {
    const hid_t g = w.group(schema::kAlerts);
    h5::attr(g, schema::kDescription, schema::kAlertsDescription);
    h5::attr(g, schema::kAlertsCached, static_cast<int64_t>(r.cached));
    h5::attr(g, schema::kAlertsMessages, static_cast<int64_t>(r.messages));
    h5::attr(g, schema::kAlertsRefused, static_cast<int64_t>(r.transfers_refused));
    h5::attr(g, schema::kAlertsTriaged, static_cast<int64_t>(d.triaged));
    h5::attr(g, schema::kAlertsConsole, r.works_in_portal ? "defender_portal" : "defender_for_cloud");
    h5::Id id = id_scale(w, schema::kAlertId, n);
    const auto col = [&](const schema::Dataset& spec, auto f) { along(w, id, spec, column_of(alerts, f)); };
    col(schema::kAlertStep, [](const AlertRecord& a) { return a.step; });
    col(schema::kAlertDetected, [](const AlertRecord& a) { return a.detected; });
    col(schema::kAlertSent, [](const AlertRecord& a) { return a.sent; });
    col(schema::kAlertInMde, [](const AlertRecord& a) { return a.in_mde; });
    col(schema::kAlertInDfc, [](const AlertRecord& a) { return a.in_dfc; });
    col(schema::kAlertMachine, [](const AlertRecord& a) { return a.machine; });
    col(schema::kAlertCampaign, [&](const AlertRecord& a) { return campaign_of(a.campaign); });
    std::vector<int64_t> incident(d.correlation.incident_of.begin(), d.correlation.incident_of.end());
    along(w, id, schema::kAlertIncident, incident);
    col(schema::kAlertType, [](const AlertRecord& a) { return a.type; });
    col(schema::kAlertTechnique, [](const AlertRecord& a) { return a.technique; });
    std::vector<std::string_view> tactic_keys;
    for (const auto& t : tactics()) tactic_keys.push_back(t.key);
    along(w, id, schema::kAlertTactic, column_of(alerts, [](const AlertRecord& a) { return a.tactic; }), &tactic_keys);
    along(w, id, schema::kAlertSeverity, column_of(alerts, [](const AlertRecord& a) { return a.severity; }),
          &kSeverityNames);
    along(w, id, schema::kAlertSourceColumn, column_of(alerts, [](const AlertRecord& a) { return a.source; }),
          &kAlertSourceNames);
    along(w, id, schema::kAlertClassification,
          column_of(alerts, [](const AlertRecord& a) { return a.classification; }), &kClassificationNames);
    along(w, id, schema::kAlertSuppressed, std::vector<int64_t>(d.suppressed.begin(), d.suppressed.end()));
    along(w, id, schema::kAlertDfcStatus, std::vector<int64_t>(d.dfc_status.begin(), d.dfc_status.end()),
          &kDfcStatusNames);
    along(w, id, schema::kAlertPortalStatus, std::vector<int64_t>(d.portal_status.begin(), d.portal_status.end()),
          &kPortalStatusNames);
    along(w, id, schema::kAlertAcknowledged, d.acknowledged);
    along(w, id, schema::kAlertResolved, d.resolved);
  }

  // /alerts/hourly: new alerts by hour of appearance; statuses at each hour's end from their change points.
  {
    const int64_t hours = sc.hours();
    const size_t envs = kEnvironmentCount;
    std::vector<int64_t> fresh(static_cast<size_t>(hours) * kSeverityCount * envs, 0);
    std::vector<int64_t> diff(static_cast<size_t>(hours + 1) * kSeverityCount * kDfcStatusNames.size(), 0);
    const size_t statuses = kDfcStatusNames.size();
    // The first hour whose end is at or after t.
    const auto hour_of = [](int64_t t) { return std::max<int64_t>(0, (t + 3599) / 3600 - 1); };
    for (size_t i = 0; i < n; ++i) {
      const AlertRecord& a = alerts[i];
      const auto h = static_cast<size_t>(std::min<int64_t>(a.in_dfc / 3600, hours - 1));
      fresh[(h * kSeverityCount + a.severity) * envs + static_cast<size_t>(r.environment(a.machine))] += 1;
      int64_t from = hour_of(a.in_dfc);
      DfcStatus status = dfc_status_at(d, i, (from + 1) * 3600, r.works_in_portal);
      for (int64_t t : {d.acknowledged[i], d.resolved[i]}) {
        if (t < 0) continue;
        const int64_t h2 = hour_of(t);
        if (h2 <= from) continue;
        const DfcStatus next = dfc_status_at(d, i, (h2 + 1) * 3600, r.works_in_portal);
        if (next == status) continue;
        diff[(static_cast<size_t>(from) * kSeverityCount + a.severity) * statuses + static_cast<size_t>(status)] += 1;
        diff[(static_cast<size_t>(h2) * kSeverityCount + a.severity) * statuses + static_cast<size_t>(status)] -= 1;
        from = h2;
        status = next;
      }
      diff[(static_cast<size_t>(from) * kSeverityCount + a.severity) * statuses + static_cast<size_t>(status)] += 1;
    }
    w.group(schema::kAlertsHourly);
    h5::Id sev = w.label_scale(schema::kSeverityName, H5Writer::labels(kSeverityNames));
    h5::Id st = w.label_scale(schema::kStatusName, H5Writer::labels(kDfcStatusNames));
    h5::Id time = hour_scale(w, schema::kAlertsHourlyTime, hours);
    h5::Id env = w.label_scale(schema::kAlertsHourlyEnvironment, H5Writer::labels(kEnvironmentNames));
    H5Writer::Series s = w.series(schema::kAlertsNew, {kSeverityCount, envs}, 24);
    s.ints = std::move(fresh);
    H5Writer::attach(s.dataset, time, 0);
    H5Writer::attach(s.dataset, sev, 1);
    H5Writer::attach(s.dataset, env, 2);
    w.finish(s);
    const size_t row = kSeverityCount * statuses;
    std::vector<int64_t> running(row, 0), by_status;
    by_status.reserve(static_cast<size_t>(hours) * row);
    for (int64_t h = 0; h < hours; ++h) {
      for (size_t k = 0; k < row; ++k) running[k] += diff[static_cast<size_t>(h) * row + k];
      by_status.insert(by_status.end(), running.begin(), running.end());
    }
    H5Writer::Series b = w.series(schema::kAlertsByStatus, {kSeverityCount, statuses}, 24);
    b.ints = std::move(by_status);
    H5Writer::attach(b.dataset, time, 0);
    H5Writer::attach(b.dataset, sev, 1);
    H5Writer::attach(b.dataset, st, 2);
    w.finish(b);
  }

  // /incidents
  {
    const auto& inc = d.correlation.incidents;
    const hid_t g = w.group(schema::kIncidents);
    h5::attr(g, schema::kDescription, schema::kIncidentsDescription);
    h5::Id id = id_scale(w, schema::kIncidentId, inc.size());
    along(w, id, schema::kIncidentCreated, column_of(inc, [](const Incident& i) { return i.created; }));
    along(w, id, schema::kIncidentLast, column_of(inc, [](const Incident& i) { return i.last_alert; }));
    along(w, id, schema::kIncidentAlerts, column_of(inc, [](const Incident& i) { return i.alerts; }));
    along(w, id, schema::kIncidentDevices, column_of(inc, [](const Incident& i) { return i.devices; }));
    along(w, id, schema::kIncidentSeverity, column_of(inc, [](const Incident& i) { return i.severity; }), &kSeverityNames);
    along(w, id, schema::kIncidentCampaign, column_of(inc, [&](const Incident& i) { return campaign_of(i.campaign); }));
  }

  // /campaigns
  {
    std::vector<std::pair<uint64_t, CampaignTally>> rows(r.campaigns.begin(), r.campaigns.end());
    std::vector<int64_t> first_alert(rows.size(), -1);
    for (const AlertRecord& a : alerts) {
      const int64_t c = campaign_of(a.campaign);
      if (c >= 0 && first_alert[static_cast<size_t>(c)] < 0) first_alert[static_cast<size_t>(c)] = a.in_dfc;
    }
    const hid_t g = w.group(schema::kCampaigns);
    h5::attr(g, schema::kDescription, schema::kCampaignsDescription);
    h5::Id id = id_scale(w, schema::kCampaignId, rows.size());
    const auto col = [&](const schema::Dataset& spec, auto f) {
      along(w, id, spec, column_of(rows, [&](const auto& p) { return f(p.second); }));
    };
    col(schema::kCampaignStart, [](const CampaignTally& t) { return t.start; });
    col(schema::kCampaignOrigin, [](const CampaignTally& t) { return t.origin; });
    std::vector<std::string> playbook_names;
    for (const auto& p : sc.threats.playbooks) playbook_names.push_back(p.name);
    along(w, id, schema::kCampaignPlaybook, column_of(rows, [](const auto& p) { return p.second.playbook; }),
          &playbook_names);
    col(schema::kCampaignScripted, [](const CampaignTally& t) { return t.scripted; });
    col(schema::kCampaignMachines, [](const CampaignTally& t) { return t.machines; });
    col(schema::kCampaignSteps, [](const CampaignTally& t) { return t.steps; });
    col(schema::kCampaignBlocked, [](const CampaignTally& t) { return t.blocked; });
    col(schema::kCampaignAudited, [](const CampaignTally& t) { return t.audited; });
    col(schema::kCampaignDetected, [](const CampaignTally& t) { return t.detected; });
    h5::Id cause = w.label_scale(schema::kUnseenCauseName, H5Writer::labels(kUnseenCauseNames));
    H5Writer::Series u = w.series(schema::kCampaignUnseen, {kUnseenCauseCount}, 4096);
    for (const auto& [cid, t] : rows)
      for (uint32_t v : t.unseen) u.ints.push_back(v);
    H5Writer::attach(u.dataset, id, 0);
    H5Writer::attach(u.dataset, cause, 1);
    w.finish(u);
    col(schema::kCampaignTampered, [](const CampaignTally& t) { return t.tampered; });
    col(schema::kCampaignContained, [](const CampaignTally& t) { return t.contained; });
    col(schema::kCampaignImpacted, [](const CampaignTally& t) { return t.impacted; });
    col(schema::kCampaignFirstDetection, [](const CampaignTally& t) { return t.first_detection; });
    along(w, id, schema::kCampaignFirstAlert, first_alert);
    col(schema::kCampaignFirstContainment, [](const CampaignTally& t) { return t.first_containment; });
    col(schema::kCampaignLastContainment, [](const CampaignTally& t) { return t.last_containment; });
  }

  // /soc
  {
    const hid_t g = w.group(schema::kSoc);
    h5::attr(g, schema::kDescription, schema::kSocDescription);
    std::vector<int64_t> tta, ttr;
    for (size_t i = 0; i < n; ++i) {
      if (d.resolved[i] < 0) continue;
      tta.push_back(d.acknowledged[i] - alerts[i].in_dfc);
      ttr.push_back(d.resolved[i] - alerts[i].in_dfc);
    }
    const MeanP95 a = mean_and_p95(std::move(tta)).value_or(MeanP95{0, 0});
    const MeanP95 r2 = mean_and_p95(std::move(ttr)).value_or(MeanP95{0, 0});
    h5::attr(g, schema::soc::kMeanTta, a.mean);
    h5::attr(g, schema::soc::kP95Tta, a.p95);
    h5::attr(g, schema::soc::kMeanTtr, r2.mean);
    h5::attr(g, schema::soc::kP95Ttr, r2.p95);
    h5::attr(g, schema::soc::kApprovalsRequested, static_cast<int64_t>(d.approvals_requested));
    h5::attr(g, schema::soc::kApprovalsGranted, static_cast<int64_t>(d.approvals_granted));
    h5::attr(g, schema::soc::kApprovalsTimedOut, static_cast<int64_t>(d.approvals_timed_out));
    h5::attr(g, schema::soc::kExpansionsAutomatic, static_cast<int64_t>(d.expansions.automatic));
    h5::attr(g, schema::soc::kExpansionsNeedingApproval, static_cast<int64_t>(d.expansions.needing_approval));
    h5::attr(g, schema::soc::kExpansionsApproved, static_cast<int64_t>(d.expansions.approved));
    h5::attr(g, schema::soc::kExpansionsTimedOut, static_cast<int64_t>(d.expansions.timed_out));
    h5::attr(g, schema::soc::kExpansionDevices, static_cast<int64_t>(d.expansions.devices));
    const auto hours = static_cast<size_t>(sc.hours());
    std::vector<SocHour> rows = d.soc.hours;
    rows.resize(hours);  // threats off: zeros
    h5::Id time = hour_scale(w, schema::kSocTime, static_cast<int64_t>(hours));
    const auto col = [&](const schema::Dataset& spec, auto f) { along(w, time, spec, column_of(rows, f)); };
    col(schema::kSocBacklog, [](const SocHour& h) { return h.backlog; });
    col(schema::kSocInHand, [](const SocHour& h) { return h.in_hand; });
    col(schema::kSocAnalysts, [](const SocHour& h) { return h.analysts; });
    std::vector<double> util(hours);
    for (size_t h = 0; h < hours; ++h) util[h] = rows[h].staffed_seconds > 0 ? rows[h].busy_seconds / rows[h].staffed_seconds : 0;
    H5Writer::attach(w.column(schema::kSocUtilisation, std::span<const double>(util), kChunk), time, 0);
    col(schema::kSocStarted, [](const SocHour& h) { return h.started; });
    col(schema::kSocFinished, [](const SocHour& h) { return h.finished; });
  }
}

}  // namespace fleettwin
