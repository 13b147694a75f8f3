#pragma once
// The end of a run's threat activity: the sites' alerts through the SOC desk (suppression, incidents, the SOC
// queue, statuses) and the campaigns' ground truth summed over sites, ready for the recorder.
#include <optional>
#include <utility>
#include <vector>

#include "sim/engine/fleet_driver.hpp"
#include "sim/output/threat_record.hpp"

namespace fleettwin {

struct ThreatResults {
  bool enabled = false;
  std::optional<DeskOutcome> desk;
  std::vector<std::pair<uint64_t, CampaignTally>> campaigns;
  uint64_t cached = 0;
  uint64_t messages = 0, transfers_refused = 0;  // set by the SimGrid run (alert_transport.hpp)

  ThreatRecord record(const Scenario& sc, const FleetStore& fleet) const {
    return {enabled,  desk ? &*desk : nullptr, campaigns, [&fleet](uint32_t m) { return fleet.environment_of(m); }, cached,
            sc.soc.console == SocConsole::DefenderPortal, messages, transfers_refused};
  }
};

// Takes the alerts out of the sites (call once, after driver.finish()).
ThreatResults finish_threats(const Scenario& sc, FleetDriver& driver);

}  // namespace fleettwin
