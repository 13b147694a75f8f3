#pragma once
// Vectors reused from step to step keep their largest capacity. Where one step can be far larger than the rest
// (evaluation 0 lists every machine; a bulk power change queues a cohort), keeping it would hold memory for the
// whole run that only that step needed (SIMGRID-NOTES pitfall 10): such vectors give it back when it is large.
#include <vector>

namespace fleettwin {

inline constexpr size_t kScratchKeepElements = 16384;

template <class T>
void clear_scratch(std::vector<T>& v, size_t keep = kScratchKeepElements) {
  if (v.capacity() > keep)
    std::vector<T>().swap(v);
  else
    v.clear();
}

}  // namespace fleettwin
