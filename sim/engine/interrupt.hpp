#pragma once
// A request to stop the run (SIGINT, SIGTERM): the signal handler only records it; the defender-for-cloud actor
// checks it at every synchronisation point and ends the run with Interrupted, so that the partial output is
// removed by the normal error path instead of being left behind.
#include <csignal>
#include <stdexcept>
#include <string>

namespace fleettwin {

// Async-signal-safe: callable from a signal handler.
void request_stop(int signal) noexcept;
// The signal that asked to stop, or 0.
int stop_requested() noexcept;

class Interrupted : public std::runtime_error {
 public:
  explicit Interrupted(int signal)
      : std::runtime_error(std::string("interrupted by ") + (signal == SIGINT ? "SIGINT" : signal == SIGTERM ? "SIGTERM" : "a signal")),
        signal_(signal) {}
  int signal() const { return signal_; }

 private:
  int signal_;
};

}  // namespace fleettwin
