#pragma once
// Sets of a site's machines, one bit per machine per slot, in a ring of slots: the machines to re-classify at each
// of the next 64 evaluations (sim/engine/health_monitor.hpp), the machines waiting for the next vulnerability
// publication (one slot). A machine marked twice is there once, and a slot is read in machine order, so its readers
// neither deduplicate nor sort. A slot costs a bit per machine whatever the churn: the vectors of machine ids the
// re-check ring replaced held 17.7 B per machine at 10M machines x 30 days (heaptrack), and the mark that
// deduplicated them 4 B more.
#include <algorithm>
#include <bit>
#include <cassert>
#include <cstdint>
#include <vector>

#include "sim/engine/site_context.hpp"

namespace fleettwin {

class MachineBitRing {
 public:
  MachineBitRing(std::vector<MachineRange> machines, size_t slots) : slots_(slots) {
    std::sort(machines.begin(), machines.end(), [](auto a, auto b) { return a.first < b.first; });
    for (const MachineRange& r : machines) {
      spans_.push_back({r.first, r.count, words_per_slot_});
      words_per_slot_ += (r.count + 63) / 64;
    }
    bits_.assign(slots_ * words_per_slot_, 0);
  }

  size_t slots() const { return slots_; }

  // Marks machine m in the slot of `index` (slot index mod slots).
  void mark(uint32_t m, int64_t index) {
    const Span& s = span_of(m);
    const size_t bit = m - s.first;
    bits_[slot(index) + s.word + bit / 64] |= uint64_t{1} << (bit % 64);
  }

  // Calls f(m) for every machine marked in the slot of `index`, in machine order, and clears the slot for reuse.
  template <class F>
  void drain(int64_t index, F&& f) {
    uint64_t* words = bits_.data() + slot(index);
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
  size_t slot(int64_t index) const { return static_cast<size_t>(index) % slots_ * words_per_slot_; }
  const Span& span_of(uint32_t m) const {
    if (spans_.size() == 1) return spans_.front();
    const auto it = std::upper_bound(spans_.begin(), spans_.end(), m, [](uint32_t x, const Span& s) { return x < s.first; });
    assert(it != spans_.begin() && m - std::prev(it)->first < std::prev(it)->count);
    return *std::prev(it);
  }

  std::vector<Span> spans_;
  size_t slots_;
  size_t words_per_slot_ = 0;
  std::vector<uint64_t> bits_;
};

}  // namespace fleettwin
