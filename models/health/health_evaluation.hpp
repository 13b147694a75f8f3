#pragma once
// The four-hourly health evaluation (../shared/reference/001_*.txt: "Health status updates every four hours.
// This ensures the issue reflects the state from the last four hours.").
//
// What "reflects the last four hours" means in the twin, exactly:
//  * Heartbeats. A machine's sensor sends a heartbeat on a fixed grid of ticks, every `heartbeat_interval`
//    seconds from the start of the run (the start is a whole UTC hour and the interval divides an hour, so the
//    grid is aligned to UTC). The heartbeat of tick t is delivered when, at t, the sensor is installed and
//    running, the machine's operating system is running (Azure: Running; Arc: Connecting or Connected), and the
//    site's batch of tick t crossed the site's uplink (a link that is down at t loses it). States hold on
//    half-open intervals [from, to): a sensor that fails at exactly t misses tick t.
//  * Evaluations happen at every UTC multiple of four hours (00:00, 04:00, ...). The evaluation at T looks at the
//    ticks in the window [T - 4 h, T).
//  * Class at T, in this order: absent, not covered, not applicable, provisioning (awaiting deployment) and
//    installation issue follow the machine's state at T. An installed sensor is
//      - provisioning (awaiting first report) if no heartbeat of it has been delivered since it was installed;
//      - healthy if a heartbeat was delivered at a tick in the window (a Misconfigured sensor is a heartbeat
//        issue instead: it reports, but "not correctly");
//      - a heartbeat issue if none was, while the operating system was running at some tick of the window;
//      - unchanged from the previous evaluation if the machine was off at every tick of the window (a
//        deallocated VM is not expected to report).
//  * Before the first evaluation the class is the machine's state at the start.
#include <cmath>
#include <cstdint>

#include "models/common/sim_time.hpp"

namespace fleettwin {

inline constexpr int32_t kEvaluationPeriod = 4 * 3600;

// Largest tick k * interval with since <= tick < until, or SimTime::none().
constexpr SimTime last_tick_in(SimTime since, SimTime until, int32_t interval) {
  if (since.is_none() || until <= since) return SimTime::none();
  const int64_t u = until.seconds() - 1;  // floor division, also for times before the start
  const int64_t k = u >= 0 ? u / interval : -((-u + interval - 1) / interval);
  const SimTime last = SimTime::at(k * interval);
  return last >= since ? last : SimTime::none();
}

// An interval-coded "last time at a tick": the last tick of a closed interval, plus the start of the open one.
struct TickTrack {
  SimTime since = SimTime::none();  // the condition holds since this time (none: it does not hold now)
  SimTime last = SimTime::none();   // last tick at which it held, before `since`

  // Last tick before `until` at which the condition held.
  constexpr SimTime last_before(SimTime until, int32_t interval) const {
    const SimTime open = last_tick_in(since, until, interval);
    return open.is_none() ? last : open;
  }
  constexpr void begin(SimTime t) {
    if (since.is_none()) since = t;
  }
  constexpr void end(SimTime t, int32_t interval) {
    if (since.is_none()) return;
    const SimTime open = last_tick_in(since, t, interval);
    if (!open.is_none()) last = open;
    since = SimTime::none();
  }
  constexpr bool holds() const { return !since.is_none(); }
};

enum class WindowVerdict : uint8_t { Reported, NeverReported, Silent, PoweredOff };

// `seen`: delivered heartbeats since the current install; `on`: operating system running.
constexpr WindowVerdict judge_window(const TickTrack& seen, const TickTrack& on, SimTime evaluation, int32_t interval,
                                     int32_t window = kEvaluationPeriod) {
  const SimTime last_seen = seen.last_before(evaluation, interval);
  if (last_seen.is_none()) return WindowVerdict::NeverReported;
  if (last_seen >= evaluation - window) return WindowVerdict::Reported;
  const SimTime last_on = on.last_before(evaluation, interval);
  if (!last_on.is_none() && last_on >= evaluation - window) return WindowVerdict::Silent;
  return WindowVerdict::PoweredOff;
}

// The closed form the analytic validation checks. A sensor that fails after Exp(lambda) and is repaired after
// Exp(mu), on an always-on machine, is a two-state Markov chain. Sampled at the k = window / interval ticks of a
// window it stays Markov, so the long-run probability that an evaluation finds it silent at every tick is
//   P = pi_down * p_dd^(k - 1),   pi_down = lambda / (lambda + mu),
//   p_dd = pi_down + (1 - pi_down) * exp(-(lambda + mu) * interval)   (down at t + interval given down at t).
inline double steady_state_heartbeat_issue(double failure_rate, double repair_rate, double interval, double window) {
  const double pi_down = failure_rate / (failure_rate + repair_rate);
  const double p_dd = pi_down + (1 - pi_down) * std::exp(-(failure_rate + repair_rate) * interval);
  const double ticks = window / interval;
  return pi_down * std::pow(p_dd, ticks - 1);
}

}  // namespace fleettwin
