#include "models/common/distribution.hpp"

#include <cmath>
#include <limits>

namespace fleettwin {

double inverse_normal_cdf(double p) {
  static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                                 1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
  static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                                 6.680131188771972e+01,  -1.328068155288572e+01};
  static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                                 -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
  static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                                 3.754408661907416e+00};
  if (p <= 0) return -std::numeric_limits<double>::infinity();
  if (p >= 1) return std::numeric_limits<double>::infinity();
  constexpr double low = 0.02425;
  if (p < low) {
    const double q = std::sqrt(-2 * std::log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
           ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - low) {
    const double q = std::sqrt(-2 * std::log1p(-p));
    return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
           ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  const double q = p - 0.5;
  const double r = q * q;
  return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
         (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

double Distribution::quantile(double u) const {
  switch (kind) {
    case DistributionKind::Fixed: return a;
    case DistributionKind::Uniform: return a + u * (b - a);
    case DistributionKind::Exponential: return -a * std::log1p(-u);
    case DistributionKind::Weibull: return b * std::pow(-std::log1p(-u), 1.0 / a);
    case DistributionKind::Lognormal: return a * std::exp(b * inverse_normal_cdf(u));
  }
  return a;
}

double Distribution::mean() const {
  switch (kind) {
    case DistributionKind::Fixed: return a;
    case DistributionKind::Uniform: return (a + b) / 2;
    case DistributionKind::Exponential: return a;
    case DistributionKind::Weibull: return b * std::tgamma(1.0 + 1.0 / a);
    case DistributionKind::Lognormal: return a * std::exp(b * b / 2);
  }
  return a;
}

double Distribution::upper_bound() const {
  switch (kind) {
    case DistributionKind::Fixed: return a;
    case DistributionKind::Uniform: return b;
    default: return std::numeric_limits<double>::infinity();
  }
}

int64_t to_seconds(double value, int64_t floor_seconds) {
  if (!(value < 9.0e15)) return INT64_MAX / 4;  // unbounded draws far beyond any run
  const int64_t s = std::llround(value);
  return s < floor_seconds ? floor_seconds : s;
}

}  // namespace fleettwin
