#pragma once
// What the run hands the recorder about threats at its end: the alerts as the SOC desk left them, and every
// campaign's ground truth.
#include <cstdint>
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
  std::span<const Environment> environment;  // per machine
  uint64_t cached = 0;
  bool works_in_portal = true;
};

}  // namespace fleettwin
