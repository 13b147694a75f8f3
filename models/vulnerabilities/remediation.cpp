#include "models/vulnerabilities/remediation.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "models/common/distribution.hpp"
#include "models/common/random.hpp"
#include <stdexcept>

namespace fleettwin {

double hazard_from_monthly_share(double monthly) {
  if (!(monthly >= 0 && monthly < 1)) throw std::invalid_argument("a monthly close share must be in [0, 1)");
  return -std::log1p(-monthly) / kMeanMonthDays;
}

double hazard_from_half_life(double half_life_days) {
  if (!(half_life_days > 0)) throw std::invalid_argument("a half-life must be positive");
  return std::log(2.0) / half_life_days;
}

}  // namespace fleettwin

namespace fleettwin {

double window_close_probability(double hazard_per_day, double gap_days) {
  return -std::expm1(-hazard_per_day * gap_days);
}

double mean_wait_in_windows(const std::vector<double>& gaps, double h) {
  if (gaps.empty() || !(h > 0)) throw std::invalid_argument("windows need gaps and a positive hazard");
  const size_t k = gaps.size();
  double period = 0;
  for (double g : gaps) period += g;
  // T[j]: expected wait from just after window j (not closed there). T[j] = g[j+1] + (1 − q[j+1]) T[j+1], cyclic:
  // unrolled once around the cycle from j, T[j] = c_j + ρ T[j] with ρ the chance to survive every window.
  double rho = 1;
  for (double g : gaps) rho *= 1 - window_close_probability(h, g);
  std::vector<double> T(k);
  for (size_t j = 0; j < k; ++j) {
    double c = 0, survive = 1;
    for (size_t i = 1; i <= k; ++i) {
      const double g = gaps[(j + i) % k];
      c += survive * g;
      survive *= 1 - window_close_probability(h, g);
    }
    T[j] = c / (1 - rho);
  }
  // From a uniform instant in the gap before window j: the rest of the gap (g/2 on average), then window j closes
  // it or the wait goes on from just after window j.
  double mean = 0;
  for (size_t j = 0; j < k; ++j) {
    const double g = gaps[j];
    mean += g / period * (g / 2 + (1 - window_close_probability(h, g)) * T[j]);
  }
  return mean;
}

uint32_t binomial_draw(uint32_t n, double q, double u) {
  if (n == 0 || q <= 0) return 0;
  if (q >= 1) return n;
  // (1 − q)^n underflows for large n: a sum of binomials of at most kChunk trials each, the later ones drawn from
  // uniforms derived from u (a bijective mix of its bits with the chunk's number).
  constexpr uint32_t kChunk = 200;
  const double r = q / (1 - q);
  uint32_t total = 0;
  uint64_t bits = 0;
  std::memcpy(&bits, &u, sizeof bits);
  for (uint32_t done = 0, chunk = 0; done < n; ++chunk) {
    const uint32_t m = std::min(kChunk, n - done);
    const double v = chunk == 0 ? u : static_cast<double>(rng::mix64(bits + chunk) >> 11) * 0x1.0p-53;
    double p = std::pow(1 - q, static_cast<double>(m));  // P(0)
    double cdf = p;
    uint32_t k = 0;
    while (v >= cdf && k < m) {
      p *= r * static_cast<double>(m - k) / static_cast<double>(k + 1);
      ++k;
      cdf += p;
    }
    total += k;
    done += m;
  }
  return total;
}

uint32_t poisson_draw(double mean, double u) {
  if (!(mean > 0)) return 0;
  if (mean > 400) {  // e^-mean would underflow: the normal approximation, far beyond one class of one machine
    const double x = std::round(mean + std::sqrt(mean) * inverse_normal_cdf(std::clamp(u, 1e-12, 1 - 1e-12)));
    return x < 0 ? 0u : static_cast<uint32_t>(x);
  }
  double p = std::exp(-mean), cdf = p;
  uint32_t k = 0;
  while (u >= cdf && k < 100000) {
    ++k;
    p *= mean / k;
    cdf += p;
    if (p == 0 && cdf < u) break;
  }
  return k;
}

}  // namespace fleettwin
