// Starts a SimGrid engine: each test case runs in its own process (catch_discover_tests).
// The alert pipeline over the platform (sim/engine/alert_transport.hpp) against the engine-free direct hand-over
// (offline.hpp): the same alerts reach Defender for Cloud at the same times, through an outage and a semi-automated
// SOC whose approvals act back on the fleet.
#include <catch2/catch.hpp>
#include <hdf5.h>
#include <hdf5_hl.h>
#include <simgrid/s4u.hpp>
#include <unistd.h>

#include <cstdio>
#include <string>

#include "sim/engine/run.hpp"
#include "tests/engine/offline_run.hpp"

using namespace fleettwin;

namespace {
const char* kScenario = R"(name: transport
seed: 3
start: 2026-01-05T00:00:00Z
duration: 6d
tenants: [{id: eu, geo: EU}, {id: us, geo: US}]
subscriptions: [{id: s, tenant: eu, plan: P2}, {id: u, tenant: us, plan: P1}]
defender:
  agent: {misconfigured: 0}
cohorts:
  - {name: dc, count: 400, environment: onprem, site: lyon, subscription: s, onboarding: direct, air: semi}
  - {name: us-dc, count: 200, environment: onprem, site: lyon, subscription: u, onboarding: direct}
  - {name: cloud, count: 400, environment: azure, region: westeurope, subscription: s}
network:
  outages:
    - {location: lyon, start: 2026-01-06T00:00:00Z, duration: 9h}
    - {location: lyon, start: 2026-01-07T10:00:00Z, duration: 17m}
threats:
  enabled: true
  campaigns_per_machine_year: {internet_facing: 4, internal: 4}
  noise: {benign_per_machine_day: 0.3, false_per_machine_day: 0.1}
events:
  - {at: 2026-01-06T01:00:00Z, campaign: {playbook: ransomware, site: lyon, machines: 12}}
)";

std::vector<int64_t> column(hid_t file, const char* path) {
  hsize_t n = 0;
  H5T_class_t cls;
  size_t size = 0;
  REQUIRE(H5LTget_dataset_info(file, path, &n, &cls, &size) >= 0);
  std::vector<int64_t> v(n);
  if (n) REQUIRE(H5LTread_dataset(file, path, H5T_NATIVE_INT64, v.data()) >= 0);
  return v;
}
}  // namespace

TEST_CASE("alerts sent over the SimGrid platform reach the desk exactly as if handed over directly",
          "[engine][alerts]") {
  char name[] = "engine_tests";
#ifdef FLEETTWIN_SANITIZE
  // As the program does in sanitized builds (sim/cli/main.cpp): AddressSanitizer cannot follow raw context switches.
  char factory[] = "--cfg=contexts/factory:thread";
  char* argv[] = {name, factory, nullptr};
  int argc = 2;
#else
  char* argv[] = {name, nullptr};
  int argc = 1;
#endif
  simgrid::s4u::Engine engine(&argc, argv);
  simgrid::s4u::Engine::set_config("contexts/stack-size:256");
  const Scenario sc = parse_scenario(kScenario, "transport.yaml");

  // Direct: the engine-free driver, the sites' alerts straight into the desk.
  const auto schedules = compile_schedules(sc);
  FleetStore fleet = FleetStore::build(sc);
  WorkerPool pool(1);
  testing::Recorded recorded;
  ReportMerger merger(sc.locations.size(), recorded);
  FleetDriver driver(sc, make_sites(sc, schedules, fleet, plan_sites(sc, 1)), pool, merger);
  fleettwin::run_offline(sc, driver, plan_outages(sc));
  const DeskOutcome direct = driver.finish_desk();
  REQUIRE(direct.alerts.size() > 200);
  REQUIRE(direct.approvals_granted > 0);  // the SOC's decisions acted on the fleet

  // Over SimGrid, read back from the file.
  const std::string out = "/tmp/fleettwin-transport-" + std::to_string(getpid()) + ".h5";
  run_scenario(sc, {out, true, 2});
  const hid_t f = H5Fopen(out.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  REQUIRE(f >= 0);
  const auto time = column(f, "/alerts/time"), sent = column(f, "/alerts/sent_time"),
             mde = column(f, "/alerts/mde_time"), step = column(f, "/alerts/step_time"),
             machine = column(f, "/alerts/machine"), type = column(f, "/alerts/type");
  int64_t refused = 0, messages = 0;
  REQUIRE(H5LTget_attribute_long_long(f, "/alerts", "transfers_refused", reinterpret_cast<long long*>(&refused)) >= 0);
  REQUIRE(H5LTget_attribute_long_long(f, "/alerts", "messages", reinterpret_cast<long long*>(&messages)) >= 0);
  H5Fclose(f);
  std::remove(out.c_str());

  REQUIRE(time.size() == direct.alerts.size());
  size_t cached = 0;
  for (size_t i = 0; i < time.size(); ++i) {
    const AlertRecord& a = direct.alerts[i];
    INFO("alert " << i);
    CHECK(time[i] == a.in_dfc);
    CHECK(sent[i] == a.sent);
    CHECK(mde[i] == a.in_mde);
    CHECK(step[i] == a.step);
    CHECK(machine[i] == a.machine);
    CHECK(type[i] == a.type);
    cached += a.sent > a.detected;
  }
  CHECK(cached > 5);   // some waited behind the outages
  CHECK(refused > 0);  // and SimGrid refused their transfers while the uplink was down
  CHECK(messages > 0);
}
