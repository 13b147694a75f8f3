#pragma once
// The threat groups of the output (issue 8): alerts, incidents, campaigns (ground truth), the SOC, and the
// catalogues their codes index. Part of schema.hpp (included there, before the list of every dataset).

namespace fleettwin::schema {

// ------------------------------------------------------------------------------------------ threat catalogues
inline constexpr std::string_view kThreatTactics = "/threats/tactics";
inline constexpr std::string_view kThreatTechniques = "/threats/techniques";
inline constexpr std::string_view kThreatAlertTypes = "/threats/alert_types";
inline constexpr std::string_view kThreatPlaybooks = "/threats/playbooks";
inline constexpr std::string_view kThreatsDescription =
    "Catalogues of the threat model: MITRE ATT&CK tactics and techniques, Defender alert types, playbooks. "
    "Attribute `enabled` says whether the run simulated threats (threats.enabled); when not, the threat groups are "
    "empty.";
inline constexpr std::string_view kThreatsEnabled = "enabled";  // int64 0/1 on /threats
inline constexpr Dataset kTacticKey{kThreatTactics, "key", Type::Text, 1, {Axis::Tactic}, "",
                                    "tactic as the scenario spells it", {}, Rule::Any, Axis::Hour, "tactic"};
inline constexpr Dataset kTacticId{kThreatTactics, "mitre_id", Type::Text, 1, {Axis::Tactic}, "", "MITRE ATT&CK tactic id"};
inline constexpr Dataset kTechniqueId{kThreatTechniques, "mitre_id", Type::Text, 1, {Axis::Technique}, "",
                                      "MITRE ATT&CK technique id", {}, Rule::Any, Axis::Hour, "technique"};
inline constexpr Dataset kTechniqueName{kThreatTechniques, "name", Type::Text, 1, {Axis::Technique}, "",
                                        "MITRE ATT&CK technique name"};
inline constexpr Dataset kAlertTypeName{kThreatAlertTypes, "name", Type::Text, 1, {Axis::AlertType}, "",
                                        "alert display name", {}, Rule::Any, Axis::Hour, "alert_type"};
inline constexpr Dataset kAlertTypeId{kThreatAlertTypes, "type", Type::Text, 1, {Axis::AlertType}, "",
                                      "Defender for Cloud alert type id (empty where the documentation gives none)"};
inline constexpr Dataset kAlertTypeSeverity{kThreatAlertTypes, "severity", Type::U8, 1, {Axis::AlertType}, "",
                                            "severity", {}, Rule::IndexOf, Axis::Severity};
inline constexpr Dataset kAlertTypeSource{kThreatAlertTypes, "source", Type::U8, 1, {Axis::AlertType}, "",
                                          "detection source", {}, Rule::IndexOf, Axis::AlertSource};
inline constexpr Dataset kPlaybookName{kThreatPlaybooks, "name", Type::Text, 1, {Axis::Playbook}, "",
                                       "playbook (attack kill chain)", {}, Rule::Any, Axis::Hour, "playbook"};

// ------------------------------------------------------------------------------------------------------ alerts
inline constexpr std::string_view kAlerts = "/alerts";
inline constexpr std::string_view kAlertsDescription =
    "One row per alert that reached Defender for Cloud during the run, in the order it appeared there. Times are "
    "exact: the step on the machine, its detection, when it left the site (later than the detection when the "
    "site's uplink was down: the sensor cached it), in Defender for Endpoint, in Defender for Cloud. Statuses are "
    "those at the end of the run; MDE alerts' statuses are not synchronised between Defender for Cloud and the "
    "Defender portal. The sensors' detections travel as SimGrid messages from their site to the MDE service of the "
    "tenant's geo and on to Defender for Cloud. Attributes: `cached` (alerts delayed by an outage), `messages` "
    "(detection batches that reached an MDE service), `transfers_refused` (transfers a downed uplink refused: a "
    "cached batch is refused again at every synchronisation point until its link is back), `triaged` (alerts "
    "queued for the SOC), `soc_console` (where the SOC works: defender_portal or defender_for_cloud).";
inline constexpr std::string_view kAlertsCached = "cached";
inline constexpr std::string_view kAlertsMessages = "messages";
inline constexpr std::string_view kAlertsRefused = "transfers_refused";
inline constexpr std::string_view kAlertsTriaged = "triaged";
inline constexpr std::string_view kAlertsConsole = "soc_console";  // text: defender_portal or defender_for_cloud
inline constexpr Dataset kAlertId{kAlerts, "alert", Type::U32, 1, {Axis::Alert}, "", "alert number (order of appearance)",
                                  {}, Rule::IndexOf, Axis::Alert, "alert"};
inline constexpr Dataset kAlertStep{kAlerts, "step_time", Type::I64, 1, {Axis::Alert}, kTimeUnits,
                                    "the attack step (or benign activity) on the machine", {}, Rule::RunTime};
inline constexpr Dataset kAlertDetected{kAlerts, "detected_time", Type::I64, 1, {Axis::Alert}, kTimeUnits,
                                        "detection by the sensor or Defender for Cloud", {}, Rule::RunTime};
inline constexpr Dataset kAlertSent{kAlerts, "sent_time", Type::I64, 1, {Axis::Alert}, kTimeUnits,
                                    "left the site (the uplink's return for a cached detection)", {}, Rule::Any};
inline constexpr Dataset kAlertInMde{kAlerts, "mde_time", Type::I64, 1, {Axis::Alert}, kTimeUnits,
                                     "in Defender for Endpoint (-1: a Defender for Cloud detection)", {}, Rule::Any};
inline constexpr Dataset kAlertInDfc{kAlerts, "time", Type::I64, 1, {Axis::Alert}, kTimeUnits,
                                     "in Defender for Cloud's alert list", {}, Rule::RunTime};
inline constexpr Dataset kAlertMachine{kAlerts, "machine", Type::U32, 1, {Axis::Alert}, "",
                                       "machine (index into /machines/machine)", {}, Rule::IndexOf, Axis::Machine};
inline constexpr Dataset kAlertCampaign{kAlerts, "campaign", Type::I64, 1, {Axis::Alert}, "",
                                        "ground truth: campaign (index into /campaigns/campaign; -1: not an attack)",
                                        {}, Rule::Any};
inline constexpr Dataset kAlertIncident{kAlerts, "incident", Type::U32, 1, {Axis::Alert}, "",
                                        "incident (index into /incidents/incident)", {}, Rule::IndexOf, Axis::Incident};
inline constexpr Dataset kAlertType{kAlerts, "type", Type::U16, 1, {Axis::Alert}, "",
                                    "alert type (index into /threats/alert_types/name)", {}, Rule::IndexOf, Axis::AlertType};
inline constexpr Dataset kAlertTechnique{kAlerts, "technique", Type::U16, 1, {Axis::Alert}, "",
                                         "MITRE technique (index into /threats/techniques/mitre_id)", {}, Rule::IndexOf,
                                         Axis::Technique};
inline constexpr Dataset kAlertTactic{kAlerts, "tactic", Type::U8, 1, {Axis::Alert}, "", "MITRE tactic", {},
                                      Rule::IndexOf, Axis::Tactic};
inline constexpr Dataset kAlertSeverity{kAlerts, "severity", Type::U8, 1, {Axis::Alert}, "", "severity", {},
                                        Rule::IndexOf, Axis::Severity};
inline constexpr Dataset kAlertSourceColumn{kAlerts, "source", Type::U8, 1, {Axis::Alert}, "", "detection source", {},
                                            Rule::IndexOf, Axis::AlertSource};
inline constexpr Dataset kAlertClassification{kAlerts, "classification", Type::U8, 1, {Axis::Alert}, "",
                                              "ground truth: true positive, benign positive or false positive", {},
                                              Rule::IndexOf, Axis::Classification};
inline constexpr Dataset kAlertSuppressed{kAlerts, "suppressed", Type::U8, 1, {Axis::Alert}, "",
                                          "dismissed by a suppression rule (1)", {}, Rule::NonNegative};
inline constexpr Dataset kAlertDfcStatus{kAlerts, "status", Type::U8, 1, {Axis::Alert}, "",
                                         "Defender for Cloud status at the end of the run", {}, Rule::IndexOf,
                                         Axis::AlertStatus};
inline constexpr Dataset kAlertPortalStatus{kAlerts, "portal_status", Type::U8, 1, {Axis::Alert}, "",
                                            "Defender portal status at the end of the run", {}, Rule::IndexOf,
                                            Axis::PortalStatus};
inline constexpr Dataset kAlertAcknowledged{kAlerts, "acknowledged_time", Type::I64, 1, {Axis::Alert}, kTimeUnits,
                                            "the SOC started its triage (-1: not by the end, or not triaged)", {},
                                            Rule::Any};
inline constexpr Dataset kAlertResolved{kAlerts, "resolved_time", Type::I64, 1, {Axis::Alert}, kTimeUnits,
                                        "the SOC finished it (-1: not by the end, or not triaged)", {}, Rule::Any};
inline constexpr std::string_view kAlertsHourly = "/alerts/hourly";
inline constexpr Dataset kAlertsNew{kAlertsHourly, "new", Type::I64, 3, {Axis::Hour, Axis::Severity, Axis::Environment},
                                    "1", "alerts that appeared in Defender for Cloud in the hour, by severity and "
                                    "environment",
                                    {}, Rule::NonNegative};
inline constexpr Dataset kAlertsByStatus{kAlertsHourly, "by_status", Type::I64, 3,
                                         {Axis::Hour, Axis::Severity, Axis::AlertStatus}, "1",
                                         "alerts in Defender for Cloud at the end of the hour, by severity and status",
                                         {}, Rule::NonNegative};
inline constexpr Dataset kAlertsHourlyTime{kAlertsHourly, "time", Type::I64, 1, {Axis::Hour}, kTimeUnits,
                                           "start of the clock hour (UTC)", {}, Rule::RunTime, Axis::Hour, "time"};
inline constexpr Dataset kAlertsHourlyEnvironment{kAlertsHourly, "environment", Type::Text, 1, {Axis::Environment}, "",
                                                  "environment", {}, Rule::Any, Axis::Hour, "environment"};
inline constexpr Dataset kSeverityName{kAlertsHourly, "severity", Type::Text, 1, {Axis::Severity}, "", "severity", {},
                                       Rule::Any, Axis::Hour, "severity"};
inline constexpr Dataset kStatusName{kAlertsHourly, "status", Type::Text, 1, {Axis::AlertStatus}, "",
                                     "Defender for Cloud alert status", {}, Rule::Any, Axis::Hour, "status"};

// --------------------------------------------------------------------------------------------------- incidents
inline constexpr std::string_view kIncidents = "/incidents";
inline constexpr std::string_view kIncidentsDescription =
    "Incidents: alerts correlated by machine (35 minutes) and by campaign (2 days), merged within the entity cap "
    "(models/alerts/incidents.hpp states the rule).";
inline constexpr Dataset kIncidentId{kIncidents, "incident", Type::U32, 1, {Axis::Incident}, "", "incident number",
                                     {}, Rule::IndexOf, Axis::Incident, "incident"};
inline constexpr Dataset kIncidentCreated{kIncidents, "created_time", Type::I64, 1, {Axis::Incident}, kTimeUnits,
                                          "its first alert in Defender for Cloud", {}, Rule::RunTime};
inline constexpr Dataset kIncidentLast{kIncidents, "last_alert_time", Type::I64, 1, {Axis::Incident}, kTimeUnits,
                                       "its last alert", {}, Rule::RunTime};
inline constexpr Dataset kIncidentAlerts{kIncidents, "alerts", Type::I64, 1, {Axis::Incident}, "1", "alerts", {},
                                         Rule::NonNegative};
inline constexpr Dataset kIncidentDevices{kIncidents, "devices", Type::I64, 1, {Axis::Incident}, "1", "machines", {},
                                          Rule::NonNegative};
inline constexpr Dataset kIncidentSeverity{kIncidents, "severity", Type::U8, 1, {Axis::Incident}, "",
                                           "its highest alert severity", {}, Rule::IndexOf, Axis::Severity};
inline constexpr Dataset kIncidentCampaign{kIncidents, "campaign", Type::I64, 1, {Axis::Incident}, "",
                                           "ground truth: its first campaign (index into /campaigns/campaign; -1: none)",
                                           {}, Rule::Any};

// --------------------------------------------------------------------------------------------------- campaigns
inline constexpr std::string_view kCampaigns = "/campaigns";
inline constexpr std::string_view kCampaignsDescription =
    "Ground truth no product has: every attack campaign, the machines it reached, what stopped or saw each step, "
    "and why the unseen steps were unseen (the sensor as the step found it). Times -1: never.";
inline constexpr Dataset kCampaignId{kCampaigns, "campaign", Type::U32, 1, {Axis::Campaign}, "",
                                     "campaign number (order of start)", {}, Rule::IndexOf, Axis::Campaign, "campaign"};
inline constexpr Dataset kCampaignStart{kCampaigns, "start_time", Type::I64, 1, {Axis::Campaign}, kTimeUnits,
                                        "initial access on its first machine", {}, Rule::RunTime};
inline constexpr Dataset kCampaignOrigin{kCampaigns, "first_machine", Type::U32, 1, {Axis::Campaign}, "",
                                         "its first machine (index into /machines/machine)", {}, Rule::IndexOf,
                                         Axis::Machine};
inline constexpr Dataset kCampaignPlaybook{kCampaigns, "playbook", Type::U8, 1, {Axis::Campaign}, "",
                                           "playbook (index into /threats/playbooks/name)", {}, Rule::IndexOf,
                                           Axis::Playbook};
inline constexpr Dataset kCampaignScripted{kCampaigns, "scripted", Type::U8, 1, {Axis::Campaign}, "",
                                           "launched by the scenario (1) or random (0)", {}, Rule::NonNegative};
inline constexpr Dataset kCampaignMachines{kCampaigns, "machines", Type::I64, 1, {Axis::Campaign}, "1",
                                           "machines reached", {}, Rule::NonNegative};
inline constexpr Dataset kCampaignSteps{kCampaigns, "steps", Type::I64, 1, {Axis::Campaign}, "1", "steps attempted",
                                        {}, Rule::NonNegative};
inline constexpr Dataset kCampaignBlocked{kCampaigns, "blocked", Type::I64, 1, {Axis::Campaign}, "1",
                                          "steps prevented (antivirus or ASR)", {}, Rule::NonNegative};
inline constexpr Dataset kCampaignAudited{kCampaigns, "audited", Type::I64, 1, {Axis::Campaign}, "1",
                                          "steps recorded by an ASR rule in audit mode", {}, Rule::NonNegative};
inline constexpr Dataset kCampaignDetected{kCampaigns, "detected", Type::I64, 1, {Axis::Campaign}, "1",
                                           "steps that ran and raised an alert", {}, Rule::NonNegative};
inline constexpr Dataset kCampaignUnseen{kCampaigns, "unseen", Type::I64, 2, {Axis::Campaign, Axis::UnseenCause}, "1",
                                         "steps that ran and raised no alert, by cause", {}, Rule::NonNegative};
inline constexpr Dataset kUnseenCauseName{kCampaigns, "cause", Type::Text, 1, {Axis::UnseenCause}, "",
                                          "why a step was unseen: the sensor as the step found it, or missed by a "
                                          "reporting sensor",
                                          {}, Rule::Any, Axis::Hour, "cause"};
inline constexpr Dataset kCampaignTampered{kCampaigns, "tampered", Type::I64, 1, {Axis::Campaign}, "1",
                                           "sensors it turned off", {}, Rule::NonNegative};
inline constexpr Dataset kCampaignContained{kCampaigns, "contained", Type::I64, 1, {Axis::Campaign}, "1",
                                            "machines remediated by automated investigation", {}, Rule::NonNegative};
inline constexpr Dataset kCampaignImpacted{kCampaigns, "impacted", Type::I64, 1, {Axis::Campaign}, "1",
                                           "machines where its ransomware ran", {}, Rule::NonNegative};
inline constexpr Dataset kCampaignFirstDetection{kCampaigns, "first_detection_time", Type::I64, 1, {Axis::Campaign},
                                                 kTimeUnits, "its first detection", {}, Rule::Any};
inline constexpr Dataset kCampaignFirstAlert{kCampaigns, "first_alert_time", Type::I64, 1, {Axis::Campaign}, kTimeUnits,
                                             "its first alert in Defender for Cloud", {}, Rule::Any};
inline constexpr Dataset kCampaignFirstContainment{kCampaigns, "first_containment_time", Type::I64, 1, {Axis::Campaign},
                                                   kTimeUnits, "its first machine remediated", {}, Rule::Any};
inline constexpr Dataset kCampaignLastContainment{kCampaigns, "last_containment_time", Type::I64, 1, {Axis::Campaign},
                                                  kTimeUnits, "its last machine remediated", {}, Rule::Any};

// --------------------------------------------------------------------------------------------------------- soc
inline constexpr std::string_view kSoc = "/soc";
inline constexpr std::string_view kSocDescription =
    "The SOC hour by hour: alerts waiting, in hand, analysts on duty, utilisation. "
    "Attributes: time to acknowledge and to resolve (mean and 95th percentile, seconds, over the alerts resolved); "
    "semi automation's pending actions: approvals requested, granted, timed out (rejected); automated investigations "
    "that expanded to other devices of their campaign: at once, needing approval, approved, timed out, devices reached.";
inline constexpr Dataset kSocTime{kSoc, "time", Type::I64, 1, {Axis::Hour}, kTimeUnits, "start of the clock hour (UTC)",
                                  {}, Rule::RunTime, Axis::Hour, "time"};
inline constexpr Dataset kSocBacklog{kSoc, "backlog", Type::I64, 1, {Axis::Hour}, "1",
                                     "alerts waiting for triage at the end of the hour", {}, Rule::NonNegative};
inline constexpr Dataset kSocInHand{kSoc, "in_hand", Type::I64, 1, {Axis::Hour}, "1",
                                    "alerts being worked at the end of the hour", {}, Rule::NonNegative};
inline constexpr Dataset kSocAnalysts{kSoc, "analysts", Type::I64, 1, {Axis::Hour}, "1",
                                      "analysts on duty at the end of the hour", {}, Rule::NonNegative};
inline constexpr Dataset kSocUtilisation{kSoc, "utilisation", Type::F64, 1, {Axis::Hour}, "1",
                                         "busy analyst-seconds / staffed analyst-seconds in the hour (0 when nobody is "
                                         "on duty)",
                                         {}, Rule::Any};
inline constexpr Dataset kSocStarted{kSoc, "started", Type::I64, 1, {Axis::Hour}, "1", "triages started in the hour",
                                     {}, Rule::NonNegative};
inline constexpr Dataset kSocFinished{kSoc, "finished", Type::I64, 1, {Axis::Hour}, "1", "alerts finished in the hour",
                                      {}, Rule::NonNegative};
namespace soc {
inline constexpr std::string_view kMeanTta = "mean_time_to_acknowledge_s";
inline constexpr std::string_view kP95Tta = "p95_time_to_acknowledge_s";
inline constexpr std::string_view kMeanTtr = "mean_time_to_resolve_s";
inline constexpr std::string_view kP95Ttr = "p95_time_to_resolve_s";
inline constexpr std::string_view kApprovalsRequested = "approvals_requested";  // semi automation's pending actions
inline constexpr std::string_view kApprovalsGranted = "approvals_granted";
inline constexpr std::string_view kApprovalsTimedOut = "approvals_timed_out";
// Automated investigations that expanded to other devices of their campaign (alerts.air.expansion_approval_devices).
inline constexpr std::string_view kExpansionsAutomatic = "expansions_automatic";
inline constexpr std::string_view kExpansionsNeedingApproval = "expansions_needing_approval";
inline constexpr std::string_view kExpansionsApproved = "expansions_approved";
inline constexpr std::string_view kExpansionsTimedOut = "expansions_timed_out";
inline constexpr std::string_view kExpansionDevices = "expansion_devices";
}  // namespace soc

}  // namespace fleettwin::schema
