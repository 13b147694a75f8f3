#pragma once
// What stops an attack step before it runs: next-generation antivirus (Microsoft Defender Antivirus) in active
// mode blocks a share of steps by tactic; in passive mode (another antivirus is primary) it blocks nothing
// (product-facts.md §2: Windows unified solution "in active mode", Linux "in passive mode"). Attack surface
// reduction rules (Windows, Defender Antivirus active) act on the techniques they cover: block prevents them,
// audit only records them, warn lets the user unblock the content with a probability and keeps it unblocked for
// 24 h (threat-vulnerability-sweep-facts.md §2), off does nothing (modes: product-facts.md §5).
#include <array>
#include <cstdint>
#include <string_view>

#include "models/threats/mitre.hpp"

namespace fleettwin {

enum class AntivirusMode : uint8_t { Active = 0, Passive = 1 };
inline constexpr std::array<std::string_view, 2> kAntivirusModeNames = {"active", "passive"};

enum class AsrMode : uint8_t { Off = 0, Audit = 1, Warn = 2, Block = 3 };
inline constexpr std::array<std::string_view, 4> kAsrModeNames = {"off", "audit", "warn", "block"};

struct PreventionParams {
  // Probability that Defender Antivirus in active mode blocks a step, by tactic. No public figure: chosen so that
  // on a healthy fleet a few per cent of human-operated ransomware campaigns reach impact (2 % of attempts reach
  // ransomware deployment: Microsoft Digital Defense Report 2023, secondary).
  PerTactic antivirus_block = {0.20, 0.40, 0.20, 0.20, 0.20, 0.30, 0.0, 0.20, 0.0, 0.20, 0.0, 0.50};
  double asr_warn_bypass = 0.5;          // chosen: share of warned steps a user unblocks
  int64_t asr_warn_unblocked_for = 86400;  // "keeps it unblocked for 24 h, then blocking resumes"
};

// How a step fared against prevention.
enum class PreventionResult : uint8_t {
  Allowed = 0,
  BlockedByAntivirus = 1,
  BlockedByAsr = 2,    // an ASR rule in block mode, or in warn mode not bypassed
  AuditedByAsr = 3,    // allowed; the ASR rule in audit mode recorded it
  WarnBypassed = 4,    // allowed; the user unblocked the warned content (or it still was, within 24 h)
};

// The machine's protection when the step runs.
struct ProtectionState {
  bool antivirus_running = false;  // Defender Antivirus installed with the sensor and not tampered with
  AntivirusMode antivirus = AntivirusMode::Active;
  bool windows = false;            // ASR rules exist on Windows only
  AsrMode asr = AsrMode::Off;
  int64_t warn_unblocked_until = 0;  // the rule's content was unblocked by a user until then (seconds of the run)
};

struct PreventionOutcome {
  PreventionResult result = PreventionResult::Allowed;
  int64_t warn_unblocked_until = 0;  // the rule's new unblock deadline (unchanged unless the user just unblocked)
};

// `u_asr`, `u_antivirus`: uniform draws in [0, 1) for the warn prompt and the antivirus.
PreventionOutcome prevent(const ProtectionState& machine, Tactic tactic, uint16_t technique, int64_t now,
                          const PreventionParams& params, double u_asr, double u_antivirus);

}  // namespace fleettwin
