#include "models/vulnerabilities/exposure_score.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace fleettwin {

double device_exposure_score(const DeviceFindings& f, const ExposureWeights& w) {
  // log of the probability that no finding is the way in, summed in log space (counts can be large).
  double log_safe = 0;
  for (size_t s = 0; s < kVulnSeverityCount; ++s)
    for (size_t e = 0; e < kExploitabilityCount; ++e) {
      const double r = std::min(1.0, w.by_severity[s] * w.by_exploitability[e]);
      const double plain = f.open[s][e] - std::min(f.open[s][e], f.mitigated[s][e]);
      const double mitigated = std::min(f.open[s][e], f.mitigated[s][e]);
      if (r >= 1.0 && plain > 0) return 100.0;
      log_safe += plain * std::log1p(-r) + mitigated * std::log1p(-std::min(1.0, r * w.mitigated_factor));
    }
  return 100.0 * -std::expm1(log_safe);
}

double device_weight(DeviceValue v, uint64_t devices) {
  switch (v) {
    case DeviceValue::Low: return 0.75;
    case DeviceValue::Normal: return 1.0;
    case DeviceValue::High: return static_cast<double>(devices) / 10.0;
  }
  return 1.0;
}

double organisation_exposure_score(std::span<const double> scores, std::span<const DeviceValue> values) {
  if (scores.size() != values.size()) throw std::invalid_argument("one device value per device score");
  double sum = 0, weights = 0;
  for (size_t i = 0; i < scores.size(); ++i) {
    const double w = device_weight(values[i], scores.size());
    sum += w * scores[i];
    weights += w;
  }
  return weights > 0 ? sum / weights : 0.0;
}

ExposureBand exposure_band(double score) {
  // "0-29: low, 30-69: medium, 70-100: high": the bands of the rounded score.
  const double rounded = std::round(score);
  return rounded < 30 ? ExposureBand::Low : rounded < 70 ? ExposureBand::Medium : ExposureBand::High;
}

}  // namespace fleettwin
