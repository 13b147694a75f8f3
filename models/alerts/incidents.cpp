#include "models/alerts/incidents.hpp"

#include <algorithm>
#include <iterator>
#include <unordered_map>
#include <vector>

#include "models/common/memory_use.hpp"

namespace fleettwin {
namespace {

struct Open {
  int64_t created;
  int64_t last_alert;
  uint64_t campaign;
  uint32_t alerts;
  uint32_t closed_devices = 0;  // the device count once the incident is closed
  uint8_t severity;
  // Sorted. Emptied once no later alert can reach the incident (closed): at 10M machines x 30 days a hash set per
  // incident, kept to the end, was most of the 230 MB the correlator held (heaptrack).
  std::vector<uint32_t> devices;
  size_t device_count() const { return devices.empty() ? closed_devices : devices.size(); }
};

struct Last {
  int64_t time;
  uint32_t incident;
};

size_t union_size(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  size_t common = 0;
  for (size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++common, ++i, ++j;
    }
  }
  return a.size() + b.size() - common;
}

}  // namespace

struct Correlator::State {
  std::vector<Open> open;
  std::vector<uint32_t> parent;  // union-find over incident ids, rooted at the oldest
  std::vector<uint32_t> raw;     // per alert, the incident it joined
  std::unordered_map<uint32_t, Last> by_machine;
  std::unordered_map<uint64_t, Last> by_campaign;
  std::vector<uint32_t> matches, merged;
  uint64_t merges = 0, refused = 0;
  // What an alert can still reach, trimmed now and then (sweep): the incidents not yet closed, and the last alerts
  // by machine and campaign within their windows. Trimming needs the alerts in time order; given one out of order,
  // the correlator keeps everything from then on, and its answers are the same either way.
  std::vector<uint32_t> unclosed;
  int64_t latest = INT64_MIN;
  bool in_order = true;
  size_t adds_since_sweep = 0, live_after_sweep = 0;
  size_t devices_held = 0;  // Σ devices.size() over the incidents, for bytes()

  uint32_t root(uint32_t i) {
    while (parent[i] != i) i = parent[i] = parent[parent[i]];
    return i;
  }

  void sweep(const IncidentParams& p) {
    const int64_t reach = std::max(p.machine_window, p.campaign_window);
    std::erase_if(unclosed, [&](uint32_t i) {
      Open& o = open[i];
      if (root(i) != i) return true;  // merged: its devices went to its root
      if (latest - o.last_alert <= reach) return false;
      o.closed_devices = static_cast<uint32_t>(o.devices.size());
      devices_held -= o.devices.size();
      std::vector<uint32_t>().swap(o.devices);
      return true;
    });
    std::erase_if(by_machine, [&](const auto& e) { return latest - e.second.time > p.machine_window; });
    std::erase_if(by_campaign, [&](const auto& e) { return latest - e.second.time > p.campaign_window; });
    adds_since_sweep = 0;
    live_after_sweep = unclosed.size() + by_machine.size() + by_campaign.size();
  }
};

Correlator::Correlator(const IncidentParams& params) : params_(params) {}

size_t Correlator::bytes() const {
  size_t n = bytes_of(marks_);
  if (!state_) return n;
  const State& s = *state_;
  // The incidents' device lists as their sizes (counted as they change: summing their capacities would cost a pass
  // over every incident).
  return n + bytes_of(s.open) + bytes_of(s.parent) + bytes_of(s.raw) + bytes_of(s.by_machine) +
         bytes_of(s.by_campaign) + bytes_of(s.unclosed) + s.devices_held * sizeof(uint32_t);
}
Correlator::~Correlator() = default;

uint32_t Correlator::current(uint32_t id) { return state_->root(id); }

