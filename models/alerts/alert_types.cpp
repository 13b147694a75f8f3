#include "models/alerts/alert_types.hpp"

#include <stdexcept>
#include <string>

namespace fleettwin {
namespace {

using namespace tactic_masks;
using enum Severity;

// Defender for Cloud's Plan 2 detections, as listed in MicrosoftDocs/defender-docs
// articles/defender-for-cloud/alerts-windows-machines.md (89 entries; "VBScript HTTP object allocation detected"
// has no severity there and is left out, leaving the 88 of product-facts.md §4: High 28, Medium 49, Low 6,
// Informational 4, Medium/High 1) and alerts-linux-machines.md (49: High 10, Medium 27, Low 8, Informational 4).
// Type ids are the documentation's where it gives one, else the display name. `tactics` is what the twin raises
// the alert for: the listed tactics (the Defender for Cloud intents "Exploitation" and "Probing" count as initial
// access), or, where the documentation lists none ("-"), the tactic its description points to (the twin's
// reading, origin "twin mapping").
struct DfcEntry {
  AlertOs os;
  std::string_view type;
  std::string_view name;
  Severity severity;
  bool medium_or_high;
  std::string_view listed;
  TacticMask tactics;
};

constexpr AlertOs W = AlertOs::Windows, L = AlertOs::Linux;

constexpr DfcEntry kDfc[] = {
    // Windows
    {W, "", "A logon from a malicious IP has been detected. [seen multiple times]", High, false, "-", IA},
    {W, "", "Addition of Guest account to Local Administrators group", Medium, false, "-", PE_},
    {W, "", "An event log was cleared", Informational, false, "-", DE},
    {W, "", "Antimalware Action Failed", Medium, false, "-", EX},
    {W, "", "Antimalware Action Taken", Medium, false, "-", EX},
    {W, "VM_AmBroadFilesExclusion", "Antimalware broad files exclusion in your virtual machine", Medium, false, "-", DE},
    {W, "VM_AmDisablementAndCodeExecution", "Antimalware disabled and code execution in your virtual machine", High, false, "-", DE | EX},
    {W, "VM_AmDisablement", "Antimalware disabled in your virtual machine", Medium, false, "Defense Evasion", DE},
    {W, "VM_AmFileExclusionAndCodeExecution", "Antimalware file exclusion and code execution in your virtual machine", High, false, "Defense Evasion, Execution", DE | EX},
    {W, "VM_AmTempFileExclusionAndCodeExecution", "Antimalware file exclusion and code execution in your virtual machine (temporary)", High, false, "Defense Evasion, Execution", DE | EX},
    {W, "VM_AmTempFileExclusion", "Antimalware file exclusion in your virtual machine", Medium, false, "Defense Evasion", DE},
    {W, "VM_AmRealtimeProtectionDisabled", "Antimalware real-time protection was disabled in your virtual machine", Medium, false, "Defense Evasion", DE},
    {W, "VM_AmTempRealtimeProtectionDisablement", "Antimalware real-time protection was disabled temporarily in your virtual machine", Medium, false, "Defense Evasion", DE},
    {W, "VM_AmRealtimeProtectionDisablementAndCodeExec", "Antimalware real-time protection was disabled temporarily while code was executed in your virtual machine", High, false, "-", DE | EX},
    {W, "VM_AmMalwareCampaignRelatedExclusion", "Antimalware scans blocked for files potentially related to malware campaigns on your virtual machine (Preview)", Medium, false, "Defense Evasion", DE},
    {W, "VM_AmTemporarilyDisablement", "Antimalware temporarily disabled in your virtual machine", Medium, false, "-", DE},
    {W, "VM_UnusualAmFileExclusion", "Antimalware unusual file exclusion in your virtual machine", Medium, false, "Defense Evasion", DE},
    {W, "AzureDNS_ThreatIntelSuspectDomain", "Communication with suspicious domain identified by threat intelligence", Medium, false, "Initial Access, Persistence, Execution, Command And Control, Exploitation", IA | PE_ | EX | C2},
    {W, "", "Detected actions indicative of disabling and deleting IIS log files", Medium, false, "-", DE},
    {W, "", "Detected anomalous mix of upper and lower case characters in command-line", Medium, false, "-", DE},
    {W, "", "Detected change to a registry key that can be abused to bypass UAC", Medium, false, "-", PR},
    {W, "", "Detected decoding of an executable using built-in certutil.exe tool", High, false, "-", DE},
    {W, "", "Detected enabling of the WDigest UseLogonCredential registry key", Medium, false, "-", CA},
    {W, "", "Detected encoded executable in command line data", High, false, "-", EX},
    {W, "", "Detected obfuscated command line", Informational, false, "-", DE},
    {W, "", "Detected possible execution of keygen executable", Medium, false, "-", EX},
    {W, "", "Detected possible execution of malware dropper", High, false, "-", EX},
    {W, "", "Detected possible local reconnaissance activity", Low, false, "-", DI},
    {W, "", "Detected potentially suspicious use of Telegram tool", Medium, false, "-", C2},
    {W, "", "Detected suppression of legal notice displayed to users at logon", Low, false, "-", DE},
    {W, "", "Detected suspicious combination of HTA and PowerShell", Medium, false, "-", EX},
    {W, "", "Detected suspicious commandline arguments", High, false, "-", C2},
    {W, "", "Detected suspicious commandline used to start all executables in a directory", Medium, false, "-", EX},
    {W, "", "Detected suspicious credentials in commandline", High, false, "-", EX},
    {W, "", "Detected suspicious document credentials", High, false, "-", EX},
    {W, "", "Detected suspicious execution of VBScript.Encode command", Medium, false, "-", DE},
    {W, "", "Detected suspicious execution via rundll32.exe", High, false, "-", DE},
    {W, "", "Detected suspicious file cleanup commands", High, false, "-", DE},
    {W, "", "Detected suspicious file creation", High, false, "-", C2},
    {W, "", "Detected suspicious named pipe communications", High, false, "-", C2},
    {W, "", "Detected suspicious network activity", Low, false, "-", C2 | EF},
    {W, "", "Detected suspicious new firewall rule", Medium, false, "-", DE},
    {W, "", "Detected suspicious use of Cacls to lower the security state of the system", Medium, false, "-", DE},
    {W, "", "Detected suspicious use of FTP -s Switch", Medium, false, "-", C2},
    {W, "", "Detected suspicious use of Pcalua.exe to launch executable code", Medium, false, "-", DE},
    {W, "", "Detected the disabling of critical services", Medium, false, "-", DE},
    {W, "", "Digital currency mining related behavior detected", High, false, "-", IM},
    {W, "", "Dynamic PS script construction", Medium, false, "-", EX},
    {W, "", "Executable found running from a suspicious location", High, false, "-", EX},
    {W, "VM_FilelessAttackBehavior.Windows", "Fileless attack behavior detected", Low, false, "Defense Evasion", DE},
    {W, "VM_FilelessAttackTechnique.Windows", "Fileless attack technique detected", High, false, "Defense Evasion, Execution", DE | EX},
    {W, "VM_FilelessAttackToolkit.Windows", "Fileless attack toolkit detected", Medium, false, "Defense Evasion, Execution", DE | EX},
    {W, "", "High risk software detected", Medium, false, "-", EX},
    {W, "", "Local Administrators group members were enumerated", Informational, false, "-", DI},
    {W, "", "Malicious firewall rule created by ZINC server implant [seen multiple times]", High, false, "-", C2},
    {W, "", "Malicious SQL activity", High, false, "-", EX},
    {W, "", "Multiple Domain Accounts Queried", Medium, false, "-", DI},
    {W, "", "Possible credential dumping detected [seen multiple times]", Medium, false, "-", CA},
    {W, "VM_SvcHostRunInRareServiceGroup", "Rare SVCHOST service group executed", Informational, false, "Defense Evasion, Execution", DE | EX},
    {W, "", "Sticky keys attack detected", Medium, false, "-", PE_},
    {W, "VM_LoginBruteForceSuccess", "Successful brute force attack", Medium, true, "Exploitation", IA},
    {W, "", "Suspect integrity level indicative of RDP hijacking", Medium, false, "-", LM},
    {W, "", "Suspect service installation", Medium, false, "-", LM},
    {W, "", "Suspected Kerberos Golden Ticket attack parameters observed", Medium, false, "-", CA},
    {W, "", "Suspicious Account Creation Detected", Medium, false, "-", PE_},
    {W, "VM_SuspiciousActivity", "Suspicious Activity Detected", Medium, false, "Execution", EX},
    {W, "VM_LoginBruteForceValidUserFailed", "Suspicious authentication activity", Medium, false, "Probing", IA},
    {W, "", "Suspicious code segment detected", Medium, false, "-", DE},
    {W, "", "Suspicious double extension file executed", High, false, "-", EX},
    {W, "", "Suspicious download using Certutil detected [seen multiple times]", Medium, false, "-", C2},
    {W, "", "Suspicious download using Certutil detected", Medium, false, "-", C2},
    {W, "", "Suspicious PowerShell Activity Detected", High, false, "-", EX},
    {W, "", "Suspicious PowerShell cmdlets executed", Medium, false, "-", EX},
    {W, "", "Suspicious process executed [seen multiple times]", High, false, "-", CA},
    {W, "", "Suspicious process executed", High, false, "-", CA},
    {W, "", "Suspicious process name detected [seen multiple times]", Medium, false, "-", DE},
    {W, "", "Suspicious SQL activity", Medium, false, "-", EX},
    {W, "", "Suspicious SVCHOST process executed", High, false, "-", DE},
    {W, "VM_SystemProcessInAbnormalContext", "Suspicious system process executed", High, false, "Defense Evasion, Execution", DE | EX},
    {W, "", "Suspicious Volume Shadow Copy Activity", High, false, "-", IM},
    {W, "", "Suspicious WindowPosition registry value detected", Low, false, "-", DE},
    {W, "", "Suspiciously named process detected", Medium, false, "-", DE},
    {W, "VM_VMAccessUnusualConfigReset", "Unusual config reset in your virtual machine", Medium, false, "Credential Access", CA},
    {W, "", "Unusual process execution detected", High, false, "-", EX},
    {W, "VM_VMAccessUnusualPasswordReset", "Unusual user password reset in your virtual machine", Medium, false, "Credential Access", CA},
    {W, "VM_VMAccessUnusualSSHReset", "Unusual user SSH key reset in your virtual machine", Medium, false, "Credential Access", CA},
    {W, "VM_GPUDriverExtensionUnusualExecution", "Suspicious installation of GPU extension in your virtual machine (Preview)", Low, false, "Impact", IM},
    {W, "ARM_AzureHound", "AzureHound tool invocation detected", Medium, false, "Discovery", DI},
    // Linux
    {L, "", "A history file has been cleared", Medium, false, "-", DE},
    {L, "VM_AdaptiveApplicationControlLinuxViolationAudited", "Adaptive application control policy violation was audited", Informational, false, "Execution", EX},
    {L, "VM_AmBroadFilesExclusion", "Antimalware broad files exclusion in your virtual machine", Medium, false, "-", DE},
    {L, "VM_AmDisablementAndCodeExecution", "Antimalware disabled and code execution in your virtual machine", High, false, "-", DE | EX},
    {L, "VM_AmDisablement", "Antimalware disabled in your virtual machine", Medium, false, "Defense Evasion", DE},
    {L, "VM_AmFileExclusionAndCodeExecution", "Antimalware file exclusion and code execution in your virtual machine", High, false, "Defense Evasion, Execution", DE | EX},
    {L, "VM_AmTempFileExclusionAndCodeExecution", "Antimalware file exclusion and code execution in your virtual machine (temporary)", High, false, "Defense Evasion, Execution", DE | EX},
    {L, "VM_AmTempFileExclusion", "Antimalware file exclusion in your virtual machine", Medium, false, "Defense Evasion", DE},
    {L, "VM_AmRealtimeProtectionDisabled", "Antimalware real-time protection was disabled in your virtual machine", Medium, false, "Defense Evasion", DE},
    {L, "VM_AmTempRealtimeProtectionDisablement", "Antimalware real-time protection was disabled temporarily in your virtual machine", Medium, false, "Defense Evasion", DE},
    {L, "VM_AmRealtimeProtectionDisablementAndCodeExec", "Antimalware real-time protection was disabled temporarily while code was executed in your virtual machine", High, false, "-", DE | EX},
    {L, "VM_AmMalwareCampaignRelatedExclusion", "Antimalware scans blocked for files potentially related to malware campaigns on your virtual machine (Preview)", Medium, false, "Defense Evasion", DE},
    {L, "VM_AmTemporarilyDisablement", "Antimalware temporarily disabled in your virtual machine", Medium, false, "-", DE},
    {L, "VM_UnusualAmFileExclusion", "Antimalware unusual file exclusion in your virtual machine", Medium, false, "Defense Evasion", DE},
    {L, "", "Behavior similar to ransomware detected [seen multiple times]", High, false, "-", IM},
    {L, "AzureDNS_ThreatIntelSuspectDomain", "Communication with suspicious domain identified by threat intelligence", Medium, false, "Initial Access, Persistence, Execution, Command And Control, Exploitation", IA | PE_ | EX | C2},
    {L, "VM_MinerInContainerImage", "Container with a miner image detected", High, false, "Execution", EX},
    {L, "", "Detected anomalous mix of upper and lower case characters in command line", Medium, false, "-", DE},
    {L, "", "Detected file download from a known malicious source", Medium, false, "-", C2},
    {L, "", "Detected suspicious network activity", Low, false, "-", C2 | EF},
    {L, "", "Digital currency mining related behavior detected", High, false, "-", IM},
    {L, "", "Disabling of auditd logging [seen multiple times]", Low, false, "-", DE},
    {L, "", "Exploitation of Xorg vulnerability [seen multiple times]", Medium, false, "-", PR},
    {L, "VM_SshBruteForceFailed", "Failed SSH brute force attack", Medium, false, "Probing", IA},
    {L, "VM_FilelessAttackBehavior.Linux", "Fileless attack behavior detected", Low, false, "Execution", EX},
    {L, "VM_FilelessAttackTechnique.Linux", "Fileless attack technique detected", High, false, "Execution", EX},
    {L, "VM_FilelessAttackToolkit.Linux", "Fileless attack toolkit detected", High, false, "Defense Evasion, Execution", DE | EX},
    {L, "", "Hidden file execution detected", Informational, false, "-", EX},
    {L, "VM_SshKeyAddition", "New SSH key added [seen multiple times]", Low, false, "Persistence", PE_},
    {L, "", "New SSH key added", Low, false, "-", PE_},
    {L, "", "Possible backdoor detected [seen multiple times]", Medium, false, "-", PE_},
    {L, "VM_MailserverExploitation", "Possible exploitation of the mailserver detected", Medium, false, "Exploitation", IA},
    {L, "", "Possible malicious web shell detected", Medium, false, "-", PE_},
    {L, "", "Possible password change using crypt-method detected [seen multiple times]", Medium, false, "-", PE_},
    {L, "", "Process associated with digital currency mining detected [seen multiple times]", Medium, false, "-", IM},
    {L, "", "Process associated with digital currency mining detected", Medium, false, "Exploitation, Execution", IA | EX},
    {L, "", "Python encoded downloader detected [seen multiple times]", Low, false, "-", C2},
    {L, "", "Screenshot taken on host [seen multiple times]", Low, false, "-", CO},
    {L, "", "Shellcode detected [seen multiple times]", Medium, false, "-", EX},
    {L, "VM_SshBruteForceSuccess", "Successful SSH brute force attack", High, false, "Exploitation", IA},
    {L, "", "Suspicious Account Creation Detected", Medium, false, "-", PE_},
    {L, "", "Suspicious kernel module detected [seen multiple times]", Medium, false, "-", PE_},
    {L, "", "Suspicious password access [seen multiple times]", Informational, false, "-", CA},
    {L, "", "Suspicious password access", Informational, false, "-", CA},
    {L, "VM_KubernetesDashboard", "Suspicious request to the Kubernetes Dashboard", Medium, false, "LateralMovement", LM},
    {L, "VM_VMAccessUnusualConfigReset", "Unusual config reset in your virtual machine", Medium, false, "Credential Access", CA},
    {L, "VM_VMAccessUnusualPasswordReset", "Unusual user password reset in your virtual machine", Medium, false, "Credential Access", CA},
    {L, "VM_VMAccessUnusualSSHReset", "Unusual user SSH key reset in your virtual machine", Medium, false, "Credential Access", CA},
    {L, "VM_GPUDriverExtensionUnusualExecution", "Suspicious installation of GPU extension in your virtual machine (Preview)", Low, false, "Impact", IM},
};

// Defender for Endpoint's alert for a detected step, one per technique. MDE alert titles are not in the stored
// product documents: these are representative titles in the product's style, with chosen severities.
struct MdeEntry {
  std::string_view technique;
  std::string_view title;
  Severity severity;
};
constexpr MdeEntry kMde[] = {
    {"T1190", "Possible exploitation of a public-facing application", Medium},
    {"T1133", "Suspicious logon through an external remote service", Medium},
    {"T1078", "Suspicious sign-in with a valid account", Medium},
    {"T1566", "Suspicious behavior by an Office application", Medium},
    {"T1566.001", "Office application launched a suspicious child process", Medium},
    {"T1110", "Possible brute-force attack on an account", Medium},
    {"T1059", "Suspicious command-line interpreter activity", Medium},
    {"T1059.001", "Suspicious PowerShell command line", Medium},
    {"T1059.003", "Suspicious Windows command shell activity", Low},
    {"T1059.004", "Suspicious shell command execution", Medium},
    {"T1059.005", "Suspicious Visual Basic script execution", Medium},
    {"T1047", "Suspicious process launched through WMI", Medium},
    {"T1053", "Suspicious scheduled job", Medium},
    {"T1053.003", "Suspicious cron job created", Low},
    {"T1053.005", "Suspicious scheduled task", Medium},
    {"T1204", "Suspicious file executed by a user", Medium},
    {"T1569.002", "Suspicious service execution", Medium},
    {"T1543", "Suspicious system process created or modified", Medium},
    {"T1543.003", "Suspicious service registration", Medium},
    {"T1547.001", "Suspicious autorun entry added", Low},
    {"T1136", "User account created under suspicious circumstances", Medium},
    {"T1098.004", "Suspicious SSH authorized key added", Low},
    {"T1505.003", "Possible web shell installation", High},
    {"T1546.003", "Suspicious WMI event subscription", Medium},
    {"T1068", "Possible exploitation for privilege escalation", High},
    {"T1548.002", "User Account Control bypass detected", Medium},
    {"T1562.001", "Attempt to turn off or tamper with Microsoft Defender", High},
    {"T1070.001", "Event log was cleared", Low},
    {"T1070.003", "Shell command history was cleared", Low},
    {"T1218", "Suspicious use of a signed system binary", Medium},
    {"T1218.011", "Suspicious Rundll32 activity", Medium},
    {"T1027", "Obfuscated script or command detected", Medium},
    {"T1140", "Suspicious decoding of an encoded file", Medium},
    {"T1036", "Masquerading process detected", Medium},
    {"T1003", "Credential dumping activity", High},
    {"T1003.001", "Suspicious access to LSASS memory", High},
    {"T1003.008", "Suspicious access to password files", High},
    {"T1552", "Unsecured credentials were read", Medium},
    {"T1558.001", "Possible Kerberos golden ticket use", High},
    {"T1082", "System information discovery", Informational},
    {"T1087", "Suspicious account discovery", Low},
    {"T1018", "Suspicious remote system discovery", Low},
    {"T1046", "Network service scanning", Low},
    {"T1069", "Suspicious permission group discovery", Low},
    {"T1021", "Suspicious remote service connection", Medium},
    {"T1021.001", "Suspicious remote desktop connection", Medium},
    {"T1021.002", "Suspicious remote execution through admin shares", High},
    {"T1021.004", "Suspicious SSH lateral connection", Medium},
    {"T1021.006", "Suspicious remote PowerShell session", Medium},
    {"T1570", "Lateral tool transfer", Medium},
    {"T1560", "Data archived for exfiltration", Low},
    {"T1560.001", "Suspicious archiving of collected data", Low},
    {"T1005", "Sensitive local data collected", Low},
    {"T1113", "Screen capture", Low},
    {"T1071", "Communication with a command and control server", High},
    {"T1071.001", "Suspicious web beaconing to a command and control server", High},
    {"T1105", "Suspicious file download", Medium},
    {"T1572", "Protocol tunneling detected", Medium},
    {"T1041", "Possible exfiltration over the command and control channel", High},
    {"T1567.002", "Possible exfiltration to a cloud storage service", Medium},
    {"T1048", "Exfiltration over an alternative protocol", Medium},
    {"T1486", "Ransomware behavior detected: files being encrypted", High},
    {"T1490", "Volume shadow copies were deleted", High},
    {"T1496", "Cryptocurrency mining activity", Medium},
    {"T1489", "Critical services were stopped", Medium},
    {"T1548.003", "Suspicious sudo activity", Medium},
    {"T1543.002", "Suspicious systemd service created", Medium},
    {"T1070.002", "System logs were cleared", Low},
};

struct Tables {
  std::vector<AlertType> types;
  std::vector<uint16_t> mde_by_technique;
  uint16_t prevented = 0;
  // Defender for Cloud types per (os, tactic).
  std::array<std::array<std::vector<uint16_t>, kTacticCount>, 3> dfc;
};

const Tables& tables() {
  static const Tables t = [] {
    Tables out;
    const auto techs = techniques();
    out.mde_by_technique.assign(techs.size(), UINT16_MAX);
    for (const MdeEntry& e : kMde) {
      const auto technique = find_technique(e.technique);
      if (!technique) throw std::logic_error("MDE alert for an unknown technique " + std::string(e.technique));
      out.mde_by_technique[*technique] = static_cast<uint16_t>(out.types.size());
      out.types.push_back({techs[*technique].id, e.title, e.severity, false, AlertSource::Edr, AlertOs::Any,
                           techs[*technique].tactics, "", "representative MDE alert title (chosen)"});
    }
    for (const uint16_t m : out.mde_by_technique)
      if (m == UINT16_MAX) throw std::logic_error("a technique without an MDE alert");
    out.prevented = static_cast<uint16_t>(out.types.size());
    out.types.push_back({"MDE_MalwarePrevented", "Malware was prevented", Informational, false, AlertSource::Antivirus,
                         AlertOs::Any, 0, "", "representative MDE antivirus alert (chosen)"});
    for (const DfcEntry& e : kDfc) {
      const auto code = static_cast<uint16_t>(out.types.size());
      const bool windows = e.os == AlertOs::Windows;
      out.types.push_back({e.type.empty() ? e.name : e.type, e.name, e.severity, e.medium_or_high,
                           AlertSource::DefenderForCloud, e.os, e.tactics, e.listed,
                           windows ? "alerts-windows-machines.md" : "alerts-linux-machines.md"});
      for (size_t tactic = 0; tactic < kTacticCount; ++tactic)
        if (e.tactics & (1u << tactic)) out.dfc[static_cast<size_t>(e.os)][tactic].push_back(code);
    }
    return out;
  }();
  return t;
}

}  // namespace

std::span<const AlertType> alert_types() { return tables().types; }
uint16_t mde_alert_type(uint16_t technique) { return tables().mde_by_technique.at(technique); }
uint16_t prevented_alert_type() { return tables().prevented; }

std::span<const uint16_t> defender_for_cloud_types(AlertOs os, Tactic tactic) {
  return tables().dfc[static_cast<size_t>(os)][static_cast<size_t>(tactic)];
}

std::vector<uint16_t> find_alert_types(std::string_view name) {
  std::vector<uint16_t> out;
  const auto types = alert_types();
  for (size_t i = 0; i < types.size(); ++i)
    if (types[i].type == name || types[i].name == name) out.push_back(static_cast<uint16_t>(i));
  return out;
}

AlertOs alert_os(OsFamily family) { return family == OsFamily::Linux ? AlertOs::Linux : AlertOs::Windows; }

}  // namespace fleettwin
