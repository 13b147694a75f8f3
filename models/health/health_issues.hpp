#pragma once
// Health classes of the Defender for Endpoint sensor as Defender for Servers shows them, and the catalogue of
// issues behind them, each with its message and, where one exists, the fix
// (../shared/reference/001_*.txt "Health status for Microsoft Defender for Endpoint"; product-facts.md §1-3).
// Codes are stored in HDF5 files: existing numbers never change, new ones are appended.
#include <array>
#include <cstdint>
#include <span>
#include <string_view>

namespace fleettwin {

// The product's classes are healthy, installation issue, heartbeat issue and not applicable. The twin adds
// three it needs to account for every machine: provisioning (covered, sensor not deployed or not yet
// reporting: the product's "Can be onboarded"), not covered (no Defender for Servers plan) and absent (a
// cohort not yet added or already removed).
enum class HealthClass : uint8_t {
  Healthy = 0,
  InstallationIssue = 1,
  HeartbeatIssue = 2,
  NotApplicable = 3,
  Provisioning = 4,
  NotCovered = 5,
  Absent = 6,
};
inline constexpr int kHealthClassCount = 7;
inline constexpr std::array<std::string_view, kHealthClassCount> kHealthClassNames = {
    "healthy", "installation_issue", "heartbeat_issue", "not_applicable", "provisioning", "not_covered", "absent"};

constexpr bool is_unhealthy(HealthClass c) {
  return c == HealthClass::InstallationIssue || c == HealthClass::HeartbeatIssue;
}

enum class Issue : uint8_t {
  None = 0,
  // not applicable
  ClientOs = 1,
  HyperVServer = 2,
  UnsupportedLinux = 3,
  WindowsServer2008R2 = 4,
  VmssUniform = 5,
  // installation issues
  PythonMissing = 10,
  Fanotify = 11,
  GeneralizedImage = 12,
  SsmAgentMissing = 13,
  Windows2012R2Prerequisites = 14,
  OnboardingScriptMissing = 15,
  LinuxConfigurationFailed = 16,
  UnifiedSolutionNotEnabled = 17,
  LinuxNotEnabled = 18,
  TenantMovePending = 19,
  // heartbeat issues
  AgentNotReporting = 30,
  SiteUnreachable = 31,
  NoSensorData = 32,
  ImpairedCommunications = 33,
  // provisioning
  AwaitingDeployment = 40,
  AwaitingFirstReport = 41,
  // not covered / absent
  NoPlan = 50,
  NotDeployed = 51,
};

struct IssueInfo {
  Issue code;
  HealthClass health_class;
  std::string_view name;     // stable identifier, e.g. "python_missing"
  std::string_view message;  // what the product (or, where none is published, a representative text) shows
  std::string_view fix;      // remediation; empty when none applies
  std::string_view source;   // where the text comes from; "representative" where no public text exists
};

std::span<const IssueInfo> issue_catalogue();
const IssueInfo& issue_info(Issue code);

}  // namespace fleettwin
