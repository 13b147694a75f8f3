#pragma once
// Defender for Cloud's secure score (product-facts.md §5, secure-score-security-controls.md): each security control
// is recalculated every eight hours; its current score = score per resource × healthy resources, with score per
// resource = the control's maximum ÷ (healthy + unhealthy resources); not applicable resources are left out. The
// secure score is the sum of the controls' current scores over the sum of their maxima, as a percentage.
//
// The machine recommendations the twin scores: "Machines should have a vulnerability assessment solution",
// "Machines should have vulnerability findings resolved" and endpoint protection health; their controls' maxima
// are scenario parameters (the published maxima are not in the sources: *chosen*).
#include <cstdint>
#include <span>

namespace fleettwin {

inline constexpr int64_t kSecureScoreInterval = 8 * 3600;

struct ControlState {
  double max_score = 0;
  uint64_t healthy = 0;
  uint64_t unhealthy = 0;  // not applicable resources are counted in neither
};

// A control's current score (0 when it has no applicable resource).
double control_score(const ControlState& c);

// The secure score in percent over the controls that have an applicable resource (0 when none has).
double secure_score_percent(std::span<const ControlState> controls);

}  // namespace fleettwin
