#pragma once
// Vulnerabilities that reach a machine's software inventory: findings arrive as a Poisson process per machine, each
// with a severity, an exploitability level and an exploitation probability (EPSS-like), and a fix that becomes
// available on the next Patch Tuesday (Windows) or after a delay (Linux).
//
// Figures (threat-vulnerability-sweep-facts.md §3): 40,009 CVEs published in 2024, mean CVSS 6.67; a Windows asset
// averages 119 vulnerabilities a month (Cyentia), read here as the number open on an asset: with Windows' 36-day
// remediation half-life a finding stays open 36 / ln 2 ≈ 52 days, so by Little's law about 2.3 new findings a day
// reach a Windows machine (the default, derived). Linux machines: no figure; half the Windows rate (*chosen*).
// 23 % of CVEs have exploit code and 2 % are seen exploited: NoExploit 77 %, ExploitIsPublic 18 %,
// ExploitIsVerified 3 %, ExploitIsInKit 2 % (the split of the 23 % is *chosen*). 88 % of CVEs have an EPSS
// probability ≤ 10 %: each level draws its probability uniformly from a range (*chosen*, calibrated to that share:
// 87.4 % with the defaults, tested). CVSS severities: low 5 %, medium 47 %, high 36 %, critical 12 % (*chosen*: a
// mean CVSS of 6.67, the facts', with the bands' midpoints 2, 5.5, 7.9, 9.5; tested).
#include <array>
#include <cstdint>

#include "models/vulnerabilities/exposure_score.hpp"

namespace fleettwin {

struct ProbabilityRange {
  double min = 0, max = 0;
};

struct DisclosureParams {
  double windows_per_machine_day = 119.0 / (36.0 / 0.6931471805599453);
  double linux_per_machine_day = 119.0 / (36.0 / 0.6931471805599453) / 2;
  std::array<double, kVulnSeverityCount> severity_shares{0.05, 0.47, 0.36, 0.12};
  std::array<double, kExploitabilityCount> exploitability_shares{0.77, 0.18, 0.03, 0.02};
  std::array<ProbabilityRange, kExploitabilityCount> exploitation{
      {{0.0, 0.05}, {0.0, 0.18}, {0.05, 0.45}, {0.30, 1.0}}};
  int patch_tuesday_hour_utc = 18;       // patch_release.hpp
  double linux_fix_median_days = 3.0;     // lognormal, sigma 1 (*chosen*)
};

struct FindingDraw {
  VulnSeverity severity;
  Exploitability exploitability;
  double exploitation;  // probability that an attack using it succeeds (EPSS-like)
};

// One finding from three uniform draws in [0, 1).
FindingDraw draw_finding(const DisclosureParams& p, double u_severity, double u_exploit, double u_probability);

// Mean CVSS-band midpoint of the severity mix (2, 5.5, 7.9, 9.5), for checking a mix against the facts' 6.67.
double mean_cvss(const DisclosureParams& p);

}  // namespace fleettwin
