#include "sim/engine/offline.hpp"

namespace fleettwin {

void run_offline(const Scenario& sc, std::span<Site* const> sites, ReportMerger& merger, const LinkDown& link_down) {
  std::vector<const SiteReport*> reports(sites.size());
  for (size_t i = 0; i < sites.size(); ++i) reports[i] = &sites[i]->start();
  merger.merge(reports);
  const SimTime end = SimTime::at(sc.duration);
  for (SimTime t;; t = t + sc.defender.heartbeat_interval) {
    if (t > SimTime()) {
      for (size_t i = 0; i < sites.size(); ++i) reports[i] = &sites[i]->tick(t);
      if (reports.front()->any()) merger.merge(reports);
    }
    if (t >= end) break;
    for (Site* s : sites) s->heartbeat_batch_result(t, !(link_down && link_down(*s, t)));
  }
  for (Site* s : sites) s->finish();
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
