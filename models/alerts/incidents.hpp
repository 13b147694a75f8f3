#pragma once
// Alerts correlated into incidents. Defender XDR correlates alerts on shared entities (device, user, file, IP)
// over a 35-minute window and a 2-day window (GraphWeaver, arXiv 2406.01842; threat-vulnerability-sweep-facts.md
// §2); the product's algorithm is not published. The twin's rule, deterministic, in the order alerts appear in
// Defender for Cloud (ties: the alert order given):
//   - an alert joins an incident that holds an alert of the same machine at most `machine_window` earlier;
//   - an alert of an attack joins an incident that holds an alert of the same campaign at most `campaign_window`
//     earlier (the campaign's attacker account, IPs and tools are the shared entities);
//   - when it matches several incidents they are merged into the oldest, except when the merged incident would hold
//     more than `max_devices` machines (the entity cap: [DD] alerts-incidents-correlation.md); then it joins the
//     oldest alone;
//   - otherwise it opens a new incident.
// An incident's severity is its highest alert's.
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace fleettwin {

struct IncidentParams {
  int64_t machine_window = 35 * 60;
  int64_t campaign_window = 2 * 86400;
  uint32_t max_devices = 50;  // chosen: the documented cap's value is not published
};

struct CorrelationInput {
  int64_t time;        // in Defender for Cloud
  uint32_t machine;
  uint64_t campaign;   // 0: not an attack
  uint8_t severity;
};

struct Incident {
  int64_t created = 0;
  int64_t last_alert = 0;
  uint32_t alerts = 0;
  uint32_t devices = 0;
  uint8_t severity = 0;
  uint64_t campaign = 0;  // the first campaign of its alerts (0: none)
};

struct Correlation {
  std::vector<uint32_t> incident_of;  // per alert, the index of its incident (after merges)
  std::vector<Incident> incidents;    // surviving incidents renumbered in order of creation
  uint64_t merges = 0;
  uint64_t merges_refused = 0;  // over the entity cap
};

// Alerts one at a time, in the order they appear: an alert's incident depends only on the alerts before it.
class Correlator {
 public:
  explicit Correlator(const IncidentParams& params);
  Correlator(const Correlator&) = delete;
  Correlator& operator=(const Correlator&) = delete;
  ~Correlator();
  // The incident the alert joins (or opens), after the merges it causes: an id until the next merge.
  uint32_t add(const CorrelationInput& alert);
  // The incident an id belongs to now.
  uint32_t current(uint32_t id);
  // A mark per incident that merges keep (the desk's "investigated").
  bool marked(uint32_t id) { return marks_[current(id)] != 0; }
  void mark(uint32_t id) { marks_[current(id)] = 1; }
  Correlation finish();
  size_t bytes() const;  // held now (models/common/memory_use.hpp)

 private:
  struct State;
  IncidentParams params_;
  std::unique_ptr<State> state_;
  std::vector<uint8_t> marks_;
};

Correlation correlate(std::span<const CorrelationInput> alerts, const IncidentParams& params);

}  // namespace fleettwin
