#pragma once
// Small enums shared by the models, the fleet store and the recorder. Values are stored in HDF5 files
// (with their names as CF flag_meanings), so existing numbers never change; new ones are appended.
#include <array>
#include <cstdint>
#include <string_view>

namespace fleettwin {

enum class Environment : uint8_t { Azure = 0, Aws = 1, Gcp = 2, OnPrem = 3 };
inline constexpr int kEnvironmentCount = 4;
inline constexpr std::array<std::string_view, kEnvironmentCount> kEnvironmentNames = {"azure", "aws", "gcp",
                                                                                      "onprem"};

// Defender for Servers plan of a machine ("off" = not covered, not billed).
enum class Plan : uint8_t { Off = 0, P1 = 1, P2 = 2 };
inline constexpr std::array<std::string_view, 3> kPlanNames = {"off", "P1", "P2"};
inline constexpr int kBilledPlanCount = 2;  // P1, P2
inline constexpr std::array<std::string_view, kBilledPlanCount> kBilledPlanNames = {"P1", "P2"};

// Defender for Endpoint tenant geo-locations (product-facts.md §7: EU, UK, US, Australia, Switzerland, India).
enum class Geo : uint8_t { US = 0, EU = 1, UK = 2, AU = 3, CH = 4, IN = 5 };
inline constexpr std::array<std::string_view, 6> kGeoNames = {"US", "EU", "UK", "AU", "CH", "IN"};

// Billing meter groups: plan x environment, P1 first.
inline constexpr int kMeterGroups = kBilledPlanCount * kEnvironmentCount;
constexpr int meter_group(Plan plan, Environment env) {
  return plan == Plan::Off ? -1
                           : (static_cast<int>(plan) - 1) * kEnvironmentCount + static_cast<int>(env);
}

constexpr bool is_arc_environment(Environment env) { return env != Environment::Azure; }

}  // namespace fleettwin
