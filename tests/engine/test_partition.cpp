// The partition of a run's machines into sites (partition.hpp): every machine in exactly one site of its own
// location, and every cohort dealt evenly over a location's shards, so that a burst of one cohort keeps every
// thread busy.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <string>

#include "sim/engine/partition.hpp"
#include "sim/scenario/scenario.hpp"

using namespace fleettwin;

namespace {

// Two locations: a region with a large always-on cohort, a large office cohort and two cohorts smaller than the
// shard count; an on-premises site with one cohort of a prime count.
Scenario two_locations() {
  return parse_scenario(
      "name: t\nstart: 2026-01-05T00:00:00Z\nduration: 1d\ntenants: [{id: t, geo: EU}]\n"
      "subscriptions: [{id: s, plan: P2}]\ncohorts:\n"
      "  - {name: always-on, count: 35000, environment: azure, region: westeurope, subscription: s}\n"
      "  - {name: office, count: 15003, environment: azure, region: westeurope, subscription: s,\n"
      "     power: {schedule: business-hours, timezone: Europe/Berlin, jitter: 15m}}\n"
      "  - {name: tiny-a, count: 3, environment: azure, region: westeurope, subscription: s}\n"
      "  - {name: tiny-b, count: 5, environment: azure, region: westeurope, subscription: s}\n"
      "  - {name: dc, count: 20011, environment: onprem, site: dc, subscription: s}\n",
      "partition-test");
}

// Machines of cohort c held by the site.
uint64_t held_of(const SitePlan& site, const CohortSpec& c) {
  uint64_t n = 0;
  for (const MachineRange& r : site.machines) {
    const uint64_t from = std::max<uint64_t>(r.first, c.first_machine);
    const uint64_t to = std::min<uint64_t>(uint64_t{r.first} + r.count, uint64_t{c.first_machine} + c.count);
    if (to > from) n += to - from;
  }
  return n;
}

}  // namespace

TEST_CASE("every machine lands in exactly one site, of its own location", "[partition]") {
  const Scenario sc = two_locations();
  for (const int threads : {1, 2, 8}) {
    const auto plan = plan_sites(sc, threads, 4, 1000);
    std::vector<int> owners(sc.machine_count(), 0);
    for (const SitePlan& site : plan) {
      REQUIRE_FALSE(site.machines.empty());
      for (const MachineRange& r : site.machines)
        for (uint32_t m = r.first; m < r.first + r.count; ++m) {
          ++owners[m];
          const auto c = std::find_if(sc.cohorts.begin(), sc.cohorts.end(), [&](const CohortSpec& k) {
            return m >= k.first_machine && m < k.first_machine + k.count;
          });
          REQUIRE(c != sc.cohorts.end());
          CHECK(c->location == site.location);
        }
    }
    CHECK(std::all_of(owners.begin(), owners.end(), [](int n) { return n == 1; }));
  }
}

TEST_CASE("one thread: a location is split only into shards of 40,000 machines or more, at most eight", "[partition]") {
  const Scenario small = two_locations();  // 50,011 and 20,011 machines: one shard each
  const auto whole = plan_sites(small, 1);
  REQUIRE(whole.size() == small.locations.size());
  for (const SitePlan& site : whole) CHECK(site.shard == 0);
  // 200,000 machines: 5 shards of 40,000; 1,000,000: 8 (the most), of 125,000.
  for (const auto& [count, shards] : {std::pair<int, size_t>{200'000, 5}, {1'000'000, 8}}) {
    const Scenario big = parse_scenario(
        "name: t\nstart: 2026-01-05T00:00:00Z\nduration: 1d\ntenants: [{id: t, geo: EU}]\n"
        "subscriptions: [{id: s, plan: P2}]\ncohorts:\n"
        "  - {name: vms, count: " + std::to_string(count) + ", environment: azure, region: r, subscription: s}\n",
        "partition-test");
    const auto plan = plan_sites(big, 1);
    REQUIRE(plan.size() == shards);
    for (const SitePlan& site : plan) CHECK(site.machines.front().count == count / shards);
  }
}

TEST_CASE("a location's shards each hold an equal slice of every cohort", "[partition]") {
  const Scenario sc = two_locations();
  // 2 threads x 4 = 8 shards wanted; the region's 50,011 machines allow 50 at 1,000 a shard, the data centre's 20.
  const auto plan = plan_sites(sc, 2, 4, 1000);
  std::map<uint16_t, std::vector<const SitePlan*>> by_location;
  for (const SitePlan& site : plan) by_location[site.location].push_back(&site);
  REQUIRE(by_location.size() == 2);
  for (auto& [location, shards] : by_location) {
    REQUIRE(shards.size() == 8);
    for (size_t s = 0; s < shards.size(); ++s) CHECK(shards[s]->shard == s);  // numbered from 0, in order
    for (const CohortSpec& c : sc.cohorts) {
      if (c.location != location) continue;
      std::vector<uint64_t> slices;
      for (const SitePlan* site : shards) slices.push_back(held_of(*site, c));
      const auto [lo, hi] = std::minmax_element(slices.begin(), slices.end());
      if (c.count >= shards.size()) {
        // 15,003 = 8 x 1,875 + 3: slices of 1,875 and 1,876 machines.
        CHECK(*lo == c.count / shards.size());
        CHECK(*hi - *lo <= 1);
      } else {
        // A cohort of fewer machines than shards is not cut: one shard holds all of it.
        CHECK(*hi == c.count);
        CHECK(std::count(slices.begin(), slices.end(), 0u) == static_cast<long>(shards.size() - 1));
      }
    }
  }
  // The two small cohorts went to different shards: the second to one that did not already hold the first.
  const auto& region = by_location.begin()->second;
  const CohortSpec& a = sc.cohorts[2];
  const CohortSpec& b = sc.cohorts[3];
  for (const SitePlan* site : region) CHECK_FALSE((held_of(*site, a) > 0 && held_of(*site, b) > 0));
}
