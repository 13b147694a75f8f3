#pragma once
// The Defender for Endpoint agent of a site's machines: coverage by a plan with the integration on, automatic
// deployment of MDE.Windows / MDE.Linux with its delays, prerequisites, transient failures and retries
// (models/agent/provisioning.hpp), the sensor's failures and repairs, legacy opt-ins and moves across tenants.
//
// Event kinds (machine lane), each carrying the machine's agent epoch so that a redeployment or a removal voids
// the events still pending from the earlier one: a deployment attempt, a sensor failure, a sensor repair, and the
// end of the manual steps after a move across tenants.
#include <cstdint>
#include <vector>

#include "models/common/distribution.hpp"
#include "models/common/random.hpp"
#include "sim/engine/health_monitor.hpp"
#include "sim/engine/power_billing.hpp"
#include "sim/engine/site_context.hpp"

namespace fleettwin {

class AgentLifecycle {
 public:
  AgentLifecycle(SiteContext& site, PowerBilling& power, HealthMonitor& health);

  // The steady state at the start: a subscription whose integration was on before the run has its sensors
  // installed where they can be; otherwise deployment starts when the integration is turned on.
  void initialise_machine(uint32_t m);
  // A cohort scaled out later in the run: the machine does not exist yet.
  void mark_absent_at_start(uint32_t m);

  // Subscription settings, from the time they are played on.
  void enable_integration(size_t subscription) { enabled_[subscription] = 1; }
  void opt_in(size_t subscription, OptInKind kind) { opted_in_[subscription] |= kind == OptInKind::UnifiedSolution ? 1 : 2; }
  bool covers(size_t subscription, Plan plan) const { return enabled_[subscription] && plan != Plan::Off; }

  // Per-machine operations (lifecycle actions).
  void set_covered(uint32_t m, bool covered, SimTime t);
  void start_deployment(uint32_t m, SimTime t, bool tenant_move = false);
  // Deleting MDE.Windows / MDE.Linux, or a move: the sensor is gone until redeployed.
  void remove_extension(uint32_t m, SimTime t);
  // A legacy subscription's opt-in clears the machine's "Partial" state: it deploys if covered.
  void complete_opt_in(uint32_t m, OptInKind kind, SimTime t);
  // An attacker turns the running sensor off at t: it stops reporting (a heartbeat issue) until repaired; the
  // epoch bump voids its pending failure, so that the repair is the only way back.
  void tamper(uint32_t m, SimTime t);
  // Scale-in: the machine leaves (after its extension was removed and it was powered off).
  void make_absent(uint32_t m);
  // Scale-out: the machine exists from now on, without a sensor (before its power state is set, so that it does
  // not report yet)...
  void bring_in(uint32_t m);
  // ...then the support matrix and its subscription's coverage apply, at t.
  void discover(uint32_t m, SimTime t);

 private:
  void on_deploy_attempt(const CalendarEntry& e);
  void on_sensor_failure(const CalendarEntry& e);
  void on_sensor_repair(const CalendarEntry& e);
  void on_tenant_move_ready(const CalendarEntry& e);
  bool stale(const CalendarEntry& e) const { return e.epoch != site_.fleet.agent_epoch[e.subject()]; }
  // Schedules the machine's event at `when` (seconds since the start; none at or after the end of the run).
  void schedule(EventKind kind, uint32_t m, int64_t when);
  // Schedules the machine's event a delay drawn from `delay` (at least a second) after t.
  void schedule_after(EventKind kind, uint32_t m, SimTime t, const Distribution& delay, rng::Stream stream);
  void attempt_deployment(uint32_t m, SimTime t);
  void install(uint32_t m, SimTime t);
  Issue not_applicable(uint32_t m) const;

  SiteContext& site_;
  PowerBilling& power_;
  HealthMonitor& health_;
  EventKind deploy_attempt_kind_, sensor_failure_kind_, sensor_repair_kind_, tenant_move_ready_kind_;
  std::vector<uint8_t> enabled_;    // per subscription: Endpoint protection (the integration) is on
  std::vector<uint8_t> opted_in_;   // per subscription: bit 0 unified solution, bit 1 Linux
};

}  // namespace fleettwin
