#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

#include "models/billing/billing.hpp"
#include "models/billing/licensing.hpp"

using namespace fleettwin;

TEST_CASE("list prices per 730-hour month give the hourly rates", "[billing]") {
  const BillingParams b;
  CHECK(b.hourly_rate(Plan::P2) == Approx(0.02));        // $14.60 / 730
  CHECK(b.hourly_rate(Plan::P1) == Approx(0.0067260274));  // $4.91 / 730
  CHECK(b.hourly_rate(Plan::Off) == 0.0);
  // 1,000 machines x 730 hours on Plan 2 is $14,600.00 to the cent.
  CHECK(std::round(1000 * 730 * b.hourly_rate(Plan::P2) * 100) / 100 == 14600.00);
}

TEST_CASE("the billable integral counts machine-seconds per period", "[billing]") {
  BillableIntegral i;
  i.open(0);
  i.open(1800);
  CHECK(i.roll(3600) == 3600 + 1800);
  i.close(4000);
  CHECK(i.roll(7200) == 3600 + 400);
  CHECK(i.roll(10800) == 3600);  // the machine opened at 1800 is still billable
  i.close(10800);
  CHECK(i.roll(14400) == 0);
}

TEST_CASE("period presence counts each machine with positive time once per period", "[billing]") {
  PeriodPresence<HourMark> p;
  HourMark a = 0, b = 0, c = 0, d = 0;
  p.open(a);               // a: open from t=0 through the boundary
  p.open(b);               // b: on and off twice within the first hour
  p.close(600, 0, b);
  p.open(b);
  p.close(1200, 600, b);
  p.open(c);               // c: zero-length interval at 2000
  p.close(2000, 2000, c);
  CHECK(p.roll(3600).machines == 2);  // a and b
  p.open(d);               // d opens in hour 2 and closes exactly at its end
  p.close(3700, 0, a);     // a closes 100 s into hour 2: counted again for hour 2
  CHECK(p.roll(7200).machines == 2);  // a and d
  p.close(7200, 3600, d);  // closes at the boundary: no time in hour 3
  CHECK(p.roll(10800).machines == 0);
  CHECK(p.open_count() == 0);
}

TEST_CASE("a machine closed and reopened within a period is not counted twice at the boundary", "[billing]") {
  PeriodPresence<HourMark> p;
  HourMark m = 0;
  p.open(m);
  CHECK(p.roll(3600).machines == 1);
  p.close(4000, 0, m);  // counted for hour 2 here
  p.open(m);            // reopened: already counted for hour 2
  CHECK(p.roll(7200).machines == 1);
  CHECK(p.roll(10800).machines == 1);  // still open through hour 3
}

// Narrow marks cycle: a one-byte mark names 255 periods. Random on/off intervals of 40 machines over 1,000
// periods (almost four cycles), counted by the class with its marks zeroed when it says the cycle came round,
// against a count by hand of the machines with positive billable time in each period.
TEST_CASE("period presence with one-byte marks counts exactly across the marks' cycle", "[billing]") {
  constexpr int kMachines = 40, kPeriods = 1000;
  constexpr int64_t kLength = 100;
  PeriodPresence<uint8_t> p;
  std::vector<uint8_t> marks(kMachines, 0);
  std::vector<int64_t> since(kMachines, -1);  // -1: closed
  std::vector<std::vector<std::pair<int64_t, int64_t>>> intervals(kMachines);
  uint64_t state = 12345;
  const auto next = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return state >> 33;
  };
  int expiries = 0;
  for (int period = 0; period < kPeriods; ++period) {
    const int64_t start = period * kLength;
    // A few changes a period at increasing instants; machine 7 opens and closes only once every 255 periods,
    // exactly a cycle apart: the case a stale mark would count as already counted.
    std::vector<std::pair<int64_t, int>> changes;
    for (int k = 0; k < 12; ++k) changes.push_back({start + static_cast<int64_t>(next() % kLength), static_cast<int>(next() % kMachines)});
    if (period % 255 == 3) changes.push_back({start + 10, 7}), changes.push_back({start + 20, 7});
    std::sort(changes.begin(), changes.end());
    for (const auto& [t, m] : changes) {
      if (m == 7 && period % 255 != 3) continue;
      if (since[m] < 0) {
        p.open(marks[m]);
        since[m] = t;
      } else {
        p.close(t, since[m], marks[m]);
        intervals[m].push_back({since[m], t});
        since[m] = -1;
      }
    }
    const auto rolled = p.roll(start + kLength);
    if (rolled.marks_expired) {
      ++expiries;
      std::fill(marks.begin(), marks.end(), 0);
    }
    int64_t by_hand = 0;
    for (int m = 0; m < kMachines; ++m) {
      bool billed = since[m] >= 0 && since[m] < start + kLength;  // still open at the boundary
      for (const auto& [a, b] : intervals[m]) billed = billed || (std::max(a, start) < std::min(b, start + kLength));
      by_hand += billed;
    }
    REQUIRE(rolled.machines == by_hand);
    for (auto& v : intervals) v.clear();
  }
  CHECK(expiries == kPeriods / 255);
}

TEST_CASE("licensing: the discount starts on the approval hour, the trial ends after exactly 30 x 24 h, the 500 MB "
          "benefit is pooled", "[billing]") {
  const LicenceDiscount d{40, 10 * 3600 + 1234};  // approved during hour 10
  CHECK(discounted_machine_hours(d, 9 * 3600, 100) == 0);   // not retroactive
  CHECK(discounted_machine_hours(d, 10 * 3600, 100) == 40);  // the approval hour, capped at the licences
  CHECK(discounted_machine_hours(d, 11 * 3600, 25) == 25);   // fewer machines billed than licences
  CHECK(discounted_machine_hours({40, -1}, 11 * 3600, 25) == 0);
  // The trial: 720 clock hours from its start, not one more.
  const int64_t start = 5 * 86400;
  CHECK_FALSE(in_trial(start - 3600, start));
  CHECK(in_trial(start, start));
  CHECK(in_trial(start + 719 * 3600, start));
  CHECK_FALSE(in_trial(start + 720 * 3600, start));
  CHECK_FALSE(in_trial(start, -1));
  // 10 Plan 2 machines: 5 GB a day for the subscription, whoever ingests it.
  const DataBenefit b = data_benefit(10, 7.5e9);
  CHECK(b.allowance_bytes == 5e9);
  CHECK(b.overage_bytes() == 2.5e9);
  CHECK(b.unused_bytes() == 0);
  CHECK(data_benefit(10, 1e9).overage_bytes() == 0);
  CHECK(data_benefit(10, 1e9).unused_bytes() == 4e9);
}
