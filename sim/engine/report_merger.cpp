#include "sim/engine/report_merger.hpp"

#include <algorithm>
#include <stdexcept>

#include "sim/engine/scratch_vector.hpp"

namespace fleettwin {

ReportMerger::ReportMerger(size_t locations, RecordSink& sink) : sink_(sink) {
  evaluation_.counts.resize(locations);
  evaluation_.sensor.resize(locations);
}

void ReportMerger::merge(std::span<const SiteReport* const> reports) {
  if (reports.empty()) return;
  const SiteReport& first = *reports.front();
  for (const SiteReport* r : reports)
    if (r->time != first.time || r->hour_closed != first.hour_closed || r->evaluated != first.evaluated ||
        r->month_closed != first.month_closed || r->evaluation != first.evaluation)
      throw std::logic_error("report merger: the sites' reports are not of the same tick");
  events_ = 0;
  for (const SiteReport* r : reports) events_ += r->events;
  if (first.hour_closed) {
    HourUsage usage;
    for (const SiteReport* r : reports) usage += r->usage;
    sink_.append_hour(first.hour, usage);
  }
  if (first.month_closed) {
    GroupCounts seats{};
    for (const SiteReport* r : reports)
      for (int g = 0; g < kMeterGroups; ++g) seats[g] += r->seats[g];
    sink_.append_month(first.month, first.hours_in_month, seats);
  }
  if (first.evaluated) {
    evaluation_.index = first.evaluation;
    evaluation_.time = first.time;
    std::fill(evaluation_.counts.begin(), evaluation_.counts.end(), ClassCounts{});
    std::fill(evaluation_.sensor.begin(), evaluation_.sensor.end(), SensorCounts{});
    size_t total = 0;
    for (const SiteReport* r : reports) {
      for (size_t c = 0; c < r->counts.size(); ++c) evaluation_.counts.at(r->location)[c] += r->counts[c];
      for (size_t s = 0; s < r->sensor.size(); ++s) evaluation_.sensor.at(r->location)[s] += r->sensor[s];
      total += r->changes.size();
    }
    // Each site's changes are in machine order and the sites' machines are disjoint: a k-way merge gives the
    // fleet's changes in machine order.
    evaluation_.changes.clear();
    evaluation_.changes.reserve(total);
    cursors_.clear();
    for (const SiteReport* r : reports)
      if (!r->changes.empty()) cursors_.push_back({r->changes.data(), r->changes.data() + r->changes.size()});
    const auto later = [](const Cursor& a, const Cursor& b) { return a.next->machine > b.next->machine; };
    std::make_heap(cursors_.begin(), cursors_.end(), later);
    while (!cursors_.empty()) {
      std::pop_heap(cursors_.begin(), cursors_.end(), later);
      Cursor& c = cursors_.back();
      evaluation_.changes.push_back(*c.next++);
      if (c.next == c.end)
        cursors_.pop_back();
      else
        std::push_heap(cursors_.begin(), cursors_.end(), later);
    }
    sink_.append_evaluation(evaluation_);
    clear_scratch(evaluation_.changes);  // evaluation 0 lists every machine of the fleet
  }
}

}  // namespace fleettwin
