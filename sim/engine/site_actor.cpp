#include "sim/engine/site_actor.hpp"

namespace sg4 = simgrid::s4u;

namespace fleettwin {
namespace {

struct SiteActor {
  const Platform& platform;
  size_t location;
  const std::vector<int64_t>& points;
  SyncPoint& sync;
  AlertTransport* transport;

  void operator()() {
    try {
      sg4::Link* uplink = platform.uplinks[location];
      for (size_t k = 0; k < points.size(); ++k) {
        sg4::this_actor::sleep_until(static_cast<double>(points[k]));
        if (transport) transport->check_delivered(location);
        sync.set_uplink(location, uplink->is_on());
        sync.wait();
        if (transport && k + 1 < points.size()) {
          sync.wait_window();  // the control plane has run the window: its detections are known
          transport->send_window(location, points[k + 1]);
        }
      }
    } catch (const std::exception&) {
      sync.fail(location, std::current_exception());
    }
  }
};

}  // namespace

void create_site_actor(const Scenario& sc, const Platform& platform, size_t location,
                       const std::vector<int64_t>& points, SyncPoint& sync, AlertTransport* transport) {
  sg4::Actor::create("site:" + sc.locations[location].name, platform.gateways[location],
                     SiteActor{platform, location, points, sync, transport});
}

}  // namespace fleettwin
