#pragma once
// Per-machine state as a struct of arrays (ARCHITECTURE.md §3): one row per machine, compact types, no
// per-machine objects. Hot loops touch only the columns they need.
#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "models/agent/agent_state.hpp"
#include "models/billing/billing.hpp"
#include "models/fleet/fleet_types.hpp"
#include "models/health/health_evaluation.hpp"
#include "models/health/health_issues.hpp"
#include "models/power/power_state.hpp"
#include "sim/output/records.hpp"
#include "sim/scenario/scenario.hpp"

namespace fleettwin {

enum AgentFlag : uint8_t {
  kCovered = 1,         // a Defender for Servers plan with the integration on covers the machine
  kNoArc = 2,           // Arc could not be provisioned (AWS without SSM agent): nothing to bill
  kEverOnboarded = 4,   // a sensor was installed at some time (MDE keeps its device entity)
  kTampered = 8,        // an attacker turned the sensor off (threats); cleared when it is repaired
};
inline constexpr int kMisconfigShift = 4;  // bits 4-5 of agent_flags: Misconfiguration of the installed sensor

// What Defender for Cloud lists of a machine that is not reporting.
struct VulnSnapshot {
  std::array<uint16_t, 4> listed{};  // by severity
  float safety = 1;                  // its Π (1 − risk)
  int32_t time = 0;
};

// The two tracks a health evaluation reads together, and a power change writes together: one 16-byte row.
struct alignas(16) ReportTicks {
  TickTrack seen;   // ticks with a delivered heartbeat, since the current install
  TickTrack os_on;  // ticks with the operating system running
};
static_assert(sizeof(ReportTicks) == 16, "four rows per cache line, none split");

struct FleetStore {
  // Fixed for the run. A machine's location, environment and operating system follow from its cohort and its
  // place in it (operating systems are given in contiguous blocks): tables per cohort, not columns (5 B per machine,
  // 50 MB at 10M machines).
  std::vector<uint16_t> cohort;
  std::vector<uint16_t> subscription;  // a scenario action can move a machine to another subscription
  std::vector<Plan> plan;
  std::vector<uint16_t> cohort_location;
  std::vector<Environment> cohort_environment;
  std::vector<uint32_t> os_block_first;    // first machine of each operating-system block, in machine order
  std::vector<uint16_t> os_block_os;
  std::vector<uint32_t> cohort_os_blocks;  // each cohort's first block, then the number of blocks
  uint16_t location_of(uint32_t m) const { return cohort_location[cohort[m]]; }
  Environment environment_of(uint32_t m) const { return cohort_environment[cohort[m]]; }
  uint16_t os_of(uint32_t m) const {
    const uint16_t c = cohort[m];
    uint32_t b = cohort_os_blocks[c];
    const uint32_t end = cohort_os_blocks[c + 1u];
    while (b + 1 < end && os_block_first[b + 1] <= m) ++b;
    return os_block_os[b];
  }
  // Power and billing state.
  std::vector<PowerState> power;
  std::vector<uint8_t> epoch;            // bumped on each schedule change: a follow-up with an older epoch is stale
  std::vector<SimTime> billable_since;   // valid while billable
  std::vector<HourMark> hour_mark;       // PeriodPresence marks (round-up billing, per-seat months)
  std::vector<MonthMark> month_mark;
  std::vector<uint32_t> billed_seconds;  // total billable seconds so far
  // Defender for Endpoint agent and health (sim/engine/agent_lifecycle.cpp, health_monitor.cpp).
  std::vector<AgentState> agent;
  std::vector<Issue> cause;           // why the agent is where it is: not-applicable reason, install failure
  std::vector<uint8_t> agent_flags;   // AgentFlag bits
  std::vector<uint8_t> agent_epoch;   // bumped when a deployment is restarted: older agent events are stale
  std::vector<uint8_t> attempts;      // deployment attempts since the last (re)deployment began
  std::vector<ReportTicks> ticks;     // what the health evaluation judges its window by
  std::vector<HealthClass> health;    // the evaluation in force
  std::vector<Issue> health_issue;
  std::vector<uint8_t> sensor;        // SensorHealth in force
  // Vulnerability management (sim/engine/vulnerability_management.cpp); sized only when it is on.
  std::shared_ptr<const class VulnerabilityCatalogue> vulnerabilities;
  // Columns, not a struct per machine: the 8-hourly and daily passes read the view alone (1M machines x 365 days
  // with one 64-byte struct per machine ran 9 % slower than these columns, bench fleet at 100k).
  // Remediable open findings by class, at the last maintenance; over 254 in a class, held by the site at full width
  // (VulnerabilityManagement::backlog).
  std::vector<std::array<uint8_t, 16>> vuln_backlog;
  std::vector<int64_t> vuln_critical_births;  // Σ disclosure instants of the backlog's criticals
  std::vector<uint32_t> vuln_mark;           // the group's remediable prefix folded in at the last maintenance
  std::vector<float> vuln_safety;            // Π over the backlog of (1 − risk): its part of the device score
  std::vector<uint8_t> vuln_view;            // VulnView, with the pending, missed and absent flags
  std::vector<VulnSnapshot> vuln_snapshot;

  static FleetStore build(const Scenario& scenario);
  // The columns and tables as allocated (bytes_per_machine() x machines, and the per-cohort tables).
  size_t bytes() const;
  size_t size() const { return cohort.size(); }
  // The columns the output's per-machine table shows.
  MachineColumns columns() const {
    return {cohort,
            subscription,
            [this](uint32_t m) { return location_of(m); },
            [this](uint32_t m) { return os_of(m); },
            [this](uint32_t m) { return environment_of(m); },
            plan,
            power,
            agent,
            cause,
            health_issue,
            health,
            attempts,
            billed_seconds};
  }
  static constexpr size_t vulnerability_bytes_per_machine() {
    return sizeof(std::array<uint8_t, 16>) + sizeof(int64_t) + sizeof(uint32_t) + sizeof(float) + sizeof(uint8_t) +
           sizeof(VulnSnapshot);
  }
  static constexpr size_t bytes_per_machine() {
    return 2 * sizeof(uint16_t) + sizeof(Plan) + sizeof(PowerState) + sizeof(uint8_t) +
           sizeof(SimTime) + sizeof(HourMark) + sizeof(MonthMark) + sizeof(uint32_t) + sizeof(AgentState) + sizeof(Issue) + 3 * sizeof(uint8_t) + sizeof(ReportTicks) +
           sizeof(HealthClass) + sizeof(Issue) + sizeof(uint8_t);
  }
};

// Operating systems are given to a cohort in exact proportions (largest remainder), in contiguous blocks.
std::vector<uint32_t> os_counts(const CohortSpec& cohort);

}  // namespace fleettwin
