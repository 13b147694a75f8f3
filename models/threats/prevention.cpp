#include "models/threats/prevention.hpp"

namespace fleettwin {

PreventionOutcome prevent(const ProtectionState& m, Tactic tactic, uint16_t technique, int64_t now,
                          const PreventionParams& params, double u_asr, double u_antivirus) {
  PreventionOutcome out{PreventionResult::Allowed, m.warn_unblocked_until};
  const bool active = m.antivirus_running && m.antivirus == AntivirusMode::Active;
  const AsrRule rule = techniques()[technique].asr;
  // ASR rules need Defender Antivirus as the primary (active) antivirus, on Windows.
  if (active && m.windows && rule != AsrRule::None) {
    switch (m.asr) {
      case AsrMode::Off: break;
      case AsrMode::Audit: out.result = PreventionResult::AuditedByAsr; break;
      case AsrMode::Block: return {PreventionResult::BlockedByAsr, m.warn_unblocked_until};
      case AsrMode::Warn:
        if (now < m.warn_unblocked_until) {
          out.result = PreventionResult::WarnBypassed;
        } else if (u_asr < params.asr_warn_bypass) {
          out.result = PreventionResult::WarnBypassed;
          out.warn_unblocked_until = now + params.asr_warn_unblocked_for;
        } else {
          return {PreventionResult::BlockedByAsr, m.warn_unblocked_until};
        }
        break;
    }
  }
  if (active && u_antivirus < params.antivirus_block[static_cast<size_t>(tactic)])
    out.result = PreventionResult::BlockedByAntivirus;
  return out;
}

}  // namespace fleettwin
