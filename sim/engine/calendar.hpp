#pragma once
// A site's event calendar: a ring of one-hour buckets (a calendar queue) with an overflow list for events
// beyond the ring. The bucket being drained is sorted once and scanned. Events pushed into it while it drains (a
// Starting -> Running a minute later; the power follow-ups are a third of the bench fleet's events) wait in one
// list per minute of the hour, each sorted when the drain reaches its minute; only those due in a minute already
// reached go to a side heap, which so stays small (a heap of every such event of the hour held thousands at 100k
// machines, and its pops were 9 % of the run's instructions). The three are merged on the fly.
//
// Order: every entry carries one 64-bit key, (time, lane, subject, kind) packed from the most significant bit:
//   time    30 bits  seconds since the start (models/common/sim_time.hpp bounds a run to fit)
//   lane     1 bit   0 = scenario events (subject = the scenario's action index), 1 = machine events
//                    (subject = machine id): at one second, the scenario's actions come before machine events
//   subject 27 bits  action index or machine id
//   kind     6 bits  the event kind, numbered by the event registry in registration order
// so that events come out in an order that never depends on insertion order, and every comparison is one
// integer comparison (inlined: the sort and heap take a lambda, not a function pointer).
#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

#include "models/common/sim_time.hpp"

namespace fleettwin {

using EventKind = uint8_t;
enum class Lane : uint8_t { Scenario = 0, Machine = 1 };

inline constexpr int kSubjectBits = 27;
inline constexpr int kKindBits = 6;
inline constexpr uint32_t kMaxSubject = (1u << kSubjectBits) - 1;
inline constexpr int kMaxEventKinds = 1 << kKindBits;
static_assert(kSimTimeBits + 1 + kSubjectBits + kKindBits == 64);

struct CalendarEntry {
  uint32_t key_high;  // the key, split in two words so that the entry stays 12 bytes
  uint32_t key_low;
  uint8_t epoch;      // opaque to the calendar: the kind's owner checks it for staleness when the event fires
  uint8_t tag = 0;    // opaque to the calendar too: a variant of the kind, for its owner
  uint16_t note = 0;  // and a small number its owner carries to the event (the entry has room for it)

  static constexpr CalendarEntry make(SimTime time, Lane lane, uint32_t subject, EventKind kind, uint8_t epoch,
                                      uint8_t tag = 0, uint16_t note = 0) {
    const uint64_t key = (static_cast<uint64_t>(time.seconds()) << 34) | (static_cast<uint64_t>(lane) << 33) |
                         (static_cast<uint64_t>(subject) << kKindBits) | kind;
    return {static_cast<uint32_t>(key >> 32), static_cast<uint32_t>(key), epoch, tag, note};
  }
  constexpr uint64_t key() const { return (static_cast<uint64_t>(key_high) << 32) | key_low; }
  constexpr SimTime time() const { return SimTime::at(static_cast<int64_t>(key_high >> 2)); }
  static constexpr int64_t seconds_of(uint64_t key) { return static_cast<int64_t>(key >> 34); }
  constexpr Lane lane() const { return static_cast<Lane>((key_high >> 1) & 1u); }
  constexpr uint32_t subject() const { return static_cast<uint32_t>((key() >> kKindBits) & kMaxSubject); }
  constexpr EventKind kind() const { return static_cast<EventKind>(key_low & (kMaxEventKinds - 1)); }
};
static_assert(sizeof(CalendarEntry) == 12);

class Calendar {
 public:
  static constexpr int64_t kBucketSeconds = 3600;
  static constexpr uint64_t kRingBuckets = 2048;  // 85 days: Arc expiry (45 d) stays in the ring

  void push(const CalendarEntry& e) {
    const uint64_t b = bucket_of(e);
    ++size_;
    if (b <= current_) {  // due in the bucket being drained (or, defensively, earlier)
      push_current(e, b);
    } else if (b < current_ + kRingBuckets) {
      ring_[b % kRingBuckets].push_back(e);
    } else {
      overflow_.push_back(e);
    }
  }

