#include "models/vulnerabilities/remediation.hpp"

#include <cmath>
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
