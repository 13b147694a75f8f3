#include "sim/engine/fleet_driver.hpp"

#include <algorithm>
#include <tuple>
#include <unordered_map>

#include "sim/scenario/schedules.hpp"

namespace fleettwin {

FleetDriver::FleetDriver(const Scenario& scenario, std::vector<std::unique_ptr<Site>> sites, WorkerPool& pool,
                         ReportMerger& merger)
    : sc_(scenario),
      sites_(std::move(sites)),
      pool_(pool),
      merger_(merger),
      reports_(sites_.size(), nullptr),
      outgoing_(scenario.locations.size()) {
  for (auto& s : sites_) views_.push_back(s.get());
  for (size_t i = 0; i < sites_.size(); ++i)
    for (const auto& r : sites_[i]->machine_ranges()) range_owner_.emplace_back(r.first, static_cast<uint32_t>(i));
  std::sort(range_owner_.begin(), range_owner_.end());
  // The threads take the sites in this order: the last ones taken decide how long the other thread waits at the end
  // of a step, so they should be the smallest. A step's work follows the machine count closely (each shard of a
  // location holds the same mix of cohorts, partition.hpp).
  largest_first_.resize(sites_.size());
  for (size_t i = 0; i < sites_.size(); ++i) largest_first_[i] = i;
  std::stable_sort(largest_first_.begin(), largest_first_.end(),
                   [&](size_t a, size_t b) { return sites_[a]->machine_count() > sites_[b]->machine_count(); });
  if (sc_.threats.enabled) {
    const std::vector<StaffingChange> staffing = soc_staffing(sc_);  // the SOC queue keeps a copy
    DeskParams p;
    p.suppressed = sc_.alerts.suppressed;
    p.incidents = sc_.alerts.incidents;
    p.staffing = staffing;
    p.service = sc_.soc.service;
    p.informational = sc_.soc.informational;
    p.works_in_portal = sc_.soc.console == SocConsole::DefenderPortal;
    p.seed = sc_.seed;
    p.horizon = sc_.duration;
    p.pending_timeout = sc_.alerts.pending_timeout;
    desk_ = std::make_unique<SocDesk>(p);
  }
}

MemoryUse FleetDriver::memory_high_water() const {
  MemoryUse sum{};
  for (const Site* s : views_)
    for (size_t i = 0; i < kMemoryParts; ++i) sum[i] += s->memory_high_water()[i];
  sum[static_cast<size_t>(MemoryPart::Threats)] += desk_memory_;
  return sum;
}

void FleetDriver::advance_desk(int64_t t) {
  if (!desk_) return;
  requests_.clear();
  desk_->take(arrived_);
  for (auto& s : sites_) {
    auto& a = s->threats().approvals();
    requests_.insert(requests_.end(), a.begin(), a.end());
    a.clear();
  }
  requests_.insert(requests_.end(), expansion_requests_.begin(), expansion_requests_.end());
  expansion_requests_.clear();
  std::sort(requests_.begin(), requests_.end(), [](const ApprovalRequest& x, const ApprovalRequest& y) {
    return std::tie(x.created, x.machine, x.expansion) < std::tie(y.created, y.machine, y.expansion);
  });
  for (const ApprovalRequest& r : requests_) {
    const uint64_t key = (static_cast<uint64_t>(r.created) << 32) ^ r.machine;
    const uint32_t item = r.expansion == UINT32_MAX
                              ? desk_->request_approval(r.created, key ^ (1u << 31))
                              : desk_->request_expansion_approval(r.created, key ^ (1u << 30) ^ (uint64_t{r.expansion} << 40));
    awaiting_.push_back({item, r.machine, r.expansion});
  }
  desk_->advance_to(t);
  desk_memory_ = std::max(desk_memory_, desk_->bytes());
  // Decided approvals leave the list in request order; an approved action reaches the machine action_delay later
  // (at least one step: it is handed to the site before its next step).
  std::erase_if(awaiting_, [&](const Awaiting& w) {
    const SocOutcome& o = desk_->approval(w.item);
    if (!o.expired && o.end < 0) return false;
    const bool granted = !o.expired;
    if (w.expansion == UINT32_MAX) {
      desk_->count_approval(granted);
      if (granted) owner_of(w.machine).threats().remediate_at(w.machine, o.end + sc_.alerts.action_delay);
      return true;
    }
    auto& devices = expansion_devices_[w.expansion];
    desk_->count_expansion_approval(granted, devices.size());
    if (granted)
      for (const uint32_t d : devices) owner_of(d).threats().expand_to(d, o.end + sc_.alerts.action_delay);
    std::vector<uint32_t>().swap(devices);
    return true;
  });
}

void FleetDriver::collect_alerts() {
  if (!desk_) return;
  for (auto& s : sites_) {
    auto& raised = s->threats().alerts();
    if (delivery_ == AlertDelivery::Direct) {
      arrived_.insert(arrived_.end(), raised.begin(), raised.end());
    } else {
      auto& out = outgoing_[s->location()];
      for (AlertRecord& a : raised) {
        if (is_cloud_detection(a)) {
          arrived_.push_back(a);
          continue;
        }
        a.in_mde = a.in_dfc = -1;  // the transport stamps them when the alert gets there
        out.push_back(a);
      }
    }
    raised.clear();
  }
  if (delivery_ == AlertDelivery::Direct) return;
  // Shards of a location raise in any order: a canonical order keeps the batches the same whatever the partition.
  const auto key = [](const AlertRecord& a) {
    return std::tie(a.detected, a.geo, a.machine, a.step, a.source, a.type, a.campaign, a.technique, a.classification);
  };
  for (auto& out : outgoing_)
    std::sort(out.begin(), out.end(), [&](const AlertRecord& a, const AlertRecord& b) { return key(a) < key(b); });
}

void FleetDriver::arrive(std::vector<AlertRecord>& alerts) {
  arrived_.insert(arrived_.end(), alerts.begin(), alerts.end());
}

// Whom an investigation's expansion reaches is the campaign's ground truth at the investigation's end, over every
// site: every step it could depend on has run (lateral arrivals are delivered a step ahead, hop >= one interval),
// and the actions reach the devices action_delay later (>= one interval: after the step).
void FleetDriver::expand_investigations() {
  ended_.clear();
  for (auto& s : sites_) {
    auto& e = s->threats().expansions();
    ended_.insert(ended_.end(), e.begin(), e.end());
    e.clear();
  }
  std::sort(ended_.begin(), ended_.end(), [](const ExpansionRequest& x, const ExpansionRequest& y) {
    return std::tie(x.time, x.origin, x.campaign) < std::tie(y.time, y.origin, y.campaign);
  });
  for (const ExpansionRequest& r : ended_) {
    devices_.clear();
    for (auto& s : sites_) s->threats().machines_with(r.campaign, r.time, devices_);
    std::erase(devices_, r.origin);
    if (devices_.empty()) continue;
    std::sort(devices_.begin(), devices_.end());
    if (devices_.size() < sc_.alerts.expansion_approval_devices) {
      desk_->count_automatic_expansion(devices_.size());
      for (const uint32_t d : devices_) owner_of(d).threats().expand_to(d, r.time + sc_.alerts.action_delay);
      continue;
    }
    expansion_requests_.push_back({r.time, r.origin, static_cast<uint32_t>(expansion_devices_.size())});
    expansion_devices_.push_back(devices_);
  }
}

DeskOutcome FleetDriver::finish_desk() {
  advance_desk(sc_.duration);
  return desk_ ? desk_->finish() : DeskOutcome{};
}

void FleetDriver::set_outages(const std::vector<std::vector<OutageInterval>>& by_location) {
  for (auto& s : sites_)
    if (s->location() < by_location.size()) s->threats().set_outages(by_location[s->location()]);
}

Site& FleetDriver::owner_of(uint32_t machine) {
  auto it = std::upper_bound(range_owner_.begin(), range_owner_.end(), std::make_pair(machine, UINT32_MAX));
  return *sites_[std::prev(it)->second];
}

// In site order, each site's outbox in the order it was filled: the same arrivals whatever the partition, and each
// target site queues them by (time, machine, campaign), so their order of delivery does not matter.
void FleetDriver::deliver_lateral_movement() {
  if (!sc_.threats.enabled) return;
  for (auto& s : sites_) {
    auto& out = s->threats().outbox();
    for (const LateralArrival& a : out) owner_of(a.target).threats().receive(a);
    out.clear();
  }
}

std::vector<std::pair<uint64_t, CampaignTally>> FleetDriver::campaign_tallies() {
  std::unordered_map<uint64_t, CampaignTally> merged;
  for (auto& s : sites_)
    for (const auto& [id, t] : s->threats().campaigns()) {
      add_tally(merged[id], t);
    }
  std::vector<std::pair<uint64_t, CampaignTally>> out(merged.begin(), merged.end());
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.second.start != b.second.start ? a.second.start < b.second.start : a.first < b.first;
  });
  return out;
}

