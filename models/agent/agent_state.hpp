#pragma once
// The Defender for Endpoint extension and sensor on one machine, as Defender for Cloud drives it
// (product-facts.md §2 "State sequence for the twin": discovered (Can be onboarded) -> extension provisioning ->
// onboarded/reporting | installation issue | not applicable).
#include <array>
#include <cstdint>
#include <string_view>

namespace fleettwin {

enum class AgentState : uint8_t {
  NotDeployed = 0,    // no extension: not covered yet, or the integration is off
  Pending = 1,        // covered; a deployment attempt is scheduled
  InstallFailed = 2,  // the last attempt failed (issue says why); a retry may be scheduled
  Running = 3,        // installed and running
  Failed = 4,         // installed, stopped reporting (until repaired)
  NotApplicable = 5,  // the support matrix excludes the machine
  Absent = 6,         // the machine does not exist now (scale-out not yet, or scaled in)
};
inline constexpr int kAgentStateCount = 7;
inline constexpr std::array<std::string_view, kAgentStateCount> kAgentStateNames = {
    "not_deployed", "pending", "install_failed", "running", "failed", "not_applicable", "absent"};

constexpr bool is_installed(AgentState s) { return s == AgentState::Running || s == AgentState::Failed; }

}  // namespace fleettwin
