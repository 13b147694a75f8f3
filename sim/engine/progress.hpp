#pragma once
// Progress on stderr: simulated date, percent, events/s, ETA. A redrawn bar on a terminal, a plain line at
// every tenth otherwise (logs, CI). Silent with --quiet.
#include <chrono>
#include <cstdint>

namespace fleettwin {

class Progress {
 public:
  Progress(int64_t start, int64_t total_hours, bool quiet);
  void update(int64_t hours_done, uint64_t events);
  void finish(uint64_t events);
  double elapsed() const;

 private:
  int64_t start_;
  int64_t total_hours_;
  bool quiet_;
  bool tty_;
  int last_tenth_ = -1;
  std::chrono::steady_clock::time_point t0_, last_draw_;
};

}  // namespace fleettwin
