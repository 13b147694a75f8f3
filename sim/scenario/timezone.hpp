#pragma once
// Local time for power schedules: "UTC", a fixed offset ("+05:30", "-08:00": at most 14 hours) or a zone of the
// IANA time-zone database ("Europe/Paris"), daylight saving included. Zones are read with Howard Hinnant's date/tz
// library from the system's tzdata (Debian's tzdata package); nothing depends on the process's TZ variable or on
// the host's /etc/localtime.
//
// Only the names the database defines (its Zone and Link lines, in tzdata.zi) are zones. Other files of
// /usr/share/zoneinfo are not: zone.tab (a table), localtime (a link to the host's own zone, which would make one
// scenario give different results on different machines), posixrules.
#include <cstdint>
#include <optional>
#include <string>

#include "models/power/power_schedule.hpp"

namespace fleettwin {

// Why a zone name is not usable, or nullopt when it is.
std::optional<std::string> check_timezone(const std::string& name);
// Offsets for every UTC hour of [from, to) (Unix seconds), with a week of margin either side.
UtcOffsets load_utc_offsets(const std::string& name, int64_t from, int64_t to);
// The tzdata release the offsets come from ("2025b"), recorded in every output file.
std::string tzdata_version();

}  // namespace fleettwin
