// fleettwin: discrete-event twin of server fleets protected by Defender for Cloud / Defender for Endpoint.
//   fleettwin run SCENARIO.yaml -o OUT.h5 [--seed N] [--set key.path=value ...] [--quiet]
//   fleettwin validate SCENARIO.yaml [--set ...]
//   fleettwin summary OUT.h5 [--json]
//   fleettwin query OUT.h5 --status unhealthy|healthy|not-applicable|... [--at TIME] [--environment E] [--count]
//                  [--format table|csv|json]
// SimGrid's own --cfg=... and --log=... options pass through to the engine.
#include <CLI/CLI.hpp>
#include <hdf5.h>
#include <simgrid/engine.h>
#include <simgrid/s4u.hpp>
#include <xbt/log.h>

#include <iostream>
#include <string>
#include <vector>

#include "sim/readers/query.hpp"
#include "sim/engine/run.hpp"
#include "sim/scenario/schedules.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/readers/summary.hpp"
#include "version.hpp"

namespace {

constexpr int kExitBadInput = 2;

// Hands SimGrid only its own options, so that --help and --version stay ours.
std::vector<char*> simgrid_args(int argc, char** argv, std::vector<char*>& rest) {
  std::vector<char*> sg = {argv[0]};
  rest = {argv[0]};
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    (a.rfind("--cfg=", 0) == 0 || a.rfind("--log=", 0) == 0 ? sg : rest).push_back(argv[i]);
  }
  sg.push_back(nullptr);
  return sg;
}

}  // namespace

int main(int argc, char** argv) {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  // SimGrid's logging is off unless asked for with --log=...
  xbt_log_control_set("root.thres:critical");
  std::vector<char*> rest;
  std::vector<char*> sg = simgrid_args(argc, argv, rest);
  int sg_argc = static_cast<int>(sg.size()) - 1;
  bool user_stack = false;
  for (int i = 1; i < sg_argc; ++i) user_stack |= std::string(sg[static_cast<size_t>(i)]).find("contexts/stack-size") != std::string::npos;
  sg_config_continue_after_help();
  simgrid::s4u::Engine engine(&sg_argc, sg.data());
  // A handful of site actors: small stacks are plenty (SIMGRID-NOTES: 4 KiB crashes, 64 KiB+ is safe).
  if (!user_stack) simgrid::s4u::Engine::set_config("contexts/stack-size:256");

  CLI::App app{"fleettwin " + std::string(fleettwin::kVersion) +
               ": discrete-event twin of Defender for Cloud / Defender for Endpoint server fleets.\n"
               "SimGrid options --cfg=... and --log=... pass through to the engine."};
  app.set_version_flag("--version", std::string(fleettwin::kVersion));
  app.require_subcommand(1);

  std::string scenario_path, output, summary_path;
  std::vector<std::string> sets;
  uint64_t seed = 0;
  bool quiet = false, json = false;

  auto* run = app.add_subcommand("run", "Run a scenario and write its HDF5 file");
  run->add_option("scenario", scenario_path, "Scenario file (YAML)")->required();
  run->add_option("-o,--output", output, "HDF5 file to write (written as OUT.partial, renamed when complete)")->required();
  auto* seed_opt = run->add_option("--seed", seed, "Random seed (overrides the scenario's seed)");
  run->add_option("--set", sets, "Override a scenario key: key.path=value (repeatable), e.g. cohorts[0].count=500");
  run->add_flag("-q,--quiet", quiet, "No progress output");

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
  query->add_option("--status", query_req.status,
                    "unhealthy (installation or heartbeat issue), healthy, not-applicable, installation-issue, "
                    "heartbeat-issue, provisioning, not-covered, absent, or all")
      ->capture_default_str();
  query->add_option("--at", query_req.at,
                    "ISO 8601 UTC time (2026-02-01T08:00:00Z) or offset from the start (72h); default: the end");
  query->add_option("--environment", query_req.environment, "azure, aws, gcp or onprem");
  query->add_option("--location", query_req.location, "region or site name");
  query->add_option("--cohort", query_req.cohort, "cohort name");
  query->add_option("--format", query_format, "table, csv or json")
      ->check(CLI::IsMember({"table", "csv", "json"}))
      ->capture_default_str();
  query->add_flag("--count", query_req.count, "Counts per class and environment instead of the list of machines");
  query->add_option("--limit", query_req.limit, "At most this many machines in the list (0 = all)");

  int cli_argc = static_cast<int>(rest.size());
  CLI11_PARSE(app, cli_argc, rest.data());

  try {
    if (*summary) {
      const auto s = fleettwin::read_summary(summary_path);
      if (json) fleettwin::print_summary_json(s, std::cout);
      else fleettwin::print_summary(s, std::cout);
      return 0;
    }
    if (*query) {
      query_req.format = query_format == "csv"    ? fleettwin::QueryFormat::Csv
                         : query_format == "json" ? fleettwin::QueryFormat::Json
                                                  : fleettwin::QueryFormat::Table;
      try {
        const auto result = fleettwin::run_query(query_req);
        fleettwin::print_query(query_req, result, std::cout);
      } catch (const std::runtime_error& e) {
        std::cerr << "error: " << e.what() << "\n";
        return kExitBadInput;
      }
      return 0;
    }
    fleettwin::Scenario sc = fleettwin::load_scenario(scenario_path, sets);
    if (*validate) {
      fleettwin::compile_schedules(sc);  // resolves time zones and checks jitter against the schedules
      std::cout << scenario_path << ": OK: scenario '" << sc.name << "', " << sc.machine_count() << " machines in "
                << sc.cohorts.size() << " cohorts at " << sc.locations.size() << " locations, " << sc.hours()
                << " hours\n";
      return 0;
    }
    if (*seed_opt) sc.seed = seed;
    fleettwin::run_scenario(sc, {output, quiet});
    if (!quiet) std::cerr << "wrote " << output << "\n";
    return 0;
  } catch (const fleettwin::ScenarioError& e) {
    std::cerr << "error: " << e.what() << "\n";
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
}
