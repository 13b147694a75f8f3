#pragma once
// Defender Vulnerability Management's exposure score (threat-vulnerability-sweep-facts.md §3, product-facts.md §5):
// the organisation's score is the average of its device scores weighted by device value (Low 0.75, Normal 1,
// High = the number of devices ÷ 10), recalculated daily; 0–29 low, 30–69 medium, 70–100 high.
//
// How a device's own score follows from its findings is not published: here it is 100 × (1 − Π (1 − r)) over its
// open findings, r the risk of one finding by severity and exploitability (ExposureWeights, *chosen*), so that one
// critical finding with an exploit in a kit scores medium (30), a handful of low ones low, a Windows server with
// the facts' backlog (about 150 open, most of them medium and high) about 70, and the score saturates at 100.
// Findings covered by an exception that lowers exposure (third-party control, alternate mitigation) count with
// their risk times `mitigated_factor`; risk accepted and planned remediation do not lower it (tvm-exception.md).
#include <array>
#include <cstdint>
#include <span>
#include <string_view>

namespace fleettwin {

enum class VulnSeverity : uint8_t { Low = 0, Medium = 1, High = 2, Critical = 3 };
inline constexpr size_t kVulnSeverityCount = 4;
inline constexpr std::array<std::string_view, kVulnSeverityCount> kVulnSeverityNames = {"low", "medium", "high",
                                                                                      "critical"};
// ExploitabilityLevel of a finding (get-assessment-software-vulnerabilities.md).
enum class Exploitability : uint8_t { NoExploit = 0, ExploitIsPublic = 1, ExploitIsVerified = 2, ExploitIsInKit = 3 };
inline constexpr size_t kExploitabilityCount = 4;

enum class DeviceValue : uint8_t { Low = 0, Normal = 1, High = 2 };

struct ExposureWeights {
  // Risk of one open finding, by severity (chosen).
  std::array<double, kVulnSeverityCount> by_severity{0.0005, 0.002, 0.005, 0.02};
  // Multiplier by exploitability (chosen), capped so that a risk stays at most 1.
  std::array<double, kExploitabilityCount> by_exploitability{1.0, 2.0, 4.0, 15.0};
  double mitigated_factor = 0.5;  // exception lowering exposure (chosen)
};

// Open findings of one device, by severity × exploitability; `mitigated` are those under a lowering exception.
struct DeviceFindings {
  std::array<std::array<uint32_t, kExploitabilityCount>, kVulnSeverityCount> open{};
  std::array<std::array<uint32_t, kExploitabilityCount>, kVulnSeverityCount> mitigated{};
};

// A device's exposure score in [0, 100].
double device_exposure_score(const DeviceFindings& f, const ExposureWeights& w = {});

// The weight of a device of value `v` in an organisation of `devices` devices.
double device_weight(DeviceValue v, uint64_t devices);

// The organisation's score: device scores averaged with their weights (0 for an organisation without devices).
double organisation_exposure_score(std::span<const double> device_scores, std::span<const DeviceValue> values);

enum class ExposureBand : uint8_t { Low = 0, Medium = 1, High = 2 };
ExposureBand exposure_band(double score);

}  // namespace fleettwin
