#pragma once
// Writes one run to one HDF5 file (ARCHITECTURE.md §6; layout in docs/hdf5-layout.md): streamed while the run
// goes (chunked, extendible, compressed datasets), to OUT.h5.partial, renamed to OUT.h5 by commit(). A recorder
// destroyed without commit() removes its partial file, so a failed run leaves nothing half-written.
// Object modification times are not stored: the same scenario and seed give the same bytes (except /run).
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "models/network/outages.hpp"
#include "sim/output/h5.hpp"
#include "sim/output/records.hpp"
#include "sim/scenario/scenario.hpp"

namespace fleettwin {

class Recorder final : public RecordSink {
 public:
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
  void write_run_info(const RunInfo& info);
  void commit();

  const std::string& partial_path() const { return partial_; }

 private:
  // A dataset that grows along its first axis, with a row buffer flushed one chunk at a time.
  struct Series {
    h5::Id dataset;
    hid_t mem_type = -1;
    size_t row_size = 1;  // values per row
    hsize_t rows = 0;
    std::vector<double> doubles;
    std::vector<int64_t> ints;
  };
  Series make_series(hid_t group, const char* name, hid_t file_type, hid_t mem_type, std::vector<hsize_t> row_shape,
                     hsize_t chunk_rows);
  Series time_axis(hid_t group, const char* name, const char* scale, hsize_t chunk_rows, int64_t start,
                   const std::string& long_name);
  void flush(Series& s);
  void flush_all();
  std::array<Series*, 17> all_series() {
    return {&hour_time_, &billable_hours_, &machines_billed_, &cost_, &month_time_, &month_hours_, &seats_,
            &per_seat_cost_, &month_cost_, &eval_time_, &class_by_location_, &class_by_environment_,
            &sensor_by_environment_, &change_time_, &change_machine_, &change_class_, &change_issue_};
  }
  void write_health_header(const Scenario& sc);
  hid_t group(const char* path);

  std::string final_;
  std::string partial_;
  h5::Id file_;
  std::vector<h5::Id> groups_;
  const Scenario* sc_ = nullptr;
  Series hour_time_, billable_hours_, machines_billed_, cost_;
  Series month_time_, month_hours_, seats_, per_seat_cost_, month_cost_;
  Series eval_time_, class_by_location_, class_by_environment_, sensor_by_environment_;
  Series change_time_, change_machine_, change_class_, change_issue_;
  std::vector<double> month_cost_acc_;  // hourly cost summed over the current month, per group
  bool committed_ = false;
};

}  // namespace fleettwin
