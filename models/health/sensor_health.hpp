#pragma once
// Defender for Endpoint sensor health as the MDE portal and API show it (product-facts.md §3,
// check-sensor-status.md, fix-unhealthy-sensors.md, api/machine.md healthStatus).
#include <array>
#include <cstdint>
#include <string_view>

#include "models/common/sim_time.hpp"

namespace fleettwin {

// API healthStatus values; `no_sensor` for machines that have never had an onboarded sensor.
enum class SensorHealth : uint8_t {
  NoSensor = 0,
  Active = 1,
  Inactive = 2,
  NoSensorData = 3,
  ImpairedCommunication = 4,
  NoSensorDataImpairedCommunication = 5,
};
inline constexpr int kSensorHealthCount = 6;
inline constexpr std::array<std::string_view, kSensorHealthCount> kSensorHealthNames = {
    "no_sensor", "active", "inactive", "no_sensor_data", "impaired_communication",
    "no_sensor_data_impaired_communication"};

// A sensor's misconfiguration, fixed when it is deployed (models/agent_reliability.hpp).
enum class Misconfiguration : uint8_t { None = 0, NoSensorData = 1, ImpairedCommunication = 2, Both = 3 };

// "stopped reporting ... for more than seven days" -> Inactive (check-sensor-status.md).
inline constexpr int32_t kInactiveAfter = 7 * 86400;

// `last_seen`: the last delivered heartbeat before `now` (none: never). Inactive takes precedence over
// misconfigured ("Misconfigured devices can also be considered inactive", fix-unhealthy-sensors.md).
constexpr SensorHealth sensor_health(bool ever_onboarded, SimTime last_seen, SimTime now, Misconfiguration mis,
                                     int32_t inactive_after = kInactiveAfter) {
  if (!ever_onboarded) return SensorHealth::NoSensor;
  if (last_seen.is_none() || now - last_seen > inactive_after)
    return SensorHealth::Inactive;
  switch (mis) {
    case Misconfiguration::NoSensorData: return SensorHealth::NoSensorData;
    case Misconfiguration::ImpairedCommunication: return SensorHealth::ImpairedCommunication;
    case Misconfiguration::Both: return SensorHealth::NoSensorDataImpairedCommunication;
    default: return SensorHealth::Active;
  }
}

}  // namespace fleettwin
