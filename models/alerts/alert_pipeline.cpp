#include "models/alerts/alert_pipeline.hpp"

#include <algorithm>

namespace fleettwin {

int64_t send_time(int64_t detected, std::span<const OutageInterval> outages) {
  // The outage holding `detected`, if any: the first whose end is after it.
  const auto it = std::upper_bound(outages.begin(), outages.end(), detected,
                                   [](int64_t t, const OutageInterval& o) { return t < o.end; });
  if (it == outages.end() || it->start > detected) return detected;
  int64_t t = it->end;
  // Back-to-back outages: the link returns at the end of the last one that touches.
  for (auto next = it + 1; next != outages.end() && next->start <= t; ++next) t = std::max(t, next->end);
  return t;
}

}  // namespace fleettwin
