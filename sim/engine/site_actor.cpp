#include "sim/engine/site_actor.hpp"

#include <memory>

namespace sg4 = simgrid::s4u;

namespace fleettwin {
namespace {

struct SiteActor {
  const Scenario& sc;
  const Platform& platform;
  const std::vector<OutageInterval>& outages;  // of the site's location: when its uplink's state changes
  Site& site;
  size_t index;
  SyncPoint& sync;

  void operator()() {
    try {
      simgrid::s4u::Link* uplink = platform.uplinks[site.location()];
      // The instants the uplink's state changes, in order: SimGrid applies a state profile's change at t before
      // the actors run at t, so reading the link at such an instant gives its state from then on.
      std::vector<int64_t> changes;
      for (const auto& o : outages) changes.insert(changes.end(), {o.start, o.end});
      size_t next_change = 0;
      bool link_up = uplink->is_on();
      sync.publish(index, site.start());
      sync.wait();
      const SimTime end = SimTime::at(sc.duration);
      for (SimTime t;; t = t + sc.defender.heartbeat_interval) {
        if (t > SimTime()) {
          const SiteReport& report = site.tick(t);
          if (report.any()) {
            sg4::this_actor::sleep_until(static_cast<double>(t.seconds()));
            sync.publish(index, report);
            sync.wait();
          }
        }
        if (t >= end) break;
        // The tick's batch crosses the uplink if the link is up at t. Between its changes the link's state holds,
        // so the actor wakes only at those instants (and at each hour's synchronisation), not at every tick: each
        // wake-up is a scheduling round, which costs a thread hand-off once the sites run on several threads.
        while (next_change < changes.size() && changes[next_change] <= t.seconds()) {
          sg4::this_actor::sleep_until(static_cast<double>(changes[next_change++]));
          link_up = uplink->is_on();
        }
        site.heartbeat_batch_result(t, link_up);
      }
      site.finish();
      sync.wait();  // the control plane writes the per-machine table once every site has finished
    } catch (const std::exception&) {
      sync.fail(index, std::current_exception());
    }
  }
};

}  // namespace

void create_site_actor(const Scenario& sc, const Platform& platform, const std::vector<OutageInterval>& outages,
                       Site& site, size_t index, SyncPoint& sync) {
  sg4::Actor::create("site:" + sc.locations[site.location()].name, platform.gateways[site.location()],
                     SiteActor{sc, platform, outages, site, index, sync});
}

}  // namespace fleettwin
