#pragma once
// Hourly billing of Defender for Servers (product-facts.md §6): "Licensing is charged per hour instead of per
// user", by the power-state table (models/power_state.hpp), at list prices per 730-hour month.
//
// A meter group (plan x environment) keeps, incrementally, what the hour has billed so far: the billing pass is
// O(changes), never O(machines) per hour (ARCHITECTURE.md §2).
#include <cstdint>
#include <limits>

#include "models/fleet/fleet_types.hpp"

namespace fleettwin {

// How a partial clock hour is billed. No public figure exists (product-facts.md §6 "Partial hours: not found").
//  prorate : billable seconds / 3600 (default: the meter is hourly, usage is reported in fractional hours)
//  round_up: any billable time in a clock hour bills the whole hour (an upper bound)
enum class PartialHourRule : uint8_t { Prorate = 0, RoundUp = 1 };

struct BillingParams {
  // infracost golden output "Defender for servers, plan 1 ... $4.91", "plan 2 ... $14.60" per server-month
  // of 730 hours (product-facts.md §6).
  double p1_monthly_usd = 4.91;
  double p2_monthly_usd = 14.60;
  double hours_per_month = 730.0;
  PartialHourRule partial_hour = PartialHourRule::Prorate;

  double monthly_price(Plan plan) const;
  double hourly_rate(Plan plan) const { return monthly_price(plan) / hours_per_month; }
};

// Integral of the number of billable machines over time: billable machine-seconds in the current period.
class BillableIntegral {
 public:
  void open(int64_t t) { advance(t); ++open_; }
  void close(int64_t t) { advance(t); --open_; }
  // Machine-seconds billed from the previous roll to `boundary`; starts the next period.
  int64_t roll(int64_t boundary);
  int64_t open_count() const { return open_; }

 private:
  void advance(int64_t t) {
    seconds_ += open_ * (t - last_);
    last_ = t;
  }
  int64_t open_ = 0;
  int64_t last_ = 0;
  int64_t seconds_ = 0;
};

// Number of distinct machines with positive billable time in each period (a clock hour for the round-up rule,
// a 730-hour month for per-seat licensing), kept without a pass over the machines at each boundary.
// Each machine owns a mark (0 = never counted, else the period's place in a cycle of max(Mark) periods, + 1) that
// only this class reads and writes. Narrow marks keep the machines' columns small (a 10-year run has 87,600 hours
// and 120 billing months: two bytes an hour mark, one a month mark); when the cycle comes round, roll() says so,
// and the owner zeroes every mark before the next period's events, so that a mark left from a cycle ago is not
// taken for this period's.
// Events at a boundary time belong to the period that starts there: roll first, then apply them.
template <class Mark>
class PeriodPresence {
 public:
  static constexpr uint32_t kCycle = std::numeric_limits<Mark>::max();

  void open(Mark& mark) {
    ++open_;
    if (counted_now(mark)) ++open_and_counted_;
  }
  void close(int64_t t, int64_t since, Mark& mark) {
    --open_;
    if (counted_now(mark)) {
      --open_and_counted_;
      return;
    }
    // The interval [since, t) has positive length inside this period only if it ends after the period began
    // (one that ends exactly at the boundary was counted by roll()) and is not empty.
    if (t > period_start_ && t > since) {
      ++counted_;
      mark = static_cast<Mark>(period_ + 1);
    }
  }
  struct Rolled {
    int64_t machines;    // distinct machines counted for the period that ended
    bool marks_expired;  // the cycle came round: every mark must be zeroed before the next event
  };
  // Distinct machines counted for the period ending at `boundary`; the next period starts there.
  Rolled roll(int64_t boundary) {
    // Every machine still open was billable just before the boundary.
    const int64_t n = counted_ + open_ - open_and_counted_;
    counted_ = 0;
    open_and_counted_ = 0;
    period_start_ = boundary;
    if (++period_ < kCycle) return {n, false};
    period_ = 0;
    return {n, true};
  }
  int64_t open_count() const { return open_; }

 private:
  bool counted_now(Mark mark) const { return mark == period_ + 1; }
  uint32_t period_ = 0;  // place in the cycle
  int64_t period_start_ = 0;
  int64_t open_ = 0;
  int64_t counted_ = 0;
  int64_t open_and_counted_ = 0;  // open machines already counted this period (they closed and reopened)
};
using HourMark = uint16_t;
using MonthMark = uint8_t;

}  // namespace fleettwin
