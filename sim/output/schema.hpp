#pragma once
// The output file's schema: every group, dataset and attribute the recorder writes, with its type, axes, units,
// meaning and the values it may hold. The recorder writes from these declarations and every reader (summary,
// query) checks what it reads against them, so the two cannot drift apart; docs/hdf5-layout.md describes the
// same layout for people.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace fleettwin::schema {

// Stored types (little-endian). Text is variable-length UTF-8.
enum class Type : uint8_t { I64, U32, U16, U8, F64, Text };

// The axes datasets are laid along. Some have a length fixed by the program (plans, environments, classes), the
// others take theirs from the file: from their dimension scale, or from a catalogue.
enum class Axis : uint8_t {
  Hour,          // /billing/time
  Month,         // /billing/monthly/month
  Evaluation,    // /health/time
  Change,        // /health/changes/time
  Machine,       // /machines/machine (and the root attribute `machines`)
  Cohort,        // /cohorts/name
  Location,      // /locations/name
  Subscription,  // /subscriptions/id
  Os,            // /os/name
  Outage,        // /outages/start
  Plan,          // P1, P2
  Environment,   // azure, aws, gcp, onprem
  HealthClass,   // the seven classes
  SensorState,   // the six sensor states
  Issue,         // /health/issues/code
  PowerState,    // for flags only
  AgentState,    // for flags only
  PlanOrOff,     // off, P1, P2: for flags only
  Alert,         // /alerts/alert
  Incident,      // /incidents/incident
  Campaign,      // /campaigns/campaign
  Tactic,        // the twelve MITRE tactics
  Technique,     // /threats/techniques/mitre_id
  AlertType,     // /threats/alert_types/name
  Playbook,      // /threats/playbooks/name
  Severity,      // informational, low, medium, high
  AlertStatus,   // Defender for Cloud: active, in_progress, dismissed, resolved
  PortalStatus,  // Defender portal: new, in_progress, resolved, not_in_portal
  AlertSource,   // edr, antivirus, defender_for_cloud
  Classification,  // true_positive, benign_positive, false_positive
  UnseenCause,   // the six causes
  VulnTime,      // /vulnerabilities/time
  ExposureDay,   // /vulnerabilities/exposure/time
  SecureTime,    // /secure_score/time
  VulnSeverity,  // low, medium, high, critical
  VulnCause,     // the three causes a finding is not listed
  VulnView,      // the four views
  VulnGroup,     // /vulnerabilities/groups/cohort
  VulnChange,    // /vulnerabilities/changes/time
  DataDay,       // /data/time
  Geo,           // the six tenant geos
};
inline constexpr size_t kAxisCount = static_cast<size_t>(Axis::Geo) + 1;

// What the values may be, beyond their type.
enum class Rule : uint8_t {
  Any,
  NonNegative,
  IndexOf,    // each value indexes `of` (0 <= value < its length); for flags, the codes 0..N-1
  IssueCode,  // each value is a code of /health/issues/code
  RunTime,    // seconds since the start, within the run (0 <= value <= duration)
};

// CF time units ("seconds since <start>"): the writer substitutes the run's start.
inline constexpr std::string_view kTimeUnits = "@seconds since start";

struct Dataset {
  std::string_view group;  // e.g. "/billing"
  std::string_view name;   // e.g. "cost_usd"
  Type type;
  uint8_t rank;
  std::array<Axis, 3> axes;
  std::string_view units;      // "" = none
  std::string_view long_name;
  std::string_view description = {};  // "" = none
  Rule rule = Rule::Any;
  Axis of = Axis::Hour;          // Rule::IndexOf
  std::string_view scale = {};   // non-empty: the dataset is the dimension scale of this name

  std::string path() const { return std::string(group) + "/" + std::string(name); }
};

