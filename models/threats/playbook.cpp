#include "models/threats/playbook.hpp"

#include <stdexcept>
#include <string_view>
#include <utility>

namespace fleettwin {
namespace {

constexpr double kMinute = 60, kHour = 3600, kDay = 86400;

PlaybookStep step(Tactic tactic, std::string_view technique, Distribution after) {
  const auto code = find_technique(technique);
  if (!code) throw std::logic_error("default playbook names an unknown technique");
  return {tactic, *code, after, 0, std::nullopt, false};
}

Distribution minutes(double median) { return Distribution::lognormal(median * kMinute, 1.0); }

}  // namespace

// Timings: breakout (initial access to the first lateral move) averaged 62 min in 2023 and 29 min in 2025
// (CrowdStrike, threat-vulnerability-sweep-facts.md §1): the steps before the lateral move add up to a median of
// about 45 min. Median dwell time 10 days, ransomware 6 days (Mandiant, Sophos): the long waits before impact
// and collection. Techniques: T1059 is the most frequent technique in confirmed threats, then T1218, T1543 and
// T1053 (Red Canary 2021). The rest (which techniques, fan-out, tamper probabilities) is chosen.
std::vector<Playbook> default_playbooks() {
  std::vector<Playbook> out;
  {
    Playbook p{"ransomware", {}, 1};
    p.steps.push_back(step(Tactic::Execution, "T1059.001", minutes(5)));
    p.steps.push_back(step(Tactic::Persistence, "T1053.005", minutes(5)));
    p.steps.push_back(step(Tactic::PrivilegeEscalation, "T1548.002", minutes(10)));
    p.steps.push_back(step(Tactic::CredentialAccess, "T1003.001", minutes(10)));
    p.steps.push_back(step(Tactic::Discovery, "T1018", minutes(5)));
    PlaybookStep lateral = step(Tactic::LateralMovement, "T1021.002", minutes(10));
    lateral.lateral = LateralSpec{1, 3, LateralScope::Site, 3, Distribution::uniform(15 * kMinute, kHour)};
    p.steps.push_back(lateral);
    PlaybookStep evasion = step(Tactic::DefenseEvasion, "T1562.001", Distribution::lognormal(4 * kDay, 0.8));
    evasion.tamper = 0.5;
    p.steps.push_back(evasion);
    p.steps.push_back(step(Tactic::Impact, "T1490", Distribution::lognormal(2 * kHour, 0.5)));
    PlaybookStep encrypt = step(Tactic::Impact, "T1486", minutes(30));
    encrypt.ransomware = true;
    p.steps.push_back(encrypt);
    out.push_back(std::move(p));
  }
  {
    Playbook p{"cryptominer", {}, 0};
    p.steps.push_back(step(Tactic::Execution, "T1059.004", minutes(5)));
    p.steps.push_back(step(Tactic::Persistence, "T1053.003", minutes(10)));
    PlaybookStep evasion = step(Tactic::DefenseEvasion, "T1562.001", minutes(10));
    evasion.tamper = 0.3;
    p.steps.push_back(evasion);
    p.steps.push_back(step(Tactic::CommandAndControl, "T1105", minutes(5)));
    p.steps.push_back(step(Tactic::Impact, "T1496", minutes(10)));
    PlaybookStep lateral = step(Tactic::LateralMovement, "T1021.004", Distribution::lognormal(kDay, 1.0));
    lateral.lateral = LateralSpec{1, 2, LateralScope::Subscription, 2, Distribution::uniform(15 * kMinute, 2 * kHour)};
    p.steps.push_back(lateral);
    out.push_back(std::move(p));
  }
  {
    Playbook p{"data_theft", {}, 1};
    p.steps.push_back(step(Tactic::Execution, "T1059.001", minutes(10)));
    p.steps.push_back(step(Tactic::Persistence, "T1543.003", minutes(30)));
    p.steps.push_back(step(Tactic::CredentialAccess, "T1003.001", minutes(60)));
    p.steps.push_back(step(Tactic::Discovery, "T1087", minutes(30)));
    PlaybookStep lateral = step(Tactic::LateralMovement, "T1021.001", minutes(120));
    lateral.lateral = LateralSpec{1, 2, LateralScope::Site, 2, Distribution::uniform(15 * kMinute, 2 * kHour)};
    p.steps.push_back(lateral);
    p.steps.push_back(step(Tactic::Collection, "T1560.001", Distribution::lognormal(5 * kDay, 0.8)));
    p.steps.push_back(step(Tactic::CommandAndControl, "T1071.001", minutes(60)));
    p.steps.push_back(step(Tactic::Exfiltration, "T1041", minutes(60)));
    out.push_back(std::move(p));
  }
  return out;
}

uint16_t technique_on(OsFamily family, uint16_t technique) {
  if (family != OsFamily::Linux) return technique;
  static const std::vector<std::pair<uint16_t, uint16_t>> kLinux = [] {
    constexpr std::pair<std::string_view, std::string_view> kPairs[] = {
        {"T1059.001", "T1059.004"}, {"T1059.003", "T1059.004"}, {"T1059.005", "T1059.004"},
        {"T1053.005", "T1053.003"}, {"T1543.003", "T1543.002"}, {"T1548.002", "T1548.003"},
        {"T1003.001", "T1003.008"}, {"T1021.001", "T1021.004"}, {"T1021.002", "T1021.004"},
        {"T1021.006", "T1021.004"}, {"T1070.001", "T1070.002"}, {"T1218", "T1059.004"},
        {"T1218.011", "T1059.004"}, {"T1047", "T1059.004"}, {"T1569.002", "T1543.002"},
        {"T1547.001", "T1053.003"},
    };
    std::vector<std::pair<uint16_t, uint16_t>> out;
    for (const auto& [windows, linux] : kPairs) {
      const auto w = find_technique(windows), l = find_technique(linux);
      if (!w || !l) throw std::logic_error("Linux technique table names an unknown technique");
      out.emplace_back(*w, *l);
    }
    return out;
  }();
  for (const auto& [windows, linux] : kLinux)
    if (windows == technique) return linux;
  return technique;
}

}  // namespace fleettwin
