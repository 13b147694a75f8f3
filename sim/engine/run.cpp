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

int default_thread_count(const Scenario& sc) {
  if (sc.machine_count() < kParallelFromMachines) return 1;
  cpu_set_t set;
  CPU_ZERO(&set);
  const int cores = std::clamp(sched_getaffinity(0, sizeof set, &set) == 0 ? CPU_COUNT(&set) : 1, 1, 256);
  return static_cast<int>(std::min<size_t>(static_cast<size_t>(cores), plan_sites(sc, cores).size()));
}

std::vector<std::string> engine_options(const Scenario& sc, const std::vector<std::string>& given) {
  const auto sets = [&](const std::string& key) {
    return std::any_of(given.begin(), given.end(), [&](const std::string& o) { return o.rfind("--cfg=" + key + ":", 0) == 0; });
  };
  std::vector<std::string> out;
  if (!sets("contexts/nthreads")) out.push_back("--cfg=contexts/nthreads:" + std::to_string(default_thread_count(sc)));
  // Synchronisation stays SimGrid's futex: busy_wait is faster on an idle machine (1M machines x 30 d on 2 threads:
  // 5.3 s against 5.8 s) but its spinning threads starve everything else when processes share the processors
  // (two runs at once on 2 cores: a 3 s test took 110 s). --cfg=contexts/synchro:busy_wait on a dedicated machine.
  return out;
}

RunInfo run_scenario(const Scenario& sc, const RunOptions& opt) {
  const std::vector<PowerSchedule> schedules = compile_schedules(sc);
  FleetStore fleet = FleetStore::build(sc);
  Recorder recorder(opt.output);
  recorder.write_header(sc);
  const auto outages = plan_outages(sc);
  // The engine was created with its thread count (engine_options), which decides how the machines are split.
  const int threads = std::max(1, simgrid::config::get_value<int>("contexts/nthreads"));
  auto sites = make_sites(sc, schedules, fleet, plan_sites(sc, threads));
  const Platform platform = build_platform(sc, {}, outages);

  Progress progress(sc.start, sc.hours(), opt.quiet);
  ReportMerger merger(sc.locations.size(), recorder);
  SyncPoint sync(sites.size());
  RunInfo info;
  for (size_t i = 0; i < sites.size(); ++i) create_site_actor(sc, platform, outages[sites[i]->location()], *sites[i], i, sync);
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
