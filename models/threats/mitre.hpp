#pragma once
// MITRE ATT&CK (Enterprise) tactics and the techniques the twin's attack campaigns use. Tactic and technique ids
// and names are MITRE's (attack.mitre.org); Defender for Cloud labels its alerts with the same tactics
// (product-facts.md §4: "tactics per version 9 of the MITRE ATT&CK matrix"). Codes are stored in the output with
// their names as flags and catalogues, so existing numbers never change; new ones are appended.
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace fleettwin {

// The twelve tactics of a kill chain, in the order the issue lists them (MITRE orders Execution second).
enum class Tactic : uint8_t {
  InitialAccess,
  Execution,
  Persistence,
  PrivilegeEscalation,
  DefenseEvasion,
  CredentialAccess,
  Discovery,
  LateralMovement,
  Collection,
  CommandAndControl,
  Exfiltration,
  Impact,
};
inline constexpr size_t kTacticCount = 12;
using TacticMask = uint16_t;
constexpr TacticMask tactic_bit(Tactic t) { return static_cast<TacticMask>(1u << static_cast<unsigned>(t)); }
// Short names of the tactic bits, for the catalogues' tables (mitre.cpp, alert_types.cpp).
namespace tactic_masks {
inline constexpr TacticMask IA = tactic_bit(Tactic::InitialAccess), EX = tactic_bit(Tactic::Execution),
                            PE_ = tactic_bit(Tactic::Persistence), PR = tactic_bit(Tactic::PrivilegeEscalation),
                            DE = tactic_bit(Tactic::DefenseEvasion), CA = tactic_bit(Tactic::CredentialAccess),
                            DI = tactic_bit(Tactic::Discovery), LM = tactic_bit(Tactic::LateralMovement),
                            CO = tactic_bit(Tactic::Collection), C2 = tactic_bit(Tactic::CommandAndControl),
                            EF = tactic_bit(Tactic::Exfiltration), IM = tactic_bit(Tactic::Impact);
}  // namespace tactic_masks

struct TacticInfo {
  std::string_view key;  // scenario spelling: "initial_access"
  std::string_view id;   // MITRE: "TA0001"
  std::string_view name; // MITRE: "Initial Access"
};
const std::array<TacticInfo, kTacticCount>& tactics();
std::optional<Tactic> find_tactic(std::string_view key);
// A value per tactic (detection probabilities, block probabilities), indexed by Tactic.
using PerTactic = std::array<double, kTacticCount>;

// Attack surface reduction rules (Windows; Microsoft Defender Antivirus in active mode). The rule names are the
// product's.
enum class AsrRule : uint8_t {
  None,
  BlockLsassCredentialStealing,
  BlockPsexecAndWmiProcessCreation,
  BlockObfuscatedScripts,
  BlockScriptsLaunchingDownloads,
  AdvancedRansomwareProtection,
  BlockWmiEventSubscriptionPersistence,
  BlockVulnerableSignedDrivers,
  BlockOfficeChildProcesses,
  BlockUntrustedExecutables,
  BlockWebshellCreation,
};
inline constexpr size_t kAsrRuleCount = 11;
std::string_view asr_rule_name(AsrRule rule);

struct TechniqueInfo {
  std::string_view id;    // "T1059.001"
  std::string_view name;  // "Command and Scripting Interpreter: PowerShell"
  TacticMask tactics;     // the tactics MITRE files it under
  AsrRule asr;            // the ASR rule that covers it, if any
};
// Index = the technique's code in the twin and the output.
std::span<const TechniqueInfo> techniques();
std::optional<uint16_t> find_technique(std::string_view id);
// "T1486 is filed under impact, not execution": whether the technique can serve the tactic.
bool technique_has_tactic(uint16_t technique, Tactic tactic);

}  // namespace fleettwin
