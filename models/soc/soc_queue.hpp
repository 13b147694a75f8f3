#pragma once
// The security operations centre as a queue: analysts on shifts (a staffing level that changes at given instants),
// alerts arriving as they appear, served highest severity first (then in order of arrival), each taking a triage
// time and, for a true attack, an investigation time drawn per severity. Service is not pre-empted: at the end of
// a shift an analyst finishes the alert in hand. Measures: time to acknowledge (arrival to start of triage), time
// to resolve (arrival to end), hourly backlog and utilisation (busy analyst-seconds / staffed analyst-seconds).
//
// With one severity, exponential arrivals and service and a constant staff of c, this is M/M/c: the mean wait is
// Erlang C's (tested, tests/models/soc/test_soc_queue.cpp).
#include <array>
#include <cstdint>
#include <functional>
#include <queue>
#include <span>
#include <vector>

#include "models/common/distribution.hpp"

namespace fleettwin {

struct StaffingChange {
  int64_t at;         // seconds since the start of the run
  uint32_t analysts;  // on duty from `at`
};

struct SocServiceTimes {
  // Per severity (informational, low, medium, high). Triage: 78 % of analysts need 10 minutes or more per alert
  // (CRITICALSTART 2019, sweep facts §2): exponential with mean 15 min, chosen around that figure; investigation
  // of a true positive, chosen.
  std::array<Distribution, 4> triage = {Distribution::exponential(600), Distribution::exponential(900),
                                        Distribution::exponential(900), Distribution::exponential(1200)};
  std::array<Distribution, 4> investigation = {Distribution::exponential(1800), Distribution::exponential(3600),
                                               Distribution::exponential(2 * 3600), Distribution::exponential(4 * 3600)};
};

inline constexpr int64_t kNoDeadline = INT64_MAX / 4;

struct SocItem {
  int64_t arrival;
  uint8_t severity;   // 0..3, higher first
  bool investigate;   // a true attack: investigated after triage
  uint64_t key;       // the draw index of its service times (stable: the alert's identity, not its position)
  // A pending action's approval times out at its deadline: still waiting then, it leaves the queue unhandled;
  // finished at or after it, it is too late (counts as rejected either way: [DD] automation-levels.md).
  int64_t deadline = kNoDeadline;
};

struct SocOutcome {
  int64_t start = -1;  // -1: not started by the end of the run
  int64_t end = -1;    // -1: not finished by the end of the run
  bool expired = false;  // reached its deadline unhandled, or finished at or after it
};

struct SocHour {
  uint32_t backlog = 0;          // waiting at the end of the hour (not in hand)
  uint32_t in_hand = 0;          // being worked at the end of the hour
  uint32_t analysts = 0;         // on duty at the end of the hour
  double busy_seconds = 0;       // analyst-seconds spent on alerts in the hour
  double staffed_seconds = 0;    // analyst-seconds on duty in the hour (with those finishing after their shift)
  uint32_t started = 0;
  uint32_t finished = 0;
};

struct SocResult {
  std::vector<SocOutcome> outcomes;  // per item, in the order given
  std::vector<SocHour> hours;
};

// The queue run as the alerts come: items are added in any order with arrival times not before the queue's clock,
// and advance_to(t) handles everything before t. Its decisions at t depend only on what arrived by t, so running
// it step by step gives what running it once over all the items gives.
class SocQueue {
 public:
  // `staffing` sorted by time, its first change at 0; service draws from `seed`.
  SocQueue(std::span<const StaffingChange> staffing, const SocServiceTimes& service, uint64_t seed, int64_t horizon);
  uint32_t add(const SocItem& item);  // its index in the outcomes
  void advance_to(int64_t t);
  const SocOutcome& outcome(uint32_t index) const { return result_.outcomes[index]; }
  SocResult finish();  // runs to the horizon
  size_t bytes() const;  // held now (models/common/memory_use.hpp)

 private:
  struct Waiting {
    uint8_t severity;
    int64_t arrival;
    uint32_t index;
    bool operator<(const Waiting& o) const;
  };
  struct Timed {
    int64_t at;
    uint32_t index;
    bool operator>(const Timed& o) const { return at != o.at ? at > o.at : index > o.index; }
  };
  using MinHeap = std::priority_queue<Timed, std::vector<Timed>, std::greater<>>;
  int64_t duration(const SocItem& it) const;
  void integrate(int64_t t);

  std::vector<StaffingChange> staffing_;
  SocServiceTimes service_;
  uint64_t seed_;
  int64_t horizon_;
  std::vector<SocItem> items_;
  SocResult result_;
  MinHeap arrivals_, busy_, deadlines_;
  std::priority_queue<Waiting> waiting_queue_;
  uint32_t waiting_ = 0;
  size_t next_staff_ = 1;
  uint32_t staff_ = 0;
  int64_t now_ = 0;
};

// All items at once: `staffing` sorted by time, its first change at 0; service draws from `seed`.
SocResult simulate_soc(std::span<const SocItem> items, std::span<const StaffingChange> staffing,
                       const SocServiceTimes& service, uint64_t seed, int64_t horizon);

// Erlang C: the mean wait in queue of M/M/c with arrival rate lambda and service rate mu per server (a < c).
double erlang_c_mean_wait(double lambda, double mu, unsigned c);

}  // namespace fleettwin
