#pragma once
// Whether a step that ran was seen. Defender for Endpoint sees a step only if at that moment the machine's sensor
// is installed, running and not tampered with (the state the twin keeps for health: not covered, not applicable,
// not installed and unhealthy machines see nothing), with a probability by tactic; a misconfigured sensor with
// "No sensor data" sees less ("Limited alerts can be triggered from the device": product-facts.md §3). Defender for
// Servers Plan 2 adds Defender for Cloud's own detections, independent of the sensor (product-facts.md §4). What
// was not seen keeps its cause: the twin's ground truth.
#include <array>
#include <cstdint>
#include <string_view>

#include "models/threats/mitre.hpp"

namespace fleettwin {

// The sensor as a step finds it.
enum class SensorView : uint8_t { Reporting, NotCovered, NotApplicable, NotInstalled, Unhealthy, Tampered };

// Why a step was not seen by Defender for Endpoint (and Defender for Cloud did not see it either).
enum class UnseenCause : uint8_t { NotInstalled = 0, Unhealthy = 1, NotApplicable = 2, NotCovered = 3, Tampered = 4, Missed = 5 };
inline constexpr size_t kUnseenCauseCount = 6;
inline constexpr std::array<std::string_view, kUnseenCauseCount> kUnseenCauseNames = {
    "not_installed", "unhealthy", "not_applicable", "not_covered", "tampered", "missed"};

struct DetectionParams {
  // Probability that a reporting sensor raises an alert for a step, by tactic. No public figure: chosen (EDR sees
  // execution, credential theft and impact well, discovery, collection and exfiltration less).
  PerTactic mde = {0.50, 0.80, 0.70, 0.70, 0.70, 0.85, 0.40, 0.75, 0.30, 0.60, 0.40, 0.90};
  double no_sensor_data_factor = 0.2;  // chosen: "limited alerts" from a sensor with No sensor data
  // Probability of a Defender for Cloud Plan 2 detection, by tactic (chosen).
  PerTactic defender_for_cloud = {0.30, 0.30, 0.20, 0.10, 0.30, 0.20, 0.10, 0.10, 0.05, 0.20, 0.10, 0.40};
};

// Whether Defender for Endpoint detects the step (draw `u` uniform in [0, 1)).
inline bool mde_detects(SensorView sensor, bool no_sensor_data, Tactic tactic, const DetectionParams& p, double u) {
  if (sensor != SensorView::Reporting) return false;
  const double q = p.mde[static_cast<size_t>(tactic)] * (no_sensor_data ? p.no_sensor_data_factor : 1.0);
  return u < q;
}

// The cause of a step that nothing detected.
inline UnseenCause unseen_cause(SensorView sensor) {
  switch (sensor) {
    case SensorView::NotCovered: return UnseenCause::NotCovered;
    case SensorView::NotApplicable: return UnseenCause::NotApplicable;
    case SensorView::NotInstalled: return UnseenCause::NotInstalled;
    case SensorView::Unhealthy: return UnseenCause::Unhealthy;
    case SensorView::Tampered: return UnseenCause::Tampered;
    case SensorView::Reporting: break;
  }
  return UnseenCause::Missed;
}

}  // namespace fleettwin
