// The groups written once the run has ended: /outages, /machines and /run.
#include <hdf5_hl.h>

#include "models/agent/agent_state.hpp"
#include "models/common/memory_use.hpp"
#include "models/power/power_state.hpp"
#include "sim/output/groups.hpp"

namespace fleettwin {
namespace {
constexpr hsize_t kMachineChunk = 65536;

template <class T>
std::vector<int64_t> widen(std::span<const T> values) {
  std::vector<int64_t> out(values.size());
  for (size_t i = 0; i < values.size(); ++i) out[i] = static_cast<int64_t>(values[i]);
  return out;
}
}  // namespace

void write_outages(H5Writer& w, const OutageRecord& record) {
  const hid_t g = w.group(schema::kOutages);
  h5::attr(g, schema::kDescription, schema::outages::kDescription);
  h5::attr(g, schema::outages::kHeartbeatsDelivered, static_cast<int64_t>(record.heartbeats_delivered));
  std::vector<int64_t> location, start, end;
  for (size_t l = 0; l < record.by_location->size(); ++l)
    for (const auto& o : (*record.by_location)[l]) {
      location.push_back(static_cast<int64_t>(l));
      start.push_back(o.start);
      end.push_back(o.end);
    }
  w.column(schema::kOutageLocation, location);
  w.column(schema::kOutageStart, start);
  w.column(schema::kOutageEnd, end);
  w.column(schema::kBatchesLost, widen(std::span<const uint64_t>(record.batches_lost)));
}

void write_machines(H5Writer& w, const MachineColumns& m) {
  const hid_t g = w.group(schema::kMachines);
  h5::attr(g, schema::kDescription, schema::kMachinesDescription);
  const size_t n = m.cohort.size();
  h5::Id id = w.generated_column(schema::kMachineId, n, kMachineChunk, [](size_t i) { return static_cast<int64_t>(i); });
  h5::check(H5DSset_scale(id, std::string(schema::kMachineId.scale).c_str()), "make scale machine");
  const auto col = [&](const schema::Dataset& spec, auto values) {
    h5::Id d = w.generated_column(spec, n, kMachineChunk, [&](size_t i) { return static_cast<int64_t>(values[i]); });
    H5Writer::attach(d, id, 0);
    return d;
  };
  col(schema::kMachineCohort, m.cohort);
  const auto derived = [&](const schema::Dataset& spec, const auto& value) {
    h5::Id d = w.generated_column(spec, n, kMachineChunk,
                                  [&](size_t i) { return static_cast<int64_t>(value(static_cast<uint32_t>(i))); });
    H5Writer::attach(d, id, 0);
    return d;
  };
  derived(schema::kMachineLocation, m.location);
  col(schema::kMachineSubscription, m.subscription);
  derived(schema::kMachineOs, m.os);
  H5Writer::flags(derived(schema::kMachineEnvironment, m.environment), kEnvironmentNames);
  H5Writer::flags(col(schema::kMachinePlan, m.plan), kPlanNames);
  H5Writer::flags(col(schema::kMachinePower, m.power), kPowerStateNames);
  H5Writer::flags(col(schema::kMachineAgent, m.agent), kAgentStateNames);
  issue_flags(col(schema::kMachineAgentCause, m.cause));
  H5Writer::flags(col(schema::kMachineHealth, m.health), kHealthClassNames);
  issue_flags(col(schema::kMachineHealthIssue, m.health_issue));
  col(schema::kMachineAttempts, m.install_attempts);
  H5Writer::attach(w.generated_column(schema::kMachineBilledHours, n, kMachineChunk,
                                      [&](size_t i) { return m.billed_seconds[i] / 3600.0; }),
                   id, 0);
}

void write_run_info(H5Writer& w, const RunInfo& info) {
  namespace run = schema::run;
  const hid_t g = w.group(schema::kRun);
  h5::attr(g, schema::kDescription, run::kDescription);
  h5::attr(g, run::kWallSeconds, info.wall_seconds);
  h5::attr(g, run::kEvents, static_cast<int64_t>(info.events));
  h5::attr(g, run::kEventsPerSecond, info.wall_seconds > 0 ? static_cast<double>(info.events) / info.wall_seconds : 0.0);
  h5::attr(g, run::kPeakRss, static_cast<int64_t>(info.peak_rss_bytes));
  h5::attr(g, run::kStoreBytes, static_cast<int64_t>(info.store_bytes));
  for (size_t i = 0; i < kMemoryParts; ++i)
    h5::attr(g, std::string(run::kMemoryPrefix) + std::string(kMemoryPartNames[i]) + std::string(run::kMemorySuffix),
             static_cast<int64_t>(info.memory_bytes[i]));
  h5::attr(g, run::kThreads, info.threads);
  h5::attr(g, run::kSites, info.sites);
}

}  // namespace fleettwin