// ---------------------------------------------------------------------------------------------------- root
namespace root {
inline constexpr std::string_view kTitle = "title";
inline constexpr std::string_view kVersion = "fleettwin_version";
inline constexpr std::string_view kLayout = "layout";
inline constexpr std::string_view kLayoutText =
    "docs/hdf5-layout.md in the fleettwin repository describes every group and dataset";
inline constexpr std::string_view kScenarioName = "scenario_name";
inline constexpr std::string_view kScenarioDescription = "scenario_description";
inline constexpr std::string_view kScenarioFile = "scenario_file";
inline constexpr std::string_view kScenarioText = "scenario_text";
inline constexpr std::string_view kScenarioOverrides = "scenario_overrides";
inline constexpr std::string_view kSeed = "seed";                 // uint64
inline constexpr std::string_view kStart = "start";               // ISO 8601 UTC
inline constexpr std::string_view kDuration = "duration_seconds";  // int64
inline constexpr std::string_view kMachines = "machines";          // int64
inline constexpr std::string_view kTzdataVersion = "tzdata_version";
}  // namespace root

// The CRC-32 (zlib's) of a dataset's values in file order: the stored little-endian bytes of numbers, and for
// text each string's UTF-8 bytes followed by a NUL. zlib.crc32(ds[()].tobytes()) checks a numeric one in Python.
inline constexpr std::string_view kChecksum = "crc32";

// ----------------------------------------------------------------------------------------------- catalogues
inline constexpr std::string_view kCohorts = "/cohorts";
inline constexpr Dataset kCohortName{kCohorts, "name", Type::Text, 1, {Axis::Cohort}, "", "cohort name",
                                     "index = the cohort code used in /machines/cohort", Rule::Any, Axis::Hour, "cohort"};
inline constexpr Dataset kCohortCount{kCohorts, "count", Type::I64, 1, {Axis::Cohort}, "", "machines in the cohort",
                                      {}, Rule::NonNegative};
inline constexpr Dataset kCohortEnvironment{kCohorts, "environment", Type::I64, 1, {Axis::Cohort}, "", "environment",
                                            {}, Rule::IndexOf, Axis::Environment};
inline constexpr Dataset kCohortLocation{kCohorts, "location", Type::I64, 1, {Axis::Cohort}, "",
                                         "region or site (index into /locations/name)", {}, Rule::IndexOf, Axis::Location};
inline constexpr Dataset kCohortSubscription{kCohorts, "subscription", Type::I64, 1, {Axis::Cohort}, "",
                                             "subscription (index into /subscriptions/id)", {}, Rule::IndexOf,
                                             Axis::Subscription};
inline constexpr Dataset kCohortPlan{kCohorts, "plan", Type::I64, 1, {Axis::Cohort}, "",
                                     "Defender for Servers plan (the cohort's override or its subscription's)", {},
                                     Rule::IndexOf, Axis::PlanOrOff};
inline constexpr Dataset kCohortSchedule{kCohorts, "schedule", Type::Text, 1, {Axis::Cohort}, "", "power schedule kind"};

inline constexpr std::string_view kLocations = "/locations";
inline constexpr Dataset kLocationName{kLocations, "name", Type::Text, 1, {Axis::Location}, "",
                                       "region (azure, aws, gcp) or site (onprem); one SimGrid gateway host and site "
                                       "actor each",
                                       {}, Rule::Any, Axis::Hour, "location"};
inline constexpr Dataset kLocationEnvironment{kLocations, "environment", Type::I64, 1, {Axis::Location}, "",
                                              "environment", {}, Rule::IndexOf, Axis::Environment};

inline constexpr std::string_view kSubscriptions = "/subscriptions";
inline constexpr Dataset kSubscriptionId{kSubscriptions, "id", Type::Text, 1, {Axis::Subscription}, "",
                                         "subscription id", {}, Rule::Any, Axis::Hour, "subscription"};
inline constexpr Dataset kSubscriptionTenant{kSubscriptions, "tenant", Type::Text, 1, {Axis::Subscription}, "",
                                             "tenant id"};
inline constexpr Dataset kSubscriptionGeo{kSubscriptions, "geo", Type::Text, 1, {Axis::Subscription}, "",
                                          "Defender for Endpoint data geo-location of the tenant (product-facts.md "
                                          "section 7)"};
