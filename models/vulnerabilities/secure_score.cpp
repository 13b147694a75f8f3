#include "models/vulnerabilities/secure_score.hpp"

namespace fleettwin {

double control_score(const ControlState& c) {
  const uint64_t applicable = c.healthy + c.unhealthy;
  if (applicable == 0) return 0.0;
  return c.max_score / static_cast<double>(applicable) * static_cast<double>(c.healthy);
}

double secure_score_percent(std::span<const ControlState> controls) {
  double current = 0, maximum = 0;
  for (const ControlState& c : controls) {
    if (c.healthy + c.unhealthy == 0) continue;  // a control with no applicable resource does not count
    current += control_score(c);
    maximum += c.max_score;
  }
  return maximum > 0 ? 100.0 * current / maximum : 0.0;
}

}  // namespace fleettwin