  // Calls handle(entry) for every event before `until`, in key order. The handler may push new events,
  // including ones due before `until`.
  template <class Handler>
  uint64_t drain_until(SimTime until, Handler&& handle) {
    const uint64_t limit = CalendarEntry::make(until, Lane::Scenario, 0, 0, 0).key();  // the first key at `until`
    uint64_t handled = 0;
    for (;;) {
      for (;;) {
        // The next event: the least of the three heads. A minute's list joins once the next event lies in it.
        uint64_t next = pos_ < bucket_.size() ? bucket_[pos_].key() : UINT64_MAX;
        if (minute_pos_ < minute_run_.size()) next = std::min(next, minute_run_[minute_pos_].key());
        if (!side_.empty()) next = std::min(next, side_.front().key());
        if (next_minute_ < kMinutes) {
          // Its list may hold an event before `next`, or before `until` when nothing else does.
          if (next < limit ? next_minute_start_ <= CalendarEntry::seconds_of(next) : next_minute_start_ < until.seconds()) {
            open_minute();
            continue;
          }
        }
        if (next >= limit) break;
        CalendarEntry e;
        if (pos_ < bucket_.size() && bucket_[pos_].key() == next) {
          e = bucket_[pos_++];
        } else if (minute_pos_ < minute_run_.size() && minute_run_[minute_pos_].key() == next) {
          e = minute_run_[minute_pos_++];
        } else {
          std::pop_heap(side_.begin(), side_.end(), Later{});
          e = side_.back();
          side_.pop_back();
        }
        --size_;
        ++handled;
        handle(e);
      }
      if (pos_ < bucket_.size() || minute_pos_ < minute_run_.size() || !side_.empty() || next_minute_ < kMinutes ||
          static_cast<int64_t>(current_ + 1) * kBucketSeconds >= until.seconds())
        break;
      advance();
    }
    return handled;
  }

  size_t size() const { return size_; }
  size_t capacity_bytes() const {
    size_t cap = bucket_.capacity() + side_.capacity() + overflow_.capacity() + minute_run_.capacity();
    for (const auto& b : ring_) cap += b.capacity();
    for (const auto& m : minutes_) cap += m.capacity();
    return cap * sizeof(CalendarEntry);
  }

 private:
  // A type, not a function: the heap's comparisons inline.
  struct Later {
    bool operator()(const CalendarEntry& a, const CalendarEntry& b) const { return a.key() > b.key(); }
  };
  static constexpr int kMinutes = 60;
  static constexpr int64_t kMinuteSeconds = kBucketSeconds / kMinutes;
  // The minute of the current hour that an event of that hour falls in.
  int minute_of(const CalendarEntry& e) const {
    return static_cast<int>((e.time().seconds() - static_cast<int64_t>(current_) * kBucketSeconds) / kMinuteSeconds);
  }

  // An event of the hour being drained: into its minute's list until the drain reaches that minute, then the heap.
  void push_current(const CalendarEntry& e, uint64_t bucket) {
    if (bucket == current_) {
      const int m = minute_of(e);
      if (m >= next_minute_) {
        minutes_[static_cast<size_t>(m)].push_back(e);
        return;
      }
    }
    side_.push_back(e);
    std::push_heap(side_.begin(), side_.end(), Later{});
  }

  // Makes the next minute's list the one being merged, sorted (by key, then epoch: an order that does not depend on
  // the order of the pushes). Called only once the previous minute's list is exhausted.
  void open_minute() {
    auto& list = minutes_[static_cast<size_t>(next_minute_++)];
    next_minute_start_ += kMinuteSeconds;
    // Storage beyond a typical minute's is given back: the first hour's lists (every machine's first events) are large.
    if (minute_run_.capacity() > kMinuteKeep) std::vector<CalendarEntry>().swap(minute_run_);
    minute_run_.clear();
    minute_run_.swap(list);  // the exhausted run's storage serves the minute next hour
    minute_pos_ = 0;
    std::sort(minute_run_.begin(), minute_run_.end(), [](const CalendarEntry& a, const CalendarEntry& b) {
      return a.key() < b.key() || (a.key() == b.key() && a.epoch < b.epoch);
    });
  }
  static constexpr uint64_t bucket_of(const CalendarEntry& e) {
    return static_cast<uint64_t>(e.time().seconds() / kBucketSeconds);
  }