inline constexpr Dataset kSubscriptionPlan{kSubscriptions, "plan", Type::I64, 1, {Axis::Subscription}, "",
                                           "Defender for Servers plan of the subscription", {}, Rule::IndexOf,
                                           Axis::PlanOrOff};

inline constexpr std::string_view kOs = "/os";
inline constexpr Dataset kOsName{kOs, "name", Type::Text, 1, {Axis::Os}, "",
                                 "operating system (index = the code in /machines/os)", {}, Rule::Any, Axis::Hour, "os"};
inline constexpr Dataset kOsFamily{kOs, "family", Type::Text, 1, {Axis::Os}, "", "operating system family"};

// --------------------------------------------------------------------------------------------------- billing
inline constexpr std::string_view kBilling = "/billing";
namespace billing {
inline constexpr std::string_view kPartialHourRule = "partial_hour_rule";  // "prorate" or "round-up"
inline constexpr std::string_view kP1Monthly = "p1_monthly_usd";
inline constexpr std::string_view kP2Monthly = "p2_monthly_usd";
inline constexpr std::string_view kHoursPerMonth = "hours_per_month";
inline constexpr std::string_view kP1Hourly = "p1_hourly_usd";
inline constexpr std::string_view kP2Hourly = "p2_hourly_usd";
inline constexpr std::string_view kDescription =
    "Defender for Servers usage per clock hour. A machine bills while Azure shows it Running, Stopping or Stopped "
    "(Azure VMs) or Connected (Azure Arc); product-facts.md section 6.";
inline constexpr std::string_view kProrateDescription = "prorate rule: billable machine-seconds / 3600";
inline constexpr std::string_view kRoundUpDescription =
    "round-up rule: machines with any billable time in the clock hour, each billed one hour";
}  // namespace billing
inline constexpr Dataset kBillingTime{kBilling, "time", Type::I64, 1, {Axis::Hour}, kTimeUnits,
                                      "start of the clock hour (UTC)", {}, Rule::RunTime, Axis::Hour, "time"};
inline constexpr Dataset kBillingPlan{kBilling, "plan", Type::Text, 1, {Axis::Plan}, "", "Defender for Servers plan",
                                      {}, Rule::Any, Axis::Hour, "plan"};
inline constexpr Dataset kBillingEnvironment{kBilling, "environment", Type::Text, 1, {Axis::Environment}, "",
                                             "environment", {}, Rule::Any, Axis::Hour, "environment"};
// The description depends on the partial-hour rule (billing::kProrateDescription or kRoundUpDescription).
inline constexpr Dataset kBillableHours{kBilling, "billable_hours", Type::F64, 3,
                                        {Axis::Hour, Axis::Plan, Axis::Environment}, "h",
                                        "billed machine-hours in the clock hour", {}, Rule::NonNegative};
inline constexpr Dataset kMachinesBilled{kBilling, "machines_billed", Type::I64, 3,
                                         {Axis::Hour, Axis::Plan, Axis::Environment}, "1",
                                         "machines with any billable time in the clock hour", {}, Rule::NonNegative};
inline constexpr Dataset kCost{kBilling, "cost_usd", Type::F64, 3, {Axis::Hour, Axis::Plan, Axis::Environment}, "USD",
                               "list-price cost of the clock hour",
                               "billable_hours x monthly list price / hours_per_month", Rule::NonNegative};
inline constexpr Dataset kBillingSubscription{kBilling, "subscription", Type::Text, 1, {Axis::Subscription}, "",
                                              "subscription id (as /subscriptions/id)", {}, Rule::Any, Axis::Hour,
                                              "subscription"};
inline constexpr Dataset kSubscriptionHours{kBilling, "subscription_hours", Type::F64, 3,
                                            {Axis::Hour, Axis::Subscription, Axis::Plan}, "h",
                                            "billable machine-hours of each subscription in the clock hour (exact, "
                                            "whatever the partial-hour rule)",
                                            {}, Rule::NonNegative};
