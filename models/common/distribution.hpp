#pragma once
// Durations drawn from a configurable distribution (time to agent failure, time to repair, onboarding delays,
// outage lengths). Sampling is by inverse CDF from one uniform number, so a draw is a pure function of the
// counter-based random number that feeds it (models/random.hpp).
#include <cstdint>

namespace fleettwin {

enum class DistributionKind : uint8_t { Fixed, Uniform, Exponential, Weibull, Lognormal };

struct Distribution {
  DistributionKind kind = DistributionKind::Fixed;
  double a = 0;  // fixed: value; uniform: min; exponential: mean; weibull: shape k; lognormal: median
  double b = 0;  // uniform: max; weibull: scale lambda; lognormal: sigma (of the underlying normal)

  static Distribution fixed(double seconds) { return {DistributionKind::Fixed, seconds, 0}; }
  static Distribution uniform(double lo, double hi) { return {DistributionKind::Uniform, lo, hi}; }
  static Distribution exponential(double mean) { return {DistributionKind::Exponential, mean, 0}; }
  static Distribution weibull(double shape, double scale) { return {DistributionKind::Weibull, shape, scale}; }
  static Distribution lognormal(double median, double sigma) { return {DistributionKind::Lognormal, median, sigma}; }

  // Inverse CDF at u in [0, 1), in seconds.
  double quantile(double u) const;
  // Analytic mean, in seconds.
  double mean() const;
  // The largest value a draw can take (infinity for unbounded distributions).
  double upper_bound() const;
};

// Standard normal inverse CDF (Acklam's rational approximation, relative error below 1.2e-9).
double inverse_normal_cdf(double p);

// A draw rounded to whole seconds (the simulated clock's resolution), at least `floor_seconds`.
int64_t to_seconds(double value, int64_t floor_seconds = 0);

}  // namespace fleettwin
