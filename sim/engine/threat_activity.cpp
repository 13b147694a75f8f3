#include "sim/engine/threat_activity.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

#include "models/common/memory_use.hpp"
#include "models/fleet/os_catalog.hpp"
#include "sim/engine/vulnerability_management.hpp"

namespace fleettwin {

size_t ThreatActivity::bytes() const {
  return bytes_of(location_ranges_) + bytes_of(subscription_ranges_) + bytes_of(infections_) + on_machine_.bytes() +
         bytes_of(noise_weights_) + bytes_of(by_key_) + by_campaign_.bytes() + bytes_of(pending_) +
         bytes_of(investigations_) + bytes_of(investigating_until_) + bytes_of(warn_unblocked_until_) +
         bytes_of(outbox_) + bytes_of(alerts_) + bytes_of(approvals_) + bytes_of(expansions_) + bytes_of(campaigns_);
}
namespace {
constexpr double kYear = 365.0 * 86400;
constexpr double kDay = 86400;

// Sub-draws of one step (rng::Stream::ThreatStep, at the step's time).
enum StepDraw : unsigned { kDelay, kAsr, kAntivirus, kMde, kDfc, kDfcType, kTamper, kTamperProtection };
// Sub-draws of a lateral movement (rng::Stream::ThreatLateral): the fan-out, then per target its pick and hop delay.
enum LateralDraw : unsigned { kFanOut = 0, kTarget = 1, kHopDelay = 2 };
// Sub-draws of a noise alert (rng::Stream::NoiseAlert).
enum NoiseDraw : unsigned { kNoiseGap, kNoiseKind, kNoiseTechnique };

uint32_t pick_in(std::span<const std::pair<uint32_t, uint32_t>> ranges, double u) {
  uint64_t total = 0;
  for (const auto& r : ranges) total += r.second;
  auto k = static_cast<uint64_t>(u * static_cast<double>(total));
  for (const auto& r : ranges) {
    if (k < r.second) return r.first + static_cast<uint32_t>(k);
    k -= r.second;
  }
  return ranges.back().first + ranges.back().second - 1;
}
}  // namespace

ThreatActivity::ThreatActivity(SiteContext& site, AgentLifecycle& agent)
    : site_(site), agent_(agent), params_(site.scenario.threats), enabled_(site.scenario.threats.enabled) {
  for (const auto& w : params_.noise.techniques) noise_weights_.push_back(w.weight);
  if (!enabled_) return;  // no kinds registered: the other processes' events and numbers are as without threats
  EventQueue& q = site_.events;
  arrival_kind_ = q.register_kind<&ThreatActivity::on_campaign_arrival>("threat.campaign_arrival", Lane::Machine, this);
  noise_kind_ = q.register_kind<&ThreatActivity::on_noise>("threat.noise", Lane::Machine, this);
  step_kind_ = q.register_kind<&ThreatActivity::on_step>("threat.step", Lane::Machine, this);
  investigation_kind_ = q.register_kind<&ThreatActivity::on_investigation_end>("threat.investigation_end", Lane::Machine, this);
}

double ThreatActivity::draw(uint32_t key, rng::Stream stream, int64_t t, unsigned sub) const {
  return rng::uniform01(site_.seed, key, stream, (static_cast<uint64_t>(t) << 8) | sub);
}

void ThreatActivity::initialise() {
  if (!enabled_) return;
  const Scenario& sc = site_.scenario;
  if (site_.machines.empty()) return;
  const uint16_t here = site_.fleet.location_of(site_.machines.front().first);
  subscription_ranges_.resize(sc.subscriptions.size());
  for (const auto& c : sc.cohorts) {
    if (c.count == 0) continue;
    if (c.location == here) location_ranges_.emplace_back(c.first_machine, c.count);
    subscription_ranges_[c.subscription].emplace_back(c.first_machine, c.count);
  }
  site_.for_each_machine([&](uint32_t m) {
    const int64_t from = site_.cohort_of(m).added;  // 0 unless the cohort is scaled out later
    schedule_arrival(m, from);
    schedule_noise(m, from);
  });
  // Scripted campaigns: the `machines` machines of the target with the smallest draws, the same on every site.
  for (size_t i = 0; i < sc.campaigns.size(); ++i) {
    const ScriptedCampaign& c = sc.campaigns[i];
    std::vector<std::pair<uint32_t, uint32_t>> pool;
    for (const auto& co : sc.cohorts)
      if (co.count > 0 && (c.cohort >= 0 ? &co == &sc.cohorts[static_cast<size_t>(c.cohort)]
                                          : co.location == static_cast<uint16_t>(c.location)))
        pool.emplace_back(co.first_machine, co.count);
    std::vector<std::pair<uint64_t, uint32_t>> ranked;
    for (const auto& r : pool)
      for (uint32_t m = r.first; m < r.first + r.second; ++m)
        ranked.emplace_back(rng::bits(sc.seed, m, rng::Stream::ScriptedTarget, i), m);
    const size_t k = std::min<size_t>(c.machines, ranked.size());
    std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(k), ranked.end());
    std::vector<uint32_t> targets;
    for (size_t j = 0; j < k; ++j) targets.push_back(ranked[j].second);
    std::sort(targets.begin(), targets.end());
    if (targets.empty()) continue;
    const uint64_t id = campaign_id(targets.front(), c.at, true);
    for (uint32_t m : targets) {
      const bool mine = std::any_of(site_.machines.begin(), site_.machines.end(),
                                    [&](const MachineRange& r) { return m >= r.first && m < r.first + r.count; });
      if (mine) start_campaign(m, id, c.playbook, c.at, true);
    }
  }
}

