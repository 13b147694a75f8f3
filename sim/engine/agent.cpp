// The Defender for Endpoint side of a site: provisioning, the sensor's failures and repairs, lifecycle actions,
// heartbeat delivery and the four-hourly health evaluation (models/health/health_evaluation.hpp states the rule).
// Health is incremental: a machine is re-classified only at the evaluations its changes can affect (the next
// two, and the one where its last heartbeat turns seven days old), so an evaluation costs O(changes), not O(N).
#include <cassert>

#include "models/agent/provisioning.hpp"
#include "models/common/random.hpp"
#include "models/agent/support_matrix.hpp"
#include "sim/engine/site.hpp"

namespace fleettwin {

uint8_t Site::geo_of(uint32_t m) const { return geo_by_subscription_[fleet_.subscription[m]]; }

int Site::meter_group_of(uint32_t m) const {
  if (fleet_.agent_flags[m] & kNoArc) return -1;  // no Arc resource, nothing to bill (quickstart-onboard-aws.md)
  return meter_group(fleet_.plan[m], fleet_.environment[m]);
}

bool Site::can_report(uint32_t m) const {
  return fleet_.agent[m] == AgentState::Running && is_os_running(fleet_.power[m]) && link_up_;
}

void Site::initialise_health_state() {
  geo_by_subscription_.clear();
  for (const auto& sub : sc_.subscriptions)
    geo_by_subscription_.push_back(static_cast<uint8_t>(sc_.tenants[sub.tenant].geo));
  enabled_.assign(sc_.subscriptions.size(), 0);
  opted_in_.assign(sc_.subscriptions.size(), 0);
  for (size_t s = 0; s < sc_.subscriptions.size(); ++s) {
    const auto& sub = sc_.subscriptions[s];
    enabled_[s] = sub.enabled_at == kBeforeStart;
    opted_in_[s] = static_cast<uint8_t>((sub.unified_opt_in == kBeforeStart ? 1 : 0) | (sub.linux_opt_in == kBeforeStart ? 2 : 0));
  }
  for (uint32_t i = 0; i < sc_.actions.size(); ++i)
    if (sc_.actions[i].at < sc_.duration)
      calendar_.push({static_cast<uint32_t>(sc_.actions[i].at), i, kLifecycle, 0, 0});
}

// The state at the start: a subscription whose integration was on before the run is in steady state (sensors
// installed where they can be); otherwise deployment starts when the integration is turned on.
void Site::initialise_agent(uint32_t m) {
  const CohortSpec& cohort = sc_.cohorts[fleet_.cohort[m]];
  const Issue na = not_applicable_reason(fleet_.os[m], cohort.environment, cohort.orchestration);
  if (na != Issue::None) {
    fleet_.agent[m] = AgentState::NotApplicable;
    fleet_.cause[m] = na;
  }
  const uint16_t sub = fleet_.subscription[m];
  const bool covered = enabled_[sub] && fleet_.plan[m] != Plan::Off;
  if (covered) fleet_.agent_flags[m] |= kCovered;
  if (!covered || na != Issue::None || !enabled_[sub]) return;
  // Steady state: the outcome of the deployments made before the start.
  const Issue legacy = legacy_opt_in_needed(sc_.defender.provisioning, fleet_.os[m], sc_.subscriptions[sub].created,
                                            opted_in_[sub] & 1, opted_in_[sub] & 2);
  const Issue prereq = legacy != Issue::None
                           ? legacy
                           : missing_prerequisite(cohort.install_failures, fleet_.os[m], cohort.environment, sc_.seed, m);
  if (prereq != Issue::None) {
    fleet_.agent[m] = AgentState::InstallFailed;
    fleet_.cause[m] = prereq;
    if (prereq == Issue::SsmAgentMissing) set_no_arc(m, 0);
    return;
  }
  install(m, 0);
  // Reported before the start: the first windows find it healthy whatever its power state at the start.
  fleet_.seen[m].last = -heartbeat_interval_;
  if (fleet_.os_on[m].last == kNoTime) fleet_.os_on[m].last = -heartbeat_interval_;
}

void Site::schedule_agent(uint32_t m, int64_t when, uint8_t kind) {
  if (when >= sc_.duration) return;
  calendar_.push({static_cast<uint32_t>(when), m, kind, 0, fleet_.agent_epoch[m]});
}

void Site::handle_agent(const CalendarEntry& e) {
  if (e.kind == kLifecycle) {
    play_action(e.machine, e.time);
    return;
  }
  const uint32_t m = e.machine;
  const uint32_t t = e.time;
  if (e.spare != fleet_.agent_epoch[m]) return;  // a redeployment or removal overtook it
  const AgentReliability& rel = sc_.cohorts[fleet_.cohort[m]].agent;
  switch (e.kind) {
    case kDeployAttempt: attempt_deployment(m, t); break;
    case kAgentFailure:
      if (fleet_.agent[m] != AgentState::Running) break;
      fleet_.agent[m] = AgentState::Failed;
      set_reporting(m, false, t);
      schedule_agent(m, t + to_seconds(rel.time_to_repair.quantile(rng::uniform01(sc_.seed, m, rng::Stream::AgentRepair, t)), 1),
                     kAgentRepair);
      queue_recheck(m, t);
      break;
    case kAgentRepair:
      if (fleet_.agent[m] != AgentState::Failed) break;
      fleet_.agent[m] = AgentState::Running;
      set_reporting(m, can_report(m), t);
      schedule_agent(m, t + to_seconds(rel.time_to_failure.quantile(rng::uniform01(sc_.seed, m, rng::Stream::AgentFailure, t)), 1),
                     kAgentFailure);
      queue_recheck(m, t);
      break;
    case kTenantMoveReady:
      if (fleet_.agent[m] != AgentState::InstallFailed || fleet_.cause[m] != Issue::TenantMovePending) break;
      fleet_.agent[m] = AgentState::NotDeployed;
      fleet_.cause[m] = Issue::None;
      if (fleet_.agent_flags[m] & kCovered) start_deployment(m, t);
      queue_recheck(m, t);
      break;
    default: break;
  }
}

void Site::set_covered(uint32_t m, bool covered, uint32_t t) {
  const bool was = fleet_.agent_flags[m] & kCovered;
  if (covered == was) return;
  if (covered) {
    fleet_.agent_flags[m] |= kCovered;
    // The integration is a one-time action: a sensor deployed earlier is still there (enable-defender-for-endpoint.md).
    if (fleet_.agent[m] == AgentState::NotDeployed) start_deployment(m, t);
  } else {
    fleet_.agent_flags[m] &= static_cast<uint8_t>(~kCovered);
  }
  queue_recheck(m, t);
}

void Site::start_deployment(uint32_t m, uint32_t t, bool tenant_move) {
  const AgentState a = fleet_.agent[m];
  if (a == AgentState::NotApplicable || a == AgentState::Absent || is_installed(a)) return;
  ++fleet_.agent_epoch[m];
  fleet_.attempts[m] = 0;
  const uint16_t sub = fleet_.subscription[m];
  const CohortSpec& cohort = sc_.cohorts[fleet_.cohort[m]];
  const auto& prov = sc_.defender.provisioning;
  queue_recheck(m, t);
  const Issue legacy =
      legacy_opt_in_needed(prov, fleet_.os[m], sc_.subscriptions[sub].created, opted_in_[sub] & 1, opted_in_[sub] & 2);
  if (legacy != Issue::None) {  // "Partial" until the opt-in
    fleet_.agent[m] = AgentState::InstallFailed;
    fleet_.cause[m] = legacy;
    return;
  }
  if (tenant_move) {
    fleet_.agent[m] = AgentState::InstallFailed;
    fleet_.cause[m] = Issue::TenantMovePending;
    const double u = rng::uniform01(sc_.seed, m, rng::Stream::TenantMove, t);
    schedule_agent(m, t + to_seconds(prov.tenant_move_delay.quantile(u)), kTenantMoveReady);
    return;
  }
  OnboardingPath path = OnboardingPath::Standard;
  if (cohort.onboarding == Onboarding::Direct) path = OnboardingPath::Direct;
  else if (sc_.subscriptions[sub].first_of_tenant && static_cast<int64_t>(t) == sc_.subscriptions[sub].enabled_at)
    path = OnboardingPath::FirstSubscriptionOfTenant;
  const double u = rng::uniform01(sc_.seed, m, rng::Stream::OnboardingDelay, t);
  fleet_.agent[m] = AgentState::Pending;
  fleet_.cause[m] = Issue::None;
  schedule_agent(m, t + to_seconds(onboarding_delay(prov, path).quantile(u)), kDeployAttempt);
}

void Site::attempt_deployment(uint32_t m, uint32_t t) {
  const AgentState a = fleet_.agent[m];
  if (a != AgentState::Pending && a != AgentState::InstallFailed) return;
  const CohortSpec& cohort = sc_.cohorts[fleet_.cohort[m]];
  const auto& retry = sc_.defender.provisioning.retry;
  ++fleet_.attempts[m];
  queue_recheck(m, t);
  const Issue prereq = missing_prerequisite(cohort.install_failures, fleet_.os[m], cohort.environment, sc_.seed, m);
  if (prereq != Issue::None) {  // fails the same way every time: not retried
    fleet_.agent[m] = AgentState::InstallFailed;
    fleet_.cause[m] = prereq;
    if (prereq == Issue::SsmAgentMissing) set_no_arc(m, t);
    return;
  }
  const Issue transient = transient_failure(cohort.install_failures, fleet_.os[m], sc_.seed, m, t);
  if (transient != Issue::None) {
    fleet_.agent[m] = AgentState::InstallFailed;
    fleet_.cause[m] = transient;
    if (fleet_.attempts[m] < retry.max_attempts) schedule_agent(m, t + retry.wait_after(fleet_.attempts[m]), kDeployAttempt);
    return;
  }
  install(m, t);
}

void Site::install(uint32_t m, uint32_t t) {
  const AgentReliability& rel = sc_.cohorts[fleet_.cohort[m]].agent;
  fleet_.agent[m] = AgentState::Running;
  fleet_.cause[m] = Issue::None;
  uint8_t flags = static_cast<uint8_t>((fleet_.agent_flags[m] & ~(3u << kMisconfigShift)) | kEverOnboarded);
  if (rel.misconfigured > 0) {
    const double u = rng::uniform01(sc_.seed, m, rng::Stream::Misconfiguration, t);
    if (u < rel.misconfigured) {
      const auto kind = static_cast<uint8_t>(1 + static_cast<int>(3.0 * u / rel.misconfigured) % 3);
      flags = static_cast<uint8_t>(flags | (kind << kMisconfigShift));
    }
  }
  fleet_.agent_flags[m] = flags;
  fleet_.seen[m] = TickTrack{};
  set_reporting(m, can_report(m), t);
  const double u = rng::uniform01(sc_.seed, m, rng::Stream::AgentFailure, t);
  schedule_agent(m, t + to_seconds(rel.time_to_failure.quantile(u), 1), kAgentFailure);
  // No recheck here: the deployment attempt that installs has queued one at the same time.
}

// Deleting MDE.Windows / MDE.Linux: Defender for Cloud redeploys it (integration-defender-for-endpoint.md). The
// twin shows the machine as provisioning until the redeployed sensor reports.
void Site::remove_extension(uint32_t m, uint32_t t) {
  const AgentState a = fleet_.agent[m];
  if (a == AgentState::NotApplicable || a == AgentState::Absent) return;
  set_reporting(m, false, t);
  fleet_.seen[m] = TickTrack{};
  fleet_.agent[m] = AgentState::NotDeployed;
  fleet_.cause[m] = Issue::None;
  fleet_.agent_flags[m] &= static_cast<uint8_t>(~(3u << kMisconfigShift));
  ++fleet_.agent_epoch[m];
  queue_recheck(m, t);
}

void Site::set_reporting(uint32_t m, bool reporting, uint32_t t) {
  TickTrack& s = fleet_.seen[m];
  if (reporting == s.holds()) return;
  if (reporting) {
    s.begin(static_cast<int32_t>(t));
    ++reporting_by_geo_[geo_of(m)];
  } else {
    s.end(static_cast<int32_t>(t), heartbeat_interval_);
    --reporting_by_geo_[geo_of(m)];
  }
}

void Site::on_os_running_changed(uint32_t m, bool running, uint32_t t) {
  if (running)
    fleet_.os_on[m].begin(static_cast<int32_t>(t));
  else
    fleet_.os_on[m].end(static_cast<int32_t>(t), heartbeat_interval_);
  set_reporting(m, can_report(m), t);
  if (!initialising_) queue_recheck(m, t);
}

void Site::set_no_arc(uint32_t m, uint32_t t) {
  if (fleet_.agent_flags[m] & kNoArc) return;
  const int g = meter_group_of(m);
  if (g >= 0 && is_billable(fleet_.power[m])) close_billing(m, g, t);
  fleet_.agent_flags[m] |= kNoArc;
}

void Site::change_plan(uint32_t m, Plan plan, uint32_t t) {
  if (plan == fleet_.plan[m]) return;
  const int old_group = meter_group_of(m);
  const bool billing = is_billable(fleet_.power[m]);
  if (old_group >= 0 && billing) close_billing(m, old_group, t);
  fleet_.plan[m] = plan;
  const int new_group = meter_group_of(m);
  if (new_group >= 0 && billing) open_billing(m, new_group, t);
}

void Site::make_absent(uint32_t m, uint32_t t) {
  if (fleet_.agent[m] == AgentState::Absent) return;
  remove_extension(m, t);
  set_state(m, fleet_.environment[m] == Environment::Azure ? PowerState::Deallocated : PowerState::ArcExpired, t);
  ++fleet_.epoch[m];  // pending power follow-ups are void
  fleet_.agent[m] = AgentState::Absent;
  fleet_.agent_flags[m] &= static_cast<uint8_t>(~kCovered);
  queue_recheck(m, t);
}

void Site::bring_in(uint32_t m, uint32_t t) {
  if (fleet_.agent[m] != AgentState::Absent) return;
  const uint16_t c = fleet_.cohort[m];
  const CohortSpec& cohort = sc_.cohorts[c];
  fleet_.agent[m] = AgentState::NotDeployed;
  const PowerChange now = schedules_[c].at(sc_.start + t, rank(m));
  const PowerState s0 = initial_power_state(is_arc_environment(cohort.environment), now.on, cohort.power.off_action);
  set_state(m, s0, t);
  apply(m, initial_follow_up(s0, sc_.power), t);
  schedule_change(m, now.next_change);
  const Issue na = not_applicable_reason(fleet_.os[m], cohort.environment, cohort.orchestration);
  if (na != Issue::None) {
    fleet_.agent[m] = AgentState::NotApplicable;
    fleet_.cause[m] = na;
  }
  set_covered(m, enabled_[fleet_.subscription[m]] && fleet_.plan[m] != Plan::Off, t);
  queue_recheck(m, t);
}

void Site::play_action(uint32_t index, uint32_t t) {
  const LifecycleAction& a = sc_.actions[index];
  if (a.kind == ActionKind::EnableIntegration) enabled_[static_cast<size_t>(a.subscription)] = 1;
  if (a.kind == ActionKind::OptIn)
    opted_in_[static_cast<size_t>(a.subscription)] |= static_cast<uint8_t>(a.opt_in == OptInKind::UnifiedSolution ? 1 : 2);
  for (const auto& range : machines_) {
    if (a.cohort >= 0 && fleet_.cohort[range.first] != a.cohort) continue;
    for (uint32_t m = range.first; m < range.first + range.count; ++m) {
      if (a.subscription >= 0 && fleet_.subscription[m] != a.subscription) continue;
      if (a.fraction < 1.0 && rng::uniform01(sc_.seed, m, rng::Stream::LifecycleSelect, index) >= a.fraction) continue;
      const bool covered = fleet_.agent_flags[m] & kCovered;
      switch (a.kind) {
        case ActionKind::EnableIntegration: set_covered(m, fleet_.plan[m] != Plan::Off, t); break;
        case ActionKind::DeleteExtension: {
          const AgentState s = fleet_.agent[m];
          if (s == AgentState::NotDeployed || s == AgentState::NotApplicable || s == AgentState::Absent) break;
          remove_extension(m, t);
          if (covered) start_deployment(m, t);
          break;
        }
        case ActionKind::Move: {
          if (fleet_.agent[m] == AgentState::Absent) break;
          const auto& from = sc_.subscriptions[fleet_.subscription[m]];
          const auto& to = sc_.subscriptions[static_cast<size_t>(a.to_subscription)];
          const bool across_tenants = from.tenant != to.tenant;
          remove_extension(m, t);  // the extension is removed and redeployed (integration-defender-for-endpoint.md)
          fleet_.subscription[m] = static_cast<uint16_t>(a.to_subscription);
          change_plan(m, to.plan, t);
          const bool now_covered = enabled_[static_cast<size_t>(a.to_subscription)] && to.plan != Plan::Off;
          fleet_.agent_flags[m] = static_cast<uint8_t>(now_covered ? (fleet_.agent_flags[m] | kCovered)
                                                                   : (fleet_.agent_flags[m] & ~kCovered));
          if (now_covered) start_deployment(m, t, across_tenants);
          break;
        }
        case ActionKind::SetPlan:
          if (fleet_.agent[m] == AgentState::Absent) break;
          change_plan(m, a.plan, t);
          set_covered(m, enabled_[fleet_.subscription[m]] && a.plan != Plan::Off, t);
          break;
        case ActionKind::OptIn: {
          const Issue waiting = a.opt_in == OptInKind::UnifiedSolution ? Issue::UnifiedSolutionNotEnabled : Issue::LinuxNotEnabled;
          if (fleet_.agent[m] != AgentState::InstallFailed || fleet_.cause[m] != waiting) break;
          fleet_.agent[m] = AgentState::NotDeployed;
          fleet_.cause[m] = Issue::None;
          if (covered) start_deployment(m, t);
          break;
        }
        case ActionKind::AddCohort: bring_in(m, t); break;
        case ActionKind::RemoveCohort: make_absent(m, t); break;
      }
    }
  }
}

int64_t Site::evaluation_after(int64_t t) const {
  if (t < first_evaluation_) return 1;
  return (t - first_evaluation_) / kEvaluationPeriod + 2;
}

void Site::queue_at(uint32_t m, int64_t evaluation) {
  assert(evaluation > next_evaluation_ - 1 && evaluation - next_evaluation_ < static_cast<int64_t>(kRecheckRing));
  recheck_[static_cast<size_t>(evaluation) % kRecheckRing].push_back(m);
}

// The evaluations a change at t can affect: the next one, the one after (when the last heartbeat leaves the
// window), and the one at which the last heartbeat turns seven days old (Inactive).
void Site::queue_recheck(uint32_t m, uint32_t t) {
  if (initialising_) return;
  const int64_t k = evaluation_after(t);
  queue_at(m, k);
  queue_at(m, k + 1);
  const TickTrack& s = fleet_.seen[m];
  if (!s.holds() && s.last != kNoTime) {
    const int64_t k7 = evaluation_after(static_cast<int64_t>(s.last) + kInactiveAfter);
    if (k7 > k + 1) queue_at(m, k7);
  }
}

std::pair<HealthClass, Issue> Site::classify(uint32_t m, int32_t time) const {
  switch (fleet_.agent[m]) {
    case AgentState::Absent: return {HealthClass::Absent, Issue::NotDeployed};
    default: break;
  }
  if (!(fleet_.agent_flags[m] & kCovered)) return {HealthClass::NotCovered, Issue::NoPlan};
  switch (fleet_.agent[m]) {
    case AgentState::NotApplicable: return {HealthClass::NotApplicable, fleet_.cause[m]};
    case AgentState::NotDeployed:
    case AgentState::Pending: return {HealthClass::Provisioning, Issue::AwaitingDeployment};
    case AgentState::InstallFailed: return {HealthClass::InstallationIssue, fleet_.cause[m]};
    default: break;
  }
  switch (judge_window(fleet_.seen[m], fleet_.os_on[m], time, heartbeat_interval_)) {
    case WindowVerdict::NeverReported: return {HealthClass::Provisioning, Issue::AwaitingFirstReport};
    case WindowVerdict::Reported: {
      const auto mis = static_cast<Misconfiguration>((fleet_.agent_flags[m] >> kMisconfigShift) & 3);
      if (mis == Misconfiguration::None) return {HealthClass::Healthy, Issue::None};
      return {HealthClass::HeartbeatIssue,
              mis == Misconfiguration::ImpairedCommunication ? Issue::ImpairedCommunications : Issue::NoSensorData};
    }
    case WindowVerdict::Silent:
      if (fleet_.agent[m] == AgentState::Running && !link_up_) return {HealthClass::HeartbeatIssue, Issue::SiteUnreachable};
      return {HealthClass::HeartbeatIssue, Issue::AgentNotReporting};
    case WindowVerdict::PoweredOff: break;
  }
  // Off at every tick of the window: not expected to report, the previous evaluation stands.
  return {fleet_.health[m], fleet_.health_issue[m]};
}

uint8_t Site::sensor_state(uint32_t m, int32_t time) const {
  const bool ever = fleet_.agent_flags[m] & kEverOnboarded;
  const auto mis = static_cast<Misconfiguration>((fleet_.agent_flags[m] >> kMisconfigShift) & 3);
  return static_cast<uint8_t>(sensor_health(ever, fleet_.seen[m].last_before(time, heartbeat_interval_), time, mis));
}

HealthReport Site::initial_health() {
  HealthReport r;
  r.evaluation = 0;
  r.time = 0;
  for (const auto& range : machines_)
    for (uint32_t m = range.first; m < range.first + range.count; ++m) {
      const auto [cls, issue] = classify(m, 0);
      fleet_.health[m] = cls;
      fleet_.health_issue[m] = issue;
      fleet_.sensor[m] = sensor_state(m, 0);
      ++class_counts_[static_cast<size_t>(cls)];
      ++sensor_counts_[fleet_.sensor[m]];
      r.changes.push_back({m, cls, issue});
    }
  r.counts = class_counts_;
  r.sensor = sensor_counts_;
  return r;
}

HealthReport Site::evaluate(int64_t index, int32_t time) {
  assert(index == next_evaluation_);
  HealthReport r;
  r.evaluation = index;
  r.time = time;
  auto& bucket = recheck_[static_cast<size_t>(index) % kRecheckRing];
  const auto mark = static_cast<uint32_t>(index);
  for (const uint32_t m : bucket) {
    if (fleet_.eval_mark[m] == mark) continue;  // queued more than once
    fleet_.eval_mark[m] = mark;
    const auto [cls, issue] = classify(m, time);
    const uint8_t sensor = sensor_state(m, time);
    if (sensor != fleet_.sensor[m]) {
      --sensor_counts_[fleet_.sensor[m]];
      ++sensor_counts_[sensor];
      fleet_.sensor[m] = sensor;
    }
    if (cls == fleet_.health[m] && issue == fleet_.health_issue[m]) continue;
    --class_counts_[static_cast<size_t>(fleet_.health[m])];
    ++class_counts_[static_cast<size_t>(cls)];
    fleet_.health[m] = cls;
    fleet_.health_issue[m] = issue;
    r.changes.push_back({m, cls, issue});
  }
  // A processed slot is reused 64 evaluations later: keeping a large capacity in each of the 64 slots held
  // ~250 MiB at 1M machines (SIMGRID-NOTES pitfall 10 again), so large slots give their storage back.
  if (bucket.capacity() > 16384) std::vector<uint32_t>().swap(bucket);
  else bucket.clear();
  ++next_evaluation_;
  r.counts = class_counts_;
  r.sensor = sensor_counts_;
  return r;
}

void Site::heartbeat_batch_result(int32_t time, bool delivered) {
  const auto t = static_cast<uint32_t>(time);
  if (delivered) {
    for (const int64_t n : reporting_by_geo_) heartbeats_delivered_ += static_cast<uint64_t>(n);
    if (link_up_) return;
    link_up_ = true;
    for (const auto& range : machines_)
      for (uint32_t m = range.first; m < range.first + range.count; ++m)
        if (can_report(m)) {
          set_reporting(m, true, t);
          queue_recheck(m, t);
        }
    return;
  }
  ++batches_lost_;
  if (!link_up_) return;
  link_up_ = false;
  for (const auto& range : machines_)
    for (uint32_t m = range.first; m < range.first + range.count; ++m)
      if (fleet_.seen[m].holds()) {
        set_reporting(m, false, t);
        queue_recheck(m, t);
      }
}

}  // namespace fleettwin
