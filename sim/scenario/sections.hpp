#pragma once
// The scenario file's sections, each read by its own file (internal to sim/scenario): values shared by several
// sections (read_values.cpp), schedules, the fleet (tenants, subscriptions, cohorts), the settings (power,
// billing, defender), the network, the events, and the --set overrides applied to the document first.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sim/scenario/yaml_reader.hpp"

namespace fleettwin::yaml {

// Scenario-wide defaults that cohorts may override.
struct FleetDefaults {
  InstallFailureRates install_failures;
  AgentReliability agent;
};

// Limits of the 16-bit codes stored per machine and in the output (the checks name the entry that exceeds them).
inline constexpr size_t kMaxCatalogue = 65'535;
inline constexpr uint64_t kMaxFleet = 100'000'000;

// Shared values (read_values.cpp).
uint8_t read_days(const std::optional<Value>& v, uint8_t fallback);
DurationRange read_range(const Value& v, DurationRange fallback, int64_t max);
Plan read_plan(const Value& v);
Distribution read_distribution(const Value& v, int64_t max = kMaxRunSeconds);
// A time in the run: an ISO 8601 instant, an offset from the start ("72h"), or one of the words allowed.
int64_t read_time(const Value& v, int64_t start, bool allow_before_start, bool allow_never);
InstallFailureRates read_install_failures(const Value& v, InstallFailureRates defaults);
AgentReliability read_agent(const Value& v, AgentReliability defaults);
int32_t find_cohort(const Scenario& sc, const Value& v);
int32_t find_subscription(const Scenario& sc, const Value& v);

ScheduleSpec read_schedule(const Value& v);                                  // read_schedule.cpp
void read_tenants(const Map& top, Scenario& sc);                             // read_fleet.cpp
void read_subscriptions(const Map& top, Scenario& sc);
void read_cohorts(const Map& top, Scenario& sc, const FleetDefaults& defaults);
void read_power(const Map& top, Scenario& sc);                               // read_settings.cpp
void read_billing(const Map& top, Scenario& sc);
void read_data(const Map& top, Scenario& sc);
FleetDefaults read_defender(const Map& top, Scenario& sc);
void read_network(const Map& top, Scenario& sc);                             // read_network.cpp
void read_events(const Map& top, Scenario& sc);                              // read_events.cpp
void mark_first_subscriptions(Scenario& sc);
void read_cohort_protection(const Map& cohort, CohortSpec& spec);  // read_threats.cpp
void read_threats(const Map& top, Scenario& sc);
void read_campaign_event(const Value& v, Scenario& sc, int64_t at);
void read_cohort_vulnerabilities(const Map& cohort, CohortSpec& spec, int64_t start);  // read_vulnerabilities.cpp
void read_vulnerabilities(const Map& top, Scenario& sc);

// Applies one "a.b[2].c=value" or "cohorts.NAME.key=value" override to the document (overrides.cpp).
void apply_override(YAML::Node& root, const std::string& assignment, const std::string& source,
                    std::vector<std::pair<std::string, std::string>>& record);

}  // namespace fleettwin::yaml
