#include "sim/engine/threat_results.hpp"

#include "sim/scenario/schedules.hpp"

namespace fleettwin {

ThreatResults finish_threats(const Scenario& sc, FleetDriver& driver) {
  ThreatResults r;
  r.enabled = sc.threats.enabled;
  if (!r.enabled) return r;
  r.campaigns = driver.campaign_tallies();
  r.cached = driver.cached_alerts();
  const std::vector<StaffingChange> staffing = soc_staffing(sc);
  DeskParams p;
  p.suppressed = sc.alerts.suppressed;
  p.incidents = sc.alerts.incidents;
  p.staffing = staffing;
  p.service = sc.soc.service;
  p.informational = sc.soc.informational;
  p.works_in_portal = sc.soc.console == SocConsole::DefenderPortal;
  p.seed = sc.seed;
  p.horizon = sc.duration;
  r.desk = run_desk(driver.take_alerts(), p);
  return r;
}

}  // namespace fleettwin
