#pragma once
// Time notation of scenario files and outputs: durations ("90d", "36h", "1h30m", "45s"), times of day
// ("08:00"), ISO 8601 UTC instants ("2026-01-01T00:00:00Z").
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fleettwin {

// A duration, or nullopt when the text is not one; `too_long` (optional) is set when it is one but exceeds
// 2^40 seconds (35,000 years), which nothing in a run can use.
std::optional<int64_t> parse_duration(std::string_view text, bool* too_long = nullptr);
std::string format_duration(int64_t seconds);
// "HH:MM" from 00:00 to 24:00, as seconds of the day.
std::optional<int32_t> parse_time_of_day(std::string_view text);
// "YYYY-MM-DDTHH:MM[:SS](Z|+HH:MM|-HH:MM)" or "YYYY-MM-DD" (midnight UTC), as Unix seconds. Offsets lie within
// -14:00 .. +14:00 with minutes below 60.
std::optional<int64_t> parse_iso8601(std::string_view text);
std::string format_iso8601(int64_t unix_seconds);
// ISO 8601 instant, or an offset from `start` written as a duration ("72h").
std::optional<int64_t> parse_time_or_offset(std::string_view text, int64_t start);

}  // namespace fleettwin
