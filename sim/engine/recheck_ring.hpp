#pragma once
// The machines to re-classify at each of the next evaluations (sim/engine/health_monitor.hpp): a ring of one bit
// per machine of the site per evaluation. A bit set twice is one re-classification, and a slot is read in machine
// order, so the evaluation neither deduplicates nor sorts. 64 slots cost 8 bytes per machine, whatever the churn:
// the vectors of machine ids this replaces held 17.7 B per machine at 10M machines x 30 days (heaptrack), and the
// mark that deduplicated them 4 B more.
#include <algorithm>
#include <bit>
#include <cassert>
#include <cstdint>
#include <vector>

#include "sim/engine/site_context.hpp"

namespace fleettwin {

class RecheckRing {
 public:
  static constexpr size_t kSlots = 64;  // evaluations ahead: 7 days (Inactive) = 42, plus margin

  explicit RecheckRing(std::vector<MachineRange> machines) {
    std::sort(machines.begin(), machines.end(), [](auto a, auto b) { return a.first < b.first; });
    for (const MachineRange& r : machines) {
      spans_.push_back({r.first, r.count, words_per_slot_});
      words_per_slot_ += (r.count + 63) / 64;
    }
    bits_.assign(kSlots * words_per_slot_, 0);
  }

  void mark(uint32_t m, int64_t evaluation) {
    const Span& s = span_of(m);
    const size_t bit = m - s.first;
    bits_[slot(evaluation) + s.word + bit / 64] |= uint64_t{1} << (bit % 64);
  }

  // Calls f(m) for every machine marked for `evaluation`, in machine order, and clears the slot for reuse
  // kSlots evaluations later.
  template <class F>
  void drain(int64_t evaluation, F&& f) {
    uint64_t* words = bits_.data() + slot(evaluation);
    for (const Span& s : spans_) {
      const size_t n = (s.count + 63) / 64;
      for (size_t w = 0; w < n; ++w) {
        uint64_t bits = words[s.word + w];
        if (!bits) continue;
        words[s.word + w] = 0;
        const uint32_t base = s.first + static_cast<uint32_t>(w * 64);
        while (bits) {
          f(base + static_cast<uint32_t>(std::countr_zero(bits)));
          bits &= bits - 1;
        }
      }
    }
  }

  size_t bytes() const { return bits_.capacity() * sizeof(uint64_t) + spans_.capacity() * sizeof(Span); }

 private:
  struct Span {
    uint32_t first, count;
    size_t word;  // its first word within a slot
  };
  size_t slot(int64_t evaluation) const { return static_cast<size_t>(evaluation) % kSlots * words_per_slot_; }
  const Span& span_of(uint32_t m) const {
    if (spans_.size() == 1) return spans_.front();
    const auto it = std::upper_bound(spans_.begin(), spans_.end(), m, [](uint32_t x, const Span& s) { return x < s.first; });
    assert(it != spans_.begin() && m - std::prev(it)->first < std::prev(it)->count);
    return *std::prev(it);
  }

  std::vector<Span> spans_;
  size_t words_per_slot_ = 0;
  std::vector<uint64_t> bits_;
};

}  // namespace fleettwin
