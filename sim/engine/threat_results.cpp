#include "sim/engine/threat_results.hpp"

namespace fleettwin {

ThreatResults finish_threats(const Scenario& sc, FleetDriver& driver) {
  ThreatResults r;
  r.enabled = sc.threats.enabled;
  if (!r.enabled) return r;
  r.campaigns = driver.campaign_tallies();
  r.cached = driver.cached_alerts();
  r.desk = driver.finish_desk();
  return r;
}

}  // namespace fleettwin
