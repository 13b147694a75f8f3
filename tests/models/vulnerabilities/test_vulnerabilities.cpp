// Vulnerability management models (models/vulnerabilities/), against dates, hand computations and closed forms.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "models/common/random.hpp"
#include "models/vulnerabilities/assessment.hpp"
#include "models/vulnerabilities/disclosure.hpp"
#include "models/vulnerabilities/exposure_score.hpp"
#include "models/vulnerabilities/patch_release.hpp"
#include "models/vulnerabilities/remediation.hpp"
#include "models/vulnerabilities/secure_score.hpp"

using namespace fleettwin;

namespace {
constexpr int64_t kJan13_2026 = 1768262400;  // 2026-01-13T00:00:00Z, a Tuesday
constexpr int64_t kHour = 3600, kDay = 86400;
}  // namespace

TEST_CASE("Patch Tuesday is the second Tuesday of each month, at the release hour", "[vulnerabilities]") {
  CHECK(patch_tuesday_of_month(kJan13_2026 + 5 * kDay, 18) == kJan13_2026 + 18 * kHour);  // January 2026: the 13th
  // February 2026 starts on a Sunday: the 10th. December 2026 starts on a Tuesday: the 8th.
  const int64_t feb10 = kJan13_2026 + 28 * kDay;
  CHECK(next_patch_tuesday(kJan13_2026 + 18 * kHour + 1, 18) == feb10 + 18 * kHour);
  const int64_t dec8 = 1796688000;  // 2026-12-08T00:00:00Z
  CHECK(next_patch_tuesday(dec8 - 7 * kDay, 18) == dec8 + 18 * kHour);
  // At the release itself, that release; just after it, next month's.
  CHECK(next_patch_tuesday(kJan13_2026 + 18 * kHour, 18) == kJan13_2026 + 18 * kHour);
  CHECK(next_patch_tuesday(dec8 + 18 * kHour + 1, 18) == 1799712000 + 18 * kHour);  // 2027-01-12
}

TEST_CASE("remediation capacity is a constant hazard that closes its share of the backlog in a month",
          "[vulnerabilities]") {
  for (const double c : kMonthlyCloseShare) {
    const double h = hazard_from_monthly_share(c);
    CHECK(std::exp(-h * kMeanMonthDays) == Approx(1 - c).epsilon(1e-12));
  }
  CHECK(hazard_from_monthly_share(0.152) == Approx(0.00542).epsilon(0.002));  // the facts' ≈ 0.0055 a day
  CHECK(hazard_from_half_life(36) == Approx(0.019254).epsilon(1e-4));          // the facts' ≈ 0.019 a day
  CHECK_THROWS(hazard_from_monthly_share(1.0));
  CHECK_THROWS(hazard_from_half_life(0));
}

TEST_CASE("Little's law: findings arriving at rate λ and closed at hazard h leave λ / h open on average",
          "[vulnerabilities]") {
  // 2,000 machines × 3 years of findings at the Windows default, closed at the Windows half-life; the number open,
  // sampled daily after a year of warm-up, against λ × W with W = 1 / h.
  const DisclosureParams p;
  const double lambda = p.windows_per_machine_day, h = hazard_from_half_life(36);
  const int machines = 2000, days = 3 * 365, warm = 365;
  std::vector<int64_t> delta(days + 1, 0);  // opened minus closed, by day
  for (uint32_t m = 0; m < machines; ++m) {
    double t = 0;
    for (uint64_t k = 0;; ++k) {
      t += -std::log1p(-rng::uniform01(7, m, rng::Stream::ThreatArrival, 2 * k)) / lambda;
      if (t >= days) break;
      const double open_for = -std::log1p(-rng::uniform01(7, m, rng::Stream::ThreatArrival, 2 * k + 1)) / h;
      delta[static_cast<size_t>(t)] += 1;
      if (t + open_for < days) delta[static_cast<size_t>(t + open_for)] -= 1;
    }
  }
  double open = 0, sum = 0;
  for (int d = 0; d < days; ++d) {
    open += static_cast<double>(delta[static_cast<size_t>(d)]);
    if (d >= warm) sum += open;
  }
  const double mean_per_machine = sum / (days - warm) / machines;
  CHECK(mean_per_machine == Approx(mean_open(lambda, 1 / h)).epsilon(0.02));
  CHECK(mean_open(lambda, 1 / h) == Approx(119).epsilon(1e-9));  // the facts' 119 on a Windows asset
}

