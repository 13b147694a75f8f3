#include "models/power/power_state.hpp"

#include <initializer_list>

namespace fleettwin {

PowerState initial_power_state(bool arc, bool on, OffAction off_action) {
  if (arc) return on ? PowerState::ArcConnected : PowerState::ArcOffline;
  if (on) return PowerState::Running;
  return off_action == OffAction::Stop ? PowerState::Stopped : PowerState::Deallocated;
}

PowerStep initial_follow_up(PowerState s, const PowerParams& params) {
  if (s == PowerState::ArcOffline)
    return {s, PowerEvent::ArcExpiry, {params.arc_expire_after, params.arc_expire_after}};
  return {s};
}

PowerStep on_schedule_change(PowerState current, bool want_on, OffAction off_action, const PowerParams& params) {
  using enum PowerState;
  switch (current) {
    case Starting:
    case Running:
      if (want_on) return {current};
      return off_action == OffAction::Stop ? PowerStep{Stopping, PowerEvent::TransitionDone, params.stopping}
                                           : PowerStep{Deallocating, PowerEvent::TransitionDone, params.deallocating};
    case Stopping:
    case Stopped:
    case Deallocating:
    case Deallocated:
      if (!want_on) return {current};
      return {Starting, PowerEvent::TransitionDone, params.starting};
    case ArcConnecting:
      if (want_on) return {current};
      // Shut down before the first heartbeat: the service never saw it connected.
      return {ArcOffline, PowerEvent::ArcExpiry, {params.arc_expire_after, params.arc_expire_after}};
    case ArcConnected:
      if (want_on) return {current};
      return {ArcConnectedOff, PowerEvent::ArcOfflineDetected, params.arc_offline_after};
    case ArcConnectedOff:
      // Back before the service noticed the silence: heartbeats resume, it never left Connected.
      if (want_on) return {ArcConnected};
      return {current};
    case ArcOffline:
    case ArcExpired:
      if (!want_on) return {current};
      return {ArcConnecting, PowerEvent::ArcHeartbeat, params.arc_connect};
  }
  return {current};
}

PowerStep on_follow_up(PowerState current, PowerEvent event, const PowerParams& params) {
  using enum PowerState;
  switch (event) {
    case PowerEvent::TransitionDone:
      if (current == Starting) return {Running};
      if (current == Stopping) return {Stopped};
      if (current == Deallocating) return {Deallocated};
      return {current};
    case PowerEvent::ArcHeartbeat:
      return {current == ArcConnecting ? ArcConnected : current};
    case PowerEvent::ArcOfflineDetected:
      if (current != ArcConnectedOff) return {current};
      return {ArcOffline, PowerEvent::ArcExpiry, {params.arc_expire_after, params.arc_expire_after}};
    case PowerEvent::ArcExpiry:
      return {current == ArcOffline ? ArcExpired : current};
    case PowerEvent::None: break;
  }
  return {current};
}

bool behaves_alike(PowerState a, PowerState b) {
  if (is_billable(a) != is_billable(b) || is_os_running(a) != is_os_running(b)) return false;
  const PowerParams params;  // the answers' shape does not depend on the durations, only their values do
  for (const bool want_on : {false, true}) {
    for (const OffAction off : {OffAction::Deallocate, OffAction::Stop}) {
      const PowerStep sa = on_schedule_change(a, want_on, off, params);
      const PowerStep sb = on_schedule_change(b, want_on, off, params);
      const bool stays_a = sa.next == a;
      const bool stays_b = sb.next == b;
      if (stays_a != stays_b) return false;
      if (!stays_a && sa.next != sb.next) return false;
      if (sa.follow_up != sb.follow_up || sa.delay.min != sb.delay.min || sa.delay.max != sb.delay.max) return false;
    }
  }
  return true;
}

}  // namespace fleettwin
