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

#include "models/billing.hpp"
#include "models/fleet_types.hpp"
#include "models/power_schedule.hpp"
#include "models/power_state.hpp"

namespace fleettwin {

class ScenarioError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct TenantSpec {
  std::string id;
  Geo geo;
};

struct SubscriptionSpec {
  std::string id;
  uint16_t tenant;
  Plan plan;
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

struct CohortSpec {
  std::string name;
  uint32_t count = 0;
  Environment environment = Environment::Azure;
  uint16_t location = 0;
  uint16_t subscription = 0;
  Plan plan = Plan::Off;  // the subscription's plan unless the cohort overrides it
  std::vector<OsShare> os_mix;
  ScheduleSpec power;
  uint32_t first_machine = 0;  // machine ids are contiguous per cohort, in file order
};

struct Scenario {
  std::string source;     // file the scenario came from
  std::string text;       // the file's text, stored in the output
  std::vector<std::string> overrides;  // --set key=value, in order
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

  uint32_t machine_count() const;
  int64_t hours() const { return duration / 3600; }
};

// Reads and validates a scenario file; `overrides` are "key.path=value" strings (e.g. "cohorts[0].count=50",
// "cohorts.web.count=50", "billing.partial_hour=round-up") applied before validation.
Scenario load_scenario(const std::string& path, const std::vector<std::string>& overrides = {});
Scenario parse_scenario(const std::string& text, const std::string& source,
                        const std::vector<std::string>& overrides = {});

}  // namespace fleettwin
