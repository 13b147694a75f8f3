#include "sim/engine/fleet_driver.hpp"

#include <algorithm>

namespace fleettwin {

FleetDriver::FleetDriver(const Scenario& scenario, std::vector<std::unique_ptr<Site>> sites, WorkerPool& pool,
                         ReportMerger& merger)
    : sc_(scenario), sites_(std::move(sites)), pool_(pool), merger_(merger), reports_(sites_.size(), nullptr) {
  for (auto& s : sites_) views_.push_back(s.get());
}

void FleetDriver::start() {
  pool_.run(sites_.size(), [&](size_t i) { reports_[i] = &sites_[i]->start(); });
  merge_closed();
}

void FleetDriver::run_window(SimTime from, SimTime to, const std::vector<uint8_t>& uplink_up) {
  pool_.run(sites_.size(), [&](size_t i) {
    reports_[i] = sites_[i]->run_window(from, to, uplink_up[sites_[i]->location()] != 0);
  });
  merge_closed();
}

void FleetDriver::finish() {
  pool_.run(sites_.size(), [&](size_t i) { reports_[i] = &sites_[i]->finish_run(); });
  merge_closed();
}

void FleetDriver::merge_closed() {
  if (reports_.empty() || reports_.front() == nullptr) return;  // every site closes the same periods
  merger_.merge(reports_);
}

std::vector<int64_t> sync_points(const Scenario& sc, const std::vector<std::vector<OutageInterval>>& outages,
                                 bool every_tick) {
  std::vector<int64_t> points;
  const int64_t step = every_tick ? sc.defender.heartbeat_interval : 3600;
  for (int64_t t = 0; t <= sc.duration; t += step) points.push_back(t);
  for (const auto& location : outages)
    for (const auto& o : location)
      for (const int64_t t : {o.start, o.end})
        if (t > 0 && t < sc.duration) points.push_back(t);
  std::sort(points.begin(), points.end());
  points.erase(std::unique(points.begin(), points.end()), points.end());
  return points;
}

void uplink_states(const std::vector<std::vector<OutageInterval>>& outages, int64_t t, std::vector<uint8_t>& up) {
  up.assign(outages.size(), 1);
  for (size_t l = 0; l < outages.size(); ++l)
    for (const auto& o : outages[l])
      if (t >= o.start && t < o.end) up[l] = 0;
}

}  // namespace fleettwin
