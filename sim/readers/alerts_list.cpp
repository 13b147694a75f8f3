#include "sim/readers/alerts_list.hpp"

#include <iomanip>

#include "models/alerts/alert_types.hpp"
#include "models/soc/soc_desk.hpp"
#include "sim/output/run_file.hpp"
#include "sim/readers/json_output.hpp"
#include "sim/readers/request_options.hpp"
#include "sim/scenario/duration.hpp"

namespace fleettwin {
namespace {

std::vector<std::string> names_of(const auto& names) { return {names.begin(), names.end()}; }

AlertsResult answer(const AlertsRequest& q, const RunFile& f) {
  if (!f.has("/threats") || f.int_attr("/threats", schema::kThreatsEnabled, 0, 1) == 0)
    throw QueryError(q.file + ": this run simulated no threats (threats.enabled was false): it has no alerts");
  const int64_t at = parse_at(q.at, f);
  const auto severities = names_of(kSeverityNames), statuses = names_of(kDfcStatusNames);
  std::optional<size_t> want_severity, want_status;
  if (q.severity) want_severity = index_of(severities, *q.severity, "--severity");
  if (q.status) want_status = index_of(statuses, *q.status, "--status");
  const std::string console = f.text_attr(schema::kAlerts, schema::kAlertsConsole);
  const bool portal = console == "defender_portal";
  if (!portal && console != "defender_for_cloud")
    f.fail(schema::kAlerts, "attribute soc_console: '" + console.substr(0, 40) + "' is not a console");

  const auto time = f.ints(schema::kAlertInDfc), severity = f.ints(schema::kAlertSeverity);
  const auto suppressed = f.ints(schema::kAlertSuppressed), source = f.ints(schema::kAlertSourceColumn);
  const auto ack = f.ints(schema::kAlertAcknowledged), resolved = f.ints(schema::kAlertResolved);
  const auto incident = f.ints(schema::kAlertIncident), campaign = f.ints(schema::kAlertCampaign);
  const auto type = f.ints(schema::kAlertType), tactic = f.ints(schema::kAlertTactic);
  const auto technique = f.ints(schema::kAlertTechnique), machine = f.ints(schema::kAlertMachine);
  const auto classification = f.ints(schema::kAlertClassification), portal_status = f.ints(schema::kAlertPortalStatus);
  const auto type_names = f.texts(schema::kAlertTypeName), type_ids = f.texts(schema::kAlertTypeId);
  const auto technique_ids = f.texts(schema::kTechniqueId), tactic_keys = f.texts(schema::kTacticKey);

  AlertsResult r;
  r.asked_time = format_iso8601(f.start + at);
  for (size_t k = time.size(); k-- > 0;) {
    if (time[k] > at) continue;
    ++r.shown_by_then;
    const bool own = source[k] == static_cast<int64_t>(AlertSource::DefenderForCloud);
    const DfcStatus st = dfc_status_at(suppressed[k] != 0, own, ack[k], resolved[k], at, portal);
    if (want_severity && static_cast<size_t>(severity[k]) != *want_severity) continue;
    if (want_status && static_cast<size_t>(st) != *want_status) continue;
    if (q.incident && incident[k] != *q.incident) continue;
    if (q.campaign && campaign[k] != *q.campaign) continue;
    ++r.matched;
    if (q.limit && r.rows.size() >= q.limit) continue;
    AlertRow row;
    row.alert = static_cast<int64_t>(k);
    row.time = format_iso8601(f.start + time[k]);
    row.severity = kSeverityNames[static_cast<size_t>(severity[k])];
    row.status = kDfcStatusNames[static_cast<size_t>(st)];
    // The portal status recorded is the one at the end of the run; at an earlier time it is the same rule.
    row.portal_status = kPortalStatusNames[static_cast<size_t>(portal_status[k])];
    row.type = type_ids[static_cast<size_t>(type[k])];
    row.name = type_names[static_cast<size_t>(type[k])];
    row.tactic = tactic_keys[static_cast<size_t>(tactic[k])];
    row.technique = technique_ids[static_cast<size_t>(technique[k])];
    row.source = kAlertSourceNames[static_cast<size_t>(source[k])];
    row.classification = kClassificationNames[static_cast<size_t>(classification[k])];
    row.machine = static_cast<uint32_t>(machine[k]);
    row.incident = incident[k];
    row.campaign = campaign[k];
    r.rows.push_back(std::move(row));
  }
  return r;
}

}  // namespace

AlertsResult list_alerts(const AlertsRequest& q) {
  try {
    return answer(q, RunFile(q.file));
  } catch (const h5::Error& e) {
    throw InvalidFile(q.file + ": " + e.what());
  }
}

void print_alerts(const AlertsRequest& q, const AlertsResult& r, std::ostream& out) {
  switch (q.format) {
    case QueryFormat::Csv:
      out << "alert,time,severity,status,portal_status,type,name,tactic,technique,source,machine,incident,campaign,"
             "classification\n";
      for (const auto& a : r.rows)
        out << a.alert << ',' << a.time << ',' << a.severity << ',' << a.status << ',' << a.portal_status << ','
            << csv_field(a.type) << ',' << csv_field(a.name) << ',' << a.tactic << ',' << a.technique << ','
            << a.source << ',' << a.machine << ',' << a.incident << ',' << a.campaign << ',' << a.classification << "\n";
      break;
    case QueryFormat::Json: {
      Json rows = Json::array();
      for (const auto& a : r.rows)
        rows.push_back({{"alert", a.alert}, {"time", a.time}, {"severity", a.severity}, {"status", a.status},
                        {"portal_status", a.portal_status}, {"type", a.type}, {"name", a.name}, {"tactic", a.tactic},
                        {"technique", a.technique}, {"source", a.source}, {"machine", a.machine},
                        {"incident", a.incident}, {"campaign", a.campaign}, {"classification", a.classification}});
      write_json({{"at", r.asked_time}, {"in_list", r.shown_by_then}, {"matched", r.matched}, {"alerts", rows}}, out, 1);
      break;
    }
    case QueryFormat::Table:
      out << "Defender for Cloud alerts at " << r.asked_time << ": " << r.shown_by_then << " in the list, "
          << r.matched << " matching\n";
      out << std::left << std::setw(8) << "alert" << std::setw(22) << "time" << std::setw(14) << "severity"
          << std::setw(13) << "status" << std::setw(9) << "machine" << std::setw(10) << "incident" << std::setw(10)
          << "campaign" << std::setw(22) << "tactic" << std::setw(11) << "technique" << "name\n";
      for (const auto& a : r.rows)
        out << std::left << std::setw(8) << a.alert << std::setw(22) << a.time << std::setw(14) << a.severity
            << std::setw(13) << a.status << std::setw(9) << a.machine << std::setw(10) << a.incident << std::setw(10)
            << (a.campaign < 0 ? std::string("-") : std::to_string(a.campaign)) << std::setw(22) << a.tactic
            << std::setw(11) << a.technique << a.name << "\n";
      if (q.limit && r.matched > r.rows.size())
        out << "... " << r.matched - r.rows.size() << " more (raise --limit, or use --format csv)\n";
      break;
  }
}

}  // namespace fleettwin
