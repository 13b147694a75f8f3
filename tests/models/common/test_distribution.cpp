// Distributions: sample means of many counter-based draws against the analytic means.
#include <catch2/catch.hpp>

#include <cmath>

#include "models/common/distribution.hpp"
#include "models/common/random.hpp"

using namespace fleettwin;

namespace {
double sample_mean(const Distribution& d, int n = 400000) {
  double sum = 0;
  for (int i = 0; i < n; ++i) sum += d.quantile(rng::uniform01(11, static_cast<uint32_t>(i), rng::Stream::AgentFailure, 0));
  return sum / n;
}
}  // namespace

TEST_CASE("exponential draws have the configured mean", "[distribution]") {
  const auto d = Distribution::exponential(86400.0);
  CHECK(d.mean() == 86400.0);
  CHECK(sample_mean(d) == Approx(86400.0).epsilon(0.01));
}

TEST_CASE("weibull draws have mean scale * Gamma(1 + 1/shape)", "[distribution]") {
  const auto d = Distribution::weibull(0.8, 120 * 86400.0);
  CHECK(d.mean() == Approx(120 * 86400.0 * std::tgamma(1 + 1 / 0.8)));
  CHECK(sample_mean(d) == Approx(d.mean()).epsilon(0.01));
  const auto e = Distribution::weibull(1.0, 3600.0);  // shape 1 is the exponential
  CHECK(e.quantile(0.5) == Approx(3600.0 * std::log(2.0)));
}

TEST_CASE("lognormal draws have median m and mean m * exp(sigma^2 / 2)", "[distribution]") {
  const auto d = Distribution::lognormal(36000.0, 1.0);
  CHECK(d.quantile(0.5) == Approx(36000.0));
  CHECK(d.mean() == Approx(36000.0 * std::exp(0.5)));
  CHECK(sample_mean(d) == Approx(d.mean()).epsilon(0.01));
}

TEST_CASE("uniform and fixed distributions stay in their bounds", "[distribution]") {
  const auto u = Distribution::uniform(60, 3600);
  CHECK(u.quantile(0.0) == 60);
  CHECK(u.quantile(0.999999) <= 3600);
  CHECK(u.mean() == 1830);
  CHECK(Distribution::fixed(42).quantile(0.3) == 42);
}

TEST_CASE("the inverse normal CDF matches known quantiles", "[distribution]") {
  CHECK(inverse_normal_cdf(0.5) == Approx(0.0).margin(1e-12));
  CHECK(inverse_normal_cdf(0.975) == Approx(1.959963985).epsilon(1e-8));
  CHECK(inverse_normal_cdf(0.001) == Approx(-3.090232306).epsilon(1e-8));
}

TEST_CASE("draws are rounded to whole seconds with a floor", "[distribution]") {
  CHECK(to_seconds(1.4) == 1);
  CHECK(to_seconds(1.6) == 2);
  CHECK(to_seconds(0.2, 1) == 1);
  CHECK(to_seconds(std::numeric_limits<double>::infinity()) > int64_t{1} << 60);
}
