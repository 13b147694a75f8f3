#include "sim/engine/control_plane.hpp"

#include "sim/engine/interrupt.hpp"

namespace sg4 = simgrid::s4u;

namespace fleettwin {

void create_defender_for_cloud(const Scenario& sc, const Platform& platform, const std::vector<int64_t>& points,
                               SyncPoint& sync, FleetDriver& driver, Progress& progress, RunEnd at_end) {
  (void)sc;
  sg4::Actor::create("defender-for-cloud", platform.defender_for_cloud,
                     [&points, &sync, &driver, &progress, at_end = std::move(at_end)] {
                       try {
                         sync.wait();  // the uplinks' states at the start
                         driver.start();
                         for (size_t i = 0; i + 1 < points.size(); ++i) {
                           driver.run_window(SimTime::at(points[i]), SimTime::at(points[i + 1]), sync.uplinks());
                           sync.wait_window();  // the site actors send the window's detections (threats on)
                           sync.wait();
                           if (const int signal = stop_requested()) throw Interrupted(signal);
                           if (points[i + 1] % 3600 == 0) progress.update(points[i + 1] / 3600, driver.events());
                         }
                         driver.finish();
                         at_end(driver.events());
                       } catch (const std::exception&) {
                         sync.fail(sync.control_plane_index(), std::current_exception());
                       }
                     });
}

}  // namespace fleettwin
