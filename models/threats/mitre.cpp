#include "models/threats/mitre.hpp"

#include <array>

namespace fleettwin {
namespace {

using namespace tactic_masks;

constexpr std::array<TacticInfo, kTacticCount> kTactics = {{
    {"initial_access", "TA0001", "Initial Access"},
    {"execution", "TA0002", "Execution"},
    {"persistence", "TA0003", "Persistence"},
    {"privilege_escalation", "TA0004", "Privilege Escalation"},
    {"defense_evasion", "TA0005", "Defense Evasion"},
    {"credential_access", "TA0006", "Credential Access"},
    {"discovery", "TA0007", "Discovery"},
    {"lateral_movement", "TA0008", "Lateral Movement"},
    {"collection", "TA0009", "Collection"},
    {"command_and_control", "TA0011", "Command and Control"},
    {"exfiltration", "TA0010", "Exfiltration"},
    {"impact", "TA0040", "Impact"},
}};

constexpr std::array<std::string_view, kAsrRuleCount> kAsrRuleNames = {
    "",
    "Block credential stealing from the Windows local security authority subsystem (lsass.exe)",
    "Block process creations originating from PSExec and WMI commands",
    "Block execution of potentially obfuscated scripts",
    "Block JavaScript or VBScript from launching downloaded executable content",
    "Use advanced protection against ransomware",
    "Block persistence through WMI event subscription",
    "Block abuse of exploited vulnerable signed drivers",
    "Block all Office applications from creating child processes",
    "Block executable files from running unless they meet a prevalence, age, or trusted list criterion",
    "Block Webshell creation for Servers",
};

// Technique ids, names and tactics as MITRE ATT&CK Enterprise files them; the ASR rule whose name says it covers
// the technique. Appended only: the index is the code stored in output files.
constexpr TechniqueInfo kTechniques[] = {
    {"T1190", "Exploit Public-Facing Application", IA, AsrRule::None},
    {"T1133", "External Remote Services", IA | PE_, AsrRule::None},
    {"T1078", "Valid Accounts", IA | PE_ | PR | DE, AsrRule::None},
    {"T1566", "Phishing", IA, AsrRule::None},
    {"T1566.001", "Phishing: Spearphishing Attachment", IA, AsrRule::BlockOfficeChildProcesses},
    {"T1110", "Brute Force", CA, AsrRule::None},
    {"T1059", "Command and Scripting Interpreter", EX, AsrRule::None},
    {"T1059.001", "Command and Scripting Interpreter: PowerShell", EX, AsrRule::BlockObfuscatedScripts},
    {"T1059.003", "Command and Scripting Interpreter: Windows Command Shell", EX, AsrRule::None},
    {"T1059.004", "Command and Scripting Interpreter: Unix Shell", EX, AsrRule::None},
    {"T1059.005", "Command and Scripting Interpreter: Visual Basic", EX, AsrRule::BlockScriptsLaunchingDownloads},
    {"T1047", "Windows Management Instrumentation", EX, AsrRule::BlockPsexecAndWmiProcessCreation},
    {"T1053", "Scheduled Task/Job", EX | PE_ | PR, AsrRule::None},
    {"T1053.003", "Scheduled Task/Job: Cron", EX | PE_ | PR, AsrRule::None},
    {"T1053.005", "Scheduled Task/Job: Scheduled Task", EX | PE_ | PR, AsrRule::None},
    {"T1204", "User Execution", EX, AsrRule::BlockUntrustedExecutables},
    {"T1569.002", "System Services: Service Execution", EX, AsrRule::BlockPsexecAndWmiProcessCreation},
    {"T1543", "Create or Modify System Process", PE_ | PR, AsrRule::None},
    {"T1543.003", "Create or Modify System Process: Windows Service", PE_ | PR, AsrRule::None},
    {"T1547.001", "Boot or Logon Autostart Execution: Registry Run Keys / Startup Folder", PE_ | PR, AsrRule::None},
    {"T1136", "Create Account", PE_, AsrRule::None},
    {"T1098.004", "Account Manipulation: SSH Authorized Keys", PE_, AsrRule::None},
    {"T1505.003", "Server Software Component: Web Shell", PE_, AsrRule::BlockWebshellCreation},
    {"T1546.003", "Event Triggered Execution: Windows Management Instrumentation Event Subscription", PE_ | PR,
     AsrRule::BlockWmiEventSubscriptionPersistence},
    {"T1068", "Exploitation for Privilege Escalation", PR, AsrRule::BlockVulnerableSignedDrivers},
    {"T1548.002", "Abuse Elevation Control Mechanism: Bypass User Account Control", PR | DE, AsrRule::None},
    {"T1562.001", "Impair Defenses: Disable or Modify Tools", DE, AsrRule::None},
    {"T1070.001", "Indicator Removal: Clear Windows Event Logs", DE, AsrRule::None},
    {"T1070.003", "Indicator Removal: Clear Command History", DE, AsrRule::None},
    {"T1218", "System Binary Proxy Execution", DE, AsrRule::None},
    {"T1218.011", "System Binary Proxy Execution: Rundll32", DE, AsrRule::None},
    {"T1027", "Obfuscated Files or Information", DE, AsrRule::BlockObfuscatedScripts},
    {"T1140", "Deobfuscate/Decode Files or Information", DE, AsrRule::None},
    {"T1036", "Masquerading", DE, AsrRule::None},
    {"T1003", "OS Credential Dumping", CA, AsrRule::None},
    {"T1003.001", "OS Credential Dumping: LSASS Memory", CA, AsrRule::BlockLsassCredentialStealing},
    {"T1003.008", "OS Credential Dumping: /etc/passwd and /etc/shadow", CA, AsrRule::None},
    {"T1552", "Unsecured Credentials", CA, AsrRule::None},
    {"T1558.001", "Steal or Forge Kerberos Tickets: Golden Ticket", CA, AsrRule::None},
    {"T1082", "System Information Discovery", DI, AsrRule::None},
    {"T1087", "Account Discovery", DI, AsrRule::None},
    {"T1018", "Remote System Discovery", DI, AsrRule::None},
    {"T1046", "Network Service Discovery", DI, AsrRule::None},
    {"T1069", "Permission Groups Discovery", DI, AsrRule::None},
    {"T1021", "Remote Services", LM, AsrRule::None},
    {"T1021.001", "Remote Services: Remote Desktop Protocol", LM, AsrRule::None},
    {"T1021.002", "Remote Services: SMB/Windows Admin Shares", LM, AsrRule::BlockPsexecAndWmiProcessCreation},
    {"T1021.004", "Remote Services: SSH", LM, AsrRule::None},
    {"T1021.006", "Remote Services: Windows Remote Management", LM, AsrRule::None},
    {"T1570", "Lateral Tool Transfer", LM, AsrRule::None},
    {"T1560", "Archive Collected Data", CO, AsrRule::None},
    {"T1560.001", "Archive Collected Data: Archive via Utility", CO, AsrRule::None},
    {"T1005", "Data from Local System", CO, AsrRule::None},
    {"T1113", "Screen Capture", CO, AsrRule::None},
    {"T1071", "Application Layer Protocol", C2, AsrRule::None},
    {"T1071.001", "Application Layer Protocol: Web Protocols", C2, AsrRule::None},
    {"T1105", "Ingress Tool Transfer", C2, AsrRule::None},
    {"T1572", "Protocol Tunneling", C2, AsrRule::None},
    {"T1041", "Exfiltration Over C2 Channel", EF, AsrRule::None},
    {"T1567.002", "Exfiltration Over Web Service: Exfiltration to Cloud Storage", EF, AsrRule::None},
    {"T1048", "Exfiltration Over Alternative Protocol", EF, AsrRule::None},
    {"T1486", "Data Encrypted for Impact", IM, AsrRule::AdvancedRansomwareProtection},
    {"T1490", "Inhibit System Recovery", IM, AsrRule::None},
    {"T1496", "Resource Hijacking", IM, AsrRule::None},
    {"T1489", "Service Stop", IM, AsrRule::None},
    // Linux forms of the playbooks' Windows techniques (playbook.hpp: technique_on); appended so that the indices
    // above keep their values.
    {"T1548.003", "Abuse Elevation Control Mechanism: Sudo and Sudo Caching", PR | DE, AsrRule::None},
    {"T1543.002", "Create or Modify System Process: Systemd Service", PE_ | PR, AsrRule::None},
    {"T1070.002", "Indicator Removal: Clear Linux or Mac System Logs", DE, AsrRule::None},
};

}  // namespace

const std::array<TacticInfo, kTacticCount>& tactics() { return kTactics; }

std::optional<Tactic> find_tactic(std::string_view key) {
  for (size_t i = 0; i < kTactics.size(); ++i)
    if (kTactics[i].key == key) return static_cast<Tactic>(i);
  return std::nullopt;
}

std::string_view asr_rule_name(AsrRule rule) { return kAsrRuleNames[static_cast<size_t>(rule)]; }

std::span<const TechniqueInfo> techniques() { return kTechniques; }

std::optional<uint16_t> find_technique(std::string_view id) {
  for (size_t i = 0; i < std::size(kTechniques); ++i)
    if (kTechniques[i].id == id) return static_cast<uint16_t>(i);
  return std::nullopt;
}

bool technique_has_tactic(uint16_t technique, Tactic tactic) {
  return (kTechniques[technique].tactics & tactic_bit(tactic)) != 0;
}

}  // namespace fleettwin
