#pragma once
// An installed Defender for Endpoint sensor that stops reporting and is repaired (the heartbeat issues of
// ../shared/reference/001_*.txt: "the agent is installed but not reporting correctly"). No public failure or
// repair figures exist: the defaults are chosen, documented in scenarios/README.md and overridable per cohort.
#include "models/common/distribution.hpp"

namespace fleettwin {

struct AgentReliability {
  Distribution time_to_failure = Distribution::exponential(180.0 * 86400);  // calendar time while installed
  Distribution time_to_repair = Distribution::lognormal(12.0 * 3600, 1.0);
  // Probability that a deployment leaves the sensor Misconfigured (check-sensor-status.md: "No sensor data"
  // and/or "Impaired communications"); the kind is drawn evenly among the three API values.
  double misconfigured = 0.005;
};

// The long-run fraction of time a sensor is not reporting: mean repair / (mean failure + mean repair), i.e.
// 1 - availability with availability = MTBF / (MTBF + MTTR).
inline double unavailability(const AgentReliability& r) {
  const double f = r.time_to_failure.mean(), p = r.time_to_repair.mean();
  return p / (f + p);
}

}  // namespace fleettwin
