#include "sim/engine/offline.hpp"

namespace fleettwin {

void run_offline(const Scenario& sc, FleetDriver& driver, const std::vector<std::vector<OutageInterval>>& outages) {
  std::vector<std::vector<OutageInterval>> by_location = outages;
  by_location.resize(sc.locations.size());
  const std::vector<int64_t> points = sync_points(sc, by_location, false);
  std::vector<uint8_t> up;
  driver.set_outages(by_location);
  driver.start();
  for (size_t i = 0; i + 1 < points.size(); ++i) {
    uplink_states(by_location, points[i], up);
    driver.run_window(SimTime::at(points[i]), SimTime::at(points[i + 1]), up);
  }
  driver.finish();
}

std::vector<std::unique_ptr<Site>> make_sites(const Scenario& sc, const std::vector<PowerSchedule>& schedules,
                                              FleetStore& fleet, std::vector<SitePlan> plan) {
  std::vector<std::unique_ptr<Site>> sites;
  for (auto& p : plan) sites.push_back(std::make_unique<Site>(sc, schedules, fleet, std::move(p)));
  return sites;
}

OutageRecord outage_record(const Scenario& sc, std::span<Site* const> sites,
                           const std::vector<std::vector<OutageInterval>>& outages) {
  OutageRecord record{&outages, std::vector<uint64_t>(sc.locations.size(), 0), 0};
  for (const Site* s : sites) {
    if (s->shard() == 0) record.batches_lost[s->location()] = s->batches_lost();  // every shard sees the same uplink
    record.heartbeats_delivered += s->heartbeats_delivered();
  }
  return record;
}

}  // namespace fleettwin
