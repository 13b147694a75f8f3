#include "models/soc/soc_queue.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "models/common/memory_use.hpp"
#include "models/common/random.hpp"

namespace fleettwin {

bool SocQueue::Waiting::operator<(const Waiting& o) const {  // the priority queue pops the largest
  if (severity != o.severity) return severity < o.severity;
  if (arrival != o.arrival) return arrival > o.arrival;
  return index > o.index;
}

SocQueue::SocQueue(std::span<const StaffingChange> staffing, const SocServiceTimes& service, uint64_t seed,
                   int64_t horizon)
    : staffing_(staffing.begin(), staffing.end()), service_(service), seed_(seed), horizon_(horizon) {
  if (staffing_.empty() || staffing_.front().at != 0) throw std::invalid_argument("SOC staffing must start at 0");
  staff_ = staffing_.front().analysts;
  result_.hours.resize(static_cast<size_t>((horizon + 3599) / 3600));
}

size_t SocQueue::bytes() const {
  return bytes_of(staffing_) + bytes_of(items_) + bytes_of(result_.outcomes) + bytes_of(result_.hours) +
         bytes_of(arrivals_) + bytes_of(busy_) + bytes_of(deadlines_) + bytes_of(waiting_queue_);
}

uint32_t SocQueue::add(const SocItem& item) {
  if (item.arrival < now_) throw std::logic_error("SOC: an item arrives before the queue's clock");
  const auto index = static_cast<uint32_t>(items_.size());
  items_.push_back(item);
  result_.outcomes.emplace_back();
  arrivals_.push({item.arrival, index});
  if (item.deadline < kNoDeadline) deadlines_.push({item.deadline, index});
  return index;
}

int64_t SocQueue::duration(const SocItem& it) const {
  const auto sev = static_cast<size_t>(std::min<uint8_t>(it.severity, 3));
  const auto key = static_cast<uint32_t>(it.key);
  double d = service_.triage[sev].quantile(rng::uniform01(seed_, key, rng::Stream::SocTriage, it.key >> 32));
  if (it.investigate)
    d += service_.investigation[sev].quantile(rng::uniform01(seed_, key, rng::Stream::SocInvestigation, it.key >> 32));
  return std::max<int64_t>(1, static_cast<int64_t>(std::llround(d)));
}

// Busy and staffed analyst-seconds between now_ and t, split at hour boundaries.
void SocQueue::integrate(int64_t t) {
  t = std::min(t, horizon_);
  while (now_ < t) {
    const int64_t hour_end = (now_ / 3600 + 1) * 3600;
    const int64_t until = std::min(t, hour_end);
    SocHour& h = result_.hours[static_cast<size_t>(now_ / 3600)];
    h.busy_seconds += static_cast<double>(busy_.size()) * static_cast<double>(until - now_);
    // An analyst who finishes an alert after the shift ended is on duty until then.
    h.staffed_seconds += static_cast<double>(std::max<size_t>(staff_, busy_.size())) * static_cast<double>(until - now_);
    now_ = until;
    if (now_ == hour_end) {
      h.backlog = waiting_;
      h.in_hand = static_cast<uint32_t>(busy_.size());
      h.analysts = staff_;
    }
  }
}

void SocQueue::advance_to(int64_t until) {
  until = std::min(until, horizon_);
  for (;;) {
    int64_t t = until;
    if (!arrivals_.empty()) t = std::min(t, arrivals_.top().at);
    if (!busy_.empty()) t = std::min(t, busy_.top().at);
    if (!deadlines_.empty()) t = std::min(t, deadlines_.top().at);
    if (next_staff_ < staffing_.size()) t = std::min(t, staffing_[next_staff_].at);
    if (t >= until) break;
    integrate(t);
    while (!busy_.empty() && busy_.top().at == t) {
      SocOutcome& o = result_.outcomes[busy_.top().index];
      o.end = t;
      o.expired = t >= items_[busy_.top().index].deadline;
      ++result_.hours[static_cast<size_t>(t / 3600)].finished;
      busy_.pop();
    }
    while (next_staff_ < staffing_.size() && staffing_[next_staff_].at == t) staff_ = staffing_[next_staff_++].analysts;
    while (!arrivals_.empty() && arrivals_.top().at == t) {
      const uint32_t i = arrivals_.top().index;
      arrivals_.pop();
      waiting_queue_.push({items_[i].severity, t, i});
      ++waiting_;
    }
    // Timed out while waiting: it leaves the queue unhandled.
    while (!deadlines_.empty() && deadlines_.top().at == t) {
      const uint32_t i = deadlines_.top().index;
      deadlines_.pop();
      SocOutcome& o = result_.outcomes[i];
      if (o.start < 0 && items_[i].arrival <= t) {
        o.expired = true;
        --waiting_;
      }
    }
    while (busy_.size() < staff_ && !waiting_queue_.empty()) {
      const Waiting w = waiting_queue_.top();
      waiting_queue_.pop();
      SocOutcome& o = result_.outcomes[w.index];
      if (o.expired) continue;  // removed at its deadline
      --waiting_;
      o.start = t;
      ++result_.hours[static_cast<size_t>(t / 3600)].started;
      busy_.push({t + duration(items_[w.index]), w.index});
    }
  }
  integrate(until);
}

SocResult SocQueue::finish() {
  advance_to(horizon_);
  return std::move(result_);
}

SocResult simulate_soc(std::span<const SocItem> items, std::span<const StaffingChange> staffing,
                       const SocServiceTimes& service, uint64_t seed, int64_t horizon) {
  SocQueue q(staffing, service, seed, horizon);
  for (const SocItem& it : items) q.add(it);
  return q.finish();
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
