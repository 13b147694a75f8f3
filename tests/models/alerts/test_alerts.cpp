#include <catch2/catch.hpp>

#include <array>

#include "models/alerts/alert_pipeline.hpp"
#include "models/alerts/alert_types.hpp"
#include "models/alerts/incidents.hpp"

using namespace fleettwin;

TEST_CASE("the Defender for Cloud catalogue has the documented tallies", "[alerts]") {
  // product-facts.md §4: Windows 88 (High 28, Medium 49, Low 6, Informational 4, Medium/High 1), Linux 49 (High 10,
  // Medium 27, Low 8, Informational 4).
  std::array<std::array<int, 5>, 3> tally{};  // [os][informational, low, medium, high, medium/high]
  for (const AlertType& t : alert_types()) {
    if (t.source != AlertSource::DefenderForCloud) continue;
    const size_t col = t.medium_or_high ? 4 : static_cast<size_t>(t.severity);
    ++tally[static_cast<size_t>(t.os)][col];
  }
  const auto win = tally[static_cast<size_t>(AlertOs::Windows)];
  const auto lin = tally[static_cast<size_t>(AlertOs::Linux)];
  CHECK(win == std::array<int, 5>{4, 6, 49, 28, 1});
  CHECK(lin == std::array<int, 5>{4, 8, 27, 10, 0});
}

TEST_CASE("every tactic and technique has an alert to raise", "[alerts]") {
  // Defender for Cloud's catalogue has an alert for every tactic but collection on Windows and discovery on Linux:
  // there, Plan 2 adds nothing to the sensor.
  for (size_t t = 0; t < kTacticCount; ++t) {
    const auto tactic = static_cast<Tactic>(t);
    CHECK(defender_for_cloud_types(AlertOs::Windows, tactic).empty() == (tactic == Tactic::Collection));
    CHECK(defender_for_cloud_types(AlertOs::Linux, tactic).empty() == (tactic == Tactic::Discovery));
  }
  for (uint16_t k = 0; k < techniques().size(); ++k) CHECK(mde_alert_type(k) < alert_types().size());
  CHECK(alert_types()[prevented_alert_type()].source == AlertSource::Antivirus);
  CHECK_FALSE(find_alert_types("VM_AmBroadFilesExclusion").empty());
  CHECK(find_alert_types("No such alert").empty());
}

TEST_CASE("a cached detection leaves when the uplink returns, exactly", "[alerts]") {
  const std::vector<OutageInterval> outages = {{1000, 2000}, {2000, 2500}, {5000, 6000}};
  CHECK(send_time(999, outages) == 999);
  CHECK(send_time(1000, outages) == 2500);  // back-to-back outages: the link returns at the last one's end
  CHECK(send_time(2499, outages) == 2500);
  CHECK(send_time(2500, outages) == 2500);
  CHECK(send_time(5999, outages) == 6000);
  CHECK(send_time(7000, outages) == 7000);
  AlertRecord a;
  a.source = static_cast<uint8_t>(AlertSource::Edr);
  stamp_sent(a, 2500, AlertLatency{});
  CHECK(a.in_dfc == 2500 + 600);  // "in 10 minutes"
  CHECK(a.in_mde == 2500 + 60);
  a.source = static_cast<uint8_t>(AlertSource::DefenderForCloud);
  stamp_sent(a, 100, AlertLatency{});
  CHECK(a.in_mde == -1);
}

TEST_CASE("incidents: 35 minutes per machine, 2 days per campaign, merges capped", "[alerts]") {
  const IncidentParams p;
  {
    const std::vector<CorrelationInput> in = {{0, 1, 0, 1}, {35 * 60, 1, 0, 3}, {70 * 60 + 1, 1, 0, 1}};
    const Correlation c = correlate(in, p);
    CHECK(c.incident_of == std::vector<uint32_t>{0, 0, 1});
    REQUIRE(c.incidents.size() == 2);
    CHECK(c.incidents[0].severity == 3);
    CHECK(c.incidents[0].alerts == 2);
  }
  {  // Same campaign on two machines: joined within 2 days, not after.
    const std::vector<CorrelationInput> in = {{0, 1, 7, 2}, {2 * 86400, 2, 7, 2}, {4 * 86400 + 1, 3, 7, 2}};
    CHECK(correlate(in, p).incident_of == std::vector<uint32_t>{0, 0, 1});
  }
  {  // An alert that matches two incidents merges them into the oldest.
    const std::vector<CorrelationInput> in = {{0, 1, 7, 2}, {10, 2, 0, 1}, {20, 2, 7, 2}};
    const Correlation c = correlate(in, p);
    CHECK(c.incident_of == std::vector<uint32_t>{0, 0, 0});
    CHECK(c.merges == 1);
    CHECK(c.incidents[0].devices == 2);
  }
  {  // ...unless the merged incident would exceed the entity cap.
    IncidentParams capped = p;
    capped.max_devices = 1;
    const std::vector<CorrelationInput> in = {{0, 1, 7, 2}, {10, 2, 0, 1}, {20, 2, 7, 2}};
    const Correlation c = correlate(in, capped);
    CHECK(c.merges_refused == 1);
    CHECK(c.incidents.size() == 2);
  }
}
