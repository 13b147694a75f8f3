#include <catch2/catch.hpp>

#include "sim/scenario/duration.hpp"

using namespace fleettwin;

TEST_CASE("durations with units", "[duration]") {
  CHECK(parse_duration("90d") == 90 * 86400);
  CHECK(parse_duration("36h") == 36 * 3600);
  CHECK(parse_duration("1h30m") == 5400);
  CHECK(parse_duration("45s") == 45);
  CHECK(parse_duration("2w") == 14 * 86400);
  CHECK_FALSE(parse_duration("90"));
  CHECK_FALSE(parse_duration("-5m"));
  CHECK_FALSE(parse_duration("5x"));
  CHECK(format_duration(5400) == "1h30m");
}

TEST_CASE("ISO 8601 instants round-trip", "[duration]") {
  CHECK(parse_iso8601("1970-01-01T00:00:00Z") == 0);
  CHECK(parse_iso8601("2026-01-01T00:00:00Z") == 1767225600);
  CHECK(parse_iso8601("2026-01-01T01:00:00+01:00") == 1767225600);
  CHECK(parse_iso8601("2026-01-01") == 1767225600);
  CHECK_FALSE(parse_iso8601("2026-02-30T00:00:00Z"));
  CHECK_FALSE(parse_iso8601("2026-01-01T00:00:00"));  // a time needs its zone
  CHECK(format_iso8601(1767225600 + 3661) == "2026-01-01T01:01:01Z");
  CHECK(parse_time_or_offset("72h", 100) == 100 + 72 * 3600);
  CHECK(parse_time_of_day("08:30") == 8 * 3600 + 1800);
  CHECK_FALSE(parse_time_of_day("25:00"));
}
