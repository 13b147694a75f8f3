#include "sim/engine/run.hpp"

#include <sched.h>
#include <simgrid/s4u.hpp>
#include <sys/resource.h>

#include <algorithm>
#include <memory>

#include "sim/engine/alert_transport.hpp"
#include "sim/engine/control_plane.hpp"
#include "sim/engine/fleet_driver.hpp"
#include "sim/engine/offline.hpp"
#include "sim/engine/vulnerability_results.hpp"
#include "sim/engine/outage_plan.hpp"
#include "sim/engine/platform.hpp"
#include "sim/engine/progress.hpp"
#include "sim/engine/site_actor.hpp"
#include "sim/engine/threat_results.hpp"
#include "sim/output/recorder.hpp"
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

int default_thread_count(const Scenario& sc) {
  if (sc.machine_count() < kParallelFromMachines) return 1;
  cpu_set_t set;
  CPU_ZERO(&set);
  const int cores = std::clamp(sched_getaffinity(0, sizeof set, &set) == 0 ? CPU_COUNT(&set) : 1, 1, kMaxThreads);
  return static_cast<int>(std::min<size_t>(static_cast<size_t>(cores), plan_sites(sc, cores).size()));
}

RunInfo run_scenario(const Scenario& sc, const RunOptions& opt) {
  const std::vector<PowerSchedule> schedules = compile_schedules(sc);
  FleetStore fleet = FleetStore::build(sc);
  Recorder recorder(opt.output);
  recorder.write_header(sc);
  const auto outages = plan_outages(sc);
  const int threads = opt.threads > 0 ? opt.threads : default_thread_count(sc);
  WorkerPool pool(threads);
  ReportMerger merger(sc.locations.size(), recorder);
  FleetDriver driver(sc, make_sites(sc, schedules, fleet, plan_sites(sc, threads)), pool, merger);
  driver.set_outages(outages);
  const Platform platform = build_platform(sc, {}, outages);
  // Threats on: the sensors' detections travel over the platform (alert_transport.hpp), and the points come every
  // heartbeat interval so that the desk decides on what SimGrid has delivered.
  const bool pipeline = sc.threats.enabled;
  const std::vector<int64_t> points = sync_points(sc, outages, pipeline);

  Progress progress(sc.start, sc.hours(), opt.quiet);
  SyncPoint sync(sc.locations.size(), sc.locations.size() + 1, pipeline,
                 pipeline ? AlertTransport::service_actor_count(platform) : 0);
  std::unique_ptr<AlertTransport> transport;
  if (pipeline) {
    driver.set_alert_delivery(AlertDelivery::Platform);
    transport = std::make_unique<AlertTransport>(sc, platform, driver, sync);
    transport->start();
  }
  RunInfo info;
  for (size_t l = 0; l < sc.locations.size(); ++l) create_site_actor(sc, platform, l, points, sync, transport.get());
  create_defender_for_cloud(sc, platform, points, sync, driver, progress, [&](uint64_t events) {
    recorder.write_outages(outage_record(sc, driver.sites(), outages));
    recorder.write_machines(fleet.columns());
    ThreatResults threats = finish_threats(sc, driver);
    if (transport) {
      threats.messages = transport->batches_sent();
      threats.transfers_refused = transport->transfers_refused();
    }
    recorder.write_threats(sc, threats.record(sc, fleet));
    recorder.write_vulnerabilities(sc, vulnerability_record(sc, driver.sites()));
    recorder.write_data(sc, telemetry_record(driver.sites()));
    info.wall_seconds = progress.elapsed();
    info.events = events;
    info.peak_rss_bytes = peak_rss_bytes();
    info.store_bytes = (FleetStore::bytes_per_machine() +
                        (sc.vulnerabilities.enabled ? FleetStore::vulnerability_bytes_per_machine() : 0)) * fleet.size();
    info.memory_bytes = driver.memory_high_water();
    info.memory_bytes[static_cast<size_t>(MemoryPart::FleetStore)] = fleet.bytes();
    info.memory_bytes[static_cast<size_t>(MemoryPart::Output)] = recorder.buffer_bytes();
    info.threads = pool.threads();
    info.sites = static_cast<int64_t>(driver.sites().size());
    recorder.write_run_info(info);
    recorder.commit();
    progress.finish(events);
  });
  sg4::Engine::get_instance()->run();
  if (const auto failure = sync.failure()) std::rethrow_exception(failure);
  XBT_INFO("run finished: %llu events", static_cast<unsigned long long>(info.events));
  return info;
}

}  // namespace fleettwin