TEST_CASE("the exposure score averages device scores with the device-value weights", "[vulnerabilities]") {
  CHECK(device_weight(DeviceValue::Low, 500) == 0.75);
  CHECK(device_weight(DeviceValue::Normal, 500) == 1.0);
  CHECK(device_weight(DeviceValue::High, 500) == 50.0);  // the number of devices ÷ 10
  const std::vector<double> scores{80, 20, 50};
  const std::vector<DeviceValue> values{DeviceValue::High, DeviceValue::Low, DeviceValue::Normal};
  // Weights 0.3, 0.75, 1: (24 + 15 + 50) / 2.05.
  CHECK(organisation_exposure_score(scores, values) == Approx(89.0 / 2.05).epsilon(1e-12));
  CHECK(organisation_exposure_score({}, {}) == 0.0);
  CHECK(exposure_band(29) == ExposureBand::Low);
  CHECK(exposure_band(30) == ExposureBand::Medium);
  CHECK(exposure_band(69) == ExposureBand::Medium);
  CHECK(exposure_band(70) == ExposureBand::High);
  CHECK(exposure_band(100) == ExposureBand::High);
}

TEST_CASE("a device's score grows with its findings' severity and exploitability and saturates at 100",
          "[vulnerabilities]") {
  // Weights given here (not the defaults) so that the figures are easy to work by hand.
  const ExposureWeights w{{0.01, 0.03, 0.10, 0.25}, {1.0, 1.5, 2.0, 3.0}, 0.5};
  DeviceFindings f;
  CHECK(device_exposure_score(f, w) == 0.0);
  f.open[3][3] = 1;  // one critical, exploit in a kit: risk 0.25 × 3
  CHECK(device_exposure_score(f, w) == Approx(75.0));
  f = {};
  f.open[0][0] = 2;  // two low findings without an exploit: 1 − 0.99²
  CHECK(device_exposure_score(f, w) == Approx(100 * (1 - 0.99 * 0.99)));
  f.mitigated[0][0] = 1;  // one of them under an exception that lowers exposure: risk halved
  CHECK(device_exposure_score(f, w) == Approx(100 * (1 - 0.99 * 0.995)));
  f = {};
  f.open[2][1] = 1000;
  CHECK(device_exposure_score(f, w) == Approx(100.0));
  CHECK(device_exposure_score(f, w) <= 100.0);
}

TEST_CASE("the secure score of a hand-built fleet is the documented formula exactly", "[vulnerabilities]") {
  // Vulnerability assessment solution: max 10, 3 healthy, 1 unhealthy -> 10 / 4 × 3 = 7.5.
  // Findings resolved: max 6, 0 healthy, 2 unhealthy -> 0. Endpoint protection: max 4, every machine not
  // applicable -> left out of the maximum too.
  const std::vector<ControlState> controls{{10, 3, 1}, {6, 0, 2}, {4, 0, 0}};
  CHECK(control_score(controls[0]) == 7.5);
  CHECK(control_score(controls[1]) == 0.0);
  CHECK(control_score(controls[2]) == 0.0);
  CHECK(secure_score_percent(controls) == Approx(100 * 7.5 / 16).epsilon(1e-15));
  CHECK(secure_score_percent({}) == 0.0);
}

TEST_CASE("findings follow the facts' severity, exploit and EPSS figures", "[vulnerabilities]") {
  const DisclosureParams p;
  CHECK(mean_cvss(p) == Approx(6.67).margin(0.005));  // mean CVSS 6.67 (2024)
  const int n = 200000;
  int low_epss = 0, with_exploit = 0;
  std::array<int, kVulnSeverityCount> severities{};
  for (int i = 0; i < n; ++i) {
    const FindingDraw d = draw_finding(p, rng::uniform01(3, i, rng::Stream::ThreatStep, 0),
                                       rng::uniform01(3, i, rng::Stream::ThreatStep, 1),
                                       rng::uniform01(3, i, rng::Stream::ThreatStep, 2));
    low_epss += d.exploitation <= 0.10;
    with_exploit += d.exploitability != Exploitability::NoExploit;
    ++severities[static_cast<size_t>(d.severity)];
  }
  CHECK(low_epss / double(n) == Approx(0.88).margin(0.01));     // 88 % have EPSS ≤ 10 %
  CHECK(with_exploit / double(n) == Approx(0.23).margin(0.005));  // 23 % have exploit code
  CHECK(severities[3] / double(n) == Approx(p.severity_shares[3]).margin(0.005));
}

