#include <catch2/catch.hpp>

#include "models/power/power_state.hpp"

using namespace fleettwin;
using enum PowerState;

TEST_CASE("the billing table of faq-defender-for-servers.yml", "[power][billing]") {
  CHECK_FALSE(is_billable(Starting));
  CHECK(is_billable(Running));
  CHECK(is_billable(Stopping));
  CHECK(is_billable(Stopped));  // shut down in the guest or PowerOff: hardware still allocated
  CHECK_FALSE(is_billable(Deallocating));
  CHECK_FALSE(is_billable(Deallocated));
  CHECK_FALSE(is_billable(ArcConnecting));
  CHECK(is_billable(ArcConnected));
  CHECK(is_billable(ArcConnectedOff));  // still shown Connected until 15-30 min without heartbeat
  CHECK_FALSE(is_billable(ArcOffline));
  CHECK_FALSE(is_billable(ArcExpired));
}

TEST_CASE("Azure VM: deallocate or stop, then start again", "[power]") {
  const PowerParams p;
  auto s = on_schedule_change(Running, false, OffAction::Deallocate, p);
  CHECK(s.next == Deallocating);
  CHECK(s.follow_up == PowerEvent::TransitionDone);
  CHECK(on_follow_up(Deallocating, PowerEvent::TransitionDone, p).next == Deallocated);
  s = on_schedule_change(Running, false, OffAction::Stop, p);
  CHECK(s.next == Stopping);
  CHECK(on_follow_up(Stopping, PowerEvent::TransitionDone, p).next == Stopped);
  s = on_schedule_change(Deallocated, true, OffAction::Deallocate, p);
  CHECK(s.next == Starting);
  CHECK(s.delay.min == p.starting.min);
  CHECK(on_follow_up(Starting, PowerEvent::TransitionDone, p).next == Running);
  CHECK(on_schedule_change(Running, true, OffAction::Deallocate, p).next == Running);  // no change asked
}

TEST_CASE("Arc: Connected -> (15-30 min) Offline -> (45 d) Expired, and back to Connecting", "[power]") {
  const PowerParams p;
  auto s = on_schedule_change(ArcConnected, false, OffAction::Deallocate, p);
  CHECK(s.next == ArcConnectedOff);
  CHECK(s.follow_up == PowerEvent::ArcOfflineDetected);
  CHECK(s.delay.min == 15 * 60);
  CHECK(s.delay.max == 30 * 60);
  s = on_follow_up(ArcConnectedOff, PowerEvent::ArcOfflineDetected, p);
  CHECK(s.next == ArcOffline);
  CHECK(s.follow_up == PowerEvent::ArcExpiry);
  CHECK(s.delay.min == 45 * 86400);
  CHECK(on_follow_up(ArcOffline, PowerEvent::ArcExpiry, p).next == ArcExpired);
  s = on_schedule_change(ArcExpired, true, OffAction::Deallocate, p);
  CHECK(s.next == ArcConnecting);
  CHECK(on_follow_up(ArcConnecting, PowerEvent::ArcHeartbeat, p).next == ArcConnected);
  // Powered back on before the service noticed: it never left Connected.
  CHECK(on_schedule_change(ArcConnectedOff, true, OffAction::Deallocate, p).next == ArcConnected);
  CHECK(initial_power_state(true, false, OffAction::Deallocate) == ArcOffline);
  CHECK(initial_power_state(false, false, OffAction::Stop) == Stopped);
}

TEST_CASE("follow-ups that only rename the state: exactly the pairs nothing can tell apart", "[power]") {
  const PowerParams p;
  // The three the engine applies at once.
  CHECK(behaves_alike(Stopping, Stopped));
  CHECK(behaves_alike(Deallocating, Deallocated));
  CHECK(behaves_alike(ArcOffline, ArcExpired));
  // Each other follow-up changes billing or the operating system.
  CHECK_FALSE(behaves_alike(Starting, Running));              // the OS comes up, billing starts
  CHECK_FALSE(behaves_alike(ArcConnecting, ArcConnected));    // billing starts
  CHECK_FALSE(behaves_alike(ArcConnectedOff, ArcOffline));    // billing stops
  // Billing and the OS agree but a schedule change does not: Stopped and Deallocated both start again, yet a
  // Stopped VM is billed and a Deallocated one is not; Connecting and Connected differ on the way down.
  CHECK_FALSE(behaves_alike(Stopped, Deallocated));
  // The property itself, checked from its definition for every pair, so that a new state or rule cannot slip
  // past the table the engine builds from it.
  for (int i = 0; i < kPowerStateCount; ++i) {
    for (int j = 0; j < kPowerStateCount; ++j) {
      const auto a = static_cast<PowerState>(i);
      const auto b = static_cast<PowerState>(j);
      if (!behaves_alike(a, b)) continue;
      INFO(kPowerStateNames[i] << " ~ " << kPowerStateNames[j]);
      CHECK(is_billable(a) == is_billable(b));
      CHECK(is_os_running(a) == is_os_running(b));
      for (const bool on : {false, true}) {
        for (const OffAction off : {OffAction::Deallocate, OffAction::Stop}) {
          const PowerStep sa = on_schedule_change(a, on, off, p);
          const PowerStep sb = on_schedule_change(b, on, off, p);
          CHECK((sa.next == a) == (sb.next == b));
          if (sa.next != a) CHECK(sa.next == sb.next);
          CHECK(sa.follow_up == sb.follow_up);
        }
      }
      CHECK(behaves_alike(b, a));  // symmetric
    }
  }
}
