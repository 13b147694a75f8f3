#include "models/threats/threat_activity.hpp"

#include <cmath>
#include <stdexcept>

namespace fleettwin {
namespace {
uint16_t technique_code(std::string_view id) {
  const auto code = find_technique(id);
  if (!code) throw std::logic_error("threat defaults name an unknown technique");
  return *code;
}
}  // namespace

ThreatParams default_threat_params() {
  ThreatParams p;
  p.playbooks = default_playbooks();
  p.mix = {0.25, 0.45, 0.30};
  p.initial_access = {technique_code("T1190"), technique_code("T1078")};
  p.noise.techniques = {{technique_code("T1059"), 0.24},
                        {technique_code("T1218"), 0.19},
                        {technique_code("T1543"), 0.16},
                        {technique_code("T1053"), 0.16}};
  return p;
}

int64_t next_arrival(int64_t t, double rate_per_second, double u) {
  if (!(rate_per_second > 0)) return kNoArrival;
  const double gap = -std::log1p(-u) / rate_per_second;
  if (gap >= static_cast<double>(kNoArrival - t)) return kNoArrival;
  // Whole seconds (the clock's resolution), at least one after t.
  return t + std::max<int64_t>(1, static_cast<int64_t>(std::ceil(gap)));
}

size_t pick_weighted(std::span<const double> weights, double u) {
  double total = 0;
  for (double w : weights) total += w;
  double x = u * total;
  for (size_t i = 0; i < weights.size(); ++i) {
    if (x < weights[i]) return i;
    x -= weights[i];
  }
  for (size_t i = weights.size(); i-- > 0;)  // rounding: the last positive weight
    if (weights[i] > 0) return i;
  return 0;
}

}  // namespace fleettwin
