#pragma once
// Counter-based random numbers (ARCHITECTURE.md §3): every draw is a pure function of
// (seed, machine, stream, draw index). No generator state exists, so a machine's draws do not depend on
// which site actor or process handles it, nor on any other machine: results are identical whatever the
// partitioning, and two scenarios with the same seed share common random numbers.
#include <cmath>
#include <cstdint>

namespace fleettwin::rng {

// One stream per independent source of randomness; a new model takes a new number, never reuses one.
enum class Stream : uint16_t {
  ScheduleJitter = 1,   // offset of a scheduled power change after its nominal time
  AzureTransition = 2,  // duration of Starting / Stopping / Deallocating
  ArcConnect = 3,       // boot to first Arc heartbeat (Connecting -> Connected)
  ArcOffline = 4,       // power-off to Arc Offline (15-30 min, faq-defender-for-servers.yml)
  OnboardingDelay = 5,  // coverage start to the extension's deployment attempt
  Prerequisite = 6,     // a machine lacks a prerequisite (draw index = the issue code)
  InstallAttempt = 7,   // transient failure of one deployment attempt (draw index = attempt time)
  AgentFailure = 8,     // time until an installed sensor stops reporting
  AgentRepair = 9,      // time until it reports again
  Misconfiguration = 10,  // a sensor installed misconfigured (no sensor data / impaired communications)
  Outage = 11,          // random site or region outages (machine = location index)
  LifecycleSelect = 12, // which machines a lifecycle action picks (draw index = action index)
  TenantMove = 13,      // manual preparatory steps after a move across tenants
  ThreatArrival = 14,   // the next random campaign on a machine (draw index = the previous arrival's time)
  ThreatPlaybook = 15,  // which playbook a campaign runs (draw index = its start)
  ThreatStep = 16,      // a step's delay, prevention, detection and tamper draws (draw index = step time; see
                        // sim/engine/threat_activity.cpp for the sub-draws)
  ThreatLateral = 17,   // lateral movement: fan-out, targets, hop delay (draw index = step time)
  NoiseAlert = 18,      // benign and false positives: arrival, kind, technique (draw index = previous time)
  ScriptedTarget = 19,  // which machines a scripted campaign lands on (draw index = the campaign's index)
  SocTriage = 20,       // an alert's triage time (machine = low bits of the alert's key)
  SocInvestigation = 21,  // its investigation time
  AirInvestigation = 22,  // an automated investigation's duration (draw index = the alert's time)
  VulnDisclosure = 23,  // a product's CVEs: gap, class, exploitation, fix delay (machine = product key)
  VulnException = 24,   // whether a cohort puts a CVE under exception (machine = cohort, draw = CVE id)
  VulnBacklog = 25,     // a machine's remediable findings at the start (draw index = class)
  VulnRemediation = 26, // findings closed in a maintenance window (draw index = window start << 4 | class)
  VulnExploit = 27,     // whether a campaign's exploitation of a public-facing application succeeds
};

// SplitMix64 finaliser (Steele, Lea, Flood 2014): a bijection on 64 bits with full avalanche.
constexpr uint64_t mix64(uint64_t z) {
  z += 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// A run's seed with its share of the hash done: the first round of bits() depends on the seed alone, so a caller
// that draws millions of times (a site's power and vulnerability processes) keeps it and saves a third of each draw.
struct Seed {
  uint64_t key;
  explicit constexpr Seed(uint64_t seed) : key(mix64(seed ^ 0x6a09e667f3bcc909ULL)) {}
};

constexpr uint64_t bits(Seed seed, uint32_t machine, Stream stream, uint64_t draw) {
  uint64_t h = mix64(seed.key ^ machine);
  h = mix64(h ^ (static_cast<uint64_t>(stream) << 48) ^ (draw & 0xffffffffffffULL));
  return h;
}
constexpr uint64_t bits(uint64_t seed, uint32_t machine, Stream stream, uint64_t draw) {
  return bits(Seed(seed), machine, stream, draw);
}

// Uniform on [0, 1) with 53 random bits.
constexpr double uniform01(Seed seed, uint32_t machine, Stream stream, uint64_t draw) {
  return static_cast<double>(bits(seed, machine, stream, draw) >> 11) * 0x1.0p-53;
}
constexpr double uniform01(uint64_t seed, uint32_t machine, Stream stream, uint64_t draw) {
  return uniform01(Seed(seed), machine, stream, draw);
}

// Uniform integer seconds on [lo, hi] (inclusive), the resolution of the simulated clock. The product is never
// negative, so truncation is the floor (and needs no call to floor(), which baseline x86-64 does not inline).
constexpr int64_t uniform_seconds(int64_t lo, int64_t hi, Seed seed, uint32_t machine, Stream stream, uint64_t draw) {
  if (hi <= lo) return lo;
  const double u = uniform01(seed, machine, stream, draw);
  return lo + static_cast<int64_t>(u * static_cast<double>(hi - lo + 1));
}
constexpr int64_t uniform_seconds(int64_t lo, int64_t hi, uint64_t seed, uint32_t machine, Stream stream,
                                  uint64_t draw) {
  return uniform_seconds(lo, hi, Seed(seed), machine, stream, draw);
}

}  // namespace fleettwin::rng
