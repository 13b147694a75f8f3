#pragma once
// Threat activity on a fleet: attack campaigns that arrive per machine as Poisson processes whose rate depends on
// the machine's exposure, scripted campaigns at given times and targets, and the benign-positive and
// false-positive alerts every fleet raises. A campaign runs a playbook (playbook.hpp) on each machine it reaches.
//
// Draws are counter-based (models/common/random.hpp), indexed by the time they are made at, so that a machine's
// threat history never depends on which site or thread runs it.
#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "models/threats/detection.hpp"
#include "models/threats/playbook.hpp"
#include "models/threats/prevention.hpp"

namespace fleettwin {

// A machine reachable from the internet (a web front end, an SSH or RDP endpoint) or only from inside.
enum class Exposure : uint8_t { InternetFacing = 0, Internal = 1 };
inline constexpr std::array<std::string_view, 2> kExposureNames = {"internet_facing", "internal"};

struct WeightedTechnique {
  uint16_t technique;
  double weight;
};

// Alerts on activity that is not an attack. Vendors aim at fewer than 10 alerts a day per 1,000 endpoints
// (threat-vulnerability-sweep-facts.md §2): 0.003 per machine-day is 3 per 1,000, chosen inside that target; the
// split is about 2:1 benign to false positive, as in the GUIDE sample (42 % benign, 22 % false).
struct NoiseParams {
  double benign_per_machine_day = 0.002;
  double false_per_machine_day = 0.001;
  // The technique a noise alert fires on: weights as Red Canary's most frequent techniques (T1059 24 %, T1218
  // 19 %, T1543 16 %, T1053 16 %; sweep facts §1).
  std::vector<WeightedTechnique> techniques;
};

struct ThreatParams {
  bool enabled = false;
  // Campaigns per machine-year, by exposure (chosen: no public per-machine figure; an exposed service is probed
  // within hours (Unit 42), but few probes become a campaign that runs a kill chain).
  std::array<double, 2> campaigns_per_machine_year = {0.2, 0.01};
  std::vector<Playbook> playbooks;
  std::vector<double> mix;  // weight of each playbook for random campaigns
  // The initial-access technique by exposure: exploitation of a public-facing application (T1190) for exposed
  // machines, valid accounts (T1078) inside (DBIR: credential abuse 22 %, exploitation 14-20 % of breaches).
  std::array<uint16_t, 2> initial_access{};
  // With tamper protection on, a tampering step succeeds only with this probability (chosen).
  double tamper_protection_bypass = 0.1;
  // A step of an attacker on a machine that is off waits for it: it is tried again this long after (chosen).
  int64_t retry_while_off = 3600;
  NoiseParams noise;
  PreventionParams prevention;
  DetectionParams detection;
};

// The defaults, with the three default playbooks and their mix (ransomware 0.25, cryptominer 0.45, data theft
// 0.30: chosen; cryptomining is the most common outcome of cloud compromises, Google Cloud Threat Horizons 2022).
ThreatParams default_threat_params();

// The first arrival strictly after t of a Poisson process of `rate_per_second` (exponential gaps), from the
// uniform draw u; kNoArrival if the rate is zero.
inline constexpr int64_t kNoArrival = INT64_MAX / 4;
int64_t next_arrival(int64_t t, double rate_per_second, double u);

// The index picked by u among non-negative weights (their sum > 0).
size_t pick_weighted(std::span<const double> weights, double u);

// A campaign's identity: its first machine and its start (a machine starts at most one campaign a second);
// scripted campaigns are marked apart from random ones.
constexpr uint64_t campaign_id(uint32_t origin, int64_t start, bool scripted) {
  return (static_cast<uint64_t>(origin) << 32) | (scripted ? 1ull << 31 : 0) | static_cast<uint64_t>(start);
}
constexpr uint32_t campaign_origin(uint64_t id) { return static_cast<uint32_t>(id >> 32); }

}  // namespace fleettwin
