#pragma once
// The mean and the 95th percentile (nearest rank) of a sample of durations, as the output and the summary report
// them (time to acknowledge, resolve, detect, contain). An empty sample has neither: nullopt.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <vector>

namespace fleettwin {

struct MeanP95 {
  double mean;
  double p95;
};

inline std::optional<MeanP95> mean_and_p95(std::vector<int64_t> v) {
  if (v.empty()) return std::nullopt;
  double sum = 0;
  for (int64_t x : v) sum += static_cast<double>(x);
  const auto k = static_cast<size_t>(std::ceil(0.95 * static_cast<double>(v.size()))) - 1;
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
  return MeanP95{sum / static_cast<double>(v.size()), static_cast<double>(v[k])};
}

}  // namespace fleettwin
