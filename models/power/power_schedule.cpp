#include "models/power/power_schedule.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace fleettwin {
namespace {
constexpr int64_t floor_mod(int64_t a, int64_t m) { return ((a % m) + m) % m; }
constexpr int64_t floor_div(int64_t a, int64_t m) { return (a - floor_mod(a, m)) / m; }
// 1970-01-01 was a Thursday: shift by three days so that second 0 of the week is Monday 00:00.
constexpr int64_t second_of_week(int64_t local) { return floor_mod(local + 3 * kSecondsPerDay, kSecondsPerWeek); }
}  // namespace

UtcOffsets UtcOffsets::fixed(int32_t seconds_east) {
  UtcOffsets o;
  o.fixed_ = seconds_east;
  return o;
}

UtcOffsets::UtcOffsets(int64_t first_utc_hour, std::vector<int32_t> offset_by_hour)
    : first_hour_(first_utc_hour), by_hour_(std::move(offset_by_hour)) {
  for (size_t i = 1; i < by_hour_.size(); ++i)
    if (by_hour_[i] != by_hour_[i - 1]) change_hours_.push_back(static_cast<int64_t>(i));
}

int64_t UtcOffsets::constant_until(int64_t utc) const {
  if (by_hour_.empty()) return kNever;
  const int64_t i = floor_div(utc, 3600) - first_hour_;  // at() clamps: before the table, hour 0 holds
  const auto next = std::upper_bound(change_hours_.begin(), change_hours_.end(), i);
  return next == change_hours_.end() ? kNever : (first_hour_ + *next) * 3600;
}

int32_t UtcOffsets::at(int64_t utc) const {
  if (by_hour_.empty()) return fixed_;
  const int64_t i = std::clamp<int64_t>(floor_div(utc, 3600) - first_hour_, 0,
                                        static_cast<int64_t>(by_hour_.size()) - 1);
  return by_hour_[static_cast<size_t>(i)];
}

int64_t UtcOffsets::to_utc(int64_t local) const {
  // Two fixed-point steps settle on every real zone (offsets change at most once within a few hours).
  const int64_t guess = local - at(local);
  return local - at(guess);
}

uint32_t AutoscaleProfile::target(int local_hour) const {
  const double span = static_cast<double>(max - min);
  return min + static_cast<uint32_t>(std::lround(span * profile[static_cast<size_t>(local_hour)]));
}

PowerSchedule PowerSchedule::always_on() { return PowerSchedule{}; }

PowerSchedule PowerSchedule::always_off() {
  PowerSchedule s;
  s.constant_on_ = false;
  return s;
}

PowerSchedule PowerSchedule::weekly(const std::vector<WeeklyWindow>& windows, UtcOffsets offsets) {
  // Rasterise to minutes so that overlapping and midnight-crossing windows combine as a plain union.
  constexpr int kMinutes = 7 * 24 * 60;
  std::vector<bool> on(kMinutes, false);
  for (const auto& w : windows) {
    const int start = w.start / 60;
    int end = w.end / 60;
    if (end <= start) end += 24 * 60;
    for (int day = 0; day < 7; ++day) {
      if (!(w.days & (1u << day))) continue;
      for (int m = start; m < end; ++m) on[static_cast<size_t>((day * 1440 + m) % kMinutes)] = true;
    }
  }
  PowerSchedule s;
  s.offsets_ = std::move(offsets);
  for (int m = 0; m < kMinutes; ++m) {
    const bool prev = on[static_cast<size_t>((m + kMinutes - 1) % kMinutes)];
    if (on[static_cast<size_t>(m)] != prev) s.changes_.push_back({m * 60, on[static_cast<size_t>(m)]});
  }
  if (s.changes_.empty()) {
    s.constant_on_ = on[0];
    return s;
  }
  s.kind_ = Kind::Weekly;
  return s;
}

PowerSchedule PowerSchedule::autoscale(const AutoscaleProfile& profile, UtcOffsets offsets) {
  PowerSchedule s;
  s.kind_ = Kind::Autoscale;
  for (int h = 0; h < 48; ++h) s.autoscale_targets_[static_cast<size_t>(h)] = profile.target(h % 24);
  s.offsets_ = std::move(offsets);
  return s;
}

PowerChange PowerSchedule::at(int64_t utc, uint32_t rank) const {
  switch (kind_) {
    case Kind::Constant: return {constant_on_, kNever};
    case Kind::Weekly: return weekly_at(utc);
    case Kind::Autoscale: return autoscale_at(utc, rank);
  }
  return {constant_on_, kNever};
}

int64_t PowerSchedule::next_after(int64_t utc, int64_t local_change) const {
  int64_t t = offsets_.to_utc(local_change);
  // A repeated hour (clocks going back) can map a later local time before now: the change is then due at once.
  return t > utc ? t : utc + 1;
}

