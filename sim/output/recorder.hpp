#pragma once
// Writes one run to one HDF5 file (ARCHITECTURE.md §6; layout in docs/hdf5-layout.md, declarations in schema.hpp):
// streamed while the run goes, to OUT.h5.partial, renamed to OUT.h5 by commit(). A recorder destroyed without
// commit() closes HDF5 cleanly and removes its partial file, so a failed or interrupted run leaves nothing
// half-written. Object modification times are not stored: the same scenario and seed give the same bytes in
// every dataset (outside /run).
#include <memory>
#include <stdexcept>
#include <string>

#include "sim/output/groups.hpp"
#include "sim/output/records.hpp"
#include "sim/scenario/scenario.hpp"

namespace fleettwin {

// The output cannot be written where asked (a folder, a missing or read-only folder): bad input, reported before
// the run starts.
class OutputPathError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Recorder final : public RecordSink {
 public:
  // Creates `path`.partial (throws when it cannot, with the reason, or when `path` is a directory).
  explicit Recorder(std::string path);
  ~Recorder() override;
  Recorder(const Recorder&) = delete;
  Recorder& operator=(const Recorder&) = delete;

  void write_header(const Scenario& scenario);
  void append_hour(int64_t hour, const HourUsage& usage) override;
  void append_month(int64_t month, int64_t hours_in_month, const GroupCounts& seats) override;
  void append_evaluation(const Evaluation& evaluation) override;
  void write_outages(const OutageRecord& outages);
  void write_machines(const MachineColumns& machines);
  void write_threats(const Scenario& scenario, const ThreatRecord& threats);
  void write_vulnerabilities(const Scenario& scenario, const VulnerabilityRecord& record);
  // /data (after the last hour: it uses the billing's daily sums).
  void write_data(const Scenario& scenario, const TelemetryRecord& telemetry);
  void write_run_info(const RunInfo& info);
  // Finishes every dataset, closes the file and renames it to its final name.
  void commit();
  // The writers' buffers now (they hold at most a chunk per series, so this is about their high-water mark).
  size_t buffer_bytes() const;

  const std::string& partial_path() const { return partial_; }
  // A `path`.partial was there before this run (left by a killed run): it has been replaced.
  bool replaced_stale_partial() const { return stale_partial_; }

 private:
  template <class F>
  void writing(F&& f);

  std::string final_;
  std::string partial_;
  std::unique_ptr<H5Writer> writer_;
  std::unique_ptr<BillingWriter> billing_;
  std::unique_ptr<HealthWriter> health_;
  bool committed_ = false;
  bool stale_partial_ = false;
};

}  // namespace fleettwin
