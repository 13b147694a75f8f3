#pragma once
// When a cohort's machines are meant to be powered on: always, in weekly windows of local time (business
// hours, nightly deallocation, custom patterns), or by an autoscaling daily profile. The schedule gives the
// nominal state and the next nominal change; per-machine jitter is added by the caller.
#include <array>
#include <cstdint>
#include <limits>
#include <vector>

namespace fleettwin {

inline constexpr int64_t kNever = std::numeric_limits<int64_t>::max();
inline constexpr int64_t kSecondsPerDay = 86400;
inline constexpr int64_t kSecondsPerWeek = 7 * kSecondsPerDay;

// UTC offset (seconds east of UTC) in force at each UTC hour of the run, read from the time-zone database by
// sim/scenario/timezone.cpp. Outside the table the nearest entry holds.
class UtcOffsets {
 public:
  static UtcOffsets fixed(int32_t seconds_east);
  UtcOffsets(int64_t first_utc_hour, std::vector<int32_t> offset_by_hour);
  int32_t at(int64_t utc_epoch_seconds) const;
  // UTC time of a local wall-clock time (the earlier of two on a repeated hour, the later on a skipped one).
  int64_t to_utc(int64_t local_epoch_seconds) const;
  // The first UTC instant after `utc` whose offset differs from at(utc) (kNever if none).
  int64_t constant_until(int64_t utc_epoch_seconds) const;

 private:
  UtcOffsets() = default;
  int64_t first_hour_ = 0;
  std::vector<int32_t> by_hour_;
  std::vector<int64_t> change_hours_;  // indices into by_hour_ where the offset differs from the hour before
  int32_t fixed_ = 0;
};

// A weekly on-window in local time. days: bit 0 = Monday ... bit 6 = Sunday. Seconds of the day; an end at
// or before the start means the window runs past midnight into the next day.
struct WeeklyWindow {
  uint8_t days = 0x7f;
  int32_t start = 0;
  int32_t end = 0;
};

// Autoscaling cohort: target instance count per local hour = min + round((max - min) * profile[hour]).
// The instance of rank r (0-based within the cohort) is on while r < target.
struct AutoscaleProfile {
  uint32_t min = 0;
  uint32_t max = 0;
  std::array<double, 24> profile{};
  uint32_t target(int local_hour) const;
};

struct PowerChange {
  bool on;              // nominal state at the queried time
  int64_t next_change;  // UTC epoch seconds of the next nominal change, kNever if none
};

// One caller's memo of a schedule's last answer, valid for queries in [from, until), so that a site, which asks in
// time order (its machines' changes, jittered, fall in one phase), gets most answers without the week or the
// hour arithmetic. Per caller: the schedule itself stays immutable and shared by the sites' threads.
//  - weekly: between two changes the answer is the same for every machine: `value`;
//  - autoscale: the answer depends on the machine's rank, so the memo holds the local hour's tables instead: the
//    target now, the fewest and the most machines on over the next k hours (a rank on now turns off at the first
//    k whose fewest is at or below it; one off turns on at the first k whose most is above it) and the UTC instant
//    of each of those hours' starts.
struct ScheduleMemo {
  int64_t from = 0, until = 0;
  PowerChange value{true, kNever};
  uint32_t target = 0;
  std::array<uint32_t, 24> fewest{};  // [k - 1]: min of the targets of the next k hours
  std::array<uint32_t, 24> most{};    // [k - 1]: their max
  std::array<int64_t, 24> hour_utc{};  // [k - 1]: UTC of the local hour k hours on
};

class PowerSchedule {
 public:
  static PowerSchedule always_on();
  static PowerSchedule always_off();
  static PowerSchedule weekly(const std::vector<WeeklyWindow>& windows, UtcOffsets offsets);
  static PowerSchedule autoscale(const AutoscaleProfile& profile, UtcOffsets offsets);

  PowerChange at(int64_t utc_epoch_seconds, uint32_t rank) const;
  // The same answer, from `memo` when the query falls in the phase (weekly) or the local hour (autoscale) it holds;
  // constant schedules are answered directly.
  PowerChange at(int64_t utc_epoch_seconds, uint32_t rank, ScheduleMemo& memo) const;
  // Shortest on or off phase in seconds (kNever if the state never changes): jitter must stay below it so
  // that jittered changes keep their order.
  int64_t shortest_phase() const;

 private:
  enum class Kind : uint8_t { Constant, Weekly, Autoscale };
  struct ChangePoint {
    int32_t second_of_week;  // Monday 00:00 local = 0
    bool on;                 // state from this point on
  };
  Kind kind_ = Kind::Constant;
  bool constant_on_ = true;
  std::vector<ChangePoint> changes_;
  // The autoscale profile's target(hour % 24) for two days' hours, rounded once, not at every query, and read
  // without a modulo.
  std::array<uint32_t, 48> autoscale_targets_{};
  UtcOffsets offsets_ = UtcOffsets::fixed(0);

  PowerChange weekly_at(int64_t utc, int64_t* phase_end = nullptr) const;
  PowerChange autoscale_at(int64_t utc, uint32_t rank) const;
  PowerChange autoscale_at(int64_t utc, uint32_t rank, ScheduleMemo& memo) const;
  int64_t next_after(int64_t utc, int64_t local_change) const;
};

}  // namespace fleettwin
