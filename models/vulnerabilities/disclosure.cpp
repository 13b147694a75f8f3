#include "models/vulnerabilities/disclosure.hpp"

#include <algorithm>

namespace fleettwin {

namespace {
template <size_t N>
size_t pick(const std::array<double, N>& shares, double u) {
  double acc = 0;
  for (size_t i = 0; i < N; ++i) {
    acc += shares[i];
    if (u < acc) return i;
  }
  return N - 1;
}
}  // namespace

FindingDraw draw_finding(const DisclosureParams& p, double u_severity, double u_exploit, double u_probability) {
  const size_t e = pick(p.exploitability_shares, u_exploit);
  const ProbabilityRange& r = p.exploitation[e];
  return {static_cast<VulnSeverity>(pick(p.severity_shares, u_severity)), static_cast<Exploitability>(e),
          std::clamp(r.min + (r.max - r.min) * u_probability, 0.0, 1.0)};
}

double mean_cvss(const DisclosureParams& p) {
  constexpr double kMid[kVulnSeverityCount] = {2.0, 5.5, 7.9, 9.5};
  double m = 0;
  for (size_t s = 0; s < kVulnSeverityCount; ++s) m += p.severity_shares[s] * kMid[s];
  return m;
}

}  // namespace fleettwin
