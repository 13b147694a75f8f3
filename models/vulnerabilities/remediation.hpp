#pragma once
// How fast open vulnerabilities are closed once a fix exists, and the steady state that follows.
//
// Cyentia's capacity figures (threat-vulnerability-sweep-facts.md §3): a low-capacity organisation closes 6.6 % of
// its open vulnerabilities a month, the median 15.2 %, a high-capacity one 27.1 %. Closing a fixed share c of the
// backlog each month is a constant hazard per open finding, h = -ln(1 - c) / month, with the month the mean
// Gregorian one (30.436875 days): 15.2 % a month is 0.00542 a day (the facts' ≈ 0.0055). Alternatively a
// half-life (36 days on Windows, 369 on network appliances) gives h = ln 2 / half-life.
//
// A finding is open from its disclosure until it is remediated: first it waits for its fix (Patch Tuesday on
// Windows, a delay on Linux), then for the remediation hazard, and only inside the cohort's maintenance windows.
// With findings arriving as a Poisson process at rate λ, Little's law gives the mean number open: L = λ × W, W the
// mean time a finding stays open.
#include <cstdint>
#include <vector>

namespace fleettwin {

inline constexpr double kMeanMonthDays = 30.436875;

enum class RemediationCapacity : uint8_t { Low = 0, Median = 1, High = 2 };
inline constexpr double kMonthlyCloseShare[] = {0.066, 0.152, 0.271};  // sweep facts §3 (Cyentia P2P vol. 8)

// Per-day hazard of a share `monthly` (0 <= monthly < 1) of the backlog closed each month.
double hazard_from_monthly_share(double monthly);
// Per-day hazard of a half-life in days.
double hazard_from_half_life(double half_life_days);

// Little's law: mean findings open given their arrival rate per day and their mean days open.
inline double mean_open(double arrivals_per_day, double mean_days_open) { return arrivals_per_day * mean_days_open; }

}  // namespace fleettwin

namespace fleettwin {

// Remediation inside maintenance windows. A cohort patches only at the starts of its windows; at a window that
// follows the previous one by a gap g, each remediable finding is closed with probability q = 1 − e^(−h g), so that
// over calendar time the hazard is still h (a skipped window — the machine was off — is lost).
double window_close_probability(double hazard_per_day, double gap_days);

// Mean days from an instant uniformly at random to the remediation of a finding remediable from that instant, with
// windows repeating with the gaps `gaps_days` (one cycle, in order, each the gap before its window) and hazard h.
// Exact for periodic windows; → 1/h as the gaps shrink (tested).
double mean_wait_in_windows(const std::vector<double>& gaps_days, double hazard_per_day);

// Binomial(n, q) by inversion of its CDF at u in [0, 1): exact, O(n q) on average, for the small counts of one
// machine's findings in one class.
uint32_t binomial_draw(uint32_t n, double q, double u);

// Poisson(mean) by inversion at u (the initial backlog of a machine in steady state: an M/G/∞ queue holds a
// Poisson number of customers whatever the service distribution).
uint32_t poisson_draw(double mean, double u);

}  // namespace fleettwin
