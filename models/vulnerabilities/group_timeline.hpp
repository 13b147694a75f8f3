#pragma once
// What every machine of a group (a cohort's machines with one operating system: one inventory) shares: the
// findings disclosed in its inventory and the instants they become remediable, as prefix sums over time. A machine
// then needs only its own remediable backlog: its open findings at t are
//     open(t) = disclosed(t) − remediable(at its last maintenance) + backlog(at its last maintenance),
// per class, since a finding not yet remediable is open on every machine of the group, and one that became
// remediable after the machine's last maintenance is open there too. So a disclosure costs nothing per machine, and
// a machine's state changes only in its own maintenance windows (O(changes), not O(machines × CVEs)).
//
// A finding under exception (tvm-exception.md) is not remediated while the exception lasts: it becomes remediable
// when both its fix is out and the exception has ended; an exception whose justification lowers exposure
// (third-party control, alternate mitigation) counts the finding's risk times the mitigated factor meanwhile.
#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "models/vulnerabilities/exposure_score.hpp"
#include "models/vulnerabilities/inventory.hpp"

namespace fleettwin {

using ClassCounts16 = std::array<int32_t, kVulnClassCount>;
using SeverityCounts = std::array<int64_t, kVulnSeverityCount>;

// Per class, the log of the chance that one finding is not the way in, for the exposure score and for exploitation.
struct ClassLogs {
  std::array<double, kVulnClassCount> risk{};      // log(1 − r), r the exposure risk (ExposureWeights)
  std::array<double, kVulnClassCount> mitigated{};  // log(1 − r × mitigated_factor)
  std::array<double, kVulnClassCount> exploit{};   // log(1 − p), p the class's mean exploitation probability
};
ClassLogs class_logs(const ExposureWeights& w, const DisclosureParams& d);

struct GroupFinding {
  int64_t disclosed;
  int64_t remediable;       // fix out and exception over
  int64_t mitigated_until;  // -1: no lowering exception
  uint8_t cls;
};

class GroupTimeline {
 public:
  GroupTimeline() = default;
  GroupTimeline(std::vector<GroupFinding> findings, const ClassLogs& logs);

  // Prefix over the findings disclosed at or before an instant.
  struct Disclosed {
    int64_t time = INT64_MIN;
    std::array<int32_t, kVulnSeverityCount> by_severity{};
    int32_t critical = 0;
    int64_t critical_births = 0;  // Σ disclosure instants of the criticals
    double log_risk = 0, log_exploit = 0;
    std::array<int64_t, kVulnSeverityCount> area{};  // ∫_0^time of the disclosed count, finding-seconds
  };
  // Prefix over the findings remediable at or before an instant (index = the machine's maintenance mark).
  struct Remediable {
    int64_t time = INT64_MIN;
    ClassCounts16 by_class{};
    std::array<int32_t, kVulnSeverityCount> by_severity{};
    int32_t critical = 0;
    int64_t critical_births = 0;
    double log_risk = 0, log_exploit = 0;
  };

  const Disclosed& disclosed_at(int64_t t) const;
  uint32_t remediable_index(int64_t t) const;  // the prefix of remediable_at(t)
  const Remediable& remediable(uint32_t index) const { return remediable_[index]; }
  // ∫_0^t of the disclosed count of severity s (finding-seconds), t ≥ 0.
  int64_t area(int64_t t, size_t s) const;
  std::array<int64_t, kVulnSeverityCount> areas(int64_t t) const;
  // Log-risk adjustment of the findings under a lowering exception at t (≤ 0 added to the log of safety: > 0).
  double mitigation_at(int64_t t) const;
  size_t findings() const { return disclosed_.size() - 1; }
  // Instants at which something changes (disclosure, remediability, mitigation end), for tests.
  std::span<const Remediable> remediable_prefixes() const { return remediable_; }

 private:
  std::vector<Disclosed> disclosed_;    // [0] = nothing
  std::vector<Remediable> remediable_;  // [0] = nothing
  std::vector<std::pair<int64_t, double>> mitigation_;  // (time, prefix of adjustments), [0] = (min, 0)
};

}  // namespace fleettwin
