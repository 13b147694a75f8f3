#pragma once
// A scenario file (YAML), validated strictly: an unknown key, a wrong type, an out-of-range value or a missing
// file is a ScenarioError whose message names the file, line, column and key path. Every key, its default and
// the source of the default are documented in scenarios/README.md.
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "models/agent/agent_reliability.hpp"
#include "models/billing/billing.hpp"
#include "models/network/outages.hpp"
#include "models/agent/provisioning.hpp"
#include "models/agent/support_matrix.hpp"
#include "models/fleet/fleet_types.hpp"
#include "models/power/power_schedule.hpp"
#include "models/common/sim_time.hpp"
#include "models/power/power_state.hpp"
#include "models/alerts/alert_pipeline.hpp"
#include "models/alerts/incidents.hpp"
#include "models/soc/soc_queue.hpp"
#include "models/threats/threat_activity.hpp"
#include "models/vulnerabilities/assessment.hpp"
#include "models/vulnerabilities/disclosure.hpp"
#include "models/vulnerabilities/exposure_score.hpp"
#include "models/vulnerabilities/inventory.hpp"

namespace fleettwin {

class ScenarioError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct TenantSpec {
  std::string id;
  Geo geo;
};

// Times relative to the run's start; these two mark "before the run" and "never".
inline constexpr int64_t kBeforeStart = INT64_MIN / 4;
inline constexpr int64_t kNeverTime = INT64_MAX / 4;

struct SubscriptionSpec {
  std::string id;
  uint16_t tenant;
  Plan plan;
  int64_t created = INT64_MAX / 4;  // Unix seconds; not given: a modern subscription (no legacy opt-ins)
  int64_t enabled_at = kBeforeStart;   // Endpoint protection (the MDE integration) turned on; relative time
  int64_t unified_opt_in = kNeverTime;  // legacy opt-ins (relative time; kBeforeStart = already done)
  int64_t linux_opt_in = kNeverTime;
  bool first_of_tenant = false;  // the tenant's first subscription to enable the integration, during the run
  // Existing Defender for Endpoint for Servers licences, discounted from the approval (relative time) on.
  uint32_t licences = 0;
  int64_t licences_approved = kNeverTime;
  int64_t trial_start = kNeverTime;  // the 30-day trial (relative time)
};

enum class ScheduleKind : uint8_t { AlwaysOn, AlwaysOff, BusinessHours, NightlyDeallocation, Weekly, Autoscale };
inline constexpr std::array<std::string_view, 6> kScheduleNames = {
    "always-on", "always-off", "business-hours", "nightly-deallocation", "weekly", "autoscale"};

struct ScheduleSpec {
  ScheduleKind kind = ScheduleKind::AlwaysOn;
  std::string timezone = "UTC";
  std::vector<WeeklyWindow> windows;  // business-hours, nightly-deallocation and weekly, as on-windows
  AutoscaleProfile autoscale;
  OffAction off_action = OffAction::Deallocate;
  int64_t jitter = 0;  // each scheduled change is delayed by a uniform draw in [0, jitter]
};

struct OsShare {
  uint16_t os;
  double fraction;
};

struct LocationSpec {
  std::string name;  // region (azure, aws, gcp) or site (onprem)
  Environment environment;
};

// How a non-Azure machine reaches Defender for Cloud: through Azure Arc, or onboarded directly with MDE.
enum class Onboarding : uint8_t { Arc = 0, Direct = 1 };

// Automated investigation and response level of a device group ([DD] automation-levels.md): full remediates
// after the investigation, semi waits for a SOC approval, none does not investigate.
enum class AirLevel : uint8_t { Full = 0, Semi = 1, None = 2 };
inline constexpr std::array<std::string_view, 3> kAirLevelNames = {"full", "semi", "none"};

// What protects a cohort's machines besides the sensor, and how exposed they are (threats).
struct CohortProtection {
  Exposure exposure = Exposure::Internal;
  std::optional<AntivirusMode> antivirus;  // not given: active on Windows, passive on Linux
  AsrMode asr = AsrMode::Off;
  bool tamper_protection = true;
  AirLevel air = AirLevel::Full;
};

// Why findings are under exception (tvm-exception.md): the first two lower exposure, the others do not.
enum class ExceptionJustification : uint8_t { ThirdPartyControl = 0, AlternateMitigation = 1, RiskAccepted = 2,
                                              PlannedRemediation = 3 };
inline constexpr std::array<std::string_view, 4> kJustificationNames = {"third_party_control", "alternate_mitigation",
                                                                        "risk_accepted", "planned_remediation"};
constexpr bool lowers_exposure(ExceptionJustification j) { return j <= ExceptionJustification::AlternateMitigation; }
inline constexpr std::array<std::string_view, 3> kDeviceValueNames = {"low", "normal", "high"};

// A remediation request (DVM): from `at`, the cohort's remediable findings of `severity` and above are worked at
// the pace that closes `compliance` of them by the due date.
struct RemediationRequest {
  int64_t at = 0;
  VulnSeverity severity = VulnSeverity::Critical;
  int64_t due = 14 * 86400;
};

// A cohort's vulnerability management (issue 9; scenarios/README.md).
struct CohortVulnerabilities {
  uint32_t applications = InventoryParams{}.default_applications;
  std::string timezone = "UTC";  // of the maintenance windows (the power schedule's unless given)
  std::vector<WeeklyWindow> maintenance{{0x20, 2 * 3600, 6 * 3600}};  // Saturdays 02:00-06:00 local (chosen)
  double hazard_per_day = -1;  // < 0: the scenario's
  DeviceValue device_value = DeviceValue::Normal;
  double exception_share = 0;
  ExceptionJustification justification = ExceptionJustification::RiskAccepted;
  int64_t exception_duration = 90 * 86400;
  std::vector<RemediationRequest> requests;
  uint32_t disks = 1;
  double disk_tb = 0.128;
};

// Data volumes (issue 9; product-facts.md §6-7): Defender for Endpoint telemetry kept in the tenant's geo with a
// pseudonymised copy in the US for 180 days, and the security data Plan 2 machines ingest against their 500 MB/day.
struct DataParams {
  double telemetry_mb_per_machine_day = 30;  // MDE telemetry of a reporting sensor (chosen: no figure in the sources)
  double pseudonymised_share = 1.0;          // of it, the share copied to the US pseudonymised (chosen: "might")
  int64_t retention = 180 * 86400;           // "Retention 180 days" (data-storage-privacy.md)
  double overage_usd_per_gb = 2.30;          // security data beyond the allowance (chosen: no price in the sources)
};

struct CohortSpec {
  std::string name;
  uint32_t count = 0;
  Environment environment = Environment::Azure;
  uint16_t location = 0;
  uint16_t subscription = 0;
  Plan plan = Plan::Off;  // the subscription's plan unless the cohort overrides it
  std::vector<OsShare> os_mix;
  ScheduleSpec power;
  Orchestration orchestration = Orchestration::None;
  Onboarding onboarding = Onboarding::Arc;
  InstallFailureRates install_failures;  // the scenario-wide rates unless the cohort overrides them
  AgentReliability agent;
  int64_t added = 0;            // scale-out: the machines exist from this time (relative)
  int64_t removed = kNeverTime;  // scale-in: and until this time
  CohortProtection protection;
  CohortVulnerabilities vulnerabilities;
  double security_mb_per_day = 300;  // security data a billed Plan 2 machine ingests a day (chosen)
  uint32_t first_machine = 0;  // machine ids are contiguous per cohort, in file order
};

enum class ActionKind : uint8_t { EnableIntegration, DeleteExtension, Move, SetPlan, OptIn, AddCohort, RemoveCohort };
inline constexpr std::array<std::string_view, 7> kActionNames = {
    "enable_integration", "delete_extension", "move", "set_plan", "opt_in", "add_cohort", "remove_cohort"};
enum class OptInKind : uint8_t { UnifiedSolution = 0, Linux = 1 };

// A lifecycle event at a time during the run; it applies to a cohort's machines or to a subscription's.
struct LifecycleAction {
  int64_t at = 0;  // relative time
  ActionKind kind = ActionKind::DeleteExtension;
  int32_t cohort = -1;        // target cohort, or -1
  int32_t subscription = -1;  // target subscription (machines in it at that time), or -1
  int32_t to_subscription = -1;  // move: destination
  Plan plan = Plan::Off;         // set_plan
  OptInKind opt_in = OptInKind::UnifiedSolution;
  double fraction = 1.0;  // share of the targeted machines (drawn per machine)
};

struct ScheduledOutage {
  uint16_t location;
  int64_t start;  // relative
  int64_t end;
};

// A campaign the scenario launches: at `at`, on `machines` machines drawn from a cohort or a location.
struct ScriptedCampaign {
  int64_t at = 0;
  uint8_t playbook = 0;
  int32_t cohort = -1;
  int32_t location = -1;
  uint32_t machines = 1;
};

struct AlertSettings {
  AlertLatency latency;
  std::vector<uint16_t> suppressed;  // alert types that suppression rules dismiss (sorted, unique)
  std::vector<std::string> suppression_rules;  // as written
  IncidentParams incidents;
  int64_t air_duration_min = 1800;  // an automated investigation takes uniform [min, max] (chosen: not published)
  int64_t air_duration_max = 3 * 3600;
  int64_t pending_timeout = 7 * 86400;  // pending actions time out after 7 days = rejected (automation-levels.md)
  int64_t action_delay = 900;  // an approved action reaches the machine this long after the approval (chosen)
  // An investigation that expands from one entity to this many other devices or more needs the SOC's approval
  // (automated-investigations.md, sweep facts §2: "10 or more devices").
  uint32_t expansion_approval_devices = 10;
};

enum class SocConsole : uint8_t { DefenderPortal = 0, DefenderForCloud = 1 };
inline constexpr std::array<std::string_view, 2> kSocConsoleNames = {"defender_portal", "defender_for_cloud"};

struct SocShift {
  WeeklyWindow window;
  uint32_t analysts = 0;
};

struct SocSpec {
  uint32_t analysts = 4;            // on duty around the clock (chosen), plus the shifts' analysts when on
  std::string timezone = "UTC";
  std::vector<SocShift> shifts;
  SocServiceTimes service;
  bool informational = false;       // informational alerts are not triaged (they do not reach the portal)
  SocConsole console = SocConsole::DefenderPortal;
};

struct DefenderParams {
  // A sensor heartbeat every 15 minutes: no public figure (product-facts.md gives only the 24-hour full report
  // and Arc's 15-30 min Offline rule); chosen so that a 4-hour window holds 16 ticks. It must divide an hour.
  int32_t heartbeat_interval = 900;
  ProvisioningParams provisioning;
};

// Vulnerability management and posture (issue 9; threat-vulnerability-sweep-facts.md §3, product-facts.md §5).
struct VulnerabilityParams {
  bool enabled = false;
  DisclosureParams disclosure;
  InventoryParams inventory;
  // Remediation hazard per day once a fix is out: the Windows half-life of 36 days (sweep facts §3).
  double hazard_per_day = 0.6931471805599453 / 36.0;
  double request_compliance = 0.9;  // share of a request's findings closed by its due date (chosen)
  AssessmentParams assessment;       // agent-based: 6-hour publications, 30-day retention
  bool agentless = true;             // Plan 2's agentless scanning
  int64_t agentless_interval = 86400;  // "once every 24 hours" (enable-agentless-scanning-vms.md)
  uint32_t agentless_max_disks = 6;    // "max six disks"
  double agentless_max_disk_tb = 4;    // "total disk 4 TB"
  ExposureWeights exposure;
  bool exploitation = true;  // campaigns on internet-facing machines exploit their open vulnerabilities
  VulnSeverity findings_min_severity = VulnSeverity::Low;  // "findings resolved": unhealthy from this severity
  double remediate_vulnerabilities_max = 6;  // secure score control maxima (chosen: not in the sources)
  double endpoint_protection_max = 2;
  // Each machine's findings and view at every publication where they changed (/vulnerabilities/changes), for
  // `fleettwin query --vulnerable`: about 50 rows per machine-year, so off unless asked for.
  bool machine_log = false;
};

struct Scenario {
  std::string source;     // file the scenario came from
  std::string text;       // the file's text, stored in the output
  std::vector<std::string> overrides;  // --set key=value, in order
  std::vector<std::string> warnings;   // accepted but worth saying (printed by run and validate)
  std::string name;
  std::string description;
  uint64_t seed = 1;
  int64_t start = 0;     // Unix seconds, UTC
  int64_t duration = 0;  // seconds, a whole number of hours
  std::vector<TenantSpec> tenants;
  std::vector<SubscriptionSpec> subscriptions;
  std::vector<LocationSpec> locations;
  std::vector<CohortSpec> cohorts;
  PowerParams power;
  BillingParams billing;
  DefenderParams defender;
  std::vector<LifecycleAction> actions;  // sorted by time (stable: file order at equal times)
  std::vector<ScheduledOutage> outages;
  std::array<RandomOutages, kEnvironmentCount> random_outages;  // per environment
  ThreatParams threats = default_threat_params();
  std::vector<ScriptedCampaign> campaigns;  // sorted by time (stable)
  AlertSettings alerts;
  SocSpec soc;
  VulnerabilityParams vulnerabilities;
  DataParams data;

  uint32_t machine_count() const;
  int64_t hours() const { return duration / 3600; }
};

// Reads and validates a scenario file; `overrides` are "key.path=value" strings (e.g. "cohorts[0].count=50",
// "cohorts.web.count=50", "billing.partial_hour=round-up") applied before validation.
Scenario load_scenario(const std::string& path, const std::vector<std::string>& overrides = {});
Scenario parse_scenario(const std::string& text, const std::string& source,
                        const std::vector<std::string>& overrides = {});

}  // namespace fleettwin
