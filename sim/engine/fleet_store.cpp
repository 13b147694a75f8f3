#include "sim/engine/fleet_store.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "models/common/memory_use.hpp"
#include "sim/engine/vulnerability_catalogue.hpp"

namespace fleettwin {

std::vector<uint32_t> os_counts(const CohortSpec& c) {
  std::vector<uint32_t> counts(c.os_mix.size());
  std::vector<std::pair<double, size_t>> remainders;
  uint32_t assigned = 0;
  for (size_t i = 0; i < c.os_mix.size(); ++i) {
    const double exact = c.os_mix[i].fraction * c.count;
    counts[i] = static_cast<uint32_t>(std::floor(exact));
    assigned += counts[i];
    remainders.emplace_back(exact - counts[i], i);
  }
  // Largest remainders first; ties go to the earlier entry so that the result does not depend on the sort.
  std::stable_sort(remainders.begin(), remainders.end(), [](auto a, auto b) { return a.first > b.first; });
  for (size_t k = 0; assigned < c.count && k < remainders.size(); ++k, ++assigned) ++counts[remainders[k].second];
  return counts;
}

FleetStore FleetStore::build(const Scenario& sc) {
  FleetStore f;
  const size_t n = sc.machine_count();
  f.cohort.resize(n);
  f.subscription.resize(n);
  f.plan.resize(n);
  f.power.assign(n, PowerState::Deallocated);
  f.epoch.assign(n, 0);
  f.billable_since.assign(n, SimTime());
  f.hour_mark.assign(n, 0);
  f.month_mark.assign(n, 0);
  f.billed_seconds.assign(n, 0);
  f.agent.assign(n, AgentState::NotDeployed);
  f.cause.assign(n, Issue::None);
  f.agent_flags.assign(n, 0);
  f.agent_epoch.assign(n, 0);
  f.attempts.assign(n, 0);
  f.ticks.assign(n, ReportTicks{});
  f.health.assign(n, HealthClass::NotCovered);
  f.health_issue.assign(n, Issue::NoPlan);
  f.sensor.assign(n, 0);
  for (size_t ci = 0; ci < sc.cohorts.size(); ++ci) {
    const CohortSpec& c = sc.cohorts[ci];
    const auto first = f.cohort.begin() + c.first_machine;
    std::fill_n(first, c.count, static_cast<uint16_t>(ci));
    std::fill_n(f.subscription.begin() + c.first_machine, c.count, c.subscription);
    std::fill_n(f.plan.begin() + c.first_machine, c.count, c.plan);
    f.cohort_location.push_back(c.location);
    f.cohort_environment.push_back(c.environment);
    f.cohort_os_blocks.push_back(static_cast<uint32_t>(f.os_block_first.size()));
    const auto counts = os_counts(c);
    uint32_t at = c.first_machine;
    for (size_t k = 0; k < counts.size(); ++k) {
      if (counts[k] == 0) continue;
      f.os_block_first.push_back(at);
      f.os_block_os.push_back(c.os_mix[k].os);
      at += counts[k];
    }
  }
  f.cohort_os_blocks.push_back(static_cast<uint32_t>(f.os_block_first.size()));
  if (sc.vulnerabilities.enabled) {
    f.vulnerabilities = std::make_shared<const VulnerabilityCatalogue>(sc);
    f.vuln_backlog.assign(n, {});
    f.vuln_critical_births.assign(n, 0);
    f.vuln_mark.assign(n, 0);
    f.vuln_safety.assign(n, 1);
    f.vuln_view.assign(n, 0);
    f.vuln_snapshot.assign(n, {});
  }
  return f;
}

size_t FleetStore::bytes() const {
  return bytes_of(cohort) + bytes_of(subscription) + bytes_of(plan) + bytes_of(cohort_location) +
         bytes_of(cohort_environment) + bytes_of(os_block_first) + bytes_of(os_block_os) + bytes_of(cohort_os_blocks) +
         bytes_of(power) + bytes_of(epoch) + bytes_of(billable_since) + bytes_of(hour_mark) + bytes_of(month_mark) +
         bytes_of(billed_seconds) + bytes_of(agent) + bytes_of(cause) + bytes_of(agent_flags) + bytes_of(agent_epoch) +
         bytes_of(attempts) + bytes_of(ticks) + bytes_of(health) + bytes_of(health_issue) +
         bytes_of(sensor) + bytes_of(vuln_backlog) + bytes_of(vuln_critical_births) + bytes_of(vuln_mark) +
         bytes_of(vuln_safety) + bytes_of(vuln_view) + bytes_of(vuln_snapshot);
}

}  // namespace fleettwin
