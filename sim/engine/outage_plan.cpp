#include "sim/engine/outage_plan.hpp"

namespace fleettwin {

std::vector<std::vector<OutageInterval>> plan_outages(const Scenario& sc) {
  std::vector<std::vector<OutageInterval>> out(sc.locations.size());
  for (size_t l = 0; l < sc.locations.size(); ++l) {
    const auto& random = sc.random_outages[static_cast<size_t>(sc.locations[l].environment)];
    out[l] = draw_outages(random, sc.seed, static_cast<uint32_t>(l), sc.duration);
  }
  for (const auto& o : sc.outages) out[o.location].push_back({o.start, o.end});
  for (auto& v : out) v = merge_outages(std::move(v), sc.duration);
  return out;
}

}  // namespace fleettwin
