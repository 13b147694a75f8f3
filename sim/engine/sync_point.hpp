#pragma once
// Where the site actors and the defender-for-cloud actor meet at every synchronisation point (fleet_driver.hpp):
// each site actor leaves its uplink's state, read from SimGrid at that instant, in its location's slot, then all
// of them wait on one s4u::Barrier; after it, the control plane alone reads the slots and runs the sites' next
// window. SimGrid runs the actors on one thread, one at a time; the slots are written before the barrier and read
// after it, so the order is the barrier's.
#include <simgrid/s4u.hpp>

#include <exception>
#include <vector>

namespace fleettwin {

class SyncPoint {
 public:
  // `actors`: the site actors (one per location) and the control plane, plus `daemons` (the alert pipeline's
  // service actors, alert_transport.hpp), which only need a slot for their failure. With `window_barrier`, the
  // actors meet a second time at every point, once the control plane has run the next window: the site actors
  // then send what their machines detected in it, at the detections' times.
  SyncPoint(size_t locations, size_t actors, bool window_barrier = false, size_t daemons = 0)
      : uplink_up_(locations, 1),
        failures_(actors + daemons),
        control_plane_(actors - 1),
        barrier_(simgrid::s4u::Barrier::create(static_cast<unsigned>(actors))),
        window_(window_barrier ? simgrid::s4u::Barrier::create(static_cast<unsigned>(actors)) : nullptr) {}

  void set_uplink(size_t location, bool up) { uplink_up_[location] = up ? 1 : 0; }
  const std::vector<uint8_t>& uplinks() const { return uplink_up_; }
  void wait() { barrier_->wait(); }
  bool has_window_barrier() const { return window_ != nullptr; }
  void wait_window() {
    if (window_) window_->wait();
  }

  // An actor failed: record why (each actor has its own slot) and end the run. The other actors are killed with
  // SimGrid's ForcefulKillException, which is not a std::exception, so their handlers let it pass.
  void fail(size_t actor, std::exception_ptr why) {
    failures_[actor] = std::move(why);
    simgrid::s4u::Actor::kill_all();
  }
  // The failure of the lowest-numbered actor that failed, if any (read after the engine has returned).
  std::exception_ptr failure() const {
    for (const auto& f : failures_)
      if (f) return f;
    return nullptr;
  }
  size_t control_plane_index() const { return control_plane_; }
  size_t daemon_index(size_t k) const { return control_plane_ + 1 + k; }

 private:
  std::vector<uint8_t> uplink_up_;
  std::vector<std::exception_ptr> failures_;
  size_t control_plane_;
  simgrid::s4u::BarrierPtr barrier_;
  simgrid::s4u::BarrierPtr window_;
};

}  // namespace fleettwin
