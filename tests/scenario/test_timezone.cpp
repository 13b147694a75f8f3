// Time zones from the IANA database through date/tz: real names only, nothing taken from the process's TZ or the
// host's /etc/localtime, daylight saving exact.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <string>

#include "sim/scenario/duration.hpp"
#include "sim/scenario/timezone.hpp"

using namespace fleettwin;

TEST_CASE("zones and links of the database are accepted, other files of zoneinfo are not", "[timezone]") {
  for (const char* ok : {"Europe/Paris", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "US/Pacific",
                         "Etc/GMT+3", "America/Argentina/Buenos_Aires", "UTC", "+05:30", "-08:00", "+14:00", "-12:00"})
    CHECK_FALSE(check_timezone(ok).has_value());
  for (const char* bad : {"zone.tab", "zone1970.tab", "iso3166.tab", "tzdata.zi", "localtime", "posixrules",
                          "leapseconds", "posix/Europe/Paris", "right/UTC", "Factory", "", "/etc/localtime",
                          "../../etc/passwd", "Europe", "europe/paris", "+14:30", "+03:60", "+99:00", "GMT+25"})
    CHECK(check_timezone(bad).has_value());
  CHECK_THAT(*check_timezone(std::string(5000, 'A')), Catch::Matchers::Contains("(5000 characters)"));
}

TEST_CASE("offsets follow the zone's rules, whatever the process's TZ", "[timezone]") {
  const int64_t from = *parse_iso8601("2026-03-28T00:00:00Z"), to = *parse_iso8601("2026-04-02T00:00:00Z");
  const auto check_paris = [&] {
    const UtcOffsets paris = load_utc_offsets("Europe/Paris", from, to);
    CHECK(paris.at(*parse_iso8601("2026-03-29T00:59:59Z")) == 3600);  // CET until 01:00 UTC on the last Sunday
    CHECK(paris.at(*parse_iso8601("2026-03-29T01:00:00Z")) == 7200);  // CEST from then
    const UtcOffsets kolkata = load_utc_offsets("Asia/Kolkata", from, to);
    CHECK(kolkata.at(from) == 19800);
  };
  check_paris();
  const char* old = std::getenv("TZ");
  const std::string saved = old ? old : "";
  setenv("TZ", "Pacific/Chatham", 1);  // a zone with a 45-minute offset: any leak would show
  check_paris();
  CHECK(std::string(std::getenv("TZ")) == "Pacific/Chatham");  // and the process's TZ is left alone
  if (old)
    setenv("TZ", saved.c_str(), 1);
  else
    unsetenv("TZ");
}

TEST_CASE("the tzdata version is the database's own", "[timezone]") {
  std::ifstream zi("/usr/share/zoneinfo/tzdata.zi");
  std::string first;
  std::getline(zi, first);
  REQUIRE(first.rfind("# version ", 0) == 0);
  CHECK(tzdata_version() == first.substr(10));
  CHECK(tzdata_version().size() >= 5);  // e.g. 2025b
}
