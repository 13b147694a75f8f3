#include "sim/engine/run.hpp"

#include <sched.h>
#include <simgrid/s4u.hpp>
#include <sys/resource.h>
#include <xbt/config.hpp>

#include <algorithm>
#include <memory>

#include "sim/engine/control_plane.hpp"
#include "sim/engine/offline.hpp"
#include "sim/engine/platform.hpp"
#include "sim/engine/progress.hpp"
#include "sim/engine/site_actor.hpp"
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

int default_thread_count(size_t sites) {
  cpu_set_t set;
  CPU_ZERO(&set);
  int cores = sched_getaffinity(0, sizeof set, &set) == 0 ? CPU_COUNT(&set) : 1;
  return static_cast<int>(std::clamp<size_t>(std::min<size_t>(static_cast<size_t>(std::max(cores, 1)), sites), 1, 256));
}

RunInfo run_scenario(const Scenario& sc, const RunOptions& opt) {
  const std::vector<PowerSchedule> schedules = compile_schedules(sc);
  FleetStore fleet = FleetStore::build(sc);
  Recorder recorder(opt.output);
  recorder.write_header(sc);
  const auto outages = plan_outages(sc);
  // Threads: as asked with --cfg=contexts/nthreads, else one per processor, at most one per site. They must be
  // configured before the platform is loaded (SIMGRID-NOTES, parallel contexts).
  const bool threads_given = !simgrid::config::is_default("contexts/nthreads");
  int threads = threads_given ? simgrid::config::get_value<int>("contexts/nthreads") : default_thread_count(SIZE_MAX);
  auto sites = make_sites(sc, schedules, fleet, plan_sites(sc, threads));
  if (!threads_given) {
    threads = std::min(threads, static_cast<int>(sites.size()));
    sg4::Engine::set_config("contexts/nthreads:" + std::to_string(threads));
  }
  // Every scheduling round of parallel contexts hands the work to the worker threads and waits for them. With
  // futex synchronisation a round cost ~100 us on the 2-core machines here (1M machines x 30 d: 5.8 s against
  // 5.3 s; 100k x 365 d: 7.3 s against 5.1 s, slower than one thread). Spinning costs nothing when the threads do
  // not outnumber the processors, which the default thread count guarantees.
  if (threads > 1 && simgrid::config::is_default("contexts/synchro")) sg4::Engine::set_config("contexts/synchro:busy_wait");
  const Platform platform = build_platform(sc, {}, outages);

  Progress progress(sc.start, sc.hours(), opt.quiet);
  ReportMerger merger(sc.locations.size(), recorder);
  SyncPoint sync(sites.size());
  RunInfo info;
  for (size_t i = 0; i < sites.size(); ++i) create_site_actor(sc, platform, *sites[i], i, sync);
  create_defender_for_cloud(sc, platform, sync, merger, progress, [&](uint64_t events) {
    std::vector<Site*> all;
    for (const auto& s : sites) all.push_back(s.get());
    recorder.write_outages(outage_record(sc, all, outages));
    recorder.write_machines(fleet.columns());
    info.wall_seconds = progress.elapsed();
    info.events = events;
    info.peak_rss_bytes = peak_rss_bytes();
    info.store_bytes = FleetStore::bytes_per_machine() * fleet.size();
    info.threads = simgrid::config::get_value<int>("contexts/nthreads");
    info.sites = static_cast<int64_t>(sites.size());
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
