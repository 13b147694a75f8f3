#pragma once
// Test support: a small, complete output file written from hand-made records through the real recorder, with no
// engine: two P2 Azure machines over 8 hours, machine 1 a heartbeat issue at the 4 h evaluation. The reader tests
// check the readers' figures against it; the reader fuzzer mutates copies of it.
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "sim/output/recorder.hpp"
#include "sim/scenario/scenario.hpp"

namespace fleettwin::testing {

// Two P2 Azure machines over 8 hours; machine 0 healthy throughout, machine 1 a heartbeat issue at 4 h, healthy
// again at 8 h.
inline const char* kHandMadeScenario = R"(name: hand-made
start: 2026-01-05T00:00:00Z
duration: 8h
seed: 7
tenants: [{id: t, geo: EU}]
subscriptions: [{id: s, plan: P2}]
cohorts:
  - {name: pair, count: 2, environment: azure, region: westeurope, subscription: s}
)";

struct TempFile {
  explicit TempFile(const std::string& tag = "readers")
      : path((std::filesystem::temp_directory_path() / (tag + "-" + std::to_string(::getpid()) + ".h5")).string()) {}
  std::string path;
  ~TempFile() { std::filesystem::remove(path); }
};

inline void write_hand_made_run(const std::string& path) {
  const Scenario sc = parse_scenario(kHandMadeScenario, "hand-made.yaml");
  Recorder rec(path);
  rec.write_header(sc);
  const int p2_azure = meter_group(Plan::P2, Environment::Azure);
  for (int64_t h = 0; h < 8; ++h) {
    HourUsage u;
    u.billable_seconds[p2_azure] = 2 * 3600;  // both machines billed the whole hour
    u.machines_billed[p2_azure] = 2;
    rec.append_hour(h, u);
  }
  GroupCounts seats{};
  seats[p2_azure] = 2;
  rec.append_month(0, 8, seats);
  const auto evaluation = [](int64_t index, int64_t t, int64_t healthy, int64_t issue, std::vector<HealthChange> changes) {
    Evaluation e;
    e.index = index;
    e.time = SimTime::at(t);
    ClassCounts c{};
    c[static_cast<size_t>(HealthClass::Healthy)] = healthy;
    c[static_cast<size_t>(HealthClass::HeartbeatIssue)] = issue;
    e.counts = {c};
    SensorCounts s{};
    s[static_cast<size_t>(SensorHealth::Active)] = 2;
    e.sensor = {s};
    e.changes = std::move(changes);
    return e;
  };
  rec.append_evaluation(evaluation(0, 0, 2, 0, {{0, HealthClass::Healthy, Issue::None}, {1, HealthClass::Healthy, Issue::None}}));
  rec.append_evaluation(evaluation(1, 4 * 3600, 1, 1, {{1, HealthClass::HeartbeatIssue, Issue::AgentNotReporting}}));
  rec.append_evaluation(evaluation(2, 8 * 3600, 2, 0, {{1, HealthClass::Healthy, Issue::None}}));
  const std::vector<std::vector<OutageInterval>> no_outages(1);
  rec.write_outages({&no_outages, {0}, 64});
  std::vector<uint16_t> zero16(2, 0);
  std::vector<Plan> plan(2, Plan::P2);
  std::vector<PowerState> power(2, PowerState::Running);
  std::vector<AgentState> agent(2, AgentState::Running);
  std::vector<Issue> none(2, Issue::None);
  std::vector<HealthClass> healthy(2, HealthClass::Healthy);
  std::vector<uint8_t> attempts(2, 1);
  std::vector<uint32_t> billed(2, 8 * 3600);
  rec.write_machines({zero16, zero16, [](uint32_t) { return uint16_t{0}; }, [](uint32_t) { return uint16_t{0}; },
                      [](uint32_t) { return Environment::Azure; }, plan, power, agent, none, none, healthy, attempts, billed});
  rec.write_run_info({});
  rec.commit();
}

}  // namespace fleettwin::testing
