#pragma once
// A site's event queue: its calendar and the registry of the event kinds its processes handle. A process
// registers each kind it owns once (with its lane and handler) and schedules events of that kind; the queue
// drains the calendar in key order and hands each event to its kind's handler. Adding a process (threats,
// vulnerabilities) means registering its kinds: the dispatch code does not change.
//
// Kinds are numbered in registration order, and that number is the last field of the calendar key: events of
// one subject at the same second run in the order their kinds were registered. Every site registers the same
// processes in the same order, so the numbering is the same everywhere.
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "sim/engine/calendar.hpp"

namespace fleettwin {

class EventQueue {
 public:
  using Handler = void (*)(void* owner, const CalendarEntry& event);

  EventKind register_kind(std::string_view name, Lane lane, Handler handler, void* owner) {
    if (kinds_.size() >= static_cast<size_t>(kMaxEventKinds))
      throw std::logic_error("event queue: more than " + std::to_string(kMaxEventKinds) + " event kinds");
    kinds_.push_back({std::string(name), lane, handler, owner});
    return static_cast<EventKind>(kinds_.size() - 1);
  }
  // Registers a member function of `owner` as the handler: queue.register_kind<&Power::on_change>("...", lane, this).
  template <auto Method, class Owner>
  EventKind register_kind(std::string_view name, Lane lane, Owner* owner) {
    return register_kind(
        name, lane, [](void* o, const CalendarEntry& e) { (static_cast<Owner*>(o)->*Method)(e); }, owner);
  }

  // Schedules an event of `kind` for `subject` (a machine, or a scenario action) at `time`. `epoch` comes back
  // with the event, for the owner's staleness check, and `tag` and `note` for the owner's own use; none changes
  // the order.
  void schedule(EventKind kind, SimTime time, uint32_t subject, uint8_t epoch = 0, uint8_t tag = 0, uint16_t note = 0) {
    calendar_.push(CalendarEntry::make(time, kinds_[kind].lane, subject, kind, epoch, tag, note));
  }

  // Handles every event before `until`, in key order; returns how many.
  uint64_t run_until(SimTime until) {
    return calendar_.drain_until(until, [this](const CalendarEntry& e) {
      const Kind& k = kinds_[e.kind()];
      k.handler(k.owner, e);
    });
  }

  std::string_view kind_name(EventKind kind) const { return kinds_.at(kind).name; }
  size_t kind_count() const { return kinds_.size(); }
  const Calendar& calendar() const { return calendar_; }

 private:
  struct Kind {
    std::string name;
    Lane lane;
    Handler handler;
    void* owner;
  };
  std::vector<Kind> kinds_;
  Calendar calendar_;
};

}  // namespace fleettwin
