// fleettwin: discrete-event twin of server fleets protected by Defender for Cloud / Defender for Endpoint.
//   fleettwin run SCENARIO.yaml -o OUT.h5 [--seed N] [--set key.path=value ...] [--quiet]
//   fleettwin validate SCENARIO.yaml [--set ...]
//   fleettwin summary OUT.h5 [--json]
//   fleettwin query OUT.h5 --status unhealthy|healthy|not-applicable|... [--at TIME] [--environment E] [--count]
//                  [--format table|csv|json]
//   fleettwin query OUT.h5 --vulnerable [--severity low|medium|high|critical] [--at TIME] [filters] [--count]
//   fleettwin alerts OUT.h5 [--at TIME] [--severity S] [--status S] [--incident N] [--campaign N] [--format F]
//   fleettwin sweep SWEEP.yaml -o DIR [--jobs N] | --list | --count | --slurm ...; sweep-task DIR --index I;
//   fleettwin merge DIR -o SWEEP.h5 (sweep_commands.hpp)
// SimGrid's own --cfg=... and --log=... options pass through to the engine of `run`.
//
// Exit status: 0 done; 1 the run failed (an internal error, or the system: a disk that filled up); 2 bad input
// (usage, scenario, options, an output file that is not a valid run); killed by SIGINT or SIGTERM after removing
// the partial output when interrupted.
#include <CLI/CLI.hpp>
#include <hdf5.h>
#include <simgrid/engine.h>
#include <simgrid/s4u.hpp>
#include <xbt/log.h>

#include <csignal>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "sim/cli/isolate.hpp"
#include "sim/cli/simgrid_options.hpp"
#include "sim/cli/sweep_commands.hpp"
#include "sim/engine/interrupt.hpp"
#include "sim/engine/run.hpp"
#include "sim/output/h5.hpp"
#include "sim/output/recorder.hpp"
#include "sim/output/run_file.hpp"
#include "sim/readers/alerts_list.hpp"
#include "sim/readers/query.hpp"
#include "sim/readers/vulnerable_query.hpp"
#include "sim/readers/summary.hpp"
#include "sim/scenario/quote.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/schedules.hpp"
#include "version.hpp"

