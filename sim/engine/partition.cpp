#include "sim/engine/partition.hpp"

#include <algorithm>

namespace fleettwin {

std::vector<SitePlan> plan_sites(const Scenario& sc, int threads, int shards_per_thread, uint32_t min_shard) {
  std::vector<std::vector<MachineRange>> by_location(sc.locations.size());
  std::vector<uint64_t> machines(sc.locations.size(), 0);
  for (const auto& c : sc.cohorts)
    if (c.count) {
      by_location[c.location].push_back({c.first_machine, c.count});
      machines[c.location] += c.count;
    }
  std::vector<SitePlan> plan;
  for (size_t l = 0; l < by_location.size(); ++l) {
    const bool one_thread = threads <= 1;
    const uint64_t wanted = one_thread ? kOneThreadShards
                                       : static_cast<uint64_t>(threads) * static_cast<uint64_t>(shards_per_thread);
    const uint32_t least = std::max<uint32_t>(one_thread ? std::max(min_shard, kMinOneThreadShardMachines) : min_shard, 1);
    const uint64_t shards = std::max<uint64_t>(1, std::min<uint64_t>(wanted, machines[l] / least));
    // Shard s takes the s-th of `shards` equal slices of each of the location's cohorts: a burst belongs to one
    // cohort (its office hours, its nightly shutdown), so every shard gets an equal part of every burst. A cohort
    // smaller than the shard count goes whole to the shard with the fewest machines so far.
    std::vector<SitePlan> shard(shards);
    std::vector<uint64_t> held(shards, 0);
    for (const MachineRange& r : by_location[l]) {
      if (r.count < shards) {
        const size_t s = static_cast<size_t>(std::min_element(held.begin(), held.end()) - held.begin());
        shard[s].machines.push_back(r);
        held[s] += r.count;
        continue;
      }
      for (uint64_t s = 0; s < shards; ++s) {
        const auto from = static_cast<uint32_t>(uint64_t{r.count} * s / shards);
        const auto to = static_cast<uint32_t>(uint64_t{r.count} * (s + 1) / shards);
        shard[s].machines.push_back({r.first + from, to - from});
        held[s] += to - from;
      }
    }
    uint16_t next = 0;
    for (SitePlan& site : shard) {
      if (site.machines.empty()) continue;
      site.location = static_cast<uint16_t>(l);
      site.shard = next++;
      plan.push_back(std::move(site));
    }
  }
  return plan;
}

}  // namespace fleettwin
