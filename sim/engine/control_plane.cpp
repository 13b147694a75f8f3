#include "sim/engine/control_plane.hpp"

#include "sim/engine/interrupt.hpp"

namespace sg4 = simgrid::s4u;

namespace fleettwin {

void create_defender_for_cloud(const Scenario& sc, const Platform& platform, SyncPoint& sync, ReportMerger& merger,
                               Progress& progress, RunEnd at_end) {
  sg4::Actor::create("defender-for-cloud", platform.defender_for_cloud,
                     [&sc, &sync, &merger, &progress, at_end = std::move(at_end)] {
                       try {
                         const auto stop_if_asked = [] {
                           if (const int signal = stop_requested()) throw Interrupted(signal);
                         };
                         sync.wait();
                         merger.merge(sync.reports());
                         for (int64_t hour = 1; hour <= sc.hours(); ++hour) {
                           stop_if_asked();
                           sync.wait();
                           merger.merge(sync.reports());
                           progress.update(hour, merger.events());
                         }
                         sync.wait();
                         stop_if_asked();
                         at_end(merger.events());
                       } catch (const std::exception&) {
                         sync.fail(sync.control_plane_index(), std::current_exception());
                       }
                     });
}

}  // namespace fleettwin
