#include "models/billing/licensing.hpp"

#include <algorithm>

namespace fleettwin {

bool in_trial(int64_t hour_start, int64_t trial_start) {
  return trial_start >= 0 && hour_start >= trial_start && hour_start < trial_start + kTrialSeconds;
}

double discounted_machine_hours(const LicenceDiscount& d, int64_t hour_start, double billed_machine_hours) {
  // From the clock hour holding the approval on, never before it.
  if (d.approved_at < 0 || hour_start < d.approved_at / 3600 * 3600) return 0;
  return std::min(billed_machine_hours, static_cast<double>(d.licences));
}

DataBenefit data_benefit(double p2_machines, double ingested_bytes) {
  return {p2_machines * kDailyAllowanceBytesPerMachine, ingested_bytes};
}

}  // namespace fleettwin
