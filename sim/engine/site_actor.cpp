#include "sim/engine/site_actor.hpp"

namespace sg4 = simgrid::s4u;

namespace fleettwin {
namespace {

struct SiteActor {
  const Platform& platform;
  size_t location;
  const std::vector<int64_t>& points;
  SyncPoint& sync;

  void operator()() {
    try {
      sg4::Link* uplink = platform.uplinks[location];
      for (const int64_t p : points) {
        sg4::this_actor::sleep_until(static_cast<double>(p));
        sync.set_uplink(location, uplink->is_on());
        sync.wait();
      }
    } catch (const std::exception&) {
      sync.fail(location, std::current_exception());
    }
  }
};

}  // namespace

void create_site_actor(const Scenario& sc, const Platform& platform, size_t location,
                       const std::vector<int64_t>& points, SyncPoint& sync) {
  sg4::Actor::create("site:" + sc.locations[location].name, platform.gateways[location],
                     SiteActor{platform, location, points, sync});
}

}  // namespace fleettwin