inline constexpr Dataset kTrialSaving{kBilling, "trial_saving_usd", Type::F64, 2, {Axis::Hour, Axis::Subscription},
                                      "USD", "what the subscription's 30-day trial did not bill in the clock hour",
                                      "subscription_hours x the plans' hourly rates, during the trial's 720 hours",
                                      Rule::NonNegative};
inline constexpr Dataset kLicenceDiscount{kBilling, "licence_discount_usd", Type::F64, 2,
                                          {Axis::Hour, Axis::Subscription}, "USD",
                                          "the Defender for Endpoint licence discount of the clock hour",
                                          "min(licences, subscription_hours) x the Plan 1 hourly rate, from the clock "
                                          "hour holding the approval on (outside the trial)",
                                          Rule::NonNegative};

inline constexpr std::string_view kMonthly = "/billing/monthly";
inline constexpr std::string_view kMonthlyDescription =
    "Hourly billing against per-seat licensing by month of hours_per_month hours from the start. A seat is a machine "
    "with any billable time in the month; a partial last month is charged pro rata.";
inline constexpr Dataset kMonth{kMonthly, "month", Type::I64, 1, {Axis::Month}, kTimeUnits,
                                "start of the billing month (UTC)", {}, Rule::RunTime, Axis::Hour, "month"};
inline constexpr Dataset kMonthlyPlan{kMonthly, "plan", Type::Text, 1, {Axis::Plan}, "", "Defender for Servers plan",
                                      {}, Rule::Any, Axis::Hour, "plan"};
inline constexpr Dataset kMonthlyEnvironment{kMonthly, "environment", Type::Text, 1, {Axis::Environment}, "",
                                             "environment", {}, Rule::Any, Axis::Hour, "environment"};
inline constexpr Dataset kMonthHours{kMonthly, "hours", Type::I64, 1, {Axis::Month}, "h",
                                     "clock hours in the month (the last may be partial)", {}, Rule::NonNegative};
inline constexpr Dataset kSeats{kMonthly, "seats", Type::I64, 3, {Axis::Month, Axis::Plan, Axis::Environment}, "1",
                                "machines with any billable time in the month (seats a per-server licence needs)", {},
                                Rule::NonNegative};
inline constexpr Dataset kMonthCost{kMonthly, "hourly_cost_usd", Type::F64, 3,
                                    {Axis::Month, Axis::Plan, Axis::Environment}, "USD",
                                    "cost under hourly billing (sum of /billing/cost_usd over the month)", {},
                                    Rule::NonNegative};
inline constexpr Dataset kPerSeatCost{kMonthly, "per_seat_cost_usd", Type::F64, 3,
                                      {Axis::Month, Axis::Plan, Axis::Environment}, "USD",
                                      "cost if each seat were licensed for the whole month",
                                      "seats x monthly list price x hours / hours_per_month", Rule::NonNegative};

// ---------------------------------------------------------------------------------------------------- health
inline constexpr std::string_view kHealth = "/health";
namespace health {
inline constexpr std::string_view kDescription =
    "The four-hourly Defender for Endpoint health evaluation (Defender for Servers: 'Health status updates every four "
    "hours. This ensures the issue reflects the state from the last four hours.'). Row 0 is the state at the start; "
    "then one row per UTC multiple of four hours.";
inline constexpr std::string_view kWindowRule = "window_rule";
inline constexpr std::string_view kWindowRuleText =
    "Evaluation at T looks at the heartbeat ticks in [T-4h, T). healthy: a heartbeat was delivered at a tick in the "
    "window. heartbeat_issue: none was while the OS was running at some tick (or the sensor is misconfigured). "
    "provisioning: covered, sensor not deployed or not yet reported since install. installation_issue: the last "
    "deployment attempt failed. A machine off at every tick keeps its previous class. See "
    "models/health/health_evaluation.hpp.";
inline constexpr std::string_view kHeartbeatInterval = "heartbeat_interval_seconds";
inline constexpr std::string_view kEvaluationPeriod = "evaluation_period_seconds";
}  // namespace health
inline constexpr Dataset kHealthTime{kHealth, "time", Type::I64, 1, {Axis::Evaluation}, kTimeUnits,
                                     "time of the health evaluation (UTC)", {}, Rule::RunTime, Axis::Hour, "time"};
