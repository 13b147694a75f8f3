#pragma once
// The licensing rules of Defender for Servers beyond the hourly meter (product-facts.md §6), as pure functions of a
// billing hour; the run's billing process applies them per subscription (issue 9; not yet used by a run).
//
//  - Existing Defender for Endpoint for Servers licences: "you don't pay for that part of your ... Plan 1 (P1) or
//    2 (P2) license"; "The discount becomes effective starting on the approval date. It isn't retroactive." A
//    subscription's discount covers at most its licence count of billed machines in an hour, from the approval
//    hour on. What "that part" costs is not published: by default the Plan 1 rate (Plan 1 is Defender for
//    Endpoint's server protection; Plan 2 adds Defender for Cloud's own features), *chosen*.
//  - The 30-day trial: "A 30-day trial period begins. You can't stop, pause, or extend this trial period"; AWS and
//    GCP "get one trial per account or GCP project": a subscription (or connector account) bills nothing for
//    exactly 30 × 24 hours from its first billed hour.
//  - Plan 2's data benefit: "500 MB of free data ingestion per node daily", pooled per subscription, "not
//    enforced per machine": a day's allowance is 500 MB × the Plan 2 machines of the subscription that day; the
//    security data ingested beyond it is priced by a parameter (no price in the sources).
#include <cstdint>

namespace fleettwin {

inline constexpr int64_t kTrialSeconds = 30 * 24 * 3600;
inline constexpr double kDailyAllowanceBytesPerMachine = 500.0 * 1000 * 1000;  // 500 MB (decimal, as billed)

// Whether the clock hour starting at `hour_start` lies in the trial that began at `trial_start` (-1: no trial).
bool in_trial(int64_t hour_start, int64_t trial_start);

struct LicenceDiscount {
  uint32_t licences = 0;     // Defender for Endpoint for Servers licences of the subscription
  int64_t approved_at = -1;  // approval of the support request (seconds since the start); -1: never
};

// Machine-hours of an hour that the discount covers: none before the clock hour holding the approval, from it on at
// most the licence count.
double discounted_machine_hours(const LicenceDiscount& d, int64_t hour_start, double billed_machine_hours);

struct DataBenefit {
  double allowance_bytes = 0;  // 500 MB × Plan 2 machines
  double ingested_bytes = 0;
  double overage_bytes() const { return ingested_bytes > allowance_bytes ? ingested_bytes - allowance_bytes : 0; }
  double unused_bytes() const { return allowance_bytes > ingested_bytes ? allowance_bytes - ingested_bytes : 0; }
};

// A subscription's day: `p2_machines` Plan 2 machines (machine-days, fractional for machines billed part of the
// day) and the security data they ingested.
DataBenefit data_benefit(double p2_machines, double ingested_bytes);

}  // namespace fleettwin
