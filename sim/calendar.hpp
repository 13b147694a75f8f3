#pragma once
// A site's event calendar: a ring of one-hour buckets (a calendar queue) with an overflow list for events
// beyond the ring. Only the bucket being drained is kept as a binary heap, so pushes are O(1) for later hours
// and O(log n) within the current one. Ties are broken by (time, machine, kind): the order never depends on
// insertion order. Entries are 12 bytes.
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
      heap_.push_back(e);
      std::push_heap(heap_.begin(), heap_.end(), later);
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
      while (!heap_.empty() && heap_.front().time < until) {
        std::pop_heap(heap_.begin(), heap_.end(), later);
        const CalendarEntry e = heap_.back();
        heap_.pop_back();
        --size_;
        ++handled;
        handle(e);
      }
      if (!heap_.empty() || (current_ + 1) * uint64_t{kBucketSeconds} >= until) break;
      advance();
    }
    return handled;
  }

  size_t size() const { return size_; }
  size_t capacity_bytes() const {
    size_t cap = heap_.capacity() + overflow_.capacity();
    for (const auto& b : ring_) cap += b.capacity();
    return cap * sizeof(CalendarEntry);
  }

 private:
  static bool later(const CalendarEntry& a, const CalendarEntry& b) {
    if (a.time != b.time) return a.time > b.time;
    if (a.machine != b.machine) return a.machine > b.machine;
    return a.kind > b.kind;
  }

  void advance() {
    ++current_;
    // A drained bucket at peak load would keep its memory forever (SIMGRID-NOTES pitfall 10): release big ones.
    if (heap_.capacity() > 65536) std::vector<CalendarEntry>().swap(heap_);
    auto& bucket = ring_[current_ % kRingBuckets];
    if (heap_.empty()) {
      heap_ = std::move(bucket);  // the bucket is left with no storage: ring slots never hoard capacity
      bucket = {};
    } else {
      heap_.insert(heap_.end(), bucket.begin(), bucket.end());
      std::vector<CalendarEntry>().swap(bucket);
    }
    std::make_heap(heap_.begin(), heap_.end(), later);
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
        heap_.push_back(*it);
        std::push_heap(heap_.begin(), heap_.end(), later);
      } else {
        ring_[b % kRingBuckets].push_back(*it);
      }
    }
    overflow_.erase(keep, overflow_.end());
  }

  uint64_t current_ = 0;
  size_t size_ = 0;
  std::vector<CalendarEntry> heap_;
  std::vector<std::vector<CalendarEntry>> ring_ = std::vector<std::vector<CalendarEntry>>(kRingBuckets);
  std::vector<CalendarEntry> overflow_;
};

}  // namespace fleettwin
