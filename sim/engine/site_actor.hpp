#pragma once
// The SimGrid actor of a site, on the site's gateway host. It runs the site's heartbeat ticks (the site drains its
// calendar up to each), reports at every synchronisation point (each clock hour), and sleeps only until the next
// instant that needs SimGrid: a synchronisation point, or a change of its uplink's state. The tick's heartbeat
// batch reaches Defender for Endpoint if the site's uplink is up at the tick (outages are state profiles on the
// uplinks); a batch lost on a downed uplink means no heartbeat of any machine behind it.
//
// The batch is not sent as a SimGrid message: the sites' transfers would complete at as many distinct instants
// as there are sites, and every instant is a scheduling round, which costs a thread hand-off once the actors run
// on several threads (measured: ~10 rounds per tick, 11 s instead of 1.7 s for hybrid-enterprise on two threads).

#include "sim/engine/platform.hpp"
#include "sim/engine/site.hpp"
#include "sim/engine/sync_point.hpp"

namespace fleettwin {

// `outages`: those of the site's location, the intervals its uplink's state profile was built from.
void create_site_actor(const Scenario& scenario, const Platform& platform, const std::vector<OutageInterval>& outages,
                       Site& site, size_t index, SyncPoint& sync);

}  // namespace fleettwin
