#include <catch2/catch.hpp>

#include <cmath>

#include "models/common/random.hpp"
#include "models/threats/detection.hpp"
#include "models/threats/mitre.hpp"
#include "models/threats/playbook.hpp"
#include "models/threats/prevention.hpp"
#include "models/threats/threat_activity.hpp"

using namespace fleettwin;

TEST_CASE("MITRE tactics and techniques are found by their ids", "[threats]") {
  CHECK(find_tactic("lateral_movement") == Tactic::LateralMovement);
  CHECK(tactics()[static_cast<size_t>(Tactic::Impact)].id == "TA0040");
  CHECK_FALSE(find_tactic("lateral-movement"));
  const auto t1486 = find_technique("T1486");
  REQUIRE(t1486);
  CHECK(technique_has_tactic(*t1486, Tactic::Impact));
  CHECK_FALSE(technique_has_tactic(*t1486, Tactic::Execution));
  CHECK_FALSE(find_technique("T9999"));
}

TEST_CASE("the default playbooks use techniques filed under their step's tactic", "[threats]") {
  const ThreatParams p = default_threat_params();
  REQUIRE(p.playbooks.size() == p.mix.size());
  for (const Playbook& b : p.playbooks) {
    CHECK(b.resume_from < b.steps.size());
    for (const PlaybookStep& s : b.steps) CHECK(technique_has_tactic(s.technique, s.tactic));
  }
  CHECK(technique_has_tactic(p.initial_access[0], Tactic::InitialAccess));
  CHECK(technique_has_tactic(p.initial_access[1], Tactic::InitialAccess));
}

TEST_CASE("on Linux the playbooks' Windows-only techniques take their Linux form, under the same tactic",
          "[threats]") {
  const auto id = [](std::string_view s) { return *find_technique(s); };
  CHECK(technique_on(OsFamily::Linux, id("T1059.001")) == id("T1059.004"));
  CHECK(technique_on(OsFamily::Linux, id("T1021.002")) == id("T1021.004"));
  CHECK(technique_on(OsFamily::Linux, id("T1003.001")) == id("T1003.008"));
  CHECK(technique_on(OsFamily::WindowsServer, id("T1059.001")) == id("T1059.001"));
  CHECK(technique_on(OsFamily::Linux, id("T1486")) == id("T1486"));  // the same on both
  // No step of a playbook and no benign or false positive runs a Windows-only technique (a name that says
  // Windows, PowerShell, SMB, RDP, ...) on a Linux machine.
  const auto linux_only = [](uint16_t windows) {
    const uint16_t linux = technique_on(OsFamily::Linux, windows);
    INFO(techniques()[windows].id << " -> " << techniques()[linux].id);
    const std::string_view name = techniques()[linux].name;
    for (const std::string_view w : {"Windows", "PowerShell", "SMB", "Remote Desktop", "LSASS", "User Account",
                                     "Rundll32", "System Binary Proxy", "Registry", "Service Execution"})
      CHECK(name.find(w) == std::string_view::npos);
    return linux;
  };
  const ThreatParams p = default_threat_params();
  for (const Playbook& b : p.playbooks)
    for (const PlaybookStep& s : b.steps) CHECK(technique_has_tactic(linux_only(s.technique), s.tactic));
  for (const auto& n : p.noise.techniques) linux_only(n.technique);
}

