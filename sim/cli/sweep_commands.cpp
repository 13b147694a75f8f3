#include "sim/cli/sweep_commands.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <thread>

#include "sim/output/run_file.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/sweep/merge.hpp"
#include "sim/sweep/metrics.hpp"
#include "sim/sweep/runner.hpp"
#include "sim/sweep/slurm.hpp"

namespace fleettwin {
namespace {

constexpr int kExitFailed = 1, kExitBadInput = 2;

int bad(const std::string& what) {
  std::cerr << "error: " << what << "\n";
  return kExitBadInput;
}

template <class Body>
int guarded(Body&& body) {
  try {
    return body();
  } catch (const ScenarioError& e) {
    return bad(e.what());
  } catch (const sweep::SweepDirError& e) {
    return bad(e.what());
  } catch (const InvalidFile& e) {
    return bad(e.what());
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return kExitFailed;
  }
}

void print_runs(const sweep::SweepSpec& sp) {
  std::cout << "# " << sp.points.size() << " points x " << sp.replicas << " replicas = " << sp.runs() << " runs ("
            << (sp.seeds == sweep::SeedMode::Common ? "common" : "independent") << " seeds)\n";
  for (size_t i = 0; i < sp.runs(); ++i) {
    const sweep::RunSpec r = sp.run(i);
    std::cout << "run " << i << " " << r.name << " point " << r.point << " replica " << r.replica << " seed "
              << r.seed << ":";
    for (const auto& s : sp.sets[r.point]) std::cout << " " << s;
    std::cout << "\n";
  }
}

}  // namespace

void SweepCommands::attach(CLI::App& app) {
  sweep_ = app.add_subcommand("sweep", "Run a parameter sweep (a sweep file: base scenario, axes, replicas) into a "
                                       "folder, running only what is missing; under mpirun, rank 0 hands out the runs");
  sweep_->add_option("sweep_file", sweep_file_, "sweep file (reference: scenarios/sweeps/README.md)");
  sweep_->add_flag("--catalogue", catalogue_, "List the metrics and series a sweep file may name, and stop");
  auto* out = sweep_->add_option("-o,--output", dir_, "the sweep's folder (its state: rerun to complete it)");
  auto* list = sweep_->add_flag("--list", list_, "List the expanded runs (index, point, replica, seed, --set) and stop");
  auto* count = sweep_->add_flag("--count", count_, "Print the number of points and runs and stop");
  sweep_->add_option("--jobs", jobs_, "Runs at a time (default: every processor)")->check(CLI::PositiveNumber);
  sweep_->add_flag("--retry-failed", retry_failed_, "Run failed runs again (with their same seeds)");
  sweep_->add_flag("--quiet", quiet_, "No line per finished run");
  auto* slurm = sweep_->add_flag("--slurm", slurm_, "Submit the missing runs as SLURM job arrays instead");
  sweep_->add_option("--partition", partition_, "With --slurm: the partition")->needs(slurm);
  sweep_->add_option("--time", time_, "With --slurm: each task's time limit (SLURM's format, 00:10:00)")->needs(slurm);
  sweep_->add_option("--max-array", max_array_, "With --slurm: tasks per array at most (the cluster's MaxArraySize)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str()
      ->needs(slurm);
  sweep_->add_option("--concurrent", concurrent_, "With --slurm: tasks of an array running at once at most (%N)")
      ->needs(slurm);
  sweep_->add_flag("--dry-run", dry_run_, "With --slurm: write the array scripts and print the sbatch commands only")
      ->needs(slurm);
  list->excludes(count);
  out->excludes(list);
  out->excludes(count);

  task_ = app.add_subcommand("sweep-task", "Run one run of a sweep's folder (what each SLURM array task does)");
  task_->add_option("dir", dir_, "the sweep's folder")->required();
  task_->add_option("--index", index_, "the run's index (as `sweep --list` shows)")->required();

  merge_ = app.add_subcommand("merge", "Merge a sweep's runs into one HDF5 file: metrics by point and replica with "
                                       "their mean and Student-t 95 % interval, series over time");
  merge_->add_option("dir", dir_, "the sweep's folder")->required();
  merge_->add_option("-o,--output", merge_output_, "the merged HDF5 file")->required();
}

bool SweepCommands::chosen() const { return *sweep_ || *task_ || *merge_; }

int SweepCommands::run() {
  if (*task_)
    return guarded([&] {
      const auto dir = sweep::SweepDir::open(dir_, true);
      dir.check_base();
      if (index_ >= dir.manifest().runs.size())
        return bad("--index " + std::to_string(index_) + ": the sweep has runs 0 to " +
                   std::to_string(dir.manifest().runs.size() - 1));
      if (!dir.needs_run(index_, true)) {
        std::cerr << dir.manifest().runs[index_].name << ": already done\n";
        return 0;
      }
      const bool done = sweep::execute_run(dir, index_);
      const auto status = dir.status(index_);
      std::cerr << dir.manifest().runs[index_].name << ": " << (done ? "done" : "not done: " + status.error) << "\n";
      return done ? 0 : kExitFailed;
    });
  if (*merge_)
    return guarded([&] {
      const auto dir = sweep::SweepDir::open(dir_, false);
      const auto m = sweep::merge_sweep(dir, merge_output_);
      std::cout << "merged " << m.merged << " of " << m.runs << " runs into " << merge_output_;
      if (m.missing) std::cout << " (" << m.missing << " not done: NaN)";
      std::cout << "\n";
      return 0;
    });
  if (catalogue_) {
    std::cout << "metrics (a value per run):\n";
    for (const auto& m : sweep::metric_catalogue())
      std::cout << "  " << std::left << std::setw(28) << m.name << std::setw(5) << m.units << m.description << "\n";
    std::cout << "series (a value per time step):\n";
    for (const auto& m : sweep::series_catalogue())
      std::cout << "  " << std::left << std::setw(28) << m.name << std::setw(5) << m.units << m.description << "\n";
    return 0;
  }
  if (sweep_file_.empty()) return bad("sweep: give a sweep file (reference: scenarios/sweeps/README.md)");
  return guarded([&] {
    const sweep::SweepSpec spec = sweep::read_sweep(sweep_file_);
    if (count_) {
      std::cout << spec.points.size() << " points, " << spec.replicas << " replicas, " << spec.runs() << " runs\n";
      return 0;
    }
    if (list_) {
      print_runs(spec);
      return 0;
    }
    if (dir_.empty()) return bad("sweep: -o DIR is required (or --list, --count)");
    if (sweep::launcher_world_size() > 1) {
      if (slurm_) return bad("--slurm: submit from one process, not under mpirun");
      // This process becomes fleettwin-mpi, beside this executable (see runner.hpp for why).
      const std::string self = sweep::executable_path();
      const std::string helper = (std::filesystem::path(self).parent_path() / "fleettwin-mpi").string();
      if (::access(helper.c_str(), X_OK) != 0)
        return bad("sweep under mpirun: " + helper + " is missing: this fleettwin was built without MPI "
                   "(install libopenmpi-dev and rebuild), or run the sweep without mpirun (--jobs N)");
      std::vector<std::string> args = {helper, "--program", self, sweep_file_, dir_};
      if (retry_failed_) args.emplace_back("--retry-failed");
      if (quiet_) args.emplace_back("--quiet");
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(helper.c_str(), argv.data());
      return bad("sweep under mpirun: cannot start " + helper + ": " + std::strerror(errno));
    }
    const auto dir = sweep::SweepDir::prepare(dir_, spec);
    if (slurm_) {
      sweep::SlurmOptions o;
      o.partition = partition_;
      o.time = time_;
      o.max_array = max_array_;
      o.concurrent = concurrent_;
      o.dry_run = dry_run_;
      const auto todo = sweep::pending_runs(dir, retry_failed_);
      const auto sub = sweep::submit_slurm(dir, todo, o);
      std::cout << (dry_run_ ? "would submit " : "submitted ") << sub.runs << " runs in " << sub.scripts.size()
                << " array(s); then `fleettwin merge " << dir_ << " -o OUT.h5`\n";
      return 0;
    }
    const size_t jobs = jobs_ ? jobs_ : std::max(1u, std::thread::hardware_concurrency());
    const auto t = sweep::run_local(dir, jobs, retry_failed_, quiet_);
    std::cout << sweep::tally_line(dir, t) << "\n";
    return t.done == t.total ? 0 : kExitFailed;
  });
}

}  // namespace fleettwin
