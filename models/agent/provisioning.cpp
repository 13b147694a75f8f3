#include "models/agent/provisioning.hpp"

#include <algorithm>
#include <cmath>

#include "models/fleet/os_catalog.hpp"

namespace fleettwin {

int64_t RetryPolicy::wait_after(uint32_t attempt) const {
  double wait = static_cast<double>(first) * std::pow(factor, attempt > 0 ? attempt - 1 : 0);
  return std::min<int64_t>(max_interval, static_cast<int64_t>(std::llround(std::min(wait, 1e12))));
}

const Distribution& onboarding_delay(const ProvisioningParams& params, OnboardingPath path) {
  switch (path) {
    case OnboardingPath::FirstSubscriptionOfTenant: return params.first_subscription_delay;
    case OnboardingPath::Direct: return params.direct_delay;
    default: return params.delay;
  }
}

Issue missing_prerequisite(const InstallFailureRates& rates, uint16_t os, Environment environment, uint64_t seed,
                           uint32_t machine) {
  // One independent draw per cause (draw index = issue code): changing one rate leaves the others' machines alone.
  const auto hit = [&](Issue cause, double p) {
    return p > 0 && rng::uniform01(seed, machine, rng::Stream::Prerequisite, static_cast<uint64_t>(cause)) < p;
  };
  // Arc comes first on AWS: without the SSM agent nothing else is attempted.
  if (environment == Environment::Aws && hit(Issue::SsmAgentMissing, rates.ssm_agent_missing))
    return Issue::SsmAgentMissing;
  if (environment == Environment::Azure && hit(Issue::GeneralizedImage, rates.generalized_image))
    return Issue::GeneralizedImage;
  switch (sensor_package(os)) {
    case SensorPackage::Linux:
      if (hit(Issue::PythonMissing, rates.python_missing)) return Issue::PythonMissing;
      if (hit(Issue::Fanotify, rates.fanotify)) return Issue::Fanotify;
      break;
    case SensorPackage::WindowsUnified:
      if (is_windows_2012_r2(os) && hit(Issue::Windows2012R2Prerequisites, rates.windows_2012_r2_prerequisites))
        return Issue::Windows2012R2Prerequisites;
      break;
    default: break;
  }
  return Issue::None;
}

Issue transient_failure(const InstallFailureRates& rates, uint16_t os, uint64_t seed, uint32_t machine,
                        uint64_t attempt_time) {
  if (rates.transient <= 0) return Issue::None;
  if (rng::uniform01(seed, machine, rng::Stream::InstallAttempt, attempt_time) >= rates.transient) return Issue::None;
  return sensor_package(os) == SensorPackage::Linux ? Issue::LinuxConfigurationFailed : Issue::OnboardingScriptMissing;
}

Issue legacy_opt_in_needed(const ProvisioningParams& params, uint16_t os, int64_t created, bool unified_opted_in,
                           bool linux_opted_in) {
  const SensorPackage pkg = sensor_package(os);
  if (pkg == SensorPackage::WindowsUnified && created < params.unified_solution_cutoff && !unified_opted_in)
    return Issue::UnifiedSolutionNotEnabled;
  if (pkg == SensorPackage::Linux && created < params.linux_cutoff && !linux_opted_in) return Issue::LinuxNotEnabled;
  return Issue::None;
}

}  // namespace fleettwin