void ThreatActivity::schedule_arrival(uint32_t m, int64_t after) {
  const auto exposure = static_cast<size_t>(site_.cohort_of(m).protection.exposure);
  const double rate = params_.campaigns_per_machine_year[exposure] / kYear;
  const int64_t t = next_arrival(after, rate, draw(m, rng::Stream::ThreatArrival, after, 0));
  if (t < site_.scenario.duration) site_.events.schedule(arrival_kind_, SimTime::at(t), m);
}

void ThreatActivity::schedule_noise(uint32_t m, int64_t after) {
  const double rate = (params_.noise.benign_per_machine_day + params_.noise.false_per_machine_day) / kDay;
  const int64_t t = next_arrival(after, rate, draw(m, rng::Stream::NoiseAlert, after, kNoiseGap));
  if (t < site_.scenario.duration) site_.events.schedule(noise_kind_, SimTime::at(t), m);
}

// A machine that is off is not reachable: arrivals are thinned by the share of time it runs.
void ThreatActivity::on_campaign_arrival(const CalendarEntry& e) {
  const uint32_t m = e.subject();
  const int64_t t = e.time().seconds();
  const FleetStore& f = site_.fleet;
  if (f.agent[m] == AgentState::Absent) return;  // scaled in: no further arrivals
  schedule_arrival(m, t);
  if (!is_os_running(f.power[m])) return;
  if (vulns_ &&
      site_.cohort_of(m).protection.exposure == Exposure::InternetFacing && site_.scenario.vulnerabilities.exploitation) {
    const bool in = draw(m, rng::Stream::VulnExploit, t, 0) < vulns_->exploitation_success(m, t);
    vulns_->count_exploitation(in);
    if (!in) return;  // no open finding let it in
  }
  const auto playbook = static_cast<uint8_t>(pick_weighted(params_.mix, draw(m, rng::Stream::ThreatPlaybook, t, 0)));
  start_campaign(m, campaign_id(m, t, false), playbook, t, false);
}

void ThreatActivity::start_campaign(uint32_t m, uint64_t campaign, uint8_t playbook, int64_t t, bool scripted) {
  CampaignTally& tally = campaigns_[campaign];
  if (m == campaign_origin(campaign)) {
    tally.start = t;
    tally.origin = m;
  }
  tally.playbook = playbook;
  tally.scripted = scripted;
  const auto exposure = static_cast<size_t>(site_.cohort_of(m).protection.exposure);
  const uint32_t i = infect(campaign, m, playbook, kInitialAccess, 0, params_.initial_access[exposure], t);
  if (i != UINT32_MAX) queue_step(i, t);
}

