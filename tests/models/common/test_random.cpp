#include <catch2/catch.hpp>

#include <bit>
#include <cmath>
#include <utility>

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

TEST_CASE("one bit of key changes half the output bits (avalanche)", "[random]") {
  // For a good mixer each flipped key bit flips each output bit with probability 1/2: 32 of 64 on average. A weak
  // key combination (a plain XOR or sum of the fields) fails this for some fields.
  const auto flipped_bits = [](uint64_t a, uint64_t b) { return std::popcount(a ^ b); };
  for (int field = 0; field < 3; ++field) {
    double total = 0;
    int n = 0;
    for (uint32_t m = 0; m < 2000; ++m)
      for (int bit = 0; bit < 32; ++bit) {
        const uint64_t seed = 1000 + m, draw = 7 * m;
        const uint64_t a = rng::bits(seed, m, rng::Stream::AgentFailure, draw);
        const uint64_t b = field == 0   ? rng::bits(seed ^ (uint64_t{1} << bit), m, rng::Stream::AgentFailure, draw)
                           : field == 1 ? rng::bits(seed, m ^ (1u << bit), rng::Stream::AgentFailure, draw)
                                        : rng::bits(seed, m, rng::Stream::AgentFailure, draw ^ (uint64_t{1} << bit));
        total += flipped_bits(a, b);
        ++n;
      }
    // 64,000 flips: the mean of a binomial(64, 1/2) has standard error 4/sqrt(n) = 0.016.
    CHECK(total / n == Approx(32).margin(0.1));
  }
}

TEST_CASE("streams, draws and neighbouring machines are uncorrelated", "[random]") {
  // Pearson correlation of pairs of uniforms; for independent ones it is 0 with standard error 1/sqrt(n).
  const int n = 200'000;
  const auto correlation = [&](auto&& pair) {
    double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
    for (int i = 0; i < n; ++i) {
      const auto [x, y] = pair(static_cast<uint32_t>(i));
      sx += x, sy += y, sxx += x * x, syy += y * y, sxy += x * y;
    }
    const double cov = sxy / n - sx / n * sy / n;
    return cov / std::sqrt((sxx / n - sx / n * sx / n) * (syy / n - sy / n * sy / n));
  };
  const double five_sigma = 5 / std::sqrt(static_cast<double>(n));
  CHECK(std::abs(correlation([](uint32_t m) {
          return std::pair{rng::uniform01(3, m, rng::Stream::AgentFailure, 0), rng::uniform01(3, m, rng::Stream::AgentRepair, 0)};
        })) < five_sigma);
  CHECK(std::abs(correlation([](uint32_t m) {
          return std::pair{rng::uniform01(3, m, rng::Stream::AgentFailure, 5), rng::uniform01(3, m, rng::Stream::AgentFailure, 6)};
        })) < five_sigma);
  CHECK(std::abs(correlation([](uint32_t m) {
          return std::pair{rng::uniform01(3, m, rng::Stream::ScheduleJitter, 1), rng::uniform01(3, m + 1, rng::Stream::ScheduleJitter, 1)};
        })) < five_sigma);
  // The test can fail: a draw is perfectly correlated with itself.
  CHECK(correlation([](uint32_t m) {
          return std::pair{rng::uniform01(3, m, rng::Stream::Outage, 0), rng::uniform01(3, m, rng::Stream::Outage, 0)};
        }) == Approx(1.0));
}

TEST_CASE("a pre-hashed seed draws exactly the numbers of the three-round hash", "[random]") {
  // The draws are part of every output: rng::Seed may only move the seed's round out of the loop, never change a
  // bit. The reference is the definition written out: three SplitMix64 rounds over seed, machine, stream and draw.
  const auto reference = [](uint64_t seed, uint32_t machine, rng::Stream stream, uint64_t draw) {
    uint64_t h = rng::mix64(seed ^ 0x6a09e667f3bcc909ULL);
    h = rng::mix64(h ^ machine);
    return rng::mix64(h ^ (static_cast<uint64_t>(stream) << 48) ^ (draw & 0xffffffffffffULL));
  };
  for (uint64_t seed : {uint64_t{0}, uint64_t{1}, uint64_t{42}, ~uint64_t{0}}) {
    const rng::Seed pre(seed);
    for (uint32_t m = 0; m < 1000; ++m) {
      const uint64_t draw = uint64_t{m} * 0x9e3779b97f4a7c15ULL;
      REQUIRE(rng::bits(pre, m, rng::Stream::ScheduleJitter, draw) == reference(seed, m, rng::Stream::ScheduleJitter, draw));
      REQUIRE(rng::bits(seed, m, rng::Stream::VulnRemediation, draw) == reference(seed, m, rng::Stream::VulnRemediation, draw));
    }
  }
}

TEST_CASE("uniform_seconds is lo plus the floor of u times the span, to the second", "[random]") {
  // Truncation replaced floor() there: the same for every product, which is never negative.
  for (const auto& [lo, hi] : {std::pair<int64_t, int64_t>{0, 900}, {60, 300}, {-30, 30}, {0, 86400}}) {
    for (uint32_t m = 0; m < 20'000; ++m) {
      const double u = rng::uniform01(9, m, rng::Stream::ScheduleJitter, 77);
      const int64_t expected = lo + static_cast<int64_t>(std::floor(u * static_cast<double>(hi - lo + 1)));
      const int64_t s = rng::uniform_seconds(lo, hi, rng::Seed(9), m, rng::Stream::ScheduleJitter, 77);
      REQUIRE(s == expected);
      REQUIRE(s >= lo);
      REQUIRE(s <= hi);
    }
  }
}
