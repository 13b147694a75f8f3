#pragma once
// The alerts the twin raises: their severities, sources, statuses and types. Defender for Cloud's severities and
// statuses, and the MDE alert's classification and portal statuses, are the product's (product-facts.md §4).
// Codes are stored in output files with their names as flags, so existing numbers never change.
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "models/fleet/os_catalog.hpp"
#include "models/threats/mitre.hpp"

namespace fleettwin {

// Defender for Cloud: "High, Medium, Low, Informational" (low to high here, so that a larger code is more severe).
enum class Severity : uint8_t { Informational = 0, Low = 1, Medium = 2, High = 3 };
inline constexpr size_t kSeverityCount = 4;
inline constexpr std::array<std::string_view, kSeverityCount> kSeverityNames = {"informational", "low", "medium", "high"};

// Who raised the alert: Defender for Endpoint's EDR ("WindowsDefenderAtp" in the MDE API), its antivirus
// ("WindowsDefenderAv"), or Defender for Cloud's own Plan 2 detections.
enum class AlertSource : uint8_t { Edr = 0, Antivirus = 1, DefenderForCloud = 2 };
inline constexpr std::array<std::string_view, 3> kAlertSourceNames = {"edr", "antivirus", "defender_for_cloud"};

// Ground truth: an attack step, benign activity that matched a detection (benign positive), or a detection that
// fired on nothing (false positive). The MDE API's classification names these TruePositive, "Informational,
// expected activity" and FalsePositive.
enum class Classification : uint8_t { TruePositive = 0, BenignPositive = 1, FalsePositive = 2 };
inline constexpr std::array<std::string_view, 3> kClassificationNames = {"true_positive", "benign_positive",
                                                                         "false_positive"};

// Defender for Cloud alert status: Active, InProgress, Dismissed ("dismissed as false positive"; also what
// suppression rules set), Resolved.
enum class DfcStatus : uint8_t { Active = 0, InProgress = 1, Dismissed = 2, Resolved = 3 };
inline constexpr std::array<std::string_view, 4> kDfcStatusNames = {"active", "in_progress", "dismissed", "resolved"};

// Status in the Defender portal (MDE alert status New, InProgress, Resolved). Defender for Cloud's own alerts are
// synchronised both ways with their portal copy; MDE alerts are not ("their statuses aren't synchronized").
// NotInPortal: an informational Defender for Cloud alert ("aren't integrated to the Microsoft Defender portal").
enum class PortalStatus : uint8_t { New = 0, InProgress = 1, Resolved = 2, NotInPortal = 3 };
inline constexpr std::array<std::string_view, 4> kPortalStatusNames = {"new", "in_progress", "resolved", "not_in_portal"};

enum class AlertOs : uint8_t { Any = 0, Windows = 1, Linux = 2 };
inline constexpr std::array<std::string_view, 3> kAlertOsNames = {"any", "windows", "linux"};

struct AlertType {
  std::string_view type;           // the alert type (Defender for Cloud's id where the documentation gives one)
  std::string_view name;           // the alert's display name
  Severity severity;
  bool medium_or_high;             // Defender for Cloud lists the severity as "Medium/High"
  AlertSource source;
  AlertOs os;
  TacticMask tactics;              // the tactics the twin raises it for
  std::string_view listed_tactics; // as the documentation lists them ("-" where none)
  std::string_view origin;         // where the entry comes from
};

// Every alert type; the index is the type's code in the twin and the output.
std::span<const AlertType> alert_types();
// The MDE alert a detected step of this technique raises.
uint16_t mde_alert_type(uint16_t technique);
// The MDE antivirus alert of a blocked step ("malware was prevented").
uint16_t prevented_alert_type();
// Defender for Cloud Plan 2 alert types for machines of this OS family that the twin raises for this tactic.
std::span<const uint16_t> defender_for_cloud_types(AlertOs os, Tactic tactic);
// The types whose type id or display name is exactly `name` (a suppression rule's target).
std::vector<uint16_t> find_alert_types(std::string_view name);
// The OS family an alert type list applies to.
AlertOs alert_os(OsFamily family);

}  // namespace fleettwin
