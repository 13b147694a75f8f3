#include <catch2/catch.hpp>

#include <algorithm>
#include <numeric>
#include <random>
#include <vector>

#include "models/common/random.hpp"

using namespace fleettwin;

TEST_CASE("the same key gives the same draw, any other key another", "[random]") {
  const double a = rng::uniform01(42, 7, rng::Stream::ScheduleJitter, 3);
  CHECK(rng::uniform01(42, 7, rng::Stream::ScheduleJitter, 3) == a);
  CHECK(rng::uniform01(43, 7, rng::Stream::ScheduleJitter, 3) != a);
  CHECK(rng::uniform01(42, 8, rng::Stream::ScheduleJitter, 3) != a);
  CHECK(rng::uniform01(42, 7, rng::Stream::ArcOffline, 3) != a);
  CHECK(rng::uniform01(42, 7, rng::Stream::ScheduleJitter, 4) != a);
}

TEST_CASE("draws are uniform on the unit interval: mean 1/2, variance 1/12", "[random]") {
  const int n = 1'000'000;
  double sum = 0, sq = 0, lo = 1, hi = 0;
  for (int i = 0; i < n; ++i) {
    const double u = rng::uniform01(1, static_cast<uint32_t>(i), rng::Stream::AzureTransition, 0);
    sum += u;
    sq += u * u;
    lo = std::min(lo, u);
    hi = std::max(hi, u);
  }
  const double mean = sum / n, var = sq / n - mean * mean;
  // Standard error of the mean: sqrt(1/12/n) = 2.9e-4; allow 5 sigma.
  CHECK(mean == Approx(0.5).margin(1.5e-3));
  CHECK(var == Approx(1.0 / 12).margin(1e-3));
  CHECK(lo >= 0.0);
  CHECK(hi < 1.0);
}

TEST_CASE("uniform_seconds covers both bounds with equal frequency", "[random]") {
  std::vector<int> hist(4, 0);
  for (uint32_t m = 0; m < 400'000; ++m) ++hist[static_cast<size_t>(rng::uniform_seconds(10, 13, 5, m, rng::Stream::ArcConnect, 9) - 10)];
  for (int h : hist) CHECK(h == Approx(100'000).margin(1'500));  // 5 sigma of a binomial(4e5, 1/4)
  CHECK(rng::uniform_seconds(7, 7, 1, 1, rng::Stream::ArcConnect, 1) == 7);
}

TEST_CASE("draws do not depend on the order or partition in which machines are visited", "[random]") {
  std::vector<uint32_t> machines(10'000);
  std::iota(machines.begin(), machines.end(), 0u);
  std::vector<double> in_order(machines.size());
  for (uint32_t m : machines) in_order[m] = rng::uniform01(99, m, rng::Stream::ArcOffline, 1234);
  std::shuffle(machines.begin(), machines.end(), std::mt19937(5));
  // Three "sites" visiting disjoint shares in shuffled order.
  for (size_t part = 0; part < 3; ++part)
    for (size_t i = part; i < machines.size(); i += 3)
      CHECK(rng::uniform01(99, machines[i], rng::Stream::ArcOffline, 1234) == in_order[machines[i]]);
}