uint32_t ThreatActivity::infect(uint64_t campaign, uint32_t m, uint8_t playbook, uint8_t next, uint8_t hop,
                                uint16_t technique, int64_t since) {
  const auto [it, inserted] = by_key_.try_emplace(InfectionKey{campaign, m}, 0);
  if (!inserted) return UINT32_MAX;  // the campaign is already on the machine
  // Infections are never reused: a step still queued for a contained one must find it done.
  const auto i = static_cast<uint32_t>(infections_.size());
  infections_.push_back({campaign, m, playbook, next, hop, false, technique, since});
  it->second = i;
  on_machine_.push(m, i);
  by_campaign_.push(campaign, i);
  CampaignTally& tally = campaigns_[campaign];
  tally.playbook = playbook;
  ++tally.machines;
  return i;
}

void ThreatActivity::queue_step(uint32_t infection, int64_t t) {
  if (t >= site_.scenario.duration) return;
  const Infection& inf = infections_[infection];
  pending_.push({t, inf.machine, inf.campaign, infection});
  site_.events.schedule(step_kind_, SimTime::at(t), inf.machine);
}

void ThreatActivity::receive(const LateralArrival& a) {
  const uint32_t i = infect(a.campaign, a.target, a.playbook, kArrival, a.hop, a.technique, a.time);
  if (i != UINT32_MAX) queue_step(i, a.time);
}

void ThreatActivity::on_step(const CalendarEntry& e) {
  const int64_t t = e.time().seconds();
  const uint32_t m = e.subject();
  // Every step of this machine at this second, in campaign order (later wakes for the same second find none).
  while (!pending_.empty() && pending_.top().time == t && pending_.top().machine == m) {
    const uint32_t i = pending_.top().infection;
    pending_.pop();
    run_step(i, t);
  }
}

SensorView ThreatActivity::sensor_view(uint32_t m) const {
  const FleetStore& f = site_.fleet;
  const AgentState a = f.agent[m];
  if (a == AgentState::NotApplicable) return SensorView::NotApplicable;
  if (!is_installed(a)) return (f.agent_flags[m] & kCovered) ? SensorView::NotInstalled : SensorView::NotCovered;
  if (f.agent_flags[m] & kTampered) return SensorView::Tampered;
  if (a == AgentState::Failed) return SensorView::Unhealthy;
  return SensorView::Reporting;
}

