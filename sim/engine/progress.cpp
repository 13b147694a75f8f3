#include "sim/engine/progress.hpp"

#include <unistd.h>

#include <cstdio>
#include <string>

#include "sim/scenario/duration.hpp"

namespace fleettwin {

Progress::Progress(int64_t start, int64_t total_hours, bool quiet)
    : start_(start), total_hours_(total_hours), quiet_(quiet), tty_(isatty(STDERR_FILENO) != 0),
      t0_(std::chrono::steady_clock::now()), last_draw_(t0_) {}

double Progress::elapsed() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0_).count();
}

void Progress::update(int64_t hours_done, uint64_t events) {
  if (quiet_ || total_hours_ <= 0) return;
  const auto now = std::chrono::steady_clock::now();
  const double frac = static_cast<double>(hours_done) / static_cast<double>(total_hours_);
  const int tenth = static_cast<int>(frac * 10);
  if (tty_) {
    if (now - last_draw_ < std::chrono::milliseconds(200) && hours_done < total_hours_) return;
  } else if (tenth == last_tenth_) {
    return;
  }
  last_draw_ = now;
  last_tenth_ = tenth;
  const double wall = elapsed();
  const double rate = wall > 0 ? static_cast<double>(events) / wall : 0.0;
  const double eta = frac > 0 ? wall * (1 - frac) / frac : 0.0;
  const std::string date = format_iso8601(start_ + hours_done * 3600).substr(0, 16);
  if (tty_) {
    const int width = 30;
    const int filled = static_cast<int>(frac * width);
    std::fprintf(stderr, "\r[%s%s] %5.1f%%  %s  %8.2f M events/s  ETA %5.1fs ", std::string(filled, '#').c_str(),
                 std::string(width - filled, ' ').c_str(), frac * 100, date.c_str(), rate / 1e6, eta);
  } else {
    std::fprintf(stderr, "progress: %5.1f%%  simulated %s  %.2f M events/s  ETA %.1fs\n", frac * 100, date.c_str(),
                 rate / 1e6, eta);
  }
  std::fflush(stderr);
}

void Progress::finish(uint64_t events) {
  if (quiet_) return;
  const double wall = elapsed();
  if (tty_) std::fputc('\n', stderr);
  std::fprintf(stderr, "done: %llu events in %.2fs (%.2f M events/s)\n", static_cast<unsigned long long>(events), wall,
               wall > 0 ? static_cast<double>(events) / wall / 1e6 : 0.0);
}

}  // namespace fleettwin