inline constexpr Dataset kHealthClass{kHealth, "class", Type::Text, 1, {Axis::HealthClass}, "",
                                      "health class (healthy, installation_issue, heartbeat_issue, not_applicable are "
                                      "the product's; provisioning, not_covered, absent are the twin's)",
                                      {}, Rule::Any, Axis::Hour, "class"};
inline constexpr Dataset kHealthEnvironment{kHealth, "environment", Type::Text, 1, {Axis::Environment}, "",
                                            "environment", {}, Rule::Any, Axis::Hour, "environment"};
inline constexpr Dataset kHealthLocation{kHealth, "location", Type::Text, 1, {Axis::Location}, "",
                                         "region or site (as /locations/name)", {}, Rule::Any, Axis::Hour, "location"};
inline constexpr Dataset kHealthSensorState{kHealth, "sensor_state", Type::Text, 1, {Axis::SensorState}, "",
                                            "Defender for Endpoint sensor health (API healthStatus; no_sensor: never "
                                            "onboarded)",
                                            {}, Rule::Any, Axis::Hour, "sensor_state"};
inline constexpr Dataset kHealthCounts{kHealth, "counts", Type::I64, 3,
                                       {Axis::Evaluation, Axis::HealthClass, Axis::Environment}, "1",
                                       "machines per health class and environment at each evaluation", {},
                                       Rule::NonNegative};
inline constexpr Dataset kHealthCountsByLocation{kHealth, "counts_by_location", Type::I64, 3,
                                                 {Axis::Evaluation, Axis::HealthClass, Axis::Location}, "1",
                                                 "machines per health class and region or site at each evaluation", {},
                                                 Rule::NonNegative};
inline constexpr Dataset kSensorCounts{kHealth, "sensor_counts", Type::I64, 3,
                                       {Axis::Evaluation, Axis::SensorState, Axis::Environment}, "1",
                                       "machines per MDE sensor health state and environment",
                                       "Inactive: no heartbeat for more than 7 days (check-sensor-status.md); "
                                       "misconfigured states from the sensor's deployment",
                                       Rule::NonNegative};

inline constexpr std::string_view kIssues = "/health/issues";
inline constexpr Dataset kIssueCode{kIssues, "code", Type::I64, 1, {Axis::Issue}, "",
                                    "issue code (as /health/changes/issue)", {}, Rule::NonNegative, Axis::Hour, "issue"};
inline constexpr Dataset kIssueName{kIssues, "name", Type::Text, 1, {Axis::Issue}, "", "issue name"};
inline constexpr Dataset kIssueMessage{kIssues, "message", Type::Text, 1, {Axis::Issue}, "", "message shown for the issue"};
inline constexpr Dataset kIssueFix{kIssues, "fix", Type::Text, 1, {Axis::Issue}, "",
                                   "instructions to fix the issue (empty where none applies)"};
inline constexpr Dataset kIssueSource{kIssues, "source", Type::Text, 1, {Axis::Issue}, "",
                                      "where the text comes from ('representative' where no public text exists)"};
inline constexpr Dataset kIssueClass{kIssues, "class", Type::I64, 1, {Axis::Issue}, "", "health class of the issue", {},
                                     Rule::IndexOf, Axis::HealthClass};

inline constexpr std::string_view kChanges = "/health/changes";
inline constexpr std::string_view kChangesDescription =
    "One row per machine whose class or issue changed at an evaluation, in time then machine order; the first rows "
    "(time 0) give every machine's state at the start. The class in force at time t is the last row of the machine "
    "with time <= t (fleettwin query does this).";
inline constexpr Dataset kChangeTime{kChanges, "time", Type::I64, 1, {Axis::Change}, kTimeUnits,
                                     "time of the evaluation that found the change (UTC)", {}, Rule::RunTime};
