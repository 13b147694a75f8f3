#pragma once
// What a run records, in the form the recorder writes: the figures the engine's sites report and the control
// plane merges. Engine-free, so that sim/output depends on the models and the scenario only.
#include <array>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "models/agent/agent_state.hpp"
#include "models/common/memory_use.hpp"
#include "models/common/sim_time.hpp"
#include "models/fleet/fleet_types.hpp"
#include "models/health/health_issues.hpp"
#include "models/health/sensor_health.hpp"
#include "models/network/outages.hpp"
#include "models/power/power_state.hpp"

namespace fleettwin {

// What one clock hour billed, per meter group (plan x environment).
struct HourUsage {
  std::array<int64_t, kMeterGroups> billable_seconds{};  // machine-seconds in a billable state
  std::array<int64_t, kMeterGroups> machines_billed{};   // machines with any billable time in the hour
  // Billable machine-seconds per subscription and plan (index subscription × 2 + plan − 1), for the licensing rules.
  std::vector<int64_t> subscription_seconds;
  std::vector<int64_t> cohort_p2_seconds;  // Plan 2 billable machine-seconds per cohort (the data benefit)
  HourUsage& operator+=(const HourUsage& o) {
    for (int g = 0; g < kMeterGroups; ++g) {
      billable_seconds[g] += o.billable_seconds[g];
      machines_billed[g] += o.machines_billed[g];
    }
    if (subscription_seconds.size() < o.subscription_seconds.size()) subscription_seconds.resize(o.subscription_seconds.size());
    for (size_t i = 0; i < o.subscription_seconds.size(); ++i) subscription_seconds[i] += o.subscription_seconds[i];
    if (cohort_p2_seconds.size() < o.cohort_p2_seconds.size()) cohort_p2_seconds.resize(o.cohort_p2_seconds.size());
    for (size_t i = 0; i < o.cohort_p2_seconds.size(); ++i) cohort_p2_seconds[i] += o.cohort_p2_seconds[i];
    return *this;
  }
};
using GroupCounts = std::array<int64_t, kMeterGroups>;

// One machine whose evaluated health changed.
struct HealthChange {
  uint32_t machine;
  HealthClass health_class;
  Issue issue;
};
using ClassCounts = std::array<int64_t, kHealthClassCount>;
using SensorCounts = std::array<int64_t, kSensorHealthCount>;

// One four-hourly evaluation of the whole fleet.
struct Evaluation {
  int64_t index = 0;  // 0 = the state at the start; k = the k-th four-hour boundary
  SimTime time;
  std::vector<ClassCounts> counts;   // per location
  std::vector<SensorCounts> sensor;  // per location
  std::vector<HealthChange> changes;  // in machine order
};

// The per-machine table at the end of the run: views of the fleet store's columns, one element per machine.
struct MachineColumns {
  std::span<const uint16_t> cohort, subscription;
  // What the fleet store derives from the machine's cohort rather than storing.
  std::function<uint16_t(uint32_t)> location, os;
  std::function<Environment(uint32_t)> environment;
  std::span<const Plan> plan;
  std::span<const PowerState> power;
  std::span<const AgentState> agent;
  std::span<const Issue> cause, health_issue;
  std::span<const HealthClass> health;
  std::span<const uint8_t> install_attempts;
  std::span<const uint32_t> billed_seconds;
};

// Site and region outages over the run, and what they cost in heartbeats.
struct OutageRecord {
  const std::vector<std::vector<OutageInterval>>* by_location = nullptr;
  std::vector<uint64_t> batches_lost;  // per location
  uint64_t heartbeats_delivered = 0;
};

// Defender for Endpoint telemetry: machine-seconds of reporting sensors per UTC day and tenant geo.
struct TelemetryRecord {
  std::vector<std::array<int64_t, kGeoNames.size()>> reporting_seconds;  // per day of the run
};

// Wall-clock facts of a run: the one part of the file that differs between identical runs.
struct RunInfo {
  double wall_seconds = 0;
  uint64_t events = 0;
  uint64_t peak_rss_bytes = 0;
  uint64_t store_bytes = 0;
  MemoryUse memory_bytes{};  // by structure, high-water marks (models/common/memory_use.hpp)
  int64_t threads = 1;  // SimGrid worker threads the site actors ran on
  int64_t sites = 0;    // site actors: one per location, or several shards of a large one
};

// Where the merged periods go while the run goes: the recorder, or a test's collector.
class RecordSink {
 public:
  virtual ~RecordSink() = default;
  virtual void append_hour(int64_t hour, const HourUsage& usage) = 0;
  virtual void append_month(int64_t month, int64_t hours_in_month, const GroupCounts& seats) = 0;
  virtual void append_evaluation(const Evaluation& evaluation) = 0;
};

}  // namespace fleettwin
