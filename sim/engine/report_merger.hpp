#pragma once
// What the defender-for-cloud actor does with the sites' reports of a synchronisation tick: merge them in site
// order into the fleet's figures (integer sums; the sites' per-machine changes, each already in machine order,
// merged into one machine order) and hand the periods that ended to the sink. Engine-free: the control-plane
// actor and the engine-free driver (offline.hpp) share it, so the output does not depend on which thread ran
// which site, nor on how the sites were driven.
#include <cstdint>
#include <span>

#include "sim/engine/site.hpp"
#include "sim/output/records.hpp"

namespace fleettwin {

class ReportMerger {
 public:
  ReportMerger(size_t locations, RecordSink& sink);
  // One report per site, all of the same tick; figures are summed per location.
  void merge(std::span<const SiteReport* const> reports);
  uint64_t events() const { return events_; }

 private:
  struct Cursor {
    const HealthChange* next;
    const HealthChange* end;
  };
  RecordSink& sink_;
  Evaluation evaluation_;
  std::vector<Cursor> cursors_;
  uint64_t events_ = 0;
};

}  // namespace fleettwin