uint64_t FleetDriver::cached_alerts() const {
  uint64_t n = 0;
  for (const auto& s : sites_) n += s->threats().cached_alerts();
  return n;
}

void FleetDriver::start() {
  pool_.run(sites_.size(), [&](size_t k) {
    const size_t i = largest_first_[k];
    reports_[i] = &sites_[i]->start();
  });
  merge_closed();
  deliver_lateral_movement();
}

void FleetDriver::run_window(SimTime from, SimTime to, const std::vector<uint8_t>& uplink_up) {
  // With threats on, the window is run in steps of one heartbeat interval (the lookahead of lateral movement:
  // a hop takes at least that long, and of the SOC's approvals: they act action_delay >= that interval after they
  // are decided), delivering the hops between sites after each step and advancing the desk to each step's end.
  // The desk's advance to the window's end waits for the next window's start, so that over SimGrid it sees the
  // alerts the platform delivered up to then (engine-free, the same instant, the same result). Only the first
  // step can close a period (periods close at whole hours, which start a window).
  advance_desk(from.seconds());
  const int64_t step = sc_.threats.enabled ? sc_.defender.heartbeat_interval : 0;
  for (SimTime a = from; a < to;) {
    SimTime b = to;
    if (step > 0) b = std::min(to, SimTime::at((a.seconds() / step + 1) * step));
    pool_.run(sites_.size(), [&](size_t k) {
      const size_t i = largest_first_[k];
      reports_[i] = sites_[i]->run_window(a, b, uplink_up[sites_[i]->location()] != 0);
    });
    if (a == from) merge_closed();
    deliver_lateral_movement();
    collect_alerts();
    if (desk_) expand_investigations();
    if (b < to) advance_desk(b.seconds());
    a = b;
  }
}

void FleetDriver::finish() {
  pool_.run(sites_.size(), [&](size_t k) {
    const size_t i = largest_first_[k];
    reports_[i] = &sites_[i]->finish_run();
  });
  merge_closed();
}

void FleetDriver::merge_closed() {
  if (reports_.empty() || reports_.front() == nullptr) return;  // every site closes the same periods
  merger_.merge(reports_);
}

std::vector<int64_t> sync_points(const Scenario& sc, const std::vector<std::vector<OutageInterval>>& outages,
                                 bool every_tick) {
  std::vector<int64_t> points;
  const int64_t step = every_tick ? sc.defender.heartbeat_interval : 3600;  // the interval divides an hour
  for (int64_t t = 0; t <= sc.duration; t += step) points.push_back(t);  // the duration is whole hours
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