namespace {

constexpr int kExitFailure = 1;
constexpr int kExitBadInput = 2;

const char* kUsage =
    "usage: fleettwin run SCENARIO.yaml -o OUT.h5 [--seed N] [--set key=value ...] [--threads N] [--quiet]\n"
    "                    [--cfg=... --log=...]\n"
    "       fleettwin validate SCENARIO.yaml [--set key=value ...]\n"
    "       fleettwin summary OUT.h5 [--json]\n"
    "       fleettwin query OUT.h5 [--status S] [--at TIME] [--count] [--format table|csv|json] [filters]\n"
    "       fleettwin query OUT.h5 --vulnerable [--severity S] [--at TIME] [--count] [--format F] [filters]\n"
    "       fleettwin alerts OUT.h5 [--at TIME] [--severity S] [--status S] [--incident N] [--campaign N] [--format F]\n"
    "       fleettwin sweep SWEEP.yaml -o DIR [--jobs N] [--retry-failed] [--slurm ...] | --list | --count\n"
    "       fleettwin sweep-task DIR --index I\n"
    "       fleettwin merge DIR -o SWEEP.h5\n"
    "       fleettwin --help | SUBCOMMAND --help | --version";

int bad_input(const std::string& message, bool usage = false) {
  std::cerr << "error: " << message << "\n";
  if (usage) std::cerr << kUsage << "\n";
  return kExitBadInput;
}

// A seed is a decimal number from 0 to 2^64 - 1: no sign, nothing else, nothing wrapped.
std::optional<uint64_t> parse_seed(const std::string& text) {
  if (text.empty() || text.size() > 20 || text.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  uint64_t v = 0;
  for (const char c : text) {
    const uint64_t digit = static_cast<uint64_t>(c - '0');
    if (v > (UINT64_MAX - digit) / 10) return std::nullopt;
    v = v * 10 + digit;
  }
  return v;
}

// Runs a command; its failures become exit statuses: bad input (a scenario, a request, an output path, a file that
// is not a valid run) is 2, anything else 1.
template <class Body>
int exit_status_of(Body&& body) {
  try {
    return body();
  } catch (const fleettwin::ScenarioError& e) {
    return bad_input(e.what());
  } catch (const fleettwin::InvalidFile& e) {
    return bad_input(e.what());
  } catch (const fleettwin::QueryError& e) {
    return bad_input(e.what());
  } catch (const fleettwin::OutputPathError& e) {
    return bad_input(e.what());
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return kExitFailure;
  }
}

// A reader's command on an output file: in a forked reader (sim/cli/isolate.hpp), its failures exit statuses.
template <class Body>
int read_output(const std::string& file, Body&& body) {
  return fleettwin::run_isolated(
      [&] {
        return exit_status_of([&] {
          body();
          return 0;
        });
      },
      file, kExitBadInput);
}

fleettwin::QueryFormat format_named(const std::string& name) {
  return name == "csv" ? fleettwin::QueryFormat::Csv
                       : name == "json" ? fleettwin::QueryFormat::Json : fleettwin::QueryFormat::Table;
}

void on_stop_signal(int signal) {
  fleettwin::request_stop(signal);
  // A second signal ends the process at once.
  std::signal(signal, SIG_DFL);
}

// Where the output may not go: the scenario file itself, or a folder.
std::optional<std::string> output_problem(const std::string& output, const std::string& scenario) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (output.empty()) return "-o: the output file name is empty";
  if (fs::is_directory(output, ec)) return "-o " + output + ": is a directory, not a file to write";
  if (fs::exists(output, ec) && fs::equivalent(output, scenario, ec))
    return "-o " + output + ": is the scenario file itself; write the output somewhere else";
  return std::nullopt;
}

int run_command(const std::string& scenario_path, const std::string& output, const std::vector<std::string>& sets,
                const std::string& seed_text, bool quiet, int threads, std::vector<char*> simgrid_args) {
  fleettwin::Scenario sc = fleettwin::load_scenario(scenario_path, sets);
  fleettwin::compile_schedules(sc);  // resolves time zones before anything is written
  for (const auto& w : sc.warnings) std::cerr << "warning: " << w << "\n";
  if (!seed_text.empty()) {
    const auto seed = parse_seed(seed_text);
    if (!seed) return bad_input("--seed: '" + seed_text.substr(0, 40) + "' is not a whole number from 0 to 2^64-1", true);
    sc.seed = *seed;
  }
  if (auto problem = output_problem(output, scenario_path)) return bad_input(*problem);
  std::vector<std::string> options(simgrid_args.begin() + 1, simgrid_args.end());
  if (auto why = fleettwin::check_simgrid_options(options)) return bad_input(*why);

  std::vector<std::string> added;
#ifdef FLEETTWIN_SANITIZE
  // AddressSanitizer cannot follow the raw contexts' stack switches (it warns that false reports may follow):
  // sanitized builds run each actor on a thread of its own.
  if (!fleettwin::sets_simgrid_key(options, "contexts/factory")) added.push_back("--cfg=contexts/factory:thread");
#endif
  for (auto& a : added) simgrid_args.push_back(a.data());
  simgrid_args.push_back(nullptr);
  int sg_argc = static_cast<int>(simgrid_args.size()) - 1;
  sg_config_continue_after_help();
  simgrid::s4u::Engine engine(&sg_argc, simgrid_args.data());
  if (!fleettwin::sets_simgrid_key(options, "contexts/stack-size"))
    simgrid::s4u::Engine::set_config("contexts/stack-size:" + std::to_string(fleettwin::kDefaultStackKiB));

  std::signal(SIGINT, on_stop_signal);
  std::signal(SIGTERM, on_stop_signal);
  try {
    fleettwin::run_scenario(sc, {output, quiet, threads});
  } catch (const fleettwin::Interrupted& e) {
    std::cerr << "fleettwin: " << e.what() << ": stopped, " << output << ".partial removed\n";
    std::signal(e.signal(), SIG_DFL);
    std::raise(e.signal());
    return 128 + e.signal();
  }
  if (!quiet) std::cerr << "wrote " << output << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  // Every file is closed explicitly, so HDF5's exit handler has nothing to do; after a failed close (a full disk)
  // it closed the file again and crashed. Must come before any other HDF5 call.
  H5dont_atexit();
  fleettwin::h5::quiet();
  xbt_log_control_set("root.thres:critical");  // SimGrid's logging is off unless asked for with --log=...
  std::vector<char*> simgrid_args, rest;
  fleettwin::split_simgrid_options(argc, argv, simgrid_args, rest);

  CLI::App app{"fleettwin " + std::string(fleettwin::kVersion) +
               ": discrete-event twin of Defender for Cloud / Defender for Endpoint server fleets.\n"
               "SimGrid options --cfg=... and --log=... pass through to the engine of `run`."};
  app.set_version_flag("--version", std::string(fleettwin::kVersion));
  app.require_subcommand(1);

  std::string scenario_path, output, summary_path, seed_text;
  std::vector<std::string> sets;
  bool quiet = false, json = false;

  auto* run = app.add_subcommand("run", "Run a scenario and write its HDF5 file");
  run->add_option("scenario", scenario_path, "Scenario file (YAML)")->required();
  run->add_option("-o,--output", output, "HDF5 file to write (written as OUT.partial, renamed when complete)")->required();
  run->add_option("--seed", seed_text, "Random seed, 0 to 2^64-1 (overrides the scenario's seed)");
  run->add_option("--set", sets, "Override a scenario key: key.path=value (repeatable), e.g. cohorts[0].count=500");
  run->add_flag("-q,--quiet", quiet, "No progress output");
  int threads = 0;
  run->add_option("--threads", threads,
                  "Worker threads for the machines' work between synchronisation points (default: every processor "
                  "from 100,000 machines, else 1); the output does not depend on it")
      ->check(CLI::Range(1, fleettwin::kMaxThreads));

  auto* validate = app.add_subcommand("validate", "Check a scenario file and report the first problem");
  validate->add_option("scenario", scenario_path, "Scenario file (YAML)")->required();
  validate->add_option("--set", sets, "Override a scenario key: key.path=value (repeatable)");

  auto* summary = app.add_subcommand("summary", "Print the headline figures of a run's HDF5 file");
  summary->add_option("file", summary_path, "HDF5 file written by fleettwin run")->required();
  summary->add_flag("--json", json, "JSON for scripts");

  fleettwin::QueryRequest query_req;
  std::string query_format = "table";
  auto* query = app.add_subcommand("query",
                                   "List (or count) the machines in a health class at a time, like the product's "
                                   "Cloud Security Explorer queries; the evaluation in force at that time answers");
  query->add_option("file", query_req.file, "HDF5 file written by fleettwin run")->required();
  auto* status_option =
      query->add_option("--status", query_req.status,
                        "unhealthy (installation or heartbeat issue), healthy, not-applicable, installation-issue, "
                        "heartbeat-issue, provisioning, not-covered, absent, or all")
          ->capture_default_str();
  auto* vulnerable_flag = query->add_flag(
      "--vulnerable", query_req.vulnerable,
      "The machines with open vulnerability findings at the publication in force instead, with what Defender for "
      "Cloud lists of them (needs a run with vulnerabilities.machine_log: true)");
  query->add_option("--severity", query_req.severity, "With --vulnerable: count findings of at least this severity "
                                                      "(low, medium, high, critical)")
      ->capture_default_str()
      ->needs(vulnerable_flag);
  vulnerable_flag->excludes(status_option);
  query->add_option("--at", query_req.at,
                    "ISO 8601 UTC time (2026-02-01T08:00:00Z) or offset from the start (72h); default: the end");
  query->add_option("--environment", query_req.environment, "azure, aws, gcp or onprem");
  query->add_option("--location", query_req.location, "region or site name");
  query->add_option("--cohort", query_req.cohort, "cohort name");
  query->add_option("--format", query_format, "table, csv or json")
      ->check(CLI::IsMember({"table", "csv", "json"}))
      ->capture_default_str();
  query->add_flag("--count", query_req.count, "Counts per class and environment instead of the list of machines");
  int64_t limit = 0;
  query->add_option("--limit", limit, "At most this many machines in the list (0 = all)")->check(CLI::NonNegativeNumber);

  fleettwin::AlertsRequest alerts_req;
  std::string alerts_format = "table";
  int64_t alerts_limit = 0;
  auto* alerts = app.add_subcommand("alerts",
                                    "Defender for Cloud's alert list at a time (newest first, with each alert's status "
                                    "then), filtered; the campaign is the twin's ground truth");
  alerts->add_option("file", alerts_req.file, "HDF5 file written by fleettwin run (with threats on)")->required();
  alerts->add_option("--at", alerts_req.at,
                     "ISO 8601 UTC time (2026-02-01T08:00:00Z) or offset from the start (72h); default: the end");
  alerts->add_option("--severity", alerts_req.severity, "informational, low, medium or high");
  alerts->add_option("--status", alerts_req.status, "active, in_progress, dismissed or resolved (Defender for Cloud's)");
  alerts->add_option("--incident", alerts_req.incident, "incident number (/incidents/incident)");
  alerts->add_option("--campaign", alerts_req.campaign, "campaign number (/campaigns/campaign; -1: not an attack)");
  alerts->add_option("--format", alerts_format, "table, csv or json")
      ->check(CLI::IsMember({"table", "csv", "json"}))
      ->capture_default_str();
  alerts->add_option("--limit", alerts_limit, "At most this many alerts (0 = all)")->check(CLI::NonNegativeNumber);

  fleettwin::SweepCommands sweeps;
  sweeps.attach(app);

  const auto is_subcommand = [&](const std::string& word) {
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; }))
      if (sub->get_name() == word) return true;
    return false;
  };
  if (rest.size() > 1 && rest[1][0] != '-' && !is_subcommand(rest[1]))
    return bad_input("unknown subcommand " + fleettwin::quote_value(rest[1]) + " (run, validate, summary, query, alerts, sweep, sweep-task, merge)", true);
  try {
    int cli_argc = static_cast<int>(rest.size());
    app.parse(cli_argc, rest.data());
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    return bad_input(e.what(), true);
  }
  if (simgrid_args.size() > 1 && !*run)
    return bad_input(std::string(simgrid_args[1]) + ": SimGrid's --cfg and --log options apply to `run` only", true);

  if (sweeps.chosen()) return sweeps.run();
  if (*summary)
    return read_output(summary_path, [&] {
      const auto s = fleettwin::read_summary(summary_path);
      if (json)
        fleettwin::print_summary_json(s, std::cout);
      else
        fleettwin::print_summary(s, std::cout);
    });
  if (*query) {
    query_req.limit = static_cast<size_t>(limit);
    query_req.format = format_named(query_format);
    if (query_req.vulnerable)
      return read_output(query_req.file, [&] {
        fleettwin::print_vulnerable(query_req, fleettwin::run_vulnerable_query(query_req), std::cout);
      });
    return read_output(query_req.file, [&] { fleettwin::print_query(query_req, fleettwin::run_query(query_req), std::cout); });
  }
  if (*alerts) {
    alerts_req.limit = static_cast<size_t>(alerts_limit);
    alerts_req.format = format_named(alerts_format);
    return read_output(alerts_req.file,
                       [&] { fleettwin::print_alerts(alerts_req, fleettwin::list_alerts(alerts_req), std::cout); });
  }
  return exit_status_of([&] {
    if (*validate) {
      const fleettwin::Scenario sc = fleettwin::load_scenario(scenario_path, sets);
      fleettwin::compile_schedules(sc);  // resolves time zones and checks jitter against the schedules
      for (const auto& w : sc.warnings) std::cerr << "warning: " << w << "\n";
      std::cout << scenario_path << ": OK: scenario '" << sc.name << "', " << sc.machine_count() << " machines in "
                << sc.cohorts.size() << " cohorts at " << sc.locations.size() << " locations, " << sc.hours()
                << " hours\n";
      return 0;
    }
    return run_command(scenario_path, output, sets, seed_text, quiet, threads, simgrid_args);
  });
}
