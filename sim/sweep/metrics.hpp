#pragma once
// What a sweep keeps of each run (scenarios/sweeps/README.md has the catalogue): scalar metrics from the run's
// summary (sim/readers/summary.hpp), and time series from its datasets, each reduced over plans, environments or
// classes to one value per time step. Read back from the run's HDF5 file, so that a merge needs nothing else.
#include <string>
#include <string_view>
#include <vector>

namespace fleettwin::sweep {

struct MetricInfo {
  std::string name, units, description;
};
// Every metric a sweep may name, and every series.
const std::vector<MetricInfo>& metric_catalogue();
const std::vector<MetricInfo>& series_catalogue();
const MetricInfo* find_metric(std::string_view name);
const MetricInfo* find_series(std::string_view name);

struct RunValues {
  std::vector<double> metrics;                // in the order asked; NaN where the run has no such figure
  std::vector<std::vector<double>> series;    // in the order asked
  std::vector<std::vector<int64_t>> times;    // each series' time axis (s since the run's start)
};

// Reads the metrics and series of one run's file. Throws InvalidFile (sim/output/run_file.hpp).
RunValues read_run_values(const std::string& file, const std::vector<std::string>& metrics,
                          const std::vector<std::string>& series);

}  // namespace fleettwin::sweep
