#include "sim/engine/interrupt.hpp"

namespace fleettwin {
namespace {
volatile std::sig_atomic_t g_stop_signal = 0;
}  // namespace

void request_stop(int signal) noexcept { g_stop_signal = signal; }
int stop_requested() noexcept { return g_stop_signal; }

}  // namespace fleettwin
