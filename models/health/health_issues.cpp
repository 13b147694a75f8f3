#include "models/health/health_issues.hpp"

#include <stdexcept>
#include <string>

namespace fleettwin {
namespace {
using HC = HealthClass;
constexpr std::string_view kRepresentative =
    "representative: no public text exists (product-facts.md section 2: the official list is not published)";

// Quoted texts are exact; the rest are labelled representative.
constexpr std::array kIssues = {
    IssueInfo{Issue::None, HC::Healthy, "none", "The Defender for Endpoint sensor is installed and reporting.", "",
              "twin"},
    IssueInfo{Issue::ClientOs, HC::NotApplicable, "client_os",
              "Defender for Endpoint doesn't apply to certain machines, such as in cases where a client operating "
              "system is installed. These devices need to be covered by a Defender for Endpoint user licenses, such "
              "as Microsoft 365 E5.",
              "Cover the device with a Defender for Endpoint user licence (for example Microsoft 365 E5).",
              "azure-security-docs integration-defender-for-endpoint.md"},
    IssueInfo{Issue::HyperVServer, HC::NotApplicable, "hyper_v_server",
              "Windows Hyper-V Server editions are not supported.", "",
              "defender-docs defender-endpoint/minimum-requirements.md"},
    IssueInfo{Issue::UnsupportedLinux, HC::NotApplicable, "unsupported_linux",
              "Distributions and versions that aren't explicitly listed above, and custom operating systems, are "
              "unsupported",
              "Move the workload to a supported distribution and version.",
              "defender-docs defender-endpoint/mde-linux-prerequisites.md"},
    IssueInfo{Issue::WindowsServer2008R2, HC::NotApplicable, "windows_server_2008_r2",
              "Windows Server 2008 R2 SP1 is supported only with the Microsoft Monitoring Agent (MMA), not by the "
              "Defender for Endpoint extension.",
              "Upgrade to Windows Server 2012 R2 or later.",
              "paraphrase of defender-docs configure-server-endpoints.md (\"2008 R2 SP1 only with the MMA\")"},
    IssueInfo{Issue::VmssUniform, HC::NotApplicable, "vmss_uniform",
              "VM Scale Sets with Uniform Orchestration have partial feature coverage. The main supported "
              "capabilities include agentless detections, such as Network Layer Alerts, DNS alerts, and control "
              "plane alerts.",
              "Use Flexible orchestration for full support.",
              "azure-security-docs support-matrix-defender-for-servers.md"},
    IssueInfo{Issue::PythonMissing, HC::InstallationIssue, "python_missing",
              "Extension returned non-zero exit code for Install: 52. Extension error output: No Python interpreter "
              "found, which is an MDC-MDE extension dependency. Please install either Python 2 or 3.",
              "you must have Python installed. Python 3 is recommended for all distros, but is required for RHEL 8.x "
              "and Ubuntu 20.04 or higher.",
              "MicrosoftDocs/azure-docs#102162; fix: azure-security-docs enable-defender-for-endpoint.md"},
    IssueInfo{Issue::Fanotify, HC::InstallationIssue, "fanotify",
              "Automatic deployment of MDE.Linux was skipped: the machine runs services that use fanotify.",
              "Manually install Defender for Endpoint on the machine.",
              "representative message; fix from azure-security-docs enable-defender-for-endpoint.md (auto-deploy "
              "\"might not work as expected if machines run services that use fanotify … Manually install\")"},
    IssueInfo{Issue::GeneralizedImage, HC::InstallationIssue, "generalized_image",
              "For Azure VMs created from generalized OS images, Microsoft Defender for Endpoint (MDE) won't be "
              "automatically provisioned through the Endpoint protection setting.",
              "Install Defender for Endpoint manually, or onboard the image's VMs with the onboarding package.",
              "azure-security-docs enable-defender-for-endpoint.md; fix representative"},
    IssueInfo{Issue::SsmAgentMissing, HC::InstallationIssue, "ssm_agent_missing",
              "If the SSM Agent is missing or removed, Arc autoprovisioning can't proceed.",
              "Install the AWS Systems Manager (SSM) Agent on the EC2 instance.",
              "azure-security-docs quickstart-onboard-aws.md; fix representative"},
    IssueInfo{Issue::Windows2012R2Prerequisites, HC::InstallationIssue, "windows_2012_r2_prerequisites",
              "MSI installation failed with error 1603: \"Could not find c:\\program files\\windows "
              "defender\\mpasdesc.dll, - 310 WinDefend\"",
              "Install the missing Windows Server 2012 R2 prerequisites (for example KB3045999), then redeploy the "
              "extension.",
              "microsoft/mdefordownlevelserver#19; MicrosoftDocs/microsoft-365-docs#12832"},
    IssueInfo{Issue::OnboardingScriptMissing, HC::InstallationIssue, "onboarding_script_missing",
              "VM has reported a failure when processing extension 'MDE.Windows'. Error message: \"Failed to "
              "configure Microsoft Defender for Endpoint: Protected Setting defenderForEndpointOnboardingScript does "
              "not exist, please use mdeOnboardings API to retreive it\"",
              "Defender for Cloud retries the deployment; if it keeps failing, delete the MDE.Windows extension so "
              "that it is redeployed.",
              "azsec/scaf-azure-arm-templates#6, #3; fix representative"},
    IssueInfo{Issue::LinuxConfigurationFailed, HC::InstallationIssue, "linux_configuration_failed",
              "VM has reported a failure when processing extension 'MDE.Linux'. Error message: \"Failed to "
              "configure Microsoft Defender for Endpoint: argument of type 'NoneType' is not iterable\"",
              "Defender for Cloud retries the deployment; if it keeps failing, delete the MDE.Linux extension so "
              "that it is redeployed.",
              "azsec/scaf-azure-arm-templates#2; fix representative"},
    IssueInfo{Issue::UnifiedSolutionNotEnabled, HC::InstallationIssue, "unified_solution_not_enabled",
              "Partial: the subscription existed before spring 2022 and the unified Defender for Endpoint solution "
              "for Windows Server 2012 R2 and 2016 is not enabled.",
              "Environment settings > Defender plans > Endpoint protection: Unified solution > Enable.",
              "azure-security-docs enable-defender-for-endpoint.md (message representative)"},
    IssueInfo{Issue::LinuxNotEnabled, HC::InstallationIssue, "linux_not_enabled",
              "Partial: the subscription existed before summer 2021 and Defender for Endpoint for Linux machines is "
              "not enabled.",
              "Environment settings > Defender plans > Endpoint protection: Linux machines > Enable.",
              "azure-security-docs enable-defender-for-endpoint.md (message representative)"},
    IssueInfo{Issue::TenantMovePending, HC::InstallationIssue, "tenant_move_pending",
              "If you move your Azure subscription between Azure tenants, some manual preparatory steps are required "
              "before Defender for Cloud deploys Defender for Endpoint.",
              "For full details, contact Microsoft support.",
              "azure-security-docs integration-defender-for-endpoint.md"},
    IssueInfo{Issue::AgentNotReporting, HC::HeartbeatIssue, "agent_not_reporting",
              "The Defender for Endpoint sensor is installed but no heartbeat was received in the last four hours.",
              "Check that the sensor service is running on the machine and restart it.", kRepresentative},
    IssueInfo{Issue::SiteUnreachable, HC::HeartbeatIssue, "site_unreachable",
              "The Defender for Endpoint sensor is installed but no heartbeat was received in the last four hours.",
              "Restore the site's or region's outbound connectivity (443) to the Defender for Endpoint service.",
              "representative; ground truth known to the twin: the site's uplink was down"},
    IssueInfo{Issue::NoSensorData, HC::HeartbeatIssue, "no_sensor_data",
              "Misconfigured: No sensor data. Limited alerts can be triggered from the device.",
              "Fix the sensor's data collection (see Fix unhealthy sensors in Microsoft Defender for Endpoint).",
              "defender-docs defender-endpoint/check-sensor-status.md"},
    IssueInfo{Issue::ImpairedCommunications, HC::HeartbeatIssue, "impaired_communications",
              "Misconfigured: Impaired communications. Sending files for deep analysis, blocking files, isolating "
              "device from network … may not work.",
              "Fix the sensor's connectivity to the Defender for Endpoint cloud service.",
              "defender-docs defender-endpoint/check-sensor-status.md"},
    IssueInfo{Issue::AwaitingDeployment, HC::Provisioning, "awaiting_deployment",
              "Can be onboarded: Defender for Cloud is deploying the MDE.Windows / MDE.Linux extension.", "",
              "azure-security-docs integration-defender-for-endpoint.md (\"Can be onboarded\")"},
    IssueInfo{Issue::AwaitingFirstReport, HC::Provisioning, "awaiting_first_report",
              "Can be onboarded: the sensor is installed and has not reported yet.", "",
              "azure-security-docs integration-defender-for-endpoint.md (\"Can be onboarded\")"},
    IssueInfo{Issue::NoPlan, HC::NotCovered, "no_plan",
              "The machine is not covered by a Defender for Servers plan.",
              "Enable Defender for Servers Plan 1 or Plan 2 on the subscription.", "twin"},
    IssueInfo{Issue::NotDeployed, HC::Absent, "absent", "The machine does not exist at this time.", "", "twin"},
};
}  // namespace

std::span<const IssueInfo> issue_catalogue() { return kIssues; }

const IssueInfo& issue_info(Issue code) {
  // Looked up on every health change: a table indexed by code, built once.
  static const std::array<int16_t, 256> index = [] {
    std::array<int16_t, 256> t{};
    t.fill(-1);
    for (size_t i = 0; i < kIssues.size(); ++i) t[static_cast<uint8_t>(kIssues[i].code)] = static_cast<int16_t>(i);
    return t;
  }();
  const int16_t i = index[static_cast<uint8_t>(code)];
  if (i < 0) throw std::logic_error("unknown issue code " + std::to_string(static_cast<int>(code)));
  return kIssues[static_cast<size_t>(i)];
}

}  // namespace fleettwin