void ThreatActivity::run_step(uint32_t i, int64_t t) {
  Infection inf = infections_[i];
  if (inf.done) return;
  const uint32_t m = inf.machine;
  FleetStore& f = site_.fleet;
  // Its key stays in by_key_: a campaign never comes back to a machine it left.
  const auto finish = [&] { end_infection(i, t); };
  if (f.agent[m] == AgentState::Absent) return finish();
  if (!is_os_running(f.power[m])) return queue_step(i, t + params_.retry_while_off);

  const Playbook& book = params_.playbooks[inf.playbook];
  const bool initial = inf.next == kInitialAccess, arrival = inf.next == kArrival;
  const PlaybookStep* step = initial || arrival ? nullptr : &book.steps[inf.next];
  const Tactic tactic = initial ? Tactic::InitialAccess : arrival ? Tactic::LateralMovement : step->tactic;
  const OsFamily family = os_catalog()[f.os_of(m)].family;
  // The playbook's technique (what spreads to the next machine), in this machine's OS's form (what it does here).
  const uint16_t playbook_technique = step ? step->technique : inf.arrival_technique;
  const uint16_t technique = technique_on(family, playbook_technique);
  const uint32_t key = m ^ static_cast<uint32_t>(rng::mix64(inf.campaign));
  CampaignTally& tally = campaigns_[inf.campaign];
  ++tally.steps;

  const CohortSpec& cohort = site_.cohort_of(m);
  const bool windows = family != OsFamily::Linux;
  const SensorView sensor = sensor_view(m);
  ProtectionState protection;
  protection.antivirus_running = is_installed(f.agent[m]) && !(f.agent_flags[m] & kTampered);
  protection.antivirus = cohort.protection.antivirus.value_or(windows ? AntivirusMode::Active : AntivirusMode::Passive);
  protection.windows = windows;
  protection.asr = cohort.protection.asr;
  if (auto w = warn_unblocked_until_.find(m); w != warn_unblocked_until_.end()) protection.warn_unblocked_until = w->second;
  const PreventionOutcome prevented =
      prevent(protection, tactic, technique, t, params_.prevention, draw(key, rng::Stream::ThreatStep, t, kAsr),
              draw(key, rng::Stream::ThreatStep, t, kAntivirus));
  if (prevented.warn_unblocked_until != protection.warn_unblocked_until)
    warn_unblocked_until_[m] = prevented.warn_unblocked_until;

  AlertRecord base;
  base.step = t;
  base.detected = t + site_.scenario.alerts.latency.detection;
  base.campaign = inf.campaign;
  base.machine = m;
  base.technique = technique;
  base.tactic = static_cast<uint8_t>(tactic);
  base.classification = static_cast<uint8_t>(Classification::TruePositive);
  if (prevented.result == PreventionResult::BlockedByAntivirus || prevented.result == PreventionResult::BlockedByAsr) {
    ++tally.blocked;
    if (sensor == SensorView::Reporting) {  // "malware was prevented" reaches the portal through the sensor
      AlertRecord a = base;
      a.type = prevented_alert_type();
      a.source = static_cast<uint8_t>(AlertSource::Antivirus);
      raise(a);
    }
    return finish();  // the kill chain is broken on this machine
  }
  if (prevented.result == PreventionResult::AuditedByAsr) ++tally.audited;

  const bool no_sensor_data = ((f.agent_flags[m] >> kMisconfigShift) & 1u) != 0;
  bool seen = false;
  if (mde_detects(sensor, no_sensor_data, tactic, params_.detection, draw(key, rng::Stream::ThreatStep, t, kMde))) {
    AlertRecord a = base;
    a.type = mde_alert_type(technique);
    a.source = static_cast<uint8_t>(AlertSource::Edr);
    raise(a);
    seen = true;
    if (cohort.protection.air != AirLevel::None && windows && protection.antivirus_running)
      start_investigation(m, inf.campaign, alerts_.back().in_mde);
  }
  // Defender for Cloud's own Plan 2 detections need no sensor.
  const auto dfc_types = defender_for_cloud_types(alert_os(family), tactic);
  if (f.plan[m] == Plan::P2 && (f.agent_flags[m] & kCovered) && !dfc_types.empty() &&
      draw(key, rng::Stream::ThreatStep, t, kDfc) < params_.detection.defender_for_cloud[static_cast<size_t>(tactic)]) {
    AlertRecord a = base;
    const auto k = static_cast<size_t>(draw(key, rng::Stream::ThreatStep, t, kDfcType) * static_cast<double>(dfc_types.size()));
    a.type = dfc_types[std::min(k, dfc_types.size() - 1)];
    a.source = static_cast<uint8_t>(AlertSource::DefenderForCloud);
    raise(a);
    seen = true;
  }
  if (seen) {
    ++tally.detected;
    if (tally.first_detection < 0 || base.detected < tally.first_detection) tally.first_detection = base.detected;
  } else {
    ++tally.unseen[static_cast<size_t>(unseen_cause(sensor))];
  }

  if (step && step->tamper > 0 && f.agent[m] == AgentState::Running && !(f.agent_flags[m] & kTampered) &&
      draw(key, rng::Stream::ThreatStep, t, kTamper) < step->tamper &&
      (!cohort.protection.tamper_protection ||
       draw(key, rng::Stream::ThreatStep, t, kTamperProtection) < params_.tamper_protection_bypass)) {
    agent_.tamper(m, SimTime::at(t));
    ++tally.tampered;
  }
  if (step && step->lateral && inf.hop < step->lateral->max_hops)
    spread(inf, *step->lateral, playbook_technique, t, key);
  if (step && step->ransomware) {
    ++tally.impacted;
    return finish();
  }

  const uint8_t next = initial ? 0 : arrival ? book.resume_from : static_cast<uint8_t>(inf.next + 1);
  if (next >= book.steps.size()) return finish();
  infections_[i].next = next;
  const int64_t delay = to_seconds(book.steps[next].after.quantile(draw(key, rng::Stream::ThreatStep, t, kDelay)), 1);
  queue_step(i, t + delay);
}

