#include "sim/run.hpp"

#include <simgrid/s4u.hpp>
#include <sys/resource.h>

#include <memory>

#include "sim/platform.hpp"
#include "sim/progress.hpp"
#include "sim/site.hpp"
#include "sim/schedules.hpp"

XBT_LOG_NEW_DEFAULT_CATEGORY(fleettwin, "fleettwin run");

namespace sg4 = simgrid::s4u;

namespace fleettwin {

namespace {
uint64_t peak_rss_bytes() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<uint64_t>(ru.ru_maxrss) * 1024;
}
}  // namespace

RunInfo run_scenario(const Scenario& sc, const RunOptions& opt) {
  const std::vector<PowerSchedule> schedules = compile_schedules(sc);
  FleetStore fleet = FleetStore::build(sc);
  Recorder recorder(opt.output);
  recorder.write_header(sc);
  const Platform platform = build_platform(sc);

  // One site per location; its machines are the cohorts placed there.
  std::vector<std::vector<MachineRange>> ranges(sc.locations.size());
  for (const auto& c : sc.cohorts)
    if (c.count) ranges[c.location].push_back({c.first_machine, c.count});
  std::vector<std::unique_ptr<Site>> sites;
  for (auto& r : ranges) sites.push_back(std::make_unique<Site>(sc, schedules, fleet, std::move(r)));

  Progress progress(sc.start, sc.hours(), opt.quiet);
  uint64_t events = 0;
  UsageCollector collector(
      sites.size(),
      [&](int64_t hour, const HourUsage& usage) {
        recorder.append_hour(hour, usage);
        events = 0;
        for (const auto& s : sites) events += s->events_handled();
        progress.update(hour + 1, events);
      },
      [&](int64_t month, int64_t hours, const GroupCounts& seats) { recorder.append_month(month, hours, seats); });

  // The site actors: each drains its calendar up to the next clock hour, then sleeps until it. Exceptions
  // thrown inside an actor are carried out of the engine to fail the run.
  std::exception_ptr failure;
  const int64_t hours = sc.hours();
  for (size_t i = 0; i < sites.size(); ++i) {
    Site* site = sites[i].get();
    sg4::Actor::create("site:" + sc.locations[i].name, platform.gateways[i], [&, site] {
      try {
        site->initialise();
        for (int64_t h = 0; h < hours; ++h) {
          const auto boundary = static_cast<uint32_t>((h + 1) * 3600);
          sg4::this_actor::sleep_until(static_cast<double>(boundary));
          site->advance_to(boundary);
          site->roll_hour(h, boundary, collector);
        }
        site->finish(static_cast<uint32_t>(sc.duration));
      } catch (...) {
        if (!failure) failure = std::current_exception();
        sg4::this_actor::exit();
      }
    });
  }
  sg4::Engine::get_instance()->run();
  if (failure) std::rethrow_exception(failure);

  events = 0;
  for (const auto& s : sites) events += s->events_handled();
  recorder.write_machines(fleet);
  RunInfo info;
  info.wall_seconds = progress.elapsed();
  info.events = events;
  info.peak_rss_bytes = peak_rss_bytes();
  info.store_bytes = FleetStore::bytes_per_machine() * fleet.size();
  recorder.write_run_info(info);
  recorder.commit();
  progress.finish(events);
  XBT_INFO("run finished: %llu events", static_cast<unsigned long long>(events));
  return info;
}

}  // namespace fleettwin
