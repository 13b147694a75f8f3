#pragma once
// A site's event calendar: a ring of one-hour buckets (a calendar queue) with an overflow list for events
// beyond the ring. The bucket being drained is sorted once and scanned; events pushed into it while it drains
// (a Starting -> Running a minute later) go to a small side heap, merged on the fly. Ties are broken by
// (time, machine, kind): the order never depends on insertion order. Entries are 12 bytes.
#include <algorithm>
#include <cstdint>
#include <vector>

namespace fleettwin {

struct CalendarEntry {
  uint32_t time;     // seconds since the start of the run
  uint32_t machine;  // global machine id
  uint8_t kind;      // model-defined event kind
  uint8_t epoch;     // the machine's epoch when scheduled (stale-event guard)
  uint16_t spare = 0;
};
static_assert(sizeof(CalendarEntry) == 12);

class Calendar {
 public:
  static constexpr uint32_t kBucketSeconds = 3600;
  static constexpr uint32_t kRingBuckets = 2048;  // 85 days: Arc expiry (45 d) stays in the ring

  void push(const CalendarEntry& e) {
    const uint64_t b = e.time / kBucketSeconds;
    ++size_;
    if (b <= current_) {  // due in the bucket being drained (or, defensively, earlier)
      side_.push_back(e);
      std::push_heap(side_.begin(), side_.end(), later);
    } else if (b < current_ + kRingBuckets) {
      ring_[b % kRingBuckets].push_back(e);
    } else {
      overflow_.push_back(e);
    }
  }

  // Calls handle(entry) for every event with time < until, in (time, machine, kind) order. The handler may
  // push new events, including ones due before `until`.
  template <class Handler>
  uint64_t drain_until(uint32_t until, Handler&& handle) {
    uint64_t handled = 0;
    for (;;) {
      for (;;) {
        const bool from_bucket = pos_ < bucket_.size();
        const bool from_side = !side_.empty();
        if (!from_bucket && !from_side) break;
        CalendarEntry e;
        if (from_bucket && (!from_side || !later(bucket_[pos_], side_.front()))) {
          if (bucket_[pos_].time >= until) break;
          e = bucket_[pos_++];
        } else {
          if (side_.front().time >= until) break;
          std::pop_heap(side_.begin(), side_.end(), later);
          e = side_.back();
          side_.pop_back();
        }
        --size_;
        ++handled;
        handle(e);
      }
      if (pos_ < bucket_.size() || !side_.empty() || (current_ + 1) * uint64_t{kBucketSeconds} >= until) break;
      advance();
    }
    return handled;
  }

  size_t size() const { return size_; }
  size_t capacity_bytes() const {
    size_t cap = bucket_.capacity() + side_.capacity() + overflow_.capacity();
    for (const auto& b : ring_) cap += b.capacity();
    return cap * sizeof(CalendarEntry);
  }

 private:
  static bool later(const CalendarEntry& a, const CalendarEntry& b) {
    if (a.time != b.time) return a.time > b.time;
    if (a.machine != b.machine) return a.machine > b.machine;
    return a.kind > b.kind;
  }

  static bool earlier(const CalendarEntry& a, const CalendarEntry& b) { return later(b, a); }

  // Called only when the current bucket and the side heap are both exhausted.
  void advance() {
    ++current_;
    auto& next = ring_[current_ % kRingBuckets];
    bucket_ = std::move(next);  // the drained bucket's storage is freed: ring slots never hoard capacity
    next = {};                  // (SIMGRID-NOTES pitfall 10)
    pos_ = 0;
    std::sort(bucket_.begin(), bucket_.end(), earlier);
    if (side_.capacity() > 65536) std::vector<CalendarEntry>().swap(side_);
    if (!overflow_.empty() && (current_ % (kRingBuckets / 2)) == 0) migrate_overflow();
  }

  // Every half ring, events that now fall inside the ring move into it.
  void migrate_overflow() {
    auto keep = std::partition(overflow_.begin(), overflow_.end(), [&](const CalendarEntry& e) {
      return e.time / kBucketSeconds >= current_ + kRingBuckets;
    });
    for (auto it = keep; it != overflow_.end(); ++it) {
      const uint64_t b = it->time / kBucketSeconds;
      if (b <= current_) {
        side_.push_back(*it);
        std::push_heap(side_.begin(), side_.end(), later);
      } else {
        ring_[b % kRingBuckets].push_back(*it);
      }
    }
    overflow_.erase(keep, overflow_.end());
  }

  uint64_t current_ = 0;
  size_t size_ = 0;
  std::vector<CalendarEntry> bucket_;  // current bucket, sorted; bucket_[pos_] is its next event
  size_t pos_ = 0;
  std::vector<CalendarEntry> side_;    // min-heap of events pushed into the current bucket while it drains
  std::vector<std::vector<CalendarEntry>> ring_ = std::vector<std::vector<CalendarEntry>>(kRingBuckets);
  std::vector<CalendarEntry> overflow_;
};

}  // namespace fleettwin
