#pragma once
// Power and connectivity states that decide what Defender for Servers bills (product-facts.md §6, from
// faq-defender-for-servers.yml): an Azure VM is billed while Running, Stopping or Stopped (hardware still
// allocated) and not while Starting, Deallocating or Deallocated; an Azure Arc machine (on-premises, AWS,
// GCP) is billed while Connected and not while Connecting, Offline/Disconnected or Expired.
#include <array>
#include <cstdint>
#include <string_view>

namespace fleettwin {

enum class PowerState : uint8_t {
  // Azure VM power states.
  Starting = 0,
  Running = 1,
  Stopping = 2,
  Stopped = 3,
  Deallocating = 4,
  Deallocated = 5,
  // Arc-connected machine: agent connectivity as Azure shows it.
  ArcConnecting = 6,    // powered on, first heartbeat not yet received
  ArcConnected = 7,     // powered on, heartbeating
  ArcConnectedOff = 8,  // powered off, but the 15-30 min without heartbeat have not yet passed: still Connected
  ArcOffline = 9,       // no heartbeat for 15-30 min (Offline / Disconnected)
  ArcExpired = 10,      // disconnected for 45 days
};
inline constexpr int kPowerStateCount = 11;
inline constexpr std::array<std::string_view, kPowerStateCount> kPowerStateNames = {
    "starting", "running", "stopping", "stopped", "deallocating", "deallocated",
    "arc_connecting", "arc_connected", "arc_connected_powered_off", "arc_offline", "arc_expired"};

// What an Azure VM does when its schedule turns it off.
enum class OffAction : uint8_t { Deallocate = 0, Stop = 1 };

// Follow-up events a state change schedules for the same machine.
enum class PowerEvent : uint8_t {
  None = 0,
  TransitionDone = 1,      // Starting -> Running, Stopping -> Stopped, Deallocating -> Deallocated
  ArcHeartbeat = 2,        // Connecting -> Connected
  ArcOfflineDetected = 3,  // ConnectedOff -> Offline
  ArcExpiry = 4,           // Offline -> Expired
};

// A duration drawn uniformly between min and max seconds (equal bounds: a fixed duration).
struct DurationRange {
  int64_t min = 0;
  int64_t max = 0;
};

struct PowerParams {
  // Azure VM transition durations: no public figure (product-facts.md has none); chosen defaults.
  DurationRange starting{30, 120};
  DurationRange stopping{10, 60};
  DurationRange deallocating{30, 180};
  // Boot to first Arc heartbeat (Connecting): no public figure; chosen default.
  DurationRange arc_connect{60, 300};
  // "Offline/Disconnected: No heartbeat received in 15-30 minutes" (faq-defender-for-servers.yml).
  DurationRange arc_offline_after{15 * 60, 30 * 60};
  // "Expired: If disconnected for 45 days" (faq-defender-for-servers.yml).
  int64_t arc_expire_after = 45 * 86400;
};

struct PowerStep {
  PowerState next;
  PowerEvent follow_up = PowerEvent::None;
  DurationRange delay{};
};

constexpr bool is_billable(PowerState s) {
  switch (s) {
    case PowerState::Running:
    case PowerState::Stopping:
    case PowerState::Stopped:
    case PowerState::ArcConnected:
    case PowerState::ArcConnectedOff: return true;
    default: return false;
  }
}

constexpr bool is_powered_on(PowerState s) {
  return s == PowerState::Starting || s == PowerState::Running || s == PowerState::ArcConnecting ||
         s == PowerState::ArcConnected;
}

// The operating system is up, so the Defender for Endpoint sensor can run and report.
constexpr bool is_os_running(PowerState s) {
  return s == PowerState::Running || s == PowerState::ArcConnecting || s == PowerState::ArcConnected;
}

// Steady state at the start of a run: no transition is in progress.
PowerState initial_power_state(bool arc, bool on, OffAction off_action);
// The follow-up a steady initial state still owes (an Arc machine that starts Offline expires later).
PowerStep initial_follow_up(PowerState s, const PowerParams& params);
// The schedule asks for on or off.
PowerStep on_schedule_change(PowerState current, bool want_on, OffAction off_action, const PowerParams& params);
// A follow-up event fires.
PowerStep on_follow_up(PowerState current, PowerEvent event, const PowerParams& params);

// True when `a` and `b` bill alike, run the operating system alike and answer every schedule change alike (the
// same next state, follow-up and delay, staying put in both or in neither). A follow-up from one to the other
// then changes nothing but the state's name (Stopping -> Stopped, Deallocating -> Deallocated, Offline ->
// Expired), so the engine applies it at once instead of carrying an event for it.
bool behaves_alike(PowerState a, PowerState b);

}  // namespace fleettwin
