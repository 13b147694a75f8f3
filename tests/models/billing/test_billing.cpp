#include <catch2/catch.hpp>

#include <cmath>

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
  PeriodPresence p;
  uint32_t a = 0, b = 0, c = 0, d = 0;
  p.open(a);               // a: open from t=0 through the boundary
  p.open(b);               // b: on and off twice within the first hour
  p.close(600, 0, b);
  p.open(b);
  p.close(1200, 600, b);
  p.open(c);               // c: zero-length interval at 2000
  p.close(2000, 2000, c);
  CHECK(p.roll(3600) == 2);  // a and b
  p.open(d);               // d opens in hour 2 and closes exactly at its end
  p.close(3700, 0, a);     // a closes 100 s into hour 2: counted again for hour 2
  CHECK(p.roll(7200) == 2);  // a and d
  p.close(7200, 3600, d);  // closes at the boundary: no time in hour 3
  CHECK(p.roll(10800) == 0);
  CHECK(p.open_count() == 0);
}

TEST_CASE("a machine closed and reopened within a period is not counted twice at the boundary", "[billing]") {
  PeriodPresence p;
  uint32_t m = 0;
  p.open(m);
  CHECK(p.roll(3600) == 1);
  p.close(4000, 0, m);  // counted for hour 2 here
  p.open(m);            // reopened: already counted for hour 2
  CHECK(p.roll(7200) == 1);
  CHECK(p.roll(10800) == 1);  // still open through hour 3
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
