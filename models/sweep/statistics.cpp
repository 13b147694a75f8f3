#include "models/sweep/statistics.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace fleettwin::sweep {
namespace {

// The continued fraction of the incomplete beta function (modified Lentz), for x < (a + 1) / (a + b + 2).
double beta_fraction(double a, double b, double x) {
  constexpr double kTiny = 1e-300, kEps = 1e-15;
  double c = 1, d = 1 - (a + b) * x / (a + 1);
  if (std::fabs(d) < kTiny) d = kTiny;
  d = 1 / d;
  double h = d;
  for (int m = 1; m <= 10000; ++m) {
    const double m2 = 2.0 * m;
    double aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1 / d;
    h *= d * c;
    aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1 / d;
    const double step = d * c;
    h *= step;
    if (std::fabs(step - 1) < kEps) break;
  }
  return h;
}

// The regularised incomplete beta function I_x(a, b).
double incomplete_beta(double a, double b, double x) {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const double front = std::exp(std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) +
                                b * std::log1p(-x));
  if (x < (a + 1) / (a + b + 2)) return front * beta_fraction(a, b, x) / a;
  return 1 - front * beta_fraction(b, a, 1 - x) / b;
}

}  // namespace

double student_t_cdf(double t, double df) {
  const double tail = 0.5 * incomplete_beta(df / 2, 0.5, df / (df + t * t));
  return t > 0 ? 1 - tail : tail;
}

double student_t_quantile(double q, double df) {
  if (!(q > 0 && q < 1) || !(df >= 1)) throw std::invalid_argument("student_t_quantile: q in (0, 1), df >= 1");
  if (q < 0.5) return -student_t_quantile(1 - q, df);
  // Bracket, then bisect: the CDF is monotone, and 200 halvings reach the double's resolution.
  double lo = 0, hi = 1;
  while (student_t_cdf(hi, df) < q) hi *= 2;
  for (int i = 0; i < 200 && hi - lo > 1e-13 * hi; ++i) {
    const double mid = 0.5 * (lo + hi);
    (student_t_cdf(mid, df) < q ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

ReplicaStatistics replica_statistics(const Eigen::ArrayXXd& values, double level) {
  const Eigen::Index points = values.rows();
  const auto nan = std::numeric_limits<double>::quiet_NaN();
  const Eigen::ArrayXXd present = values.isNaN().select(0.0, Eigen::ArrayXXd::Ones(points, values.cols()));
  const Eigen::ArrayXXd zeroed = values.isNaN().select(0.0, values);
  ReplicaStatistics s;
  s.count = present.rowwise().sum().cast<int>();
  const Eigen::ArrayXd n = s.count.cast<double>();
  s.mean = (n > 0).select(zeroed.rowwise().sum() / n.max(1.0), nan);
  // Two-pass variance: the deviations from the mean, so that large means lose no precision.
  const Eigen::ArrayXXd dev = (zeroed.colwise() - s.mean) * present;
  s.std = (n > 1).select((dev.square().rowwise().sum() / (n - 1).max(1.0)).sqrt(), nan);
  s.ci_low.resize(points);
  s.ci_high.resize(points);
  for (Eigen::Index p = 0; p < points; ++p) {
    if (s.count[p] < 2) {
      s.ci_low[p] = s.ci_high[p] = nan;
      continue;
    }
    const double half = student_t_quantile(0.5 + level / 2, n[p] - 1) * s.std[p] / std::sqrt(n[p]);
    s.ci_low[p] = s.mean[p] - half;
    s.ci_high[p] = s.mean[p] + half;
  }
  return s;
}

}  // namespace fleettwin::sweep
