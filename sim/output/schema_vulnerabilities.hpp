#pragma once
// The vulnerability groups of the output (issue 9): findings true and listed at each publication, the unseen ones
// and why, the daily exposure score, the 8-hourly secure score. Part of schema.hpp (included there, before the list
// of every dataset).

namespace fleettwin::schema {

// ------------------------------------------------------------------------------------------- vulnerabilities
inline constexpr std::string_view kVulnerabilities = "/vulnerabilities";
inline constexpr std::string_view kVulnerabilitiesDescription =
    "Vulnerability findings at each publication of Defender Vulnerability Management (every assessment cadence, "
    "6 hours by default, UTC): `open` is the truth (every finding on every existing machine), `listed` what Defender "
    "for Cloud lists (the machines' latest snapshots: agent-based while the sensor reports, kept 30 days after it "
    "stops; agentless for Plan 2 VMs without agent-based results), `unseen` the open findings it does not list, "
    "`stale` the listed ones already fixed. `*_days` integrate over the interval since the previous row (exact, "
    "finding-days). Attributes: `enabled` (vulnerabilities.enabled; the groups are empty when off), `cadence_s`, "
    "`retention_s`, `exploitation_attempts` and `exploitation_succeeded` (random campaigns on internet-facing "
    "machines that tried an open finding, and got in), `maintenance_touches` (machine maintenance windows worked).";
inline constexpr std::string_view kVulnEnabled = "enabled";
inline constexpr std::string_view kVulnCadence = "cadence_s";
inline constexpr std::string_view kVulnRetention = "retention_s";
inline constexpr std::string_view kVulnExploitAttempts = "exploitation_attempts";
inline constexpr std::string_view kVulnExploitSucceeded = "exploitation_succeeded";
inline constexpr std::string_view kVulnTouches = "maintenance_touches";
inline constexpr Dataset kVulnTime{kVulnerabilities, "time", Type::I64, 1, {Axis::VulnTime}, kTimeUnits,
                                   "publication instant (UTC multiple of the cadence)", {}, Rule::RunTime, Axis::Hour,
                                   "time"};
inline constexpr Dataset kVulnEnvironment{kVulnerabilities, "environment", Type::Text, 1, {Axis::Environment}, "",
                                          "environment", {}, Rule::Any, Axis::Hour, "environment"};
inline constexpr Dataset kVulnSeverityName{kVulnerabilities, "severity", Type::Text, 1, {Axis::VulnSeverity}, "",
                                           "CVSS severity band", {}, Rule::Any, Axis::Hour, "severity"};
inline constexpr Dataset kVulnCauseName{kVulnerabilities, "cause", Type::Text, 1, {Axis::VulnCause}, "",
                                        "why an open finding is not listed: no_assessment (no agent-based or agentless "
                                        "results, or expired), stale_snapshot (it came after the machine's snapshot), "
                                        "awaiting_publication (after the last publication of a reporting machine)",
                                        {}, Rule::Any, Axis::Hour, "cause"};
inline constexpr Dataset kVulnViewName{kVulnerabilities, "view", Type::Text, 1, {Axis::VulnView}, "",
                                       "how Defender for Cloud sees a machine: unseen, live (agent-based, reporting), "
                                       "agent_snapshot (silent, last snapshot kept), agentless_snapshot",
                                       {}, Rule::Any, Axis::Hour, "view"};
inline constexpr Dataset kVulnOpen{kVulnerabilities, "open", Type::I64, 3,
                                   {Axis::VulnTime, Axis::Environment, Axis::VulnSeverity}, "1",
                                   "open findings (the truth)", {}, Rule::NonNegative};
inline constexpr Dataset kVulnListed{kVulnerabilities, "listed", Type::I64, 3,
                                     {Axis::VulnTime, Axis::Environment, Axis::VulnSeverity}, "1",
                                     "findings Defender for Cloud lists", {}, Rule::NonNegative};
inline constexpr Dataset kVulnUnseen{kVulnerabilities, "unseen", Type::I64, 3,
                                     {Axis::VulnTime, Axis::Environment, Axis::VulnSeverity}, "1",
                                     "open findings Defender for Cloud does not list", {}, Rule::NonNegative};
inline constexpr Dataset kVulnStale{kVulnerabilities, "stale", Type::I64, 3,
                                    {Axis::VulnTime, Axis::Environment, Axis::VulnSeverity}, "1",
                                    "listed findings already remediated (listed - (open - unseen))", {}, Rule::NonNegative};
inline constexpr Dataset kVulnOpenDays{kVulnerabilities, "open_days", Type::F64, 3,
                                       {Axis::VulnTime, Axis::Environment, Axis::VulnSeverity}, "d",
                                       "finding-days open since the previous publication", {}, Rule::NonNegative};
inline constexpr Dataset kVulnUnseenDays{kVulnerabilities, "unseen_days", Type::F64, 3,
                                         {Axis::VulnTime, Axis::Environment, Axis::VulnSeverity}, "d",
                                         "finding-days open and not listed since the previous publication", {},
                                         Rule::NonNegative};
inline constexpr Dataset kVulnUnseenByCause{kVulnerabilities, "unseen_by_cause", Type::I64, 3,
                                            {Axis::VulnTime, Axis::Environment, Axis::VulnCause}, "1",
                                            "unseen findings by cause", {}, Rule::NonNegative};
inline constexpr Dataset kVulnUnseenCauseDays{kVulnerabilities, "unseen_days_by_cause", Type::F64, 3,
                                              {Axis::VulnTime, Axis::Environment, Axis::VulnCause}, "d",
                                              "unseen finding-days since the previous publication, by cause", {},
                                              Rule::NonNegative};
inline constexpr Dataset kVulnCriticalOpen{kVulnerabilities, "critical_open", Type::I64, 2,
                                           {Axis::VulnTime, Axis::Environment}, "1", "open critical findings", {},
                                           Rule::NonNegative};
inline constexpr Dataset kVulnCriticalAge{kVulnerabilities, "critical_mean_age_days", Type::F64, 2,
                                          {Axis::VulnTime, Axis::Environment}, "d",
                                          "mean time since disclosure of the open critical findings (0 when none)", {},
                                          Rule::NonNegative};
inline constexpr Dataset kVulnMachinesByView{kVulnerabilities, "machines", Type::I64, 2, {Axis::VulnTime, Axis::VulnView},
                                             "1", "existing machines by how Defender for Cloud sees their findings",
                                             {}, Rule::NonNegative};

inline constexpr std::string_view kVulnGroups = "/vulnerabilities/groups";
inline constexpr std::string_view kVulnGroupsDescription =
    "The groups of machines that share one software inventory (a cohort's machines with one operating system: "
    "machines first_machine .. first_machine + machines - 1) and the findings disclosed in it so far at each "
    "publication: every machine of the group has them until its maintenance remediates them.";
inline constexpr Dataset kVulnGroupCohort{kVulnGroups, "cohort", Type::U16, 1, {Axis::VulnGroup}, "",
                                          "cohort (index into /cohorts/name)", {}, Rule::IndexOf, Axis::Cohort, "group"};
inline constexpr Dataset kVulnGroupOs{kVulnGroups, "os", Type::U16, 1, {Axis::VulnGroup}, "",
                                      "operating system (index into /os/name)", {}, Rule::IndexOf, Axis::Os};
inline constexpr Dataset kVulnGroupFirst{kVulnGroups, "first_machine", Type::U32, 1, {Axis::VulnGroup}, "",
                                         "the group's first machine id", {}, Rule::Any};
inline constexpr Dataset kVulnGroupMachines{kVulnGroups, "machines", Type::U32, 1, {Axis::VulnGroup}, "1",
                                            "machines of the group", {}, Rule::Any};
inline constexpr Dataset kVulnGroupDisclosed{kVulnGroups, "disclosed", Type::I64, 3,
                                             {Axis::VulnTime, Axis::VulnGroup, Axis::VulnSeverity}, "1",
                                             "findings disclosed in the group's inventory up to the publication", {},
                                             Rule::NonNegative};

inline constexpr std::string_view kVulnChanges = "/vulnerabilities/changes";
inline constexpr std::string_view kVulnChangesDescription =
    "With vulnerabilities.machine_log (attribute `machine_log`; empty without): one row per machine whose findings or "
    "view changed since its previous row, at the publication where it changed, in (time, machine) order; the rows of "
    "the first publication give every existing machine's state. The state in force at a publication t is the "
    "machine's last row with time <= t: its open findings of severity s are its group's disclosed[t, group, s] + "
    "offset[s]; Defender for Cloud lists `listed` (a snapshot view, taken at snapshot_time), all of them (live), or "
    "none (unseen). Summed over the machines these give /vulnerabilities/open and listed exactly (what `fleettwin "
    "query --vulnerable` does).";
inline constexpr std::string_view kVulnMachineLog = "machine_log";
inline constexpr Dataset kVulnChangeTime{kVulnChanges, "time", Type::I64, 1, {Axis::VulnChange}, kTimeUnits,
                                         "the publication", {}, Rule::RunTime};
inline constexpr Dataset kVulnChangeMachine{kVulnChanges, "machine", Type::U32, 1, {Axis::VulnChange}, "",
                                            "machine id", {}, Rule::IndexOf, Axis::Machine};
inline constexpr Dataset kVulnChangeView{kVulnChanges, "view", Type::U8, 1, {Axis::VulnChange}, "",
                                         "how Defender for Cloud sees the machine's findings (flags; absent: the "
                                         "machine does not exist)", {}, Rule::Any};
inline constexpr Dataset kVulnChangeOffset{kVulnChanges, "offset", Type::I64, 2, {Axis::VulnChange, Axis::VulnSeverity},
                                           "1", "open findings minus the group's disclosed ones (<= 0: remediated)",
                                           {}, Rule::Any};
inline constexpr Dataset kVulnChangeListed{kVulnChanges, "listed", Type::U16, 2, {Axis::VulnChange, Axis::VulnSeverity},
                                           "1", "findings of the listed snapshot (snapshot views; 0 otherwise)", {},
                                           Rule::NonNegative};
inline constexpr Dataset kVulnChangeSnapshot{kVulnChanges, "snapshot_time", Type::I64, 1, {Axis::VulnChange}, kTimeUnits,
                                             "instant of the listed snapshot (snapshot views; 0 otherwise; before 0: "
                                             "taken before the start)", {}, Rule::Any};

inline constexpr std::string_view kExposure = "/vulnerabilities/exposure";
inline constexpr std::string_view kExposureDescription =
    "Defender Vulnerability Management's exposure score, recomputed daily (UTC midnight): device scores averaged with "
    "the device-value weights low 0.75, normal 1, high = devices / 10; bands low 0-29, medium 30-69, high 70-100. "
    "`exposure_score` is what the product shows (from the listed findings, over the devices it knows); "
    "`true_exposure_score` the same formula over every device's true findings.";
inline constexpr Dataset kExposureTime{kExposure, "time", Type::I64, 1, {Axis::ExposureDay}, kTimeUnits,
                                       "recomputation instant (UTC midnight)", {}, Rule::RunTime, Axis::Hour, "time"};
inline constexpr Dataset kExposureScore{kExposure, "exposure_score", Type::F64, 1, {Axis::ExposureDay}, "1",
                                        "exposure score shown (0-100)", {}, Rule::NonNegative};
inline constexpr Dataset kExposureTrue{kExposure, "true_exposure_score", Type::F64, 1, {Axis::ExposureDay}, "1",
                                       "exposure score of the true findings (0-100)", {}, Rule::NonNegative};
inline constexpr Dataset kExposureBand{kExposure, "band", Type::U8, 1, {Axis::ExposureDay}, "",
                                       "band of the exposure score shown (low, medium, high)", {}, Rule::Any};
inline constexpr Dataset kExposureDevices{kExposure, "devices", Type::I64, 1, {Axis::ExposureDay}, "1",
                                          "devices Defender Vulnerability Management knows", {}, Rule::NonNegative};
inline constexpr Dataset kExposureDevicesTrue{kExposure, "devices_true", Type::I64, 1, {Axis::ExposureDay}, "1",
                                              "existing devices", {}, Rule::NonNegative};

inline constexpr std::string_view kSecureScore = "/secure_score";
inline constexpr std::string_view kSecureScoreDescription =
    "Defender for Cloud's secure score over the machine recommendations, each control recalculated every 8 hours "
    "(UTC): current score = max score / (healthy + unhealthy) x healthy, not applicable resources left out; the "
    "score is the sum of current scores over the sum of maxima. Controls: remediate_vulnerabilities (\"Machines "
    "should have a vulnerability assessment solution\" and \"... vulnerability findings resolved\": healthy = listed "
    "findings and none of at least the scenario's severity) and endpoint_protection (the health model's healthy "
    "against installation and heartbeat issues). Attributes: each control's max score.";
inline constexpr std::string_view kSecureVaMax = "remediate_vulnerabilities_max";
inline constexpr std::string_view kSecureEpMax = "endpoint_protection_max";
inline constexpr Dataset kSecureTime{kSecureScore, "time", Type::I64, 1, {Axis::SecureTime}, kTimeUnits,
                                     "recalculation instant (UTC multiple of 8 h)", {}, Rule::RunTime, Axis::Hour, "time"};
inline constexpr Dataset kSecurePercent{kSecureScore, "score_percent", Type::F64, 1, {Axis::SecureTime}, "%",
                                        "secure score over the machine controls", {}, Rule::NonNegative};
inline constexpr Dataset kSecureVaHealthy{kSecureScore, "remediate_vulnerabilities_healthy", Type::I64, 1,
                                          {Axis::SecureTime}, "1", "healthy machines (assessed, no findings)", {},
                                          Rule::NonNegative};
inline constexpr Dataset kSecureVaUnhealthy{kSecureScore, "remediate_vulnerabilities_unhealthy", Type::I64, 1,
                                            {Axis::SecureTime}, "1", "unhealthy machines (not assessed, or findings)",
                                            {}, Rule::NonNegative};
inline constexpr Dataset kSecureEpHealthy{kSecureScore, "endpoint_protection_healthy", Type::I64, 1, {Axis::SecureTime},
                                          "1", "machines with a healthy sensor", {}, Rule::NonNegative};
inline constexpr Dataset kSecureEpUnhealthy{kSecureScore, "endpoint_protection_unhealthy", Type::I64, 1,
                                            {Axis::SecureTime}, "1", "machines with an installation or heartbeat issue",
                                            {}, Rule::NonNegative};

// -------------------------------------------------------------------------------------------------------- data
inline constexpr std::string_view kData = "/data";
inline constexpr std::string_view kDataDescription =
    "Data volumes per UTC day (the first row starts with the run): Defender for Endpoint telemetry of the reporting "
    "sensors, stored in the tenant's geo (product-facts.md section 7) and kept `retention_s` (180 days), with a "
    "pseudonymised copy stored in the US (`pseudonymised_share` of it); and per subscription Plan 2's data benefit: "
    "500 MB a day per billed Plan 2 machine, pooled over the subscription, against the security data its machines "
    "ingest (the cohorts' security_data_per_day while billed); beyond it, the overage at `overage_usd_per_gb`. "
    "Attributes: `telemetry_mb_per_machine_day`, `pseudonymised_share`, `retention_s`, `overage_usd_per_gb`.";
inline constexpr Dataset kDataTime{kData, "time", Type::I64, 1, {Axis::DataDay}, kTimeUnits,
                                   "start of the UTC day (or of the run)", {}, Rule::Any, Axis::Hour, "time"};
inline constexpr Dataset kDataGeo{kData, "geo", Type::Text, 1, {Axis::Geo}, "", "tenant geo", {}, Rule::Any, Axis::Hour,
                                  "geo"};
inline constexpr Dataset kDataSubscription{kData, "subscription", Type::Text, 1, {Axis::Subscription}, "",
                                           "subscription id (as /subscriptions/id)", {}, Rule::Any, Axis::Hour,
                                           "subscription"};
inline constexpr Dataset kTelemetryBytes{kData, "telemetry_bytes", Type::F64, 2, {Axis::DataDay, Axis::Geo}, "B",
                                         "telemetry the day's reporting sensors sent, by tenant geo", {},
                                         Rule::NonNegative};
inline constexpr Dataset kStoredBytes{kData, "stored_bytes", Type::F64, 2, {Axis::DataDay, Axis::Geo}, "B",
                                      "telemetry stored in the geo at the end of the day (the last retention_s of it)",
                                      {}, Rule::NonNegative};
inline constexpr Dataset kUsPseudonymisedBytes{kData, "us_pseudonymised_bytes", Type::F64, 1, {Axis::DataDay}, "B",
                                               "the pseudonymised copy stored in the US at the end of the day", {},
                                               Rule::NonNegative};
inline constexpr Dataset kAllowanceBytes{kData, "allowance_bytes", Type::F64, 2, {Axis::DataDay, Axis::Subscription},
                                         "B", "Plan 2 data allowance: 500 MB x billed Plan 2 machine-days", {},
                                         Rule::NonNegative};
inline constexpr Dataset kSecurityBytes{kData, "security_bytes", Type::F64, 2, {Axis::DataDay, Axis::Subscription}, "B",
                                        "security data the subscription's billed Plan 2 machines ingested", {},
                                        Rule::NonNegative};
inline constexpr Dataset kOverageBytes{kData, "overage_bytes", Type::F64, 2, {Axis::DataDay, Axis::Subscription}, "B",
                                       "security data beyond the pooled allowance", {}, Rule::NonNegative};
inline constexpr Dataset kOverageCost{kData, "overage_usd", Type::F64, 2, {Axis::DataDay, Axis::Subscription}, "USD",
                                      "the overage's cost", {}, Rule::NonNegative};

}  // namespace fleettwin::schema
