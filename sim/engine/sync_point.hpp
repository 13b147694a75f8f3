#pragma once
// Where the site actors and the defender-for-cloud actor meet at every synchronisation point (the start, every
// clock hour, the end): each site leaves a pointer to its report in its own slot, then all of them wait on one
// s4u::Barrier; after it, the control plane alone reads the slots. A site writes its report again only at its
// next tick, which simulated time cannot reach before the control plane has merged and is waiting again: nothing
// mutable is shared while the actors run in parallel on several threads.
//
// The reports are the twin's own accounting (billable seconds, classes, ground truth), not product traffic, so
// they do not cross the simulated network: an outage must not lose them. Product traffic depends on the platform:
// a site's heartbeats on its uplink's state (site_actor.hpp); detections and alerts will travel as messages.
#include <simgrid/s4u.hpp>

#include <exception>
#include <vector>

#include "sim/engine/site.hpp"

namespace fleettwin {

class SyncPoint {
 public:
  explicit SyncPoint(size_t sites)
      : reports_(sites), failures_(sites + 1), barrier_(simgrid::s4u::Barrier::create(static_cast<unsigned>(sites + 1))) {}

  // Site `i` publishes its report of the current point, then everybody waits.
  void publish(size_t site, const SiteReport& report) { reports_[site] = &report; }
  void wait() { barrier_->wait(); }
  const std::vector<const SiteReport*>& reports() const { return reports_; }

  size_t control_plane_index() const { return failures_.size() - 1; }
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

 private:
  std::vector<const SiteReport*> reports_;
  std::vector<std::exception_ptr> failures_;
  simgrid::s4u::BarrierPtr barrier_;
};

}  // namespace fleettwin