TEST_CASE("ASR modes: block prevents, audit records, warn is bypassed and stays unblocked 24 h", "[threats]") {
  const PreventionParams params;
  const uint16_t lsass = *find_technique("T1003.001");  // covered by the LSASS rule
  REQUIRE(techniques()[lsass].asr == AsrRule::BlockLsassCredentialStealing);
  ProtectionState m{true, AntivirusMode::Active, true, AsrMode::Block, 0};
  const double no_av = 0.999;  // a draw above every antivirus block probability
  CHECK(prevent(m, Tactic::CredentialAccess, lsass, 100, params, 0.0, no_av).result == PreventionResult::BlockedByAsr);
  m.asr = AsrMode::Audit;
  CHECK(prevent(m, Tactic::CredentialAccess, lsass, 100, params, 0.0, no_av).result == PreventionResult::AuditedByAsr);
  m.asr = AsrMode::Warn;
  const auto bypassed = prevent(m, Tactic::CredentialAccess, lsass, 100, params, params.asr_warn_bypass - 1e-9, no_av);
  CHECK(bypassed.result == PreventionResult::WarnBypassed);
  CHECK(bypassed.warn_unblocked_until == 100 + 86400);
  m.warn_unblocked_until = bypassed.warn_unblocked_until;
  // Within the 24 h even a "no" draw passes; at the boundary blocking resumes.
  CHECK(prevent(m, Tactic::CredentialAccess, lsass, 100 + 86399, params, 0.99, no_av).result ==
        PreventionResult::WarnBypassed);
  CHECK(prevent(m, Tactic::CredentialAccess, lsass, 100 + 86400, params, 0.99, no_av).result ==
        PreventionResult::BlockedByAsr);
  // Passive antivirus: neither ASR nor antivirus blocking.
  m.antivirus = AntivirusMode::Passive;
  m.asr = AsrMode::Block;
  CHECK(prevent(m, Tactic::CredentialAccess, lsass, 100, params, 0.0, 0.0).result == PreventionResult::Allowed);
  // Linux: no ASR rules, antivirus blocks by tactic.
  ProtectionState lin{true, AntivirusMode::Active, false, AsrMode::Block, 0};
  CHECK(prevent(lin, Tactic::CredentialAccess, lsass, 100, params, 0.0, no_av).result == PreventionResult::Allowed);
  CHECK(prevent(lin, Tactic::Impact, lsass, 100, params, 0.0, 0.49).result == PreventionResult::BlockedByAntivirus);
}

TEST_CASE("a sensor that is not reporting sees nothing, and says why", "[threats]") {
  const DetectionParams p;
  for (SensorView v : {SensorView::NotCovered, SensorView::NotApplicable, SensorView::NotInstalled,
                       SensorView::Unhealthy, SensorView::Tampered}) {
    CHECK_FALSE(mde_detects(v, false, Tactic::Execution, p, 0.0));
    CHECK(unseen_cause(v) != UnseenCause::Missed);
  }
  CHECK(mde_detects(SensorView::Reporting, false, Tactic::Execution, p, 0.79));
  CHECK_FALSE(mde_detects(SensorView::Reporting, false, Tactic::Execution, p, 0.80));
  CHECK_FALSE(mde_detects(SensorView::Reporting, true, Tactic::Execution, p, 0.17));  // 0.8 x 0.2 = 0.16
  CHECK(unseen_cause(SensorView::Reporting) == UnseenCause::Missed);
}

TEST_CASE("Poisson arrivals: counts per window inside their 99 % interval, exponential gaps", "[threats]") {
  // 20,000 machines, one campaign a machine-year, 30 days: mean count per machine 30/365.
  const double rate = 1.0 / (365 * 86400.0);
  const int64_t window = 30 * 86400;
  const uint32_t machines = 20000;
  uint64_t total = 0;
  for (uint32_t m = 0; m < machines; ++m) {
    int64_t t = 0;
    for (;;) {
      t = next_arrival(t, rate, rng::uniform01(7, m, rng::Stream::ThreatArrival, static_cast<uint64_t>(t)));
      if (t >= window) break;
      ++total;
    }
  }
  const double mean = machines * 30.0 / 365;  // 1643.8
  // Poisson: 99 % of counts within mean +- 2.576 sqrt(mean).
  CHECK(std::abs(static_cast<double>(total) - mean) < 2.576 * std::sqrt(mean));
  CHECK(next_arrival(5, 0.0, 0.5) == kNoArrival);
  CHECK(next_arrival(5, 1.0, 0.0) == 6);  // at least a second later
}

TEST_CASE("weighted picks follow their weights", "[threats]") {
  const std::vector<double> w = {0.25, 0.45, 0.30};
  CHECK(pick_weighted(w, 0.0) == 0);
  CHECK(pick_weighted(w, 0.2499) == 0);
  CHECK(pick_weighted(w, 0.25) == 1);
  CHECK(pick_weighted(w, 0.6999) == 1);
  CHECK(pick_weighted(w, 0.7001) == 2);
  CHECK(pick_weighted(w, 0.999999) == 2);
  CHECK(campaign_origin(campaign_id(123456, 99, true)) == 123456);
  CHECK(campaign_id(1, 99, true) != campaign_id(1, 99, false));
}
