// Threats, alerts and the SOC: the `threats`, `alerts` and `soc` sections, the cohorts' protection keys, and
// scripted campaigns (events with a `campaign`).
#include <algorithm>

#include "sim/scenario/duration.hpp"
#include "sim/scenario/quote.hpp"
#include "sim/scenario/sections.hpp"
#include "sim/scenario/timezone.hpp"

namespace fleettwin::yaml {
namespace {

std::string tactic_list() {
  std::string s;
  for (const auto& t : tactics()) s += (s.empty() ? "" : ", ") + std::string(t.key);
  return s;
}

// A mapping tactic -> probability, over the defaults.
PerTactic read_per_tactic(const Value& v, PerTactic values) {
  for (const Entry& e : entries(v)) {
    const auto t = find_tactic(e.key);
    if (!t) e.value.fail("unknown tactic " + quote_value(e.key) + " (expected one of: " + tactic_list() + ")");
    values[static_cast<size_t>(*t)] = e.value.number(0, 1);
  }
  return values;
}

// A mapping severity -> duration distribution, over the defaults.
void read_per_severity(const Value& v, std::array<Distribution, 4>& values) {
  for (const Entry& e : entries(v)) {
    const auto it = std::find(kSeverityNames.begin(), kSeverityNames.end(), e.key);
    if (it == kSeverityNames.end())
      e.value.fail("unknown severity " + quote_value(e.key) + " (expected one of: " + join(kSeverityNames) + ")");
    values[static_cast<size_t>(it - kSeverityNames.begin())] = read_distribution(e.value);
  }
}

size_t find_playbook_named(const Scenario& sc, const std::string& name, const Value& v) {
  for (size_t i = 0; i < sc.threats.playbooks.size(); ++i)
    if (sc.threats.playbooks[i].name == name) return i;
  std::string known;
  for (const auto& p : sc.threats.playbooks) known += (known.empty() ? "" : ", ") + p.name;
  v.fail("unknown playbook " + quote_value(name) + " (expected one of: " + known + ")");
}

size_t find_playbook(const Scenario& sc, const Value& v) { return find_playbook_named(sc, v.name(), v); }

}  // namespace

void read_cohort_protection(const Map& c, CohortSpec& spec) {
  auto& p = spec.protection;
  // Scale sets and autoscaled fleets serve traffic: exposed unless said otherwise.
  p.exposure = spec.orchestration != Orchestration::None || spec.power.kind == ScheduleKind::Autoscale
                   ? Exposure::InternetFacing
                   : Exposure::Internal;
  if (auto x = c.get("exposure")) p.exposure = static_cast<Exposure>(x->choice(kExposureNames));
  if (auto x = c.get("antivirus")) p.antivirus = static_cast<AntivirusMode>(x->choice(kAntivirusModeNames));
  if (auto x = c.get("asr")) p.asr = static_cast<AsrMode>(x->choice(kAsrModeNames));
  if (auto x = c.get("tamper_protection")) p.tamper_protection = x->choice(std::array<std::string_view, 2>{"off", "on"}) == 1;
  if (auto x = c.get("air")) p.air = static_cast<AirLevel>(x->choice(kAirLevelNames));
}

void read_threats(const Map& m, Scenario& sc) {
  ThreatParams& t = sc.threats;
  if (auto tv = m.get("threats")) {
    Map tm(*tv, {"enabled", "campaigns_per_machine_year", "mix", "noise", "tamper_protection_bypass", "retry_while_off",
                 "detection", "prevention"});
    if (auto x = tm.get("enabled")) t.enabled = x->boolean();
    if (auto rv = tm.get("campaigns_per_machine_year")) {
      Map r(*rv, {"internet_facing", "internal"});
      if (auto x = r.get("internet_facing")) t.campaigns_per_machine_year[0] = x->number(0, 1e4);
      if (auto x = r.get("internal")) t.campaigns_per_machine_year[1] = x->number(0, 1e4);
    }
    if (auto mv = tm.get("mix")) {
      std::vector<double> mix(t.playbooks.size(), 0.0);
      for (const Entry& e : entries(*mv)) mix[find_playbook_named(sc, e.key, e.value)] = e.value.number(0, 1e6);
      double total = 0;
      for (double w : mix) total += w;
      if (!(total > 0)) mv->fail("the playbook weights sum to zero");
      t.mix = mix;
    }
    if (auto nv = tm.get("noise")) {
      Map n(*nv, {"benign_per_machine_day", "false_per_machine_day"});
      if (auto x = n.get("benign_per_machine_day")) t.noise.benign_per_machine_day = x->number(0, 1e4);
      if (auto x = n.get("false_per_machine_day")) t.noise.false_per_machine_day = x->number(0, 1e4);
    }
    if (auto x = tm.get("tamper_protection_bypass")) t.tamper_protection_bypass = x->number(0, 1);
    if (auto x = tm.get("retry_while_off")) t.retry_while_off = x->duration(60, 7 * 86400);
    if (auto dv = tm.get("detection")) {
      Map d(*dv, {"mde", "defender_for_cloud", "no_sensor_data_factor"});
      if (auto x = d.get("mde")) t.detection.mde = read_per_tactic(*x, t.detection.mde);
      if (auto x = d.get("defender_for_cloud")) t.detection.defender_for_cloud = read_per_tactic(*x, t.detection.defender_for_cloud);
      if (auto x = d.get("no_sensor_data_factor")) t.detection.no_sensor_data_factor = x->number(0, 1);
    }
    if (auto pv = tm.get("prevention")) {
      Map p(*pv, {"antivirus_block", "asr_warn_bypass", "asr_warn_unblocked_for"});
      if (auto x = p.get("antivirus_block")) t.prevention.antivirus_block = read_per_tactic(*x, t.prevention.antivirus_block);
      if (auto x = p.get("asr_warn_bypass")) t.prevention.asr_warn_bypass = x->number(0, 1);
      if (auto x = p.get("asr_warn_unblocked_for")) t.prevention.asr_warn_unblocked_for = x->duration(0, 365 * 86400);
    }
  }

  AlertSettings& a = sc.alerts;
  if (auto av = m.get("alerts")) {
    Map am(*av, {"latency", "suppression", "incidents", "air"});
    if (auto lv = am.get("latency")) {
      Map l(*lv, {"detection", "to_mde", "to_defender_for_cloud"});
      if (auto x = l.get("detection")) a.latency.detection = x->duration(0, 7 * 86400);
      if (auto x = l.get("to_mde")) a.latency.to_mde = x->duration(0, 7 * 86400);
      if (auto x = l.get("to_defender_for_cloud")) a.latency.to_defender_for_cloud = x->duration(0, 7 * 86400);
      if (a.latency.to_defender_for_cloud < a.latency.to_mde)
        lv->fail("an MDE alert reaches Defender for Cloud through MDE: to_defender_for_cloud must be at least to_mde");
    }
    if (auto sv = am.get("suppression")) {
      for (const Value& r : sv->list()) {
        const std::string name = r.str();
        const auto types = find_alert_types(name);
        if (types.empty())
          r.fail("no alert type " + quote_value(name) +
                 " (a suppression rule names an alert type id such as VM_AmBroadFilesExclusion, or an alert's display "
                 "name: every output file lists them in /threats/alert_types)");
        a.suppressed.insert(a.suppressed.end(), types.begin(), types.end());
        a.suppression_rules.push_back(name);
      }
      std::sort(a.suppressed.begin(), a.suppressed.end());
      a.suppressed.erase(std::unique(a.suppressed.begin(), a.suppressed.end()), a.suppressed.end());
    }
    if (auto iv = am.get("incidents")) {
      Map i(*iv, {"machine_window", "campaign_window", "max_devices"});
      if (auto x = i.get("machine_window")) a.incidents.machine_window = x->duration(0, 30 * 86400);
      if (auto x = i.get("campaign_window")) a.incidents.campaign_window = x->duration(0, 365 * 86400);
      if (auto x = i.get("max_devices")) a.incidents.max_devices = static_cast<uint32_t>(x->integer(1, 1'000'000));
    }
    if (auto rv = am.get("air")) {
      Map r(*rv, {"duration", "pending_timeout", "action_delay", "expansion_approval_devices"});
      if (auto x = r.get("expansion_approval_devices"))
        a.expansion_approval_devices = static_cast<uint32_t>(x->integer(1, 1'000'000));
      if (auto x = r.get("action_delay")) {
        a.action_delay = x->duration(0, 7 * 86400);
        if (a.action_delay < sc.defender.heartbeat_interval)
          x->fail("an approved action takes at least the heartbeat interval to reach the machine (the control plane "
                  "hands it to the sites between steps of that length)");
      }
      if (auto x = r.get("duration")) {
        const DurationRange d = read_range(*x, {a.air_duration_min, a.air_duration_max}, 30 * 86400);
        a.air_duration_min = d.min;
        a.air_duration_max = d.max;
      }
      if (auto x = r.get("pending_timeout")) a.pending_timeout = x->duration(60, 365 * 86400);
    }
  }

  SocSpec& s = sc.soc;
  std::optional<Value> analysts_value;
  if (auto sv = m.get("soc")) {
    Map so(*sv, {"analysts", "timezone", "shifts", "triage", "investigation", "informational", "console"});
    if (auto x = so.get("analysts")) {
      s.analysts = static_cast<uint32_t>(x->integer(0, 1'000'000));
      analysts_value = x;
    }
    if (auto x = so.get("timezone")) {
      s.timezone = x->str();
      if (auto why = check_timezone(s.timezone)) x->fail(*why);
    }
    if (auto x = so.get("shifts"))
      for (const Value& v : x->list()) {
        Map w(v, {"days", "start", "end", "analysts"});
        SocShift shift;
        shift.window = WeeklyWindow{read_days(w.get("days"), 0x7f), w.need("start").time_of_day(), w.need("end").time_of_day()};
        shift.analysts = static_cast<uint32_t>(w.need("analysts").integer(0, 1'000'000));
        s.shifts.push_back(shift);
      }
    if (auto x = so.get("triage")) read_per_severity(*x, s.service.triage);
    if (auto x = so.get("investigation")) read_per_severity(*x, s.service.investigation);
    if (auto x = so.get("informational")) s.informational = x->boolean();
    if (auto x = so.get("console")) s.console = static_cast<SocConsole>(x->choice(kSocConsoleNames));
  }
  if (t.enabled) {
    uint32_t most = s.analysts;
    for (const auto& sh : s.shifts) most += sh.analysts;
    if (most == 0) {
      const std::string what = "the SOC has no analyst on any shift while threats raise alerts (threats.enabled)";
      if (analysts_value) analysts_value->fail(what);
      throw ScenarioError(sc.source + ": soc.analysts: " + what);
    }
  }
}

void read_campaign_event(const Value& v, Scenario& sc, int64_t at) {
  Map d(v, {"playbook", "cohort", "region", "site", "machines"});
  ScriptedCampaign c;
  c.at = at;
  c.playbook = static_cast<uint8_t>(find_playbook(sc, d.need("playbook")));
  if (auto x = d.get("cohort")) c.cohort = find_cohort(sc, *x);
  for (const char* key : {"region", "site"})
    if (auto x = d.get(key)) {
      const std::string name = x->name();
      for (size_t i = 0; i < sc.locations.size(); ++i)
        if (sc.locations[i].name == name && (sc.locations[i].environment == Environment::OnPrem) == (key[0] == 's'))
          c.location = static_cast<int32_t>(i);
      if (c.location < 0) x->fail("no cohort is in the " + std::string(key) + " " + quote_value(name));
    }
  if ((c.cohort >= 0) + (c.location >= 0) != 1) d.self().fail("name exactly one of 'cohort', 'region' or 'site'");
  if (auto x = d.get("machines")) c.machines = static_cast<uint32_t>(x->integer(1, 100'000'000));
  sc.campaigns.push_back(c);
}

}  // namespace fleettwin::yaml
