#pragma once
// When a fix for a disclosed vulnerability can be installed. Microsoft releases its fixes on Patch Tuesday, the
// second Tuesday of each month (threat-vulnerability-sweep-facts.md §3: 1,009 CVEs in 2024, 84 a month); the hour
// of the release is not in the sources: 18:00 UTC by default (10:00 Pacific standard time), *chosen*. Linux
// distributions publish fixes continuously: the fix follows the disclosure after a delay drawn from a
// distribution (vulnerability_params.hpp).
#include <cstdint>

namespace fleettwin {

// The second Tuesday of the UTC month holding `unix_seconds`, at `hour_utc`, as Unix seconds.
int64_t patch_tuesday_of_month(int64_t unix_seconds, int hour_utc);

// The first Patch Tuesday release at or after `unix_seconds`.
int64_t next_patch_tuesday(int64_t unix_seconds, int hour_utc);

}  // namespace fleettwin