inline constexpr Dataset kChangeMachine{kChanges, "machine", Type::U32, 1, {Axis::Change}, "",
                                        "machine id (index into /machines)", {}, Rule::IndexOf, Axis::Machine};
inline constexpr Dataset kChangeClass{kChanges, "class", Type::U8, 1, {Axis::Change}, "",
                                      "health class from this evaluation on", {}, Rule::IndexOf, Axis::HealthClass};
inline constexpr Dataset kChangeIssue{kChanges, "issue", Type::U8, 1, {Axis::Change}, "",
                                      "issue code (see /health/issues)", {}, Rule::IssueCode};

// --------------------------------------------------------------------------------------------------- outages
inline constexpr std::string_view kOutages = "/outages";
namespace outages {
inline constexpr std::string_view kDescription =
    "Site and region outages: the uplink of the location is down on [start, end), so no heartbeat batch of its "
    "machines reaches Defender for Endpoint (SimGrid link state profiles).";
inline constexpr std::string_view kHeartbeatsDelivered = "heartbeats_delivered";  // int64
}  // namespace outages
inline constexpr Dataset kOutageLocation{kOutages, "location", Type::I64, 1, {Axis::Outage}, "",
                                         "region or site (index into /locations/name)", {}, Rule::IndexOf, Axis::Location};
inline constexpr Dataset kOutageStart{kOutages, "start", Type::I64, 1, {Axis::Outage}, kTimeUnits, "outage start (UTC)",
                                      {}, Rule::RunTime};
inline constexpr Dataset kOutageEnd{kOutages, "end", Type::I64, 1, {Axis::Outage}, kTimeUnits,
                                    "outage end (UTC, exclusive)", {}, Rule::RunTime};
inline constexpr Dataset kBatchesLost{kOutages, "batches_lost", Type::I64, 1, {Axis::Location}, "1",
                                      "heartbeat batches of the location lost on its downed uplink (one batch per tick)",
                                      {}, Rule::NonNegative};

// -------------------------------------------------------------------------------------------------- machines
inline constexpr std::string_view kMachines = "/machines";
inline constexpr std::string_view kMachinesDescription =
    "One row per machine; codes index the catalogues in /cohorts, /locations, /subscriptions, /os.";
inline constexpr Dataset kMachineId{kMachines, "machine", Type::U32, 1, {Axis::Machine}, "",
                                    "machine id (cohorts in file order, contiguous)", {}, Rule::IndexOf, Axis::Machine,
                                    "machine"};
inline constexpr Dataset kMachineCohort{kMachines, "cohort", Type::U16, 1, {Axis::Machine}, "",
                                        "cohort (index into /cohorts/name)", {}, Rule::IndexOf, Axis::Cohort};
inline constexpr Dataset kMachineLocation{kMachines, "location", Type::U16, 1, {Axis::Machine}, "",
                                          "region or site (index into /locations/name)", {}, Rule::IndexOf, Axis::Location};
inline constexpr Dataset kMachineSubscription{kMachines, "subscription", Type::U16, 1, {Axis::Machine}, "",
                                              "subscription at the end of the run (index into /subscriptions/id; moves "
                                              "change it)",
                                              {}, Rule::IndexOf, Axis::Subscription};
inline constexpr Dataset kMachineOs{kMachines, "os", Type::U16, 1, {Axis::Machine}, "",
                                    "operating system (index into /os/name)", {}, Rule::IndexOf, Axis::Os};
inline constexpr Dataset kMachineEnvironment{kMachines, "environment", Type::U8, 1, {Axis::Machine}, "", "environment",
                                             {}, Rule::IndexOf, Axis::Environment};
inline constexpr Dataset kMachinePlan{kMachines, "plan", Type::U8, 1, {Axis::Machine}, "",
                                      "Defender for Servers plan at the end of the run", {}, Rule::IndexOf,
                                      Axis::PlanOrOff};
inline constexpr Dataset kMachinePower{kMachines, "power_state_at_end", Type::U8, 1, {Axis::Machine}, "",
                                       "power or Arc connectivity state at the end of the run", {}, Rule::IndexOf,
                                       Axis::PowerState};
