#pragma once
// Attack campaigns as kill chains: a playbook is the ordered list of steps (MITRE tactic, technique, delay after
// the previous step) an attacker runs on each machine the campaign reaches. A campaign lands on its first machine
// with an initial-access step (its technique depends on the machine's exposure: threat_activity.hpp), then runs
// the playbook's steps; a lateral-movement step reaches other machines, which start at the playbook's
// `resume_from` step after an arrival step of their own. Defaults are sourced in default_playbooks() and in
// scenarios/README.md.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/common/distribution.hpp"
#include "models/fleet/os_catalog.hpp"
#include "models/threats/mitre.hpp"

namespace fleettwin {

// Which machines a lateral-movement step can reach: those of the same region or site, or of the same subscription.
enum class LateralScope : uint8_t { Site = 0, Subscription = 1 };
inline constexpr std::array<std::string_view, 2> kLateralScopeNames = {"site", "subscription"};

struct LateralSpec {
  uint16_t fan_out_min = 1;  // machines tried per lateral-movement step: uniform in [min, max]
  uint16_t fan_out_max = 1;
  LateralScope scope = LateralScope::Site;
  uint8_t max_hops = 2;  // a machine reached after this many hops does not spread further
  Distribution hop_delay = Distribution::uniform(900, 3600);  // lateral step to the first activity on the target
};

struct PlaybookStep {
  Tactic tactic = Tactic::Execution;
  uint16_t technique = 0;                   // index into techniques()
  Distribution after = Distribution::fixed(0);  // delay after the previous step
  double tamper = 0;                        // probability the step turns the sensor off (if not prevented)
  std::optional<LateralSpec> lateral;       // a lateral-movement step
  bool ransomware = false;                  // data encrypted: the campaign ends on the machine (impact)
};

struct Playbook {
  std::string name;
  std::vector<PlaybookStep> steps;  // the steps after initial access, in order
  uint8_t resume_from = 0;          // 0-based index of the step a machine reached by lateral movement starts at
};

// ransomware, cryptominer, data_theft (the scenario may replace or add playbooks).
std::vector<Playbook> default_playbooks();

// The technique a playbook step uses on a machine of `family`: the playbooks are written with Windows techniques,
// and on Linux each Windows-only one becomes its Linux form (PowerShell and cmd become the Unix shell, a scheduled
// task a cron job, a Windows service a systemd service, UAC bypass sudo, LSASS dumping /etc/shadow, SMB, RDP and
// WinRM lateral movement SSH, cleared event logs cleared system logs, system binary proxy execution and WMI
// shell execution, service execution a systemd service, registry run keys a cron job; MITRE ATT&CK's platform
// lists). The others are the same on both. Benign and false positives take the same forms.
uint16_t technique_on(OsFamily family, uint16_t technique);

}  // namespace fleettwin
