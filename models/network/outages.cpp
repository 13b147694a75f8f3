#include "models/network/outages.hpp"

#include <algorithm>

#include "models/common/random.hpp"

namespace fleettwin {

std::vector<OutageInterval> draw_outages(const RandomOutages& params, uint64_t seed, uint32_t location,
                                         int64_t horizon) {
  std::vector<OutageInterval> out;
  if (params.mean_time_between <= 0) return out;
  const Distribution up = Distribution::exponential(params.mean_time_between);
  int64_t t = 0;
  for (uint64_t draw = 0; t < horizon; draw += 2) {
    t += to_seconds(up.quantile(rng::uniform01(seed, location, rng::Stream::Outage, draw)), 1);
    if (t >= horizon) break;
    const int64_t length = to_seconds(params.duration.quantile(rng::uniform01(seed, location, rng::Stream::Outage, draw + 1)), 1);
    out.push_back({t, std::min(horizon, t + length)});
    t += length;
  }
  return out;
}

std::vector<OutageInterval> merge_outages(std::vector<OutageInterval> v, int64_t horizon) {
  for (auto& o : v) {
    o.start = std::clamp<int64_t>(o.start, 0, horizon);
    o.end = std::clamp<int64_t>(o.end, 0, horizon);
  }
  std::erase_if(v, [](const OutageInterval& o) { return o.end <= o.start; });
  std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.start < b.start; });
  std::vector<OutageInterval> merged;
  for (const auto& o : v) {
    if (!merged.empty() && o.start <= merged.back().end)
      merged.back().end = std::max(merged.back().end, o.end);
    else
      merged.push_back(o);
  }
  return merged;
}

}  // namespace fleettwin
