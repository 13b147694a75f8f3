#pragma once
// Automatic deployment of the MDE.Windows / MDE.Linux extension by Defender for Cloud (product-facts.md §2):
// onboarding delays, prerequisites that make a deployment fail every time, transient failures, and the retry
// policy. Pure functions of the parameters and counter-based random numbers.
#include <cstdint>

#include "models/common/distribution.hpp"
#include "models/fleet/fleet_types.hpp"
#include "models/health/health_issues.hpp"
#include "models/common/random.hpp"
#include "models/agent/support_matrix.hpp"

namespace fleettwin {

// Probabilities. No public failure rates exist (product-facts.md §2, §9): the defaults are chosen, documented
// in scenarios/README.md and overridable per cohort.
struct InstallFailureRates {
  double python_missing = 0.02;                 // Linux: exit code 52 (MicrosoftDocs/azure-docs#102162)
  double fanotify = 0.01;                       // Linux: services using fanotify are not auto-provisioned
  double generalized_image = 0.02;              // Azure VMs from generalized images are not auto-provisioned
  double ssm_agent_missing = 0.03;              // AWS: Arc autoprovisioning needs the SSM agent
  double windows_2012_r2_prerequisites = 0.10;  // MSI 1603 on 2012 R2 (microsoft/mdefordownlevelserver#19)
  double transient = 0.02;                      // per attempt: extension error that a retry may clear
};

// Defender for Cloud's retry schedule after a transient failure is not published (MicrosoftDocs/azure-docs#92181
// sees "only retries"): retry after `first`, multiplying the wait by `factor` up to `max_interval`, at most
// `max_attempts` attempts in all. A failure caused by a missing prerequisite is not retried: it would fail the
// same way until an operator fixes the machine and redeploys.
struct RetryPolicy {
  int64_t first = 3600;
  double factor = 2.0;
  int64_t max_interval = 86400;
  uint32_t max_attempts = 6;

  // Wait before attempt `attempt + 1`, after attempt `attempt` (1-based) failed.
  int64_t wait_after(uint32_t attempt) const;
};

struct ProvisioningParams {
  // "Onboarding might take up to an hour." (enable-defender-for-endpoint.md)
  Distribution delay = Distribution::uniform(60, 3600);
  // "In case you are configuring Defender for Endpoint on the first subscription in your tenant, onboarding might
  // take up to 12 hours." (same)
  Distribution first_subscription_delay = Distribution::uniform(60, 12 * 3600);
  // Direct onboarding (no Arc): "might take up to 24 hours to appear" (onboard-machines-with-defender-for-endpoint.md)
  Distribution direct_delay = Distribution::uniform(60, 24 * 3600);
  // Moving a subscription across tenants: "some manual preparatory steps are required" (no figure): chosen.
  Distribution tenant_move_delay = Distribution::uniform(3 * 86400, 14 * 86400);
  RetryPolicy retry;
  // Legacy subscriptions (enable-defender-for-endpoint.md): those that "existed before spring 2022" need the
  // unified-solution opt-in for 2012 R2 / 2016, those "that existed before summer 2021" the Linux opt-in.
  // The dates are the seasons' first days (no exact date is published).
  int64_t unified_solution_cutoff = 1647734400;  // 2022-03-20T00:00:00Z
  int64_t linux_cutoff = 1624233600;             // 2021-06-21T00:00:00Z
};

// Which onboarding delay applies to a deployment.
enum class OnboardingPath : uint8_t { Standard, FirstSubscriptionOfTenant, Direct };
const Distribution& onboarding_delay(const ProvisioningParams& params, OnboardingPath path);

// A prerequisite the machine lacks (a property of the machine, drawn once per cause), or Issue::None.
Issue missing_prerequisite(const InstallFailureRates& rates, uint16_t os, Environment environment, uint64_t seed,
                           uint32_t machine);

// A transient failure of one attempt (at time `attempt_time`), or Issue::None.
Issue transient_failure(const InstallFailureRates& rates, uint16_t os, uint64_t seed, uint32_t machine,
                        uint64_t attempt_time);

// Legacy opt-in the machine's subscription still needs before it can be provisioned, or Issue::None.
// `created` is the subscription's creation time (Unix seconds), `*_opt_in` whether that opt-in is done.
Issue legacy_opt_in_needed(const ProvisioningParams& params, uint16_t os, int64_t created, bool unified_opted_in,
                           bool linux_opted_in);

}  // namespace fleettwin
