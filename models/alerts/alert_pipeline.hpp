#pragma once
// The way of an alert from the machine to Defender for Cloud, with its exact times:
//   step      the attacker's step (or the benign activity) on the machine
//   detected  the sensor's (or Defender for Cloud's) detection: at the step (detection delay, default 0)
//   sent      the detection leaves the site: at once when its uplink is up; a sensor behind a downed uplink
//             caches it and sends it when the link returns
//   in_mde    it reaches the tenant's Defender for Endpoint (`to_mde` after sent; chosen, nothing published)
//   in_dfc    it appears in Defender for Cloud's alert list: "in 10 minutes" for the test alert
//             (product-facts.md §4, alert-validation.md), the only published figure: the default
// Defender for Cloud's own Plan 2 detections are made in the cloud: no uplink, no MDE hop.
#include <cstdint>
#include <span>

#include "models/alerts/alert_types.hpp"
#include "models/network/outages.hpp"

namespace fleettwin {

struct AlertLatency {
  int64_t detection = 0;          // step to detection
  int64_t to_mde = 60;            // sent to in MDE (chosen)
  int64_t to_defender_for_cloud = 600;  // sent to in Defender for Cloud
};

// One alert, as the site raises it (statuses and incidents are decided later, by the control plane).
struct AlertRecord {
  int64_t step = 0;
  int64_t detected = 0;
  int64_t sent = -1;  // -1 while cached behind a downed uplink
  int64_t in_mde = -1;
  int64_t in_dfc = -1;
  uint64_t campaign = 0;  // 0 for benign and false positives
  uint32_t machine = 0;
  uint16_t type = 0;       // index into alert_types()
  uint16_t technique = 0;  // index into techniques()
  uint8_t tactic = 0;
  uint8_t severity = 0;
  uint8_t source = 0;          // AlertSource
  uint8_t classification = 0;  // Classification (ground truth)
  uint8_t geo = 0;             // Geo of the machine's tenant when it was raised: the MDE service it goes to
};

// The first instant at or after `detected` when the uplink is up, given its outages (sorted, disjoint).
int64_t send_time(int64_t detected, std::span<const OutageInterval> outages);

inline bool is_cloud_detection(const AlertRecord& a) {
  return a.source == static_cast<uint8_t>(AlertSource::DefenderForCloud);
}
// What Defender for Endpoint stamps when the sensor's detection reaches it, and Defender for Cloud when the alert
// reaches it: both count from the moment the detection left the site.
inline void stamp_in_mde(AlertRecord& a, const AlertLatency& latency) {
  a.in_mde = is_cloud_detection(a) ? -1 : a.sent + latency.to_mde;
}
inline void stamp_in_dfc(AlertRecord& a, const AlertLatency& latency) {
  a.in_dfc = a.sent + latency.to_defender_for_cloud;
}
// Fills sent, in_mde and in_dfc of an alert leaving the site at `sent`.
inline void stamp_sent(AlertRecord& a, int64_t sent, const AlertLatency& latency) {
  a.sent = sent;
  stamp_in_mde(a, latency);
  stamp_in_dfc(a, latency);
}

}  // namespace fleettwin
