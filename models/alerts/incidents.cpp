#include "models/alerts/incidents.hpp"

#include <algorithm>
#include <numeric>
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

// Union-find over incident ids, always rooted at the oldest (smallest id).
uint32_t root(std::vector<uint32_t>& parent, uint32_t i) {
  while (parent[i] != i) i = parent[i] = parent[parent[i]];
  return i;
}

}  // namespace

Correlation correlate(std::span<const CorrelationInput> alerts, const IncidentParams& params) {
  std::vector<Open> open;
  std::vector<uint32_t> parent;
  std::vector<uint32_t> raw(alerts.size());
  struct Last {
    int64_t time;
    uint32_t incident;
  };
  std::unordered_map<uint32_t, Last> by_machine;
  std::unordered_map<uint64_t, Last> by_campaign;
  Correlation out;
  std::vector<uint32_t> matches;
  for (size_t i = 0; i < alerts.size(); ++i) {
    const CorrelationInput& a = alerts[i];
    matches.clear();
    if (auto it = by_machine.find(a.machine); it != by_machine.end() && a.time - it->second.time <= params.machine_window)
      matches.push_back(root(parent, it->second.incident));
    if (a.campaign != 0)
      if (auto it = by_campaign.find(a.campaign);
          it != by_campaign.end() && a.time - it->second.time <= params.campaign_window)
        matches.push_back(root(parent, it->second.incident));
    std::sort(matches.begin(), matches.end());
    matches.erase(std::unique(matches.begin(), matches.end()), matches.end());
    uint32_t target;
    if (matches.empty()) {
      target = static_cast<uint32_t>(open.size());
      open.push_back({a.time, a.time, 0, 0, a.campaign, {}});
      parent.push_back(target);
    } else {
      target = matches.front();
      for (size_t k = 1; k < matches.size(); ++k) {
        Open& into = open[target];
        Open& from = open[matches[k]];
        size_t devices = into.devices.size();
        for (uint32_t d : from.devices) devices += into.devices.count(d) ? 0 : 1;
        if (devices > params.max_devices) {
          ++out.merges_refused;
          continue;
        }
        into.devices.insert(from.devices.begin(), from.devices.end());
        into.alerts += from.alerts;
        into.severity = std::max(into.severity, from.severity);
        into.last_alert = std::max(into.last_alert, from.last_alert);
        if (into.campaign == 0) into.campaign = from.campaign;
        from.devices.clear();
        parent[matches[k]] = target;
        ++out.merges;
      }
    }
    Open& inc = open[target];
    inc.devices.insert(a.machine);
    ++inc.alerts;
    inc.severity = std::max(inc.severity, a.severity);
    inc.last_alert = std::max(inc.last_alert, a.time);
    if (inc.campaign == 0) inc.campaign = a.campaign;
    raw[i] = target;
    by_machine[a.machine] = {a.time, target};
    if (a.campaign != 0) by_campaign[a.campaign] = {a.time, target};
  }
  // Renumber the surviving roots in order of creation.
  std::vector<uint32_t> number(open.size(), UINT32_MAX);
  for (uint32_t i = 0; i < open.size(); ++i)
    if (root(parent, i) == i) {
      number[i] = static_cast<uint32_t>(out.incidents.size());
      const Open& o = open[i];
      out.incidents.push_back({o.created, o.last_alert, o.alerts, static_cast<uint32_t>(o.devices.size()), o.severity,
                               o.campaign});
    }
  out.incident_of.resize(alerts.size());
  for (size_t i = 0; i < alerts.size(); ++i) out.incident_of[i] = number[root(parent, raw[i])];
  return out;
}

}  // namespace fleettwin
