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
#include <limits>

namespace fleettwin {

inline constexpr int32_t kNoTime = std::numeric_limits<int32_t>::min();
inline constexpr int32_t kEvaluationPeriod = 4 * 3600;

// Largest tick k * interval with since <= tick < until, or kNoTime.
constexpr int32_t last_tick_in(int32_t since, int32_t until, int32_t interval) {
  if (since == kNoTime || until <= since) return kNoTime;
  const int64_t u = static_cast<int64_t>(until) - 1;  // floor division, also for times before the start
  const int64_t k = u >= 0 ? u / interval : -((-u + interval - 1) / interval);
  const int64_t last = k * interval;
  return last >= since ? static_cast<int32_t>(last) : kNoTime;
}

// An interval-coded "last time at a tick": the last tick of a closed interval, plus the start of the open one.
struct TickTrack {
  int32_t since = kNoTime;  // the condition holds since this time (kNoTime: it does not hold now)
  int32_t last = kNoTime;   // last tick at which it held, before `since`

  // Last tick before `until` at which the condition held.
  constexpr int32_t last_before(int32_t until, int32_t interval) const {
    const int32_t open = last_tick_in(since, until, interval);
    return open != kNoTime ? open : last;
  }
  constexpr void begin(int32_t t) {
    if (since == kNoTime) since = t;
  }
  constexpr void end(int32_t t, int32_t interval) {
    if (since == kNoTime) return;
    const int32_t open = last_tick_in(since, t, interval);
    if (open != kNoTime) last = open;
    since = kNoTime;
  }
  constexpr bool holds() const { return since != kNoTime; }
};

enum class WindowVerdict : uint8_t { Reported, NeverReported, Silent, PoweredOff };

// `seen`: delivered heartbeats since the current install; `on`: operating system running.
constexpr WindowVerdict judge_window(const TickTrack& seen, const TickTrack& on, int32_t evaluation, int32_t interval,
                                     int32_t window = kEvaluationPeriod) {
  const int32_t last_seen = seen.last_before(evaluation, interval);
  if (last_seen == kNoTime) return WindowVerdict::NeverReported;
  if (last_seen >= evaluation - window) return WindowVerdict::Reported;
  const int32_t last_on = on.last_before(evaluation, interval);
  if (last_on != kNoTime && last_on >= evaluation - window) return WindowVerdict::Silent;
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
