#pragma once
// The scenario's lifecycle actions at their exact times (scenario.events, subscription settings and cohort
// scale-out / scale-in, sorted by the scenario reader): the integration turned on, extensions deleted, moves,
// plan changes, legacy opt-ins, cohorts added and removed. One event kind on the scenario lane, whose subject is
// the action's index: at one second, actions run before the machines' own events, in the scenario's order.
#include <cstdint>

#include "sim/engine/agent_lifecycle.hpp"
#include "sim/engine/health_monitor.hpp"
#include "sim/engine/power_billing.hpp"
#include "sim/engine/site_context.hpp"

namespace fleettwin {

class LifecycleActions {
 public:
  LifecycleActions(SiteContext& site, PowerBilling& power, AgentLifecycle& agent, HealthMonitor& health);
  // Schedules every action of the scenario that falls within the run.
  void initialise();

 private:
  void on_action(const CalendarEntry& e);
  void play(const LifecycleAction& action, uint32_t index, SimTime t);
  void apply_to(const LifecycleAction& action, uint32_t m, SimTime t);
  void make_absent(uint32_t m, SimTime t);
  void bring_in(uint32_t m, SimTime t);

  SiteContext& site_;
  PowerBilling& power_;
  AgentLifecycle& agent_;
  HealthMonitor& health_;
  EventKind action_kind_;
};

}  // namespace fleettwin