void ThreatActivity::spread(const Infection& inf, const LateralSpec& lateral, uint16_t technique, int64_t t,
                            uint32_t key) {
  const auto& ranges = lateral.scope == LateralScope::Site
                           ? location_ranges_
                           : subscription_ranges_[site_.fleet.subscription[inf.machine]];
  if (ranges.empty()) return;
  const auto span = static_cast<uint32_t>(lateral.fan_out_max - lateral.fan_out_min + 1);
  const uint32_t fan = lateral.fan_out_min +
                       std::min(span - 1, static_cast<uint32_t>(draw(key, rng::Stream::ThreatLateral, t, kFanOut) * span));
  const int64_t min_hop = site_.scenario.defender.heartbeat_interval;
  for (uint32_t k = 0; k < fan; ++k) {
    const uint32_t target = pick_in(ranges, draw(key, rng::Stream::ThreatLateral, t, kTarget + 2 * k));
    if (target == inf.machine) continue;
    const int64_t hop =
        std::max(min_hop, to_seconds(lateral.hop_delay.quantile(draw(key, rng::Stream::ThreatLateral, t, kHopDelay + 2 * k)), 1));
    outbox_.push_back({t + hop, inf.campaign, target, technique, inf.playbook, static_cast<uint8_t>(inf.hop + 1)});
  }
}

void ThreatActivity::raise(AlertRecord a) {
  a.severity = static_cast<uint8_t>(alert_types()[a.type].severity);
  const Scenario& sc = site_.scenario;
  a.geo = static_cast<uint8_t>(sc.tenants[sc.subscriptions[site_.fleet.subscription[a.machine]].tenant].geo);
  // The site's own expectation of when the detection leaves, from the outage plan its uplink's SimGrid profile is
  // made of: automated investigation starts from it. The SimGrid transport (alert_transport.hpp) really sends it
  // and refuses the run if the platform disagrees.
  const int64_t sent = is_cloud_detection(a) ? a.detected : send_time(a.detected, outages_);
  if (sent > a.detected) ++cached_;
  stamp_sent(a, sent, sc.alerts.latency);
  alerts_.push_back(a);
}

// Automated investigation (full or semi automation, Windows, Defender Antivirus running): it starts when the alert
// reaches MDE; later alerts of the device join the running one. At its end, full automation remediates the machine;
// semi automation asks the SOC, and the machine is remediated when an analyst approves (remediate_at).
void ThreatActivity::start_investigation(uint32_t m, uint64_t campaign, int64_t in_mde) {
  auto [it, inserted] = investigating_until_.try_emplace(m, -1);
  if (!inserted && it->second >= in_mde) return;  // joins the running investigation
  const AlertSettings& s = site_.scenario.alerts;
  const int64_t end = in_mde + rng::uniform_seconds(s.air_duration_min, s.air_duration_max, site_.scenario.seed, m,
                                                    rng::Stream::AirInvestigation, static_cast<uint64_t>(in_mde));
  it->second = end;
  if (end >= site_.scenario.duration) return;
  investigations_.push({end, m, campaign, 0});
  site_.events.schedule(investigation_kind_, SimTime::at(end), m);
}

