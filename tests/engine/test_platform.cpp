// Starts a SimGrid engine: each test case runs in its own process (catch_discover_tests).
#include <catch2/catch.hpp>
#include <simgrid/s4u.hpp>

#include "sim/engine/platform.hpp"

using namespace fleettwin;
namespace sg4 = simgrid::s4u;

namespace {
const char* kHybrid =
    "name: p\nstart: 2026-01-05T00:00:00Z\nduration: 1d\n"
    "tenants: [{id: a, geo: EU}, {id: b, geo: US}]\n"
    "subscriptions: [{id: s, tenant: a, plan: P2}, {id: u, tenant: b, plan: P1}]\n"
    "cohorts:\n"
    "  - {name: az, count: 3, environment: azure, region: westeurope, subscription: s}\n"
    "  - {name: ec2, count: 3, environment: aws, region: us-east-1, subscription: u}\n"
    "  - {name: dc, count: 3, environment: onprem, site: paris, subscription: s}\n";
}  // namespace

TEST_CASE("the platform has a zone per environment, a gateway per location and routes to the control plane",
          "[platform][engine]") {
  int argc = 1;
  char name[] = "engine_tests";
  char* argv[] = {name, nullptr};
  sg4::Engine engine(&argc, argv);
  const Scenario sc = parse_scenario(kHybrid, "platform.yaml");
  const PlatformParams params;
  const Platform p = build_platform(sc, params);
  REQUIRE(p.gateways.size() == 3);
  CHECK(p.gateways[0]->get_name() == "azure/westeurope");
  CHECK(p.gateways[1]->get_name() == "aws/us-east-1");
  CHECK(p.gateways[2]->get_name() == "onprem/paris");
  CHECK(p.mde_by_geo[static_cast<size_t>(Geo::EU)] != nullptr);
  CHECK(p.mde_by_geo[static_cast<size_t>(Geo::US)] != nullptr);
  CHECK(p.mde_by_geo[static_cast<size_t>(Geo::UK)] == nullptr);

  // A site's route to Defender for Cloud: its uplink, its environment's backbone, the service's link.
  std::vector<sg4::Link*> links;
  double latency = 0;
  p.gateways[2]->route_to(p.defender_for_cloud, links, &latency);
  std::vector<std::string> names;
  for (auto* l : links) names.push_back(l->get_name());
  CHECK(names == std::vector<std::string>{"onprem/paris-uplink", "onprem-backbone", "defender-for-cloud-link"});
  CHECK(latency == Approx(params.onprem_latency + params.backbone_latency + 0.0005));
  CHECK(p.uplinks[0]->get_name() == "azure/westeurope-uplink");
}