TEST_CASE("what Defender for Cloud lists of a finding: the next snapshot while reporting, stale after the fix, "
          "dropped after 30 silent days", "[vulnerabilities]") {
  const AssessmentParams p;  // 6-hour publications at UTC multiples, 30-day retention
  const std::vector<ReportingSpan> always{{0, 1000 * kDay}};
  FindingView v = view_of_finding(1 * kHour, 20 * kHour, 100 * kHour, always, p);
  CHECK(v.first_listed == 6 * kHour);
  CHECK(v.unseen == 5 * kHour);
  CHECK(v.stale == 4 * kHour);  // fixed at 20 h, gone from the 24 h snapshot
  // The sensor is down over [5 h, 13 h): the 6 h and 12 h publications miss it.
  const std::vector<ReportingSpan> gap{{0, 5 * kHour}, {13 * kHour, 1000 * kDay}};
  v = view_of_finding(1 * kHour, 40 * kHour, 100 * kHour, gap, p);
  CHECK(v.first_listed == 18 * kHour);
  CHECK(v.unseen == 17 * kHour);
  CHECK(v.stale == 2 * kHour);
  // The sensor goes silent at 7 h for good: the 6 h snapshot is kept 30 days, then nothing is listed.
  const std::vector<ReportingSpan> silent{{0, 7 * kHour}};
  v = view_of_finding(1 * kHour, 1000 * kDay, 40 * kDay, silent, p);
  CHECK(v.unseen == 5 * kHour + (40 * kDay - (6 * kHour + 30 * kDay)));
  v = view_of_finding(1 * kHour, 10 * kHour, 40 * kDay, silent, p);  // fixed, but no snapshot says so
  CHECK(v.stale == 6 * kHour + 30 * kDay - 10 * kHour);
  // A finding fixed before any snapshot saw it is never listed.
  v = view_of_finding(1 * kHour, 5 * kHour, 100 * kHour, always, p);
  CHECK(v.first_listed == -1);
  CHECK(v.unseen == 4 * kHour);
  CHECK(v.stale == 0);
  CHECK(next_publication(6 * kHour, p) == 6 * kHour);
  CHECK(next_publication(6 * kHour + 1, {6 * kHour, 30 * kDay, 2 * kHour}) == 10 * kHour);  // phase: UTC offset
}

namespace {
// E[min(wait, T)], T exponential of mean w, for publications that see the sensor leaving gaps `gaps` per period.
double expected_unseen(const std::vector<double>& gaps, double w) {
  double period = 0, e = 0;
  for (double g : gaps) period += g;
  for (double g : gaps) e += g / period * (w - w * w / g * (1 - std::exp(-g / w)));
  return e;
}

double mean_unseen(const std::vector<ReportingSpan>& reporting, double w, int n) {
  double sum = 0;
  for (int i = 0; i < n; ++i) {
    const auto open = static_cast<int64_t>(10 * kDay + rng::uniform01(11, i, rng::Stream::ThreatStep, 0) * 290 * kDay);
    const double t = -std::log1p(-rng::uniform01(11, i, rng::Stream::ThreatStep, 1)) * w;
    sum += static_cast<double>(view_of_finding(open, open + static_cast<int64_t>(t), 400 * kDay, reporting).unseen);
  }
  return sum / n;
}
}  // namespace

TEST_CASE("the unseen share of finding-time matches its closed form from the reporting pattern and the cadence",
          "[vulnerabilities]") {
  const double w = 5.0 * kDay;
  const int n = 100000;
  // Always reporting: every 6-hour publication sees the machine.
  const std::vector<ReportingSpan> always{{0, 400 * kDay}};
  CHECK(mean_unseen(always, w, n) / w == Approx(expected_unseen({6.0 * kHour}, w) / w).epsilon(0.02));
  // The sensor is down 00:00–07:00 every day: only the 12:00 and 18:00 publications see it (gaps 6 h and 18 h).
  std::vector<ReportingSpan> daily;
  for (int64_t d = 0; d < 400; ++d) daily.push_back({d * kDay + 7 * kHour, (d + 1) * kDay});
  const double expected = expected_unseen({6.0 * kHour, 18.0 * kHour}, w);
  CHECK(mean_unseen(daily, w, n) / w == Approx(expected / w).epsilon(0.02));
  CHECK(expected > 2 * expected_unseen({6.0 * kHour}, w));  // the outages more than double the unseen time
}
