#include "sim/engine/run.hpp"

#include <simgrid/s4u.hpp>
#include <sys/resource.h>

#include <memory>

#include "sim/engine/platform.hpp"
#include "sim/engine/progress.hpp"
#include "sim/engine/site.hpp"
#include "sim/scenario/schedules.hpp"

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
  const auto outages = plan_outages(sc);
  const Platform platform = build_platform(sc, {}, outages);

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
  HealthCollector health(sites.size(), [&](const HealthCollector::Evaluation& e) { recorder.append_evaluation(e); });

  // Defender for Endpoint's service in each tenant geo receives the sites' heartbeat batches. A permanent
  // receiver makes a put complete without a matching get (SIMGRID-NOTES pitfall 4).
  for (size_t g = 0; g < platform.mde_by_geo.size(); ++g) {
    if (!platform.mde_by_geo[g]) continue;
    sg4::Mailbox* mailbox = sg4::Mailbox::by_name("mde-" + std::string(kGeoNames[g]));
    sg4::ActorPtr service = sg4::Actor::create("mde-" + std::string(kGeoNames[g]), platform.mde_by_geo[g], [mailbox] {
      for (;;) {
        try {
          mailbox->get<int64_t>();
        } catch (const simgrid::NetworkFailureException&) {  // the batch died on a downed uplink
        }
      }
    });
    service->daemonize();
    mailbox->set_receiver(service);
  }

  // The site actors wake at every heartbeat tick: handle the calendar up to it, close the clock hour and run the
  // health evaluation when the tick is one, then send the tick's heartbeat batch over the site's uplink.
  // Exceptions thrown inside an actor are carried out of the engine to fail the run.
  std::exception_ptr failure;
  const int32_t interval = sc.defender.heartbeat_interval;
  for (size_t i = 0; i < sites.size(); ++i) {
    Site* site = sites[i].get();
    sg4::Actor::create("site:" + sc.locations[i].name, platform.gateways[i], [&, site, i] {
      try {
        site->initialise();
        health.report(i, site->initial_health());
        std::array<sg4::Mailbox*, kGeoNames.size()> mde{};
        for (size_t g = 0; g < mde.size(); ++g)
          if (platform.mde_by_geo[g]) mde[g] = sg4::Mailbox::by_name("mde-" + std::string(kGeoNames[g]));
        const size_t home = static_cast<size_t>(sc.tenants[sc.subscriptions[sc.cohorts[0].subscription].tenant].geo);
        int64_t evaluation = 1;
        for (int64_t t = 0;; t += interval) {
          if (t > 0) {
            sg4::this_actor::sleep_until(static_cast<double>(t));
            site->advance_to(static_cast<uint32_t>(t));
            if (t % 3600 == 0) site->roll_hour(t / 3600 - 1, static_cast<uint32_t>(t), collector);
            if ((sc.start + t) % kEvaluationPeriod == 0)
              health.report(i, site->evaluate(evaluation++, static_cast<int32_t>(t)));
          }
          if (t >= sc.duration) break;
          // One batch per tenant geo with reporting machines (a keep-alive to the first tenant's geo otherwise).
          bool delivered = true;
          bool sent = false;
          const auto& reporting = site->reporting_by_geo();
          for (size_t g = 0; g < mde.size(); ++g) {
            if (!mde[g] || (reporting[g] == 0 && (sent || g != home))) continue;
            static int64_t payload = 0;  // the batch size is the message size; the service only counts
            try {
              mde[g]->put(&payload, 64.0 + static_cast<double>(reporting[g]) * sc.defender.heartbeat_bytes);
            } catch (const simgrid::NetworkFailureException&) {
              delivered = false;
            }
            sent = true;
          }
          site->heartbeat_batch_result(static_cast<int32_t>(t), delivered);
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

  std::vector<uint64_t> lost;
  uint64_t delivered = 0;
  for (const auto& s : sites) {
    lost.push_back(s->batches_lost());
    delivered += s->heartbeats_delivered();
  }
  recorder.write_outages(outages, lost, delivered);
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