inline constexpr Dataset kMachineAgent{kMachines, "agent_state_at_end", Type::U8, 1, {Axis::Machine}, "",
                                       "Defender for Endpoint extension and sensor state at the end", {}, Rule::IndexOf,
                                       Axis::AgentState};
inline constexpr Dataset kMachineAgentCause{kMachines, "agent_cause_at_end", Type::U8, 1, {Axis::Machine}, "",
                                            "why the agent is in that state (not-applicable reason or installation "
                                            "failure)",
                                            {}, Rule::IssueCode};
inline constexpr Dataset kMachineHealth{kMachines, "health_at_end", Type::U8, 1, {Axis::Machine}, "",
                                        "health class of the last evaluation", {}, Rule::IndexOf, Axis::HealthClass};
inline constexpr Dataset kMachineHealthIssue{kMachines, "health_issue_at_end", Type::U8, 1, {Axis::Machine}, "",
                                             "issue of the last evaluation", {}, Rule::IssueCode};
inline constexpr Dataset kMachineAttempts{kMachines, "install_attempts", Type::U8, 1, {Axis::Machine}, "",
                                          "deployment attempts since the last (re)deployment began"};
inline constexpr Dataset kMachineBilledHours{kMachines, "billed_hours", Type::F64, 1, {Axis::Machine}, "h",
                                             "time the machine spent in a billable state over the run (exact, before "
                                             "the partial-hour rule)",
                                             {}, Rule::NonNegative};