void ThreatActivity::on_investigation_end(const CalendarEntry& e) {
  const int64_t t = e.time().seconds();
  const uint32_t m = e.subject();
  while (!investigations_.empty() && investigations_.top().time == t && investigations_.top().machine == m) {
    const uint32_t kind = investigations_.top().infection;
    investigations_.pop();
    const auto it = on_machine_.find(m);
    // The investigation's own end (not an approval or an expansion coming back): it expands from the entities of
    // every campaign it found on the machine to the other devices where they are (the control plane's part).
    if (kind == 0 && it != on_machine_.end())
      for (uint32_t i : it->second)
        if (!infections_[i].done) expansions_.push_back({t, infections_[i].campaign, m});
    // Semi automation: the investigation's actions wait for the SOC's approval (the driver's desk).
    if (kind != kApproved && site_.cohort_of(m).protection.air == AirLevel::Semi) {
      approvals_.push_back({t, m});
      continue;
    }
    // Remediation needs the sensor running on the machine; it ends every campaign on it.
    if (site_.fleet.agent[m] != AgentState::Running || (site_.fleet.agent_flags[m] & kTampered)) continue;
    if (it == on_machine_.end()) continue;
    for (uint32_t i : it->second) {
      if (infections_[i].done) continue;
      CampaignTally& tally = campaigns_[infections_[i].campaign];
      ++tally.contained;
      if (tally.first_containment < 0) tally.first_containment = t;
      tally.last_containment = std::max(tally.last_containment, t);
      end_infection(i, t);
    }
    on_machine_.erase(it);
  }
}

void ThreatActivity::machines_with(uint64_t campaign, int64_t t, std::vector<uint32_t>& out) const {
  const auto it = by_campaign_.find(campaign);
  if (it == by_campaign_.end()) return;
  for (const uint32_t i : it->second) {
    const Infection& inf = infections_[i];
    // Present at the instant t, before what happens at t: investigations that end together find each other.
    if (inf.since <= t && (inf.ended < 0 || inf.ended >= t)) out.push_back(inf.machine);
  }
}

void ThreatActivity::expand_to(uint32_t m, int64_t t) {
  if (t >= site_.scenario.duration) return;
  if (site_.cohort_of(m).protection.air == AirLevel::None) return;
  if (os_catalog()[site_.fleet.os_of(m)].family == OsFamily::Linux) return;  // AIR is Windows only
  investigations_.push({t, m, 0, kExpanded});
  site_.events.schedule(investigation_kind_, SimTime::at(t), m);
}

void ThreatActivity::remediate_at(uint32_t m, int64_t t) {
  if (t >= site_.scenario.duration) return;
  investigations_.push({t, m, 0, kApproved});
  site_.events.schedule(investigation_kind_, SimTime::at(t), m);
}

void ThreatActivity::on_noise(const CalendarEntry& e) {
  const uint32_t m = e.subject();
  const int64_t t = e.time().seconds();
  if (site_.fleet.agent[m] == AgentState::Absent) return;
  schedule_noise(m, t);
  if (!is_os_running(site_.fleet.power[m]) || sensor_view(m) != SensorView::Reporting) return;
  const NoiseParams& n = params_.noise;
  AlertRecord a;
  a.step = t;
  a.detected = t + site_.scenario.alerts.latency.detection;
  a.machine = m;
  const double total = n.benign_per_machine_day + n.false_per_machine_day;
  a.classification = static_cast<uint8_t>(draw(m, rng::Stream::NoiseAlert, t, kNoiseKind) * total < n.benign_per_machine_day
                                              ? Classification::BenignPositive
                                              : Classification::FalsePositive);
  a.technique = technique_on(os_catalog()[site_.fleet.os_of(m)].family,
                             n.techniques[pick_weighted(noise_weights_, draw(m, rng::Stream::NoiseAlert, t, kNoiseTechnique))].technique);
  const TacticMask mask = techniques()[a.technique].tactics;
  a.tactic = static_cast<uint8_t>(std::countr_zero(static_cast<unsigned>(mask)));
  a.type = mde_alert_type(a.technique);
  a.source = static_cast<uint8_t>(AlertSource::Edr);
  raise(a);
}

}  // namespace fleettwin
