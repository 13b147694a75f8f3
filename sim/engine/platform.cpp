#include "sim/engine/platform.hpp"

#include <simgrid/kernel/ProfileBuilder.hpp>

namespace sg4 = simgrid::s4u;

namespace fleettwin {

namespace {
simgrid::kernel::profile::Profile* outage_profile(const std::string& name, const std::vector<OutageInterval>& v) {
  std::string text;
  for (const auto& o : v) text += std::to_string(o.start) + " 0\n" + std::to_string(o.end) + " 1\n";
  return simgrid::kernel::profile::ProfileBuilder::from_string(name + "-outages", text, -1);
}
}  // namespace

Platform build_platform(const Scenario& sc, const PlatformParams& p,
                        const std::vector<std::vector<OutageInterval>>& outages) {
  Platform out;
  auto* root = sg4::create_full_zone("fleettwin");

  auto* cp = sg4::create_star_zone("control-plane");
  cp->set_parent(root);
  auto* cp_router = cp->create_router("control-plane-router");
  cp->add_route(cp_router, nullptr, nullptr, nullptr, {}, true);
  const auto attach = [&](sg4::NetZone* zone, sg4::Host* host, const std::string& link_name, double latency,
                          const std::vector<OutageInterval>* down = nullptr) {
    auto* link = zone->create_link(link_name, p.bandwidth)->set_latency(latency);
    if (down && !down->empty()) link->set_state_profile(outage_profile(link_name, *down));
    link->seal();
    zone->add_route(host->get_netpoint(), nullptr, nullptr, nullptr, {sg4::LinkInRoute(link)}, true);
    return link;
  };
  out.defender_for_cloud = cp->create_host("defender-for-cloud", 1e9)->seal();
  attach(cp, out.defender_for_cloud, "defender-for-cloud-link", 0.0005);
  out.mde_by_geo.assign(kGeoNames.size(), nullptr);
  for (const auto& t : sc.tenants) {
    const auto g = static_cast<size_t>(t.geo);
    if (out.mde_by_geo[g]) continue;
    out.mde_by_geo[g] = cp->create_host(mde_service_name(t.geo), 1e9)->seal();
    attach(cp, out.mde_by_geo[g], mde_service_name(t.geo) + "-link", 0.0005);
  }
  cp->seal();

  out.gateways.assign(sc.locations.size(), nullptr);
  out.uplinks.assign(sc.locations.size(), nullptr);
  for (int e = 0; e < kEnvironmentCount; ++e) {
    const auto env = static_cast<Environment>(e);
    const std::string env_name(kEnvironmentNames[static_cast<size_t>(e)]);
    bool present = false;
    for (const auto& l : sc.locations) present |= l.environment == env;
    if (!present) continue;
    auto* zone = sg4::create_star_zone(env_name);
    zone->set_parent(root);
    auto* router = zone->create_router(env_name + "-router");
    zone->add_route(router, nullptr, nullptr, nullptr, {}, true);
    const double latency = env == Environment::Azure    ? p.azure_latency
                           : env == Environment::OnPrem ? p.onprem_latency
                                                        : p.multicloud_latency;
    for (size_t i = 0; i < sc.locations.size(); ++i) {
      if (sc.locations[i].environment != env) continue;
      const std::string name = env_name + "/" + sc.locations[i].name;
      out.gateways[i] = zone->create_host(name, 1e9)->seal();
      out.uplinks[i] = attach(zone, out.gateways[i], name + "-uplink", latency, i < outages.size() ? &outages[i] : nullptr);
    }
    zone->seal();
    auto* backbone = root->create_link(env_name + "-backbone", p.bandwidth)->set_latency(p.backbone_latency)->seal();
    root->add_route(zone->get_netpoint(), cp->get_netpoint(), router, cp_router, {sg4::LinkInRoute(backbone)}, true);
  }
  root->seal();
  return out;
}

}  // namespace fleettwin
