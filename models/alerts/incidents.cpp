#include "models/alerts/incidents.hpp"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace fleettwin {
namespace {

struct Open {
  int64_t created;
  int64_t last_alert;
  uint32_t alerts;
  uint8_t severity;
  uint64_t campaign;
  std::unordered_set<uint32_t> devices;
};

struct Last {
  int64_t time;
  uint32_t incident;
};

}  // namespace

struct Correlator::State {
  std::vector<Open> open;
  std::vector<uint32_t> parent;  // union-find over incident ids, rooted at the oldest
  std::vector<uint32_t> raw;     // per alert, the incident it joined
  std::unordered_map<uint32_t, Last> by_machine;
  std::unordered_map<uint64_t, Last> by_campaign;
  std::vector<uint32_t> matches;
  uint64_t merges = 0, refused = 0;

  uint32_t root(uint32_t i) {
    while (parent[i] != i) i = parent[i] = parent[parent[i]];
    return i;
  }
};

Correlator::Correlator(const IncidentParams& params) : params_(params) {}
Correlator::~Correlator() = default;

uint32_t Correlator::current(uint32_t id) { return state_->root(id); }

uint32_t Correlator::add(const CorrelationInput& a) {
  if (!state_) state_ = std::make_unique<State>();
  State& s = *state_;
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
    s.open.push_back({a.time, a.time, 0, 0, a.campaign, {}});
    s.parent.push_back(target);
    marks_.push_back(0);
  } else {
    target = s.matches.front();
    for (size_t k = 1; k < s.matches.size(); ++k) {
      Open& into = s.open[target];
      Open& from = s.open[s.matches[k]];
      size_t devices = into.devices.size();
      for (uint32_t d : from.devices) devices += into.devices.count(d) ? 0 : 1;
      if (devices > params_.max_devices) {
        ++s.refused;
        continue;
      }
      into.devices.insert(from.devices.begin(), from.devices.end());
      into.alerts += from.alerts;
      into.severity = std::max(into.severity, from.severity);
      into.last_alert = std::max(into.last_alert, from.last_alert);
      if (into.campaign == 0) into.campaign = from.campaign;
      from.devices.clear();
      s.parent[s.matches[k]] = target;
      marks_[target] = static_cast<uint8_t>(marks_[target] | marks_[s.matches[k]]);
      ++s.merges;
    }
  }
  Open& inc = s.open[target];
  inc.devices.insert(a.machine);
  ++inc.alerts;
  inc.severity = std::max(inc.severity, a.severity);
  inc.last_alert = std::max(inc.last_alert, a.time);
  if (inc.campaign == 0) inc.campaign = a.campaign;
  s.raw.push_back(target);
  s.by_machine[a.machine] = {a.time, target};
  if (a.campaign != 0) s.by_campaign[a.campaign] = {a.time, target};
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
      out.incidents.push_back({o.created, o.last_alert, o.alerts, static_cast<uint32_t>(o.devices.size()), o.severity,
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
