#include <catch2/catch.hpp>

#include <array>
#include <map>
#include <random>
#include <set>

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

namespace {
// The correlation rule of incidents.hpp written plainly (ordered maps and sets, nothing ever dropped): the oracle
// for the correlator, which trims what no later alert can reach.
Correlation correlate_plainly(const std::vector<CorrelationInput>& alerts, const IncidentParams& p) {
  struct Inc {
    int64_t created, last;
    uint32_t alerts = 0;
    uint8_t severity = 0;
    uint64_t campaign = 0;
    std::set<uint32_t> devices;
    uint32_t parent;
  };
  std::vector<Inc> inc;
  std::map<uint32_t, std::pair<int64_t, uint32_t>> by_machine;
  std::map<uint64_t, std::pair<int64_t, uint32_t>> by_campaign;
  std::vector<uint32_t> raw;
  Correlation out;
  const auto root = [&](uint32_t i) {
    while (inc[i].parent != i) i = inc[i].parent;
    return i;
  };
  for (const CorrelationInput& a : alerts) {
    std::set<uint32_t> matches;
    if (auto it = by_machine.find(a.machine); it != by_machine.end() && a.time - it->second.first <= p.machine_window)
      matches.insert(root(it->second.second));
    if (a.campaign)
      if (auto it = by_campaign.find(a.campaign);
          it != by_campaign.end() && a.time - it->second.first <= p.campaign_window)
        matches.insert(root(it->second.second));
    uint32_t target;
    if (matches.empty()) {
      target = static_cast<uint32_t>(inc.size());
      inc.push_back({a.time, a.time, 0, 0, a.campaign, {}, target});
    } else {
      target = *matches.begin();
      for (auto it = std::next(matches.begin()); it != matches.end(); ++it) {
        std::set<uint32_t> both = inc[target].devices;
        both.insert(inc[*it].devices.begin(), inc[*it].devices.end());
        if (both.size() > p.max_devices) {
          ++out.merges_refused;
          continue;
        }
        Inc& into = inc[target];
        const Inc& from = inc[*it];
        into.devices = both;
        into.alerts += from.alerts;
        into.severity = std::max(into.severity, from.severity);
        into.last = std::max(into.last, from.last);
        if (!into.campaign) into.campaign = from.campaign;
        inc[*it].parent = target;
        ++out.merges;
      }
    }
    Inc& i = inc[target];
    i.devices.insert(a.machine);
    ++i.alerts;
    i.severity = std::max(i.severity, a.severity);
    i.last = std::max(i.last, a.time);
    if (!i.campaign) i.campaign = a.campaign;
    raw.push_back(target);
    by_machine[a.machine] = {a.time, target};
    if (a.campaign) by_campaign[a.campaign] = {a.time, target};
  }
  std::vector<uint32_t> number(inc.size());
  for (uint32_t i = 0; i < inc.size(); ++i)
    if (inc[i].parent == i) {
      number[i] = static_cast<uint32_t>(out.incidents.size());
      out.incidents.push_back({inc[i].created, inc[i].last, inc[i].alerts, static_cast<uint32_t>(inc[i].devices.size()),
                               inc[i].severity, inc[i].campaign});
    }
  for (const uint32_t r : raw) out.incident_of.push_back(number[root(r)]);
  return out;
}

bool same(const Correlation& a, const Correlation& b) {
  if (a.incident_of != b.incident_of || a.merges != b.merges || a.merges_refused != b.merges_refused ||
      a.incidents.size() != b.incidents.size())
    return false;
  for (size_t i = 0; i < a.incidents.size(); ++i) {
    const Incident &x = a.incidents[i], &y = b.incidents[i];
    if (x.created != y.created || x.last_alert != y.last_alert || x.alerts != y.alerts || x.devices != y.devices ||
        x.severity != y.severity || x.campaign != y.campaign)
      return false;
  }
  return true;
}
}  // namespace

TEST_CASE("incidents: the correlator, which trims what no later alert can reach, correlates as the plain rule does",
          "[alerts]") {
  // Enough alerts for many trims, on few machines and campaigns so that incidents join, merge, hit the cap and
  // close; then the same alerts with one out of order (the correlator stops trimming from there).
  std::mt19937_64 gen(11);
  IncidentParams p;
  p.max_devices = 12;
  std::vector<CorrelationInput> in;
  int64_t t = 0;
  for (int k = 0; k < 30000; ++k) {
    t += static_cast<int64_t>(gen() % 120);
    const uint64_t campaign = gen() % 2 == 0 ? 1 + gen() % 200 : 0;
    in.push_back({t, static_cast<uint32_t>(gen() % 300), campaign, static_cast<uint8_t>(gen() % 4)});
  }
  const Correlation plain = correlate_plainly(in, p);
  INFO("merges " << plain.merges << " refused " << plain.merges_refused << " incidents " << plain.incidents.size());
  CHECK(plain.merges > 100);
  CHECK(plain.merges_refused > 10);
  CHECK(same(correlate(in, p), plain));
  std::swap(in[20000].time, in[20001].time);
  in[20001].time -= 3 * 86400;
  CHECK(same(correlate(in, p), correlate_plainly(in, p)));
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
