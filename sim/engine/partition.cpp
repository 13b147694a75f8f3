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
    const uint64_t wanted = threads > 1 ? static_cast<uint64_t>(threads) * static_cast<uint64_t>(shards_per_thread) : 1;
    const uint64_t shards = std::max<uint64_t>(1, std::min<uint64_t>(wanted, machines[l] / std::max<uint32_t>(min_shard, 1)));
    // Walk the location's ranges, cutting them into `shards` runs of (almost) equal machine counts.
    size_t range = 0;
    uint32_t offset = 0;  // machines of by_location[l][range] already taken
    for (uint64_t s = 0; s < shards; ++s) {
      SitePlan site{static_cast<uint16_t>(l), static_cast<uint16_t>(s), {}};
      uint64_t need = machines[l] * (s + 1) / shards - machines[l] * s / shards;
      while (need > 0) {
        const MachineRange& r = by_location[l][range];
        const auto take = static_cast<uint32_t>(std::min<uint64_t>(need, r.count - offset));
        site.machines.push_back({r.first + offset, take});
        need -= take;
        offset += take;
        if (offset == r.count) {
          ++range;
          offset = 0;
        }
      }
      plan.push_back(std::move(site));
    }
  }
  return plan;
}

}  // namespace fleettwin
