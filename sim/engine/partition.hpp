#pragma once
// How a run's machines are split into sites, the units the engine runs in parallel. A location (a region or an
// on-premises site) is one site, or, when it is large, several shards, each an equal slice of every cohort of
// the location: events come in bursts, one cohort at a time (office hours in one
// time zone, a nightly shutdown at one data centre), and only shards let several threads share a burst.
//
// Nothing depends on the partition: random draws are keyed by machine, a machine's events touch only its own
// state, every shard of a location reads the same uplink and plays the same scenario actions for its machines,
// and the control plane sums the shards' figures per location. So the output is the same whatever the number of
// threads (tested: tests/cli/test_golden.py on one and two threads, tests/engine/test_site_billing.cpp).
#include <cstdint>
#include <vector>

#include "sim/engine/site_context.hpp"

namespace fleettwin {

struct SitePlan {
  uint16_t location;
  uint16_t shard;  // 0 for the location's first (or only) site
  std::vector<MachineRange> machines;
};

// A location is split only if each shard keeps at least this many machines: below it, the cost of one more actor
// per tick outweighs what a second thread gains (bench fleet, 2 threads with busy_wait synchronisation:
// 100k x 365 d in 6.8 s with 20,000, 5.1 s with 5,000; one thread: 7.8 s).
inline constexpr uint32_t kMinShardMachines = 5'000;

// One thread shards a location too, into up to kOneThreadShards of at least kMinOneThreadShardMachines: a smaller
// site's calendar buckets and tables stay in the caches. 1M x 30 days on one thread, every model on, in pairs run
// at once: 8.2-8.6 s with 22 sites (these bounds) or 64 (8 of 5,000 or more) against 10.3-12.2 s with one site a
// location (8); 100k x 365 days, where shards of 5,000 made 20 sites of 8, was 7-10 % slower with them, the
// sites' fixed cost at every step buying nothing there, so the bound keeps such locations whole.
inline constexpr uint32_t kMinOneThreadShardMachines = 40'000;
inline constexpr uint64_t kOneThreadShards = 8;

// The sites of a run on `threads` threads: one per location, or `shards_per_thread` x threads shards of a
// location large enough (at most one shard per `min_shard` machines); on one thread, the bounds above. Four per thread rather than two: a burst at
// one location is then dealt in smaller pieces, so the threads finish a step closer together. Measured with every
// model on, 2 threads, as the parallel phase's wall time over the sites' CPU time (the ratio holds still when the
// machine's speed does not): 1M x 365 days 0.596 -> 0.555 (64 sites instead of 32), 10M x 30 days 0.590 -> 0.564;
// at 100k x 365, where shards are bounded by min_shard, no difference (0.736 and 0.727). Memory: 10M x 30 days
// 1,456 -> 1,459 MiB peak; 1M x 365 days 502-510 -> 527-530 MiB, the vulnerability state's per-site group
// tables doubling (22 -> 44 MB).
std::vector<SitePlan> plan_sites(const Scenario& scenario, int threads, int shards_per_thread = 4,
                                 uint32_t min_shard = kMinShardMachines);

}  // namespace fleettwin
