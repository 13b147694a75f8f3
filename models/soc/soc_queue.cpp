#include "models/soc/soc_queue.hpp"

#include <algorithm>
#include <cmath>
#include <queue>
#include <stdexcept>

#include "models/common/random.hpp"

namespace fleettwin {
namespace {

struct Waiting {
  uint8_t severity;
  int64_t arrival;
  uint32_t index;
  bool operator<(const Waiting& o) const {  // std::priority_queue pops the largest: highest severity, earliest
    if (severity != o.severity) return severity < o.severity;
    if (arrival != o.arrival) return arrival > o.arrival;
    return index > o.index;
  }
};

struct Done {
  int64_t at;
  uint32_t index;
  bool operator>(const Done& o) const { return at != o.at ? at > o.at : index > o.index; }
};

}  // namespace

SocResult simulate_soc(std::span<const SocItem> items, std::span<const StaffingChange> staffing,
                       const SocServiceTimes& service, uint64_t seed, int64_t horizon) {
  if (staffing.empty() || staffing.front().at != 0) throw std::invalid_argument("SOC staffing must start at 0");
  SocResult r;
  r.outcomes.resize(items.size());
  const int64_t hours = (horizon + 3599) / 3600;
  r.hours.resize(static_cast<size_t>(hours));
  std::priority_queue<Waiting> queue;
  std::priority_queue<Done, std::vector<Done>, std::greater<>> busy;
  size_t next_item = 0, next_staff = 1;
  uint32_t staff = staffing.front().analysts;
  int64_t now = 0;

  // Busy and staffed analyst-seconds between `now` and t, split at hour boundaries.
  const auto integrate = [&](int64_t t) {
    while (now < t) {
      const int64_t hour_end = (now / 3600 + 1) * 3600;
      const int64_t until = std::min(t, hour_end);
      SocHour& h = r.hours[static_cast<size_t>(now / 3600)];
      h.busy_seconds += static_cast<double>(busy.size()) * static_cast<double>(until - now);
      // An analyst who finishes an alert after the shift ended is on duty until then.
      h.staffed_seconds += static_cast<double>(std::max<size_t>(staff, busy.size())) * static_cast<double>(until - now);
      now = until;
      if (now == hour_end) {
        h.backlog = static_cast<uint32_t>(queue.size());
        h.in_hand = static_cast<uint32_t>(busy.size());
        h.analysts = staff;
      }
    }
  };
  const auto duration = [&](const SocItem& it) {
    const auto sev = static_cast<size_t>(std::min<uint8_t>(it.severity, 3));
    double d = service.triage[sev].quantile(rng::uniform01(seed, static_cast<uint32_t>(it.key), rng::Stream::SocTriage, it.key >> 32));
    if (it.investigate)
      d += service.investigation[sev].quantile(
          rng::uniform01(seed, static_cast<uint32_t>(it.key), rng::Stream::SocInvestigation, it.key >> 32));
    return std::max<int64_t>(1, static_cast<int64_t>(std::llround(d)));
  };

  for (;;) {
    int64_t t = horizon;
    if (next_item < items.size()) t = std::min(t, items[next_item].arrival);
    if (!busy.empty()) t = std::min(t, busy.top().at);
    if (next_staff < staffing.size()) t = std::min(t, staffing[next_staff].at);
    if (t >= horizon) break;
    integrate(t);
    while (!busy.empty() && busy.top().at == t) {
      r.outcomes[busy.top().index].end = t;
      ++r.hours[static_cast<size_t>(t / 3600)].finished;
      busy.pop();
    }
    while (next_staff < staffing.size() && staffing[next_staff].at == t) staff = staffing[next_staff++].analysts;
    while (next_item < items.size() && items[next_item].arrival == t) {
      queue.push({items[next_item].severity, t, static_cast<uint32_t>(next_item)});
      ++next_item;
    }
    while (busy.size() < staff && !queue.empty()) {
      const Waiting w = queue.top();
      queue.pop();
      r.outcomes[w.index].start = t;
      ++r.hours[static_cast<size_t>(t / 3600)].started;
      busy.push({t + duration(items[w.index]), w.index});
    }
  }
  integrate(horizon);
  return r;
}

double erlang_c_mean_wait(double lambda, double mu, unsigned c) {
  const double a = lambda / mu;
  const double rho = a / c;
  if (rho >= 1) throw std::invalid_argument("Erlang C needs a load below the number of servers");
  // sum_{k<c} a^k/k! and a^c/c!, accumulated term by term (no factorial overflow).
  double term = 1, sum = 0;
  for (unsigned k = 0; k < c; ++k) {
    sum += term;
    term *= a / (k + 1);
  }
  const double top = term / (1 - rho);
  const double pw = top / (sum + top);
  return pw / (c * mu - lambda);
}

}  // namespace fleettwin