uint32_t Correlator::add(const CorrelationInput& a) {
  if (!state_) state_ = std::make_unique<State>();
  State& s = *state_;
  if (a.time < s.latest) s.in_order = false;
  s.latest = std::max(s.latest, a.time);
  s.matches.clear();
  if (auto it = s.by_machine.find(a.machine);
      it != s.by_machine.end() && a.time - it->second.time <= params_.machine_window)
    s.matches.push_back(s.root(it->second.incident));
  if (a.campaign != 0)
    if (auto it = s.by_campaign.find(a.campaign);
        it != s.by_campaign.end() && a.time - it->second.time <= params_.campaign_window)
      s.matches.push_back(s.root(it->second.incident));
  std::sort(s.matches.begin(), s.matches.end());
  s.matches.erase(std::unique(s.matches.begin(), s.matches.end()), s.matches.end());
  uint32_t target;
  if (s.matches.empty()) {
    target = static_cast<uint32_t>(s.open.size());
    s.open.push_back({a.time, a.time, a.campaign, 0, 0, 0, {}});
    s.parent.push_back(target);
    s.unclosed.push_back(target);
    marks_.push_back(0);
  } else {
    target = s.matches.front();
    for (size_t k = 1; k < s.matches.size(); ++k) {
      Open& into = s.open[target];
      Open& from = s.open[s.matches[k]];
      if (union_size(into.devices, from.devices) > params_.max_devices) {
        ++s.refused;
        continue;
      }
      s.merged.clear();
      std::set_union(into.devices.begin(), into.devices.end(), from.devices.begin(), from.devices.end(),
                     std::back_inserter(s.merged));
      s.devices_held += s.merged.size() - into.devices.size() - from.devices.size();
      into.devices.swap(s.merged);
      into.alerts += from.alerts;
      into.severity = std::max(into.severity, from.severity);
      into.last_alert = std::max(into.last_alert, from.last_alert);
      if (into.campaign == 0) into.campaign = from.campaign;
      std::vector<uint32_t>().swap(from.devices);
      s.parent[s.matches[k]] = target;
      marks_[target] = static_cast<uint8_t>(marks_[target] | marks_[s.matches[k]]);
      ++s.merges;
    }
  }
  Open& inc = s.open[target];
  if (const auto at = std::lower_bound(inc.devices.begin(), inc.devices.end(), a.machine);
      at == inc.devices.end() || *at != a.machine)
    inc.devices.insert(at, a.machine), ++s.devices_held;
  ++inc.alerts;
  inc.severity = std::max(inc.severity, a.severity);
  inc.last_alert = std::max(inc.last_alert, a.time);
  if (inc.campaign == 0) inc.campaign = a.campaign;
  s.raw.push_back(target);
  s.by_machine[a.machine] = {a.time, target};
  if (a.campaign != 0) s.by_campaign[a.campaign] = {a.time, target};
  // Amortised: a sweep costs what is live, and comes after as many adds.
  if (s.in_order && ++s.adds_since_sweep > std::max<size_t>(4096, s.live_after_sweep)) s.sweep(params_);
  return target;
}

Correlation Correlator::finish() {
  Correlation out;
  if (!state_) return out;
  State& s = *state_;
  out.merges = s.merges;
  out.merges_refused = s.refused;
  // Renumber the surviving incidents in order of creation.
  std::vector<uint32_t> number(s.open.size(), UINT32_MAX);
  for (uint32_t i = 0; i < s.open.size(); ++i)
    if (s.root(i) == i) {
      number[i] = static_cast<uint32_t>(out.incidents.size());
      const Open& o = s.open[i];
      out.incidents.push_back({o.created, o.last_alert, o.alerts, static_cast<uint32_t>(o.device_count()), o.severity,
                               o.campaign});
    }
  out.incident_of.resize(s.raw.size());
  for (size_t i = 0; i < s.raw.size(); ++i) out.incident_of[i] = number[s.root(s.raw[i])];
  return out;
}

Correlation correlate(std::span<const CorrelationInput> alerts, const IncidentParams& params) {
  Correlator c(params);
  for (const auto& a : alerts) c.add(a);
  return c.finish();
}

}  // namespace fleettwin
