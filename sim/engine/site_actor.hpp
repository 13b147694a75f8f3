#pragma once
// The SimGrid actor of a location (an Azure/AWS/GCP region or an on-premises site), on the location's gateway
// host: at every synchronisation point it reads its uplink's state from SimGrid (outages are state profiles on
// the uplinks; SimGrid applies a profile's change at t before the actors run at t) and leaves it for the control
// plane, which runs the location's machines (its shards) on the worker pool until the next point. A heartbeat
// batch of a tick at which the uplink is down is lost: no heartbeat of any machine behind it.
//
// The heartbeat batch is not sent as a SimGrid message: one transfer per location per tick would be as many
// SimGrid events as ticks x locations, for nothing the link's state does not already say. Detections are
// (threats on): once the control plane has run a window, the actor sends the location's detections of that window
// at their times over its uplink (alert_transport.hpp).
#include <vector>

#include "sim/engine/alert_transport.hpp"
#include "sim/engine/platform.hpp"
#include "sim/engine/sync_point.hpp"

namespace fleettwin {

// `points`: the run's synchronisation points (fleet_driver.hpp). `transport`: the alert pipeline (threats on), or
// null.
void create_site_actor(const Scenario& scenario, const Platform& platform, size_t location,
                       const std::vector<int64_t>& points, SyncPoint& sync, AlertTransport* transport);

}  // namespace fleettwin
