#pragma once
// Simulated time within a run: whole seconds since its start (the simulated clock's resolution; the start is a
// whole UTC hour). One type for every time the engine and the models handle, so that a time of the run is never
// mixed up with a UTC instant (int64 Unix seconds, used only by schedules and the scenario's calendar dates) or a
// duration (int64 seconds).
//
// A run lasts at most kMaxRunSeconds (the scenario reader enforces it). Every time of a run therefore fits in
// 30 bits, which the calendar's packed event key relies on, and the 32-bit storage leaves room for the times
// before the start that the health model keeps (a heartbeat "before the run").
#include <cassert>
#include <compare>
#include <cstdint>
#include <limits>
#include <ostream>

namespace fleettwin {

// The longest run a scenario may ask for: ten years of 366 days.
inline constexpr int64_t kMaxRunSeconds = 10 * 366 * 86400;
inline constexpr int kSimTimeBits = 30;
static_assert(kMaxRunSeconds < (int64_t{1} << kSimTimeBits), "a run's times must fit the calendar's 30-bit field");

class SimTime {
 public:
  constexpr SimTime() = default;  // the start of the run
  // Seconds since the start; negative = before it. Must lie within ±2^31.
  static constexpr SimTime at(int64_t seconds) {
    assert(seconds > std::numeric_limits<int32_t>::min() && seconds <= std::numeric_limits<int32_t>::max());
    return SimTime(static_cast<int32_t>(seconds));
  }
  // "No such time": a condition that never held, an event that never happened. Earlier than every real time.
  static constexpr SimTime none() { return SimTime(std::numeric_limits<int32_t>::min()); }

  constexpr int64_t seconds() const { return s_; }
  constexpr bool is_none() const { return s_ == std::numeric_limits<int32_t>::min(); }

  constexpr SimTime operator+(int64_t seconds) const { return at(s_ + seconds); }
  constexpr SimTime operator-(int64_t seconds) const { return at(s_ - seconds); }
  constexpr int64_t operator-(SimTime o) const { return int64_t{s_} - o.s_; }
  friend constexpr auto operator<=>(SimTime, SimTime) = default;

 private:
  constexpr explicit SimTime(int32_t s) : s_(s) {}
  int32_t s_ = 0;
};
static_assert(sizeof(SimTime) == 4);

inline std::ostream& operator<<(std::ostream& out, SimTime t) {
  return t.is_none() ? out << "never" : out << t.seconds() << " s";
}

// Whole-hour and whole-period arithmetic on times of the run.
constexpr bool is_multiple_of(SimTime t, int64_t period) { return t.seconds() % period == 0; }

}  // namespace fleettwin
