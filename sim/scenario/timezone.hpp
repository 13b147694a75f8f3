#pragma once
// Local time for power schedules: "UTC", a fixed offset ("+05:30", "-08:00") or an IANA zone name
// ("Europe/Paris") read from the system time-zone database (Debian's tzdata), daylight saving included.
#include <cstdint>
#include <optional>
#include <string>

#include "models/power/power_schedule.hpp"

namespace fleettwin {

// Why a zone name is not usable, or nullopt when it is.
std::optional<std::string> check_timezone(const std::string& name);
// Offsets for every UTC hour of [from, to) (Unix seconds), with a week of margin either side.
UtcOffsets load_utc_offsets(const std::string& name, int64_t from, int64_t to);

}  // namespace fleettwin