  // Called only when the current bucket and the side heap are both exhausted.
  void advance() {
    ++current_;
    auto& next = ring_[current_ % kRingBuckets];
    bucket_ = std::move(next);  // the drained bucket's storage is freed: ring slots never hoard capacity
    next = {};                  // (SIMGRID-NOTES pitfall 10)
    pos_ = 0;
    next_minute_ = 0;
    next_minute_start_ = static_cast<int64_t>(current_) * kBucketSeconds;
    sort_bucket();
    if (side_.capacity() > kScratchKeep) std::vector<CalendarEntry>().swap(side_);
    if (!overflow_.empty() && (current_ % (kRingBuckets / 2)) == 0) migrate_overflow();
  }

  // Sorts the bucket by key. Its keys all lie in one hour, so they differ only in their low 46 bits (12 of time
  // within the hour, 34 of lane, subject and kind): a least-significant-digit radix sort in four 12-bit digits,
  // its four histograms counted in one pass and a digit every key shares skipped, costs 2-5 passes over the
  // entries instead of introsort's ~log2(n) comparisons each. Stable, so equal keys (which cannot differ in
  // anything the handlers read but the epoch) keep their insertion order; small buckets go to std::sort.
  void sort_bucket() {
    const size_t n = bucket_.size();
    if (n < kRadixMinimum) {
      std::sort(bucket_.begin(), bucket_.end(),
                [](const CalendarEntry& a, const CalendarEntry& b) { return a.key() < b.key(); });
      return;
    }
    constexpr int kDigitBits = 12, kDigits = 4;
    constexpr uint64_t kMask = (1u << kDigitBits) - 1;
    const uint64_t base = static_cast<uint64_t>(current_ * kBucketSeconds) << 34;
    static thread_local std::array<std::array<uint32_t, 1u << kDigitBits>, kDigits> count;
    for (auto& c : count) c.fill(0);
    for (const CalendarEntry& e : bucket_) {
      const uint64_t k = e.key() - base;
      for (int d = 0; d < kDigits; ++d) ++count[d][(k >> (d * kDigitBits)) & kMask];
    }
    scratch_.resize(n);
    for (int d = 0; d < kDigits; ++d) {
      auto& c = count[d];
      if (c[((bucket_[0].key() - base) >> (d * kDigitBits)) & kMask] == n) continue;  // one digit for all
      uint32_t sum = 0;
      for (auto& x : c) {
        const uint32_t v = x;
        x = sum;
        sum += v;
      }
      for (const CalendarEntry& e : bucket_) scratch_[c[((e.key() - base) >> (d * kDigitBits)) & kMask]++] = e;
      bucket_.swap(scratch_);
    }
    // The largest bucket is often the first hour's (every machine's first event): its scratch would stay allocated
    // for the whole run, 30 MB at 10M machines.
    if (scratch_.capacity() > kScratchKeep) std::vector<CalendarEntry>().swap(scratch_);
  }

  // Every half ring, events that now fall inside the ring move into it.
  void migrate_overflow() {
    auto keep = std::partition(overflow_.begin(), overflow_.end(),
                               [&](const CalendarEntry& e) { return bucket_of(e) >= current_ + kRingBuckets; });
    for (auto it = keep; it != overflow_.end(); ++it) {
      const uint64_t b = bucket_of(*it);
      if (b <= current_) {
        push_current(*it, b);
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
  std::vector<CalendarEntry> side_;    // min-heap of events pushed for a minute of this hour already reached
  std::array<std::vector<CalendarEntry>, kMinutes> minutes_;  // pushed while this hour drains, by minute
  int next_minute_ = 0;                // minutes before it have been opened
  int64_t next_minute_start_ = 0;      // its first second
  std::vector<CalendarEntry> minute_run_;  // the minute opened last, sorted; minute_run_[minute_pos_] is next
  size_t minute_pos_ = 0;
  std::vector<std::vector<CalendarEntry>> ring_ = std::vector<std::vector<CalendarEntry>>(kRingBuckets);
  std::vector<CalendarEntry> overflow_;
  std::vector<CalendarEntry> scratch_;  // the radix sort's other half, kept up to kScratchKeep entries
  static constexpr size_t kRadixMinimum = 1024;
  static constexpr size_t kScratchKeep = 1u << 16;
  static constexpr size_t kMinuteKeep = 1u << 10;
};

}  // namespace fleettwin
