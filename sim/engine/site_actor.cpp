#include "sim/engine/site_actor.hpp"

#include <memory>

namespace sg4 = simgrid::s4u;

namespace fleettwin {
namespace {

struct SiteActor {
  const Scenario& sc;
  const Platform& platform;
  Site& site;
  size_t index;
  SyncPoint& sync;

  void operator()() {
    try {
      simgrid::s4u::Link* uplink = platform.uplinks[site.location()];
      sync.publish(index, site.start());
      sync.wait();
      const SimTime end = SimTime::at(sc.duration);
      for (SimTime t;; t = t + sc.defender.heartbeat_interval) {
        if (t > SimTime()) {
          sg4::this_actor::sleep_until(static_cast<double>(t.seconds()));
          const SiteReport& report = site.tick(t);
          if (report.any()) {
            sync.publish(index, report);
            sync.wait();
          }
        }
        if (t >= end) break;
        // The tick's batch crosses the uplink if the link is up at t. SimGrid applies a state profile's change
        // at t before the actors run at t, so an outage covers [start, end) exactly.
        site.heartbeat_batch_result(t, uplink->is_on());
      }
      site.finish();
      sync.wait();  // the control plane writes the per-machine table once every site has finished
    } catch (const std::exception&) {
      sync.fail(index, std::current_exception());
    }
  }
};

}  // namespace

void create_site_actor(const Scenario& sc, const Platform& platform, Site& site, size_t index, SyncPoint& sync) {
  sg4::Actor::create("site:" + sc.locations[site.location()].name, platform.gateways[site.location()],
                     SiteActor{sc, platform, site, index, sync});
}

}  // namespace fleettwin
