#pragma once
// Site and region outages: intervals during which a location's uplink is down, so that no heartbeat batch of
// its machines reaches Defender for Endpoint. Scheduled outages come from the scenario; random ones alternate
// exponential up-times (mean `mean_time_between`) with down-times from a configurable distribution. The
// intervals become SimGrid link state profiles (sim/engine/platform.cpp).
#include <cstdint>
#include <vector>

#include "models/common/distribution.hpp"

namespace fleettwin {

struct OutageInterval {
  int64_t start;  // seconds since the run's start; the link is down on [start, end)
  int64_t end;
};

struct RandomOutages {
  double mean_time_between = 0;  // seconds of service between outages; 0 = no random outages
  Distribution duration = Distribution::lognormal(2.0 * 3600, 1.0);
};

// Random outages of location `location` over [0, horizon), a pure function of the seed.
std::vector<OutageInterval> draw_outages(const RandomOutages& params, uint64_t seed, uint32_t location,
                                         int64_t horizon);

// Sorted, with overlapping or touching intervals merged and everything clipped to [0, horizon).
std::vector<OutageInterval> merge_outages(std::vector<OutageInterval> intervals, int64_t horizon);

}  // namespace fleettwin
