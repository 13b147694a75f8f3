#include "sim/engine/lifecycle_actions.hpp"

#include "models/common/random.hpp"

namespace fleettwin {

LifecycleActions::LifecycleActions(SiteContext& site, PowerBilling& power, AgentLifecycle& agent, HealthMonitor& health)
    : site_(site), power_(power), agent_(agent), health_(health) {
  action_kind_ = site.events.register_kind<&LifecycleActions::on_action>("scenario.action", Lane::Scenario, this);
}

void LifecycleActions::initialise() {
  const auto& actions = site_.scenario.actions;
  for (uint32_t i = 0; i < actions.size(); ++i)
    if (actions[i].at < site_.scenario.duration) site_.events.schedule(action_kind_, SimTime::at(actions[i].at), i);
}

void LifecycleActions::on_action(const CalendarEntry& e) {
  const uint32_t index = e.subject();
  play(site_.scenario.actions[index], index, e.time());
}

void LifecycleActions::play(const LifecycleAction& a, uint32_t index, SimTime t) {
  if (a.kind == ActionKind::EnableIntegration) agent_.enable_integration(static_cast<size_t>(a.subscription));
  if (a.kind == ActionKind::OptIn) agent_.opt_in(static_cast<size_t>(a.subscription), a.opt_in);
  const FleetStore& f = site_.fleet;
  const Scenario& sc = site_.scenario;
  for (const auto& range : site_.machines) {
    if (a.cohort >= 0 && f.cohort[range.first] != a.cohort) continue;
    for (uint32_t m = range.first; m < range.first + range.count; ++m) {
      if (a.subscription >= 0 && f.subscription[m] != a.subscription) continue;
      if (a.fraction < 1.0 && rng::uniform01(sc.seed, m, rng::Stream::LifecycleSelect, index) >= a.fraction) continue;
      apply_to(a, m, t);
    }
  }
}

void LifecycleActions::apply_to(const LifecycleAction& a, uint32_t m, SimTime t) {
  const FleetStore& f = site_.fleet;
  const Scenario& sc = site_.scenario;
  const bool covered = f.agent_flags[m] & kCovered;
  switch (a.kind) {
    case ActionKind::EnableIntegration: agent_.set_covered(m, f.plan[m] != Plan::Off, t); break;
    case ActionKind::DeleteExtension: {
      const AgentState s = f.agent[m];
      if (s == AgentState::NotDeployed || s == AgentState::NotApplicable || s == AgentState::Absent) break;
      agent_.remove_extension(m, t);
      if (covered) agent_.start_deployment(m, t);
      break;
    }
    case ActionKind::Move: {
      if (f.agent[m] == AgentState::Absent) break;
      const auto to_index = static_cast<size_t>(a.to_subscription);
      const bool across_tenants = sc.subscriptions[f.subscription[m]].tenant != sc.subscriptions[to_index].tenant;
      agent_.remove_extension(m, t);  // the extension is removed and redeployed (integration-defender-for-endpoint.md)
      site_.fleet.subscription[m] = static_cast<uint16_t>(a.to_subscription);
      power_.change_plan(m, sc.subscriptions[to_index].plan, t);
      const bool now_covered = agent_.covers(to_index, sc.subscriptions[to_index].plan);
      uint8_t& flags = site_.fleet.agent_flags[m];
      flags = static_cast<uint8_t>(now_covered ? (flags | kCovered) : (flags & ~kCovered));
      if (now_covered) agent_.start_deployment(m, t, across_tenants);
      break;
    }
    case ActionKind::SetPlan:
      if (f.agent[m] == AgentState::Absent) break;
      power_.change_plan(m, a.plan, t);
      agent_.set_covered(m, agent_.covers(f.subscription[m], a.plan), t);
      break;
    case ActionKind::OptIn: agent_.complete_opt_in(m, a.opt_in, t); break;
    case ActionKind::AddCohort: bring_in(m, t); break;
    case ActionKind::RemoveCohort: make_absent(m, t); break;
  }
}

void LifecycleActions::make_absent(uint32_t m, SimTime t) {
  if (site_.fleet.agent[m] == AgentState::Absent) return;
  agent_.remove_extension(m, t);
  power_.take_out(m, t);
  agent_.make_absent(m);
  health_.recheck(m, t);
}

void LifecycleActions::bring_in(uint32_t m, SimTime t) {
  if (site_.fleet.agent[m] != AgentState::Absent) return;
  agent_.bring_in(m);
  power_.bring_in(m, t);
  agent_.discover(m, t);
  health_.recheck(m, t);
}

}  // namespace fleettwin
