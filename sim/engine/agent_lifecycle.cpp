#include "sim/engine/agent_lifecycle.hpp"

#include "models/agent/provisioning.hpp"
#include "models/agent/support_matrix.hpp"
#include "models/common/random.hpp"

namespace fleettwin {
namespace {
uint64_t draw_index(SimTime t) { return static_cast<uint64_t>(t.seconds()); }
}  // namespace

AgentLifecycle::AgentLifecycle(SiteContext& site, PowerBilling& power, HealthMonitor& health)
    : site_(site), power_(power), health_(health) {
  EventQueue& q = site.events;
  deploy_attempt_kind_ = q.register_kind<&AgentLifecycle::on_deploy_attempt>("agent.deploy_attempt", Lane::Machine, this);
  sensor_failure_kind_ = q.register_kind<&AgentLifecycle::on_sensor_failure>("agent.sensor_failure", Lane::Machine, this);
  sensor_repair_kind_ = q.register_kind<&AgentLifecycle::on_sensor_repair>("agent.sensor_repair", Lane::Machine, this);
  tenant_move_ready_kind_ =
      q.register_kind<&AgentLifecycle::on_tenant_move_ready>("agent.tenant_move_ready", Lane::Machine, this);
  const auto& subs = site.scenario.subscriptions;
  enabled_.assign(subs.size(), 0);
  opted_in_.assign(subs.size(), 0);
  for (size_t s = 0; s < subs.size(); ++s) {
    enabled_[s] = subs[s].enabled_at == kBeforeStart;
    opted_in_[s] = static_cast<uint8_t>((subs[s].unified_opt_in == kBeforeStart ? 1 : 0) |
                                        (subs[s].linux_opt_in == kBeforeStart ? 2 : 0));
  }
}

Issue AgentLifecycle::not_applicable(uint32_t m) const {
  const CohortSpec& cohort = site_.cohort_of(m);
  return not_applicable_reason(site_.fleet.os_of(m), cohort.environment, cohort.orchestration);
}

void AgentLifecycle::schedule(EventKind kind, uint32_t m, int64_t when) {
  if (when >= site_.scenario.duration) return;  // after the end of the run (or never: an unbounded draw)
  site_.events.schedule(kind, SimTime::at(when), m, site_.fleet.agent_epoch[m]);
}

void AgentLifecycle::schedule_after(EventKind kind, uint32_t m, SimTime t, const Distribution& delay, rng::Stream stream) {
  const double u = rng::uniform01(site_.seed, m, stream, draw_index(t));
  schedule(kind, m, t.seconds() + to_seconds(delay.quantile(u), 1));
}

void AgentLifecycle::mark_absent_at_start(uint32_t m) {
  FleetStore& f = site_.fleet;
  f.agent[m] = AgentState::Absent;
  f.health[m] = HealthClass::Absent;
  f.health_issue[m] = Issue::NotDeployed;
}

void AgentLifecycle::initialise_machine(uint32_t m) {
  FleetStore& f = site_.fleet;
  const Scenario& sc = site_.scenario;
  const CohortSpec& cohort = site_.cohort_of(m);
  const Issue na = not_applicable(m);
  if (na != Issue::None) {
    f.agent[m] = AgentState::NotApplicable;
    f.cause[m] = na;
  }
  const uint16_t sub = f.subscription[m];
  const bool covered = covers(sub, f.plan[m]);
  if (covered) f.agent_flags[m] |= kCovered;
  if (!covered || na != Issue::None) return;
  // Steady state: the outcome of the deployments made before the start.
  const Issue legacy = legacy_opt_in_needed(sc.defender.provisioning, f.os_of(m), sc.subscriptions[sub].created,
                                            opted_in_[sub] & 1, opted_in_[sub] & 2);
  const Issue prereq =
      legacy != Issue::None ? legacy : missing_prerequisite(cohort.install_failures, f.os_of(m), cohort.environment, sc.seed, m);
  if (prereq != Issue::None) {
    f.agent[m] = AgentState::InstallFailed;
    f.cause[m] = prereq;
    if (prereq == Issue::SsmAgentMissing) power_.set_no_arc(m, SimTime());
    return;
  }
  install(m, SimTime());
  health_.assume_reported_before_start(m);
}

void AgentLifecycle::on_deploy_attempt(const CalendarEntry& e) {
  if (!stale(e)) attempt_deployment(e.subject(), e.time());
}

void AgentLifecycle::on_sensor_failure(const CalendarEntry& e) {
  FleetStore& f = site_.fleet;
  const uint32_t m = e.subject();
  const SimTime t = e.time();
  if (stale(e) || f.agent[m] != AgentState::Running) return;
  f.agent[m] = AgentState::Failed;
  health_.set_reporting(m, false, t);
  schedule_after(sensor_repair_kind_, m, t, site_.cohort_of(m).agent.time_to_repair, rng::Stream::AgentRepair);
  health_.recheck(m, t);
}

void AgentLifecycle::tamper(uint32_t m, SimTime t) {
  FleetStore& f = site_.fleet;
  if (f.agent[m] != AgentState::Running) return;
  ++f.agent_epoch[m];
  f.agent[m] = AgentState::Failed;
  f.agent_flags[m] |= kTampered;
  health_.set_reporting(m, false, t);
  schedule_after(sensor_repair_kind_, m, t, site_.cohort_of(m).agent.time_to_repair, rng::Stream::AgentRepair);
  health_.recheck(m, t);
}

void AgentLifecycle::on_sensor_repair(const CalendarEntry& e) {
  FleetStore& f = site_.fleet;
  const uint32_t m = e.subject();
  const SimTime t = e.time();
  if (stale(e) || f.agent[m] != AgentState::Failed) return;
  f.agent[m] = AgentState::Running;
  f.agent_flags[m] &= static_cast<uint8_t>(~kTampered);
  health_.set_reporting(m, health_.can_report(m), t);
  schedule_after(sensor_failure_kind_, m, t, site_.cohort_of(m).agent.time_to_failure, rng::Stream::AgentFailure);
  health_.recheck(m, t);
}

void AgentLifecycle::on_tenant_move_ready(const CalendarEntry& e) {
  FleetStore& f = site_.fleet;
  const uint32_t m = e.subject();
  const SimTime t = e.time();
  if (stale(e) || f.agent[m] != AgentState::InstallFailed || f.cause[m] != Issue::TenantMovePending) return;
  f.agent[m] = AgentState::NotDeployed;
  f.cause[m] = Issue::None;
  if (f.agent_flags[m] & kCovered) start_deployment(m, t);
  health_.recheck(m, t);
}

void AgentLifecycle::set_covered(uint32_t m, bool covered, SimTime t) {
  FleetStore& f = site_.fleet;
  const bool was = f.agent_flags[m] & kCovered;
  if (covered == was) return;
  if (covered) {
    f.agent_flags[m] |= kCovered;
    // The integration is a one-time action: a sensor deployed earlier is still there (enable-defender-for-endpoint.md).
    if (f.agent[m] == AgentState::NotDeployed) start_deployment(m, t);
  } else {
    f.agent_flags[m] &= static_cast<uint8_t>(~kCovered);
  }
  health_.recheck(m, t);
}

void AgentLifecycle::start_deployment(uint32_t m, SimTime t, bool tenant_move) {
  FleetStore& f = site_.fleet;
  const Scenario& sc = site_.scenario;
  const AgentState a = f.agent[m];
  if (a == AgentState::NotApplicable || a == AgentState::Absent || is_installed(a)) return;
  ++f.agent_epoch[m];
  f.attempts[m] = 0;
  const uint16_t sub = f.subscription[m];
  const CohortSpec& cohort = site_.cohort_of(m);
  const auto& prov = sc.defender.provisioning;
  health_.recheck(m, t);
  const Issue legacy =
      legacy_opt_in_needed(prov, f.os_of(m), sc.subscriptions[sub].created, opted_in_[sub] & 1, opted_in_[sub] & 2);
  if (legacy != Issue::None) {  // "Partial" until the opt-in
    f.agent[m] = AgentState::InstallFailed;
    f.cause[m] = legacy;
    return;
  }
  if (tenant_move) {
    f.agent[m] = AgentState::InstallFailed;
    f.cause[m] = Issue::TenantMovePending;
    const double u = rng::uniform01(sc.seed, m, rng::Stream::TenantMove, draw_index(t));
    schedule(tenant_move_ready_kind_, m, t.seconds() + to_seconds(prov.tenant_move_delay.quantile(u)));
    return;
  }
  OnboardingPath path = OnboardingPath::Standard;
  if (cohort.onboarding == Onboarding::Direct)
    path = OnboardingPath::Direct;
  else if (sc.subscriptions[sub].first_of_tenant && t.seconds() == sc.subscriptions[sub].enabled_at)
    path = OnboardingPath::FirstSubscriptionOfTenant;
  const double u = rng::uniform01(sc.seed, m, rng::Stream::OnboardingDelay, draw_index(t));
  f.agent[m] = AgentState::Pending;
  f.cause[m] = Issue::None;
  schedule(deploy_attempt_kind_, m, t.seconds() + to_seconds(onboarding_delay(prov, path).quantile(u)));
}

void AgentLifecycle::attempt_deployment(uint32_t m, SimTime t) {
  FleetStore& f = site_.fleet;
  const Scenario& sc = site_.scenario;
  const AgentState a = f.agent[m];
  if (a != AgentState::Pending && a != AgentState::InstallFailed) return;
  const CohortSpec& cohort = site_.cohort_of(m);
  const auto& retry = sc.defender.provisioning.retry;
  ++f.attempts[m];
  health_.recheck(m, t);
  const Issue prereq = missing_prerequisite(cohort.install_failures, f.os_of(m), cohort.environment, sc.seed, m);
  if (prereq != Issue::None) {  // fails the same way every time: not retried
    f.agent[m] = AgentState::InstallFailed;
    f.cause[m] = prereq;
    if (prereq == Issue::SsmAgentMissing) power_.set_no_arc(m, t);
    return;
  }
  const Issue transient = transient_failure(cohort.install_failures, f.os_of(m), sc.seed, m, draw_index(t));
  if (transient != Issue::None) {
    f.agent[m] = AgentState::InstallFailed;
    f.cause[m] = transient;
    if (f.attempts[m] < retry.max_attempts)
      schedule(deploy_attempt_kind_, m, t.seconds() + retry.wait_after(f.attempts[m]));
    return;
  }
  install(m, t);
}

void AgentLifecycle::install(uint32_t m, SimTime t) {
  FleetStore& f = site_.fleet;
  const Scenario& sc = site_.scenario;
  const AgentReliability& rel = site_.cohort_of(m).agent;
  f.agent[m] = AgentState::Running;
  f.cause[m] = Issue::None;
  auto flags = static_cast<uint8_t>((f.agent_flags[m] & ~((3u << kMisconfigShift) | kTampered)) | kEverOnboarded);
  if (rel.misconfigured > 0) {
    const double u = rng::uniform01(sc.seed, m, rng::Stream::Misconfiguration, draw_index(t));
    if (u < rel.misconfigured) {
      const auto kind = static_cast<uint8_t>(1 + static_cast<int>(3.0 * u / rel.misconfigured) % 3);
      flags = static_cast<uint8_t>(flags | (kind << kMisconfigShift));
    }
  }
  f.agent_flags[m] = flags;
  f.ticks[m].seen = TickTrack{};
  health_.set_reporting(m, health_.can_report(m), t);
  schedule_after(sensor_failure_kind_, m, t, rel.time_to_failure, rng::Stream::AgentFailure);
  // No recheck here: the deployment attempt that installs has queued one at the same time.
}

// Deleting MDE.Windows / MDE.Linux: Defender for Cloud redeploys it (integration-defender-for-endpoint.md). The
// twin shows the machine as provisioning until the redeployed sensor reports.
void AgentLifecycle::remove_extension(uint32_t m, SimTime t) {
  FleetStore& f = site_.fleet;
  const AgentState a = f.agent[m];
  if (a == AgentState::NotApplicable || a == AgentState::Absent) return;
  health_.set_reporting(m, false, t);
  f.ticks[m].seen = TickTrack{};
  f.agent[m] = AgentState::NotDeployed;
  f.cause[m] = Issue::None;
  f.agent_flags[m] &= static_cast<uint8_t>(~((3u << kMisconfigShift) | kTampered));
  ++f.agent_epoch[m];
  health_.recheck(m, t);
}

void AgentLifecycle::complete_opt_in(uint32_t m, OptInKind kind, SimTime t) {
  FleetStore& f = site_.fleet;
  const Issue waiting = kind == OptInKind::UnifiedSolution ? Issue::UnifiedSolutionNotEnabled : Issue::LinuxNotEnabled;
  if (f.agent[m] != AgentState::InstallFailed || f.cause[m] != waiting) return;
  f.agent[m] = AgentState::NotDeployed;
  f.cause[m] = Issue::None;
  if (f.agent_flags[m] & kCovered) start_deployment(m, t);
}

void AgentLifecycle::make_absent(uint32_t m) {
  FleetStore& f = site_.fleet;
  f.agent[m] = AgentState::Absent;
  f.agent_flags[m] &= static_cast<uint8_t>(~kCovered);
}

void AgentLifecycle::bring_in(uint32_t m) { site_.fleet.agent[m] = AgentState::NotDeployed; }

void AgentLifecycle::discover(uint32_t m, SimTime t) {
  FleetStore& f = site_.fleet;
  const Issue na = not_applicable(m);
  if (na != Issue::None) {
    f.agent[m] = AgentState::NotApplicable;
    f.cause[m] = na;
  }
  set_covered(m, covers(f.subscription[m], f.plan[m]), t);
}

}  // namespace fleettwin