PowerChange PowerSchedule::at(int64_t utc, uint32_t rank, ScheduleMemo& memo) const {
  if (kind_ == Kind::Autoscale) return autoscale_at(utc, rank, memo);
  if (kind_ != Kind::Weekly) return at(utc, rank);
  if (utc >= memo.from && utc < memo.until) return memo.value;
  int64_t phase_end = 0;
  const PowerChange v = weekly_at(utc, &phase_end);
  // Valid while the offset holds (the local time then moves with UTC) and the local time has not reached the next
  // change point; both ends are exact, so every answer from the memo equals weekly_at's.
  memo = {utc, std::min({v.next_change, offsets_.constant_until(utc), phase_end}), v};
  return v;
}

PowerChange PowerSchedule::weekly_at(int64_t utc, int64_t* phase_end) const {
  const int32_t offset = offsets_.at(utc);
  const int64_t local = utc + offset;
  const int64_t sow = second_of_week(local);
  const int64_t week_start = local - sow;
  const auto it = std::upper_bound(changes_.begin(), changes_.end(), sow,
                                   [](int64_t s, const ChangePoint& c) { return s < c.second_of_week; });
  const bool on = (it == changes_.begin() ? changes_.back() : *(it - 1)).on;
  const int64_t next_local =
      it == changes_.end() ? week_start + kSecondsPerWeek + changes_.front().second_of_week
                           : week_start + it->second_of_week;
  if (phase_end) *phase_end = next_local - offset;  // where the local time, at this offset, reaches the change
  return {on, next_after(utc, next_local)};
}

PowerChange PowerSchedule::autoscale_at(int64_t utc, uint32_t rank) const {
  const int64_t local = utc + offsets_.at(utc);
  const int64_t hour_start = local - floor_mod(local, 3600);
  const int hour = static_cast<int>(floor_mod(local, kSecondsPerDay) / 3600);
  const bool on = rank < autoscale_targets_[static_cast<size_t>(hour)];
  for (int k = 1; k <= 24; ++k) {
    if ((rank < autoscale_targets_[static_cast<size_t>(hour + k)]) != on)
      return {on, next_after(utc, hour_start + k * 3600)};
  }
  return {on, kNever};
}

// autoscale_at(utc, rank) from the local hour's tables: its loop looks for the first k at which (rank <
// target(hour + k)) differs from now, which is the first k at which the running min (for a rank on now) or max (off)
// of the targets crosses the rank; both run monotone, so a binary search finds it. The tables hold while the
// offset is constant and the local hour the same.
PowerChange PowerSchedule::autoscale_at(int64_t utc, uint32_t rank, ScheduleMemo& memo) const {
  if (utc < memo.from || utc >= memo.until) {
    const int32_t offset = offsets_.at(utc);
    const int64_t local = utc + offset;
    const int64_t hour_start = local - floor_mod(local, 3600);
    const auto hour = static_cast<size_t>(floor_mod(local, kSecondsPerDay) / 3600);
    memo.from = utc;
    memo.until = std::min(offsets_.constant_until(utc), hour_start + 3600 - offset);
    memo.target = autoscale_targets_[hour];
    uint32_t fewest = std::numeric_limits<uint32_t>::max(), most = 0;
    for (size_t k = 1; k <= 24; ++k) {
      fewest = std::min(fewest, autoscale_targets_[hour + k]);
      most = std::max(most, autoscale_targets_[hour + k]);
      memo.fewest[k - 1] = fewest;
      memo.most[k - 1] = most;
      memo.hour_utc[k - 1] = offsets_.to_utc(hour_start + static_cast<int64_t>(k) * 3600);
    }
  }
  const bool on = rank < memo.target;
  const auto first = on ? std::partition_point(memo.fewest.begin(), memo.fewest.end(), [&](uint32_t n) { return n > rank; })
                        : std::partition_point(memo.most.begin(), memo.most.end(), [&](uint32_t n) { return n <= rank; });
  const auto k = static_cast<size_t>(on ? first - memo.fewest.begin() : first - memo.most.begin());
  if (k == 24) return {on, kNever};
  // As next_after: a repeated hour (clocks going back) can map a later local time before now.
  const int64_t change = memo.hour_utc[k];
  return {on, change > utc ? change : utc + 1};
}

int64_t PowerSchedule::shortest_phase() const {
  switch (kind_) {
    case Kind::Constant: return kNever;
    case Kind::Autoscale: return 3600;
    case Kind::Weekly: break;
  }
  int64_t shortest = kNever;
  for (size_t i = 0; i < changes_.size(); ++i) {
    const int64_t next = i + 1 < changes_.size() ? changes_[i + 1].second_of_week
                                                 : changes_[0].second_of_week + kSecondsPerWeek;
    shortest = std::min(shortest, next - changes_[i].second_of_week);
  }
  return shortest;
}

}  // namespace fleettwin
