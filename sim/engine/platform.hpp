#pragma once
// The SimGrid platform generated from a scenario: a zone per environment (azure, aws, gcp, onprem), a gateway
// host per region or site with its uplink, and a control-plane zone holding the Defender for Cloud host and one
// Defender for Endpoint host per tenant geo. Outages are state profiles on the uplinks (a site's
// heartbeats are lost while its uplink is down); later models send detections and alerts over these routes.
#include <simgrid/s4u.hpp>

#include <vector>

#include <string>

#include "models/network/outages.hpp"
#include "sim/engine/outage_plan.hpp"
#include "sim/scenario/scenario.hpp"

namespace fleettwin {

struct Platform {
  std::vector<simgrid::s4u::Host*> gateways;  // per location, in scenario order
  std::vector<simgrid::s4u::Link*> uplinks;   // per location
  simgrid::s4u::Host* defender_for_cloud = nullptr;
  std::vector<simgrid::s4u::Host*> mde_by_geo;  // indexed by Geo; null where no tenant lives
};

// The Defender for Endpoint service host, actor and mailbox of a tenant geo: "mde-EU".
inline std::string mde_service_name(Geo geo) { return "mde-" + std::string(kGeoNames[static_cast<size_t>(geo)]); }

// Link figures are network assumptions, not product facts: one-way latency from a location to the Azure
// backbone by environment, and 1 Gbps links.
struct PlatformParams {
  double azure_latency = 0.002;
  double multicloud_latency = 0.020;
  double onprem_latency = 0.030;
  double backbone_latency = 0.010;
  double bandwidth = 1.25e8;  // bytes/s (1 Gbps)
};

// `outages` (per location, may be empty) become state profiles of the locations' uplinks: a link that is off
// fails every communication over it, and the site's heartbeats are lost while it is down.
Platform build_platform(const Scenario& scenario, const PlatformParams& params = {},
                        const std::vector<std::vector<OutageInterval>>& outages = {});

}  // namespace fleettwin
