#pragma once
// What the run hands the recorder about threats at its end: the alerts as the SOC desk left them, and every
// campaign's ground truth.
#include <cstdint>
#include <functional>
#include <span>
#include <utility>
#include <vector>

#include "models/fleet/fleet_types.hpp"
#include "models/soc/soc_desk.hpp"
#include "models/threats/campaign_tally.hpp"

namespace fleettwin {

struct ThreatRecord {
  bool enabled = false;
  const DeskOutcome* desk = nullptr;  // null when threats are off
  std::span<const std::pair<uint64_t, CampaignTally>> campaigns;  // in order of start
  std::function<Environment(uint32_t)> environment;  // of a machine
  uint64_t cached = 0;
  bool works_in_portal = true;
  // Over the SimGrid platform (alert_transport.hpp; 0 in engine-free runs): batches that reached an MDE service,
  // and transfers a downed uplink refused (a cached batch is refused again at every point until its link is back).
  uint64_t messages = 0;
  uint64_t transfers_refused = 0;
};

}  // namespace fleettwin