// ------------------------------------------------------------------------------------------------------- run
inline constexpr std::string_view kRun = "/run";
namespace run {
inline constexpr std::string_view kDescription =
    "Wall-clock measurements of this run: the only part of the file that differs between two runs of the same "
    "scenario and seed.";
inline constexpr std::string_view kWallSeconds = "wall_seconds";
inline constexpr std::string_view kEvents = "events";
inline constexpr std::string_view kEventsPerSecond = "events_per_second";
inline constexpr std::string_view kPeakRss = "peak_rss_bytes";
inline constexpr std::string_view kStoreBytes = "fleet_store_bytes";
// memory_<structure>_bytes: the high-water mark of each structure's allocations (models/common/memory_use.hpp).
inline constexpr std::string_view kMemoryPrefix = "memory_";
inline constexpr std::string_view kMemorySuffix = "_bytes";
inline constexpr std::string_view kThreads = "threads";
inline constexpr std::string_view kSites = "sites";
}  // namespace run

}  // namespace fleettwin::schema
#include "sim/output/schema_threats.hpp"
#include "sim/output/schema_vulnerabilities.hpp"
namespace fleettwin::schema {

// Every dataset of the file, in the order the writer creates them.
inline constexpr std::array<const Dataset*, 132 + 28 + 4 + 10 + 11> kAllDatasets = {
    &kCohortName, &kCohortCount, &kCohortEnvironment, &kCohortLocation, &kCohortSubscription, &kCohortPlan,
    &kCohortSchedule, &kLocationName, &kLocationEnvironment, &kSubscriptionId, &kSubscriptionTenant,
    &kSubscriptionGeo, &kSubscriptionPlan, &kOsName, &kOsFamily, &kBillingTime, &kBillingPlan,
    &kBillingEnvironment, &kBillableHours, &kMachinesBilled, &kCost, &kBillingSubscription, &kSubscriptionHours, &kTrialSaving,
    &kLicenceDiscount, &kMonth, &kMonthlyPlan,
    &kMonthlyEnvironment, &kMonthHours, &kSeats, &kMonthCost, &kPerSeatCost, &kHealthTime, &kHealthClass,
    &kHealthEnvironment, &kHealthLocation, &kHealthSensorState, &kHealthCounts, &kHealthCountsByLocation,
    &kSensorCounts, &kIssueCode, &kIssueName, &kIssueMessage, &kIssueFix, &kIssueSource, &kIssueClass,
    &kChangeTime, &kChangeMachine, &kChangeClass, &kChangeIssue, &kOutageLocation, &kOutageStart, &kOutageEnd,
    &kBatchesLost, &kMachineId, &kMachineCohort, &kMachineLocation, &kMachineSubscription, &kMachineOs,
    &kMachineEnvironment, &kMachinePlan, &kMachinePower, &kMachineAgent, &kMachineAgentCause, &kMachineHealth,
    &kMachineHealthIssue, &kMachineAttempts, &kMachineBilledHours, &kTacticKey, &kTacticId, &kTechniqueId,
    &kTechniqueName, &kAlertTypeName, &kAlertTypeId, &kAlertTypeSeverity, &kAlertTypeSource, &kPlaybookName,
    &kAlertId, &kAlertStep, &kAlertDetected, &kAlertSent, &kAlertInMde, &kAlertInDfc, &kAlertMachine,
    &kAlertCampaign, &kAlertIncident, &kAlertType, &kAlertTechnique, &kAlertTactic, &kAlertSeverity,
    &kAlertSourceColumn, &kAlertClassification, &kAlertSuppressed, &kAlertDfcStatus, &kAlertPortalStatus,
    &kAlertAcknowledged, &kAlertResolved, &kAlertsNew, &kAlertsByStatus, &kAlertsHourlyTime, &kAlertsHourlyEnvironment, &kSeverityName, &kStatusName, &kIncidentId,
    &kIncidentCreated, &kIncidentLast, &kIncidentAlerts, &kIncidentDevices, &kIncidentSeverity, &kIncidentCampaign,
    &kCampaignId, &kCampaignStart, &kCampaignOrigin, &kCampaignPlaybook, &kCampaignScripted, &kCampaignMachines,
    &kCampaignSteps, &kCampaignBlocked, &kCampaignAudited, &kCampaignDetected, &kCampaignUnseen, &kUnseenCauseName,
    &kCampaignTampered, &kCampaignContained, &kCampaignImpacted, &kCampaignFirstDetection, &kCampaignFirstAlert,
    &kCampaignFirstContainment, &kCampaignLastContainment, &kSocTime, &kSocBacklog, &kSocInHand, &kSocAnalysts, &kSocUtilisation,
    &kSocStarted, &kSocFinished, &kVulnTime, &kVulnEnvironment, &kVulnSeverityName, &kVulnCauseName, &kVulnViewName,
    &kVulnOpen, &kVulnListed, &kVulnUnseen, &kVulnStale, &kVulnOpenDays, &kVulnUnseenDays, &kVulnUnseenByCause,
    &kVulnUnseenCauseDays, &kVulnCriticalOpen, &kVulnCriticalAge, &kVulnMachinesByView, &kVulnGroupCohort,
    &kVulnGroupOs, &kVulnGroupFirst, &kVulnGroupMachines, &kVulnGroupDisclosed, &kVulnChangeTime, &kVulnChangeMachine,
    &kVulnChangeView, &kVulnChangeOffset, &kVulnChangeListed, &kVulnChangeSnapshot, &kExposureTime,
    &kExposureScore, &kExposureTrue, &kExposureBand, &kExposureDevices, &kExposureDevicesTrue, &kSecureTime,
    &kSecurePercent, &kSecureVaHealthy, &kSecureVaUnhealthy, &kSecureEpHealthy, &kSecureEpUnhealthy, &kDataTime,
    &kDataGeo, &kDataSubscription, &kTelemetryBytes, &kStoredBytes, &kUsPseudonymisedBytes, &kAllowanceBytes,
    &kSecurityBytes, &kOverageBytes, &kOverageCost};

// Attributes every described object carries.
inline constexpr std::string_view kUnits = "units";
inline constexpr std::string_view kLongName = "long_name";
inline constexpr std::string_view kDescription = "description";
inline constexpr std::string_view kFlagValues = "flag_values";
inline constexpr std::string_view kFlagMeanings = "flag_meanings";
inline constexpr std::string_view kCalendar = "calendar";

}  // namespace fleettwin::schema
