#include "sim/output/recorder.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace fleettwin {

Recorder::Recorder(std::string path) : final_(std::move(path)), partial_(final_ + ".partial") {
  std::error_code ec;
  if (std::filesystem::is_directory(final_, ec)) throw OutputPathError(final_ + ": is a directory, not a file to write");
  stale_partial_ = std::filesystem::exists(partial_, ec);
  // Created here, before the run, so that a missing or read-only folder or a full disk is reported at once, with
  // the system's reason.
  std::FILE* probe = std::fopen(partial_.c_str(), "wb");
  if (!probe) throw OutputPathError("cannot create " + partial_ + ": " + std::strerror(errno));
  std::fclose(probe);
}

Recorder::~Recorder() {
  if (committed_) return;
  billing_.reset();
  health_.reset();
  h5::quiet();
  if (writer_) writer_->abandon();
  writer_.reset();
  H5Eclear2(H5E_DEFAULT);
  std::error_code ec;
  std::filesystem::remove(partial_, ec);
}

// HDF5's messages name the dataset; the file being written is named here.
template <class F>
void Recorder::writing(F&& f) {
  h5::quiet();  // in the calling thread: the control plane writes from its actor
  try {
    f();
  } catch (const h5::Error& e) {
    throw h5::Error(partial_ + ": " + e.what());
  }
}

void Recorder::write_header(const Scenario& sc) {
  writing([&] {
    writer_ = std::make_unique<H5Writer>(partial_, sc.start);
    write_root_and_catalogues(*writer_, sc);
    billing_ = std::make_unique<BillingWriter>(*writer_, sc);
    health_ = std::make_unique<HealthWriter>(*writer_, sc);
  });
}

size_t Recorder::buffer_bytes() const {
  return (billing_ ? billing_->buffer_bytes() : 0) + (health_ ? health_->buffer_bytes() : 0);
}

void Recorder::append_hour(int64_t hour, const HourUsage& usage) {
  writing([&] { billing_->append_hour(hour, usage); });
}

void Recorder::append_month(int64_t month, int64_t hours_in_month, const GroupCounts& seats) {
  writing([&] { billing_->append_month(month, hours_in_month, seats); });
}

void Recorder::append_evaluation(const Evaluation& e) {
  writing([&] { health_->append_evaluation(e); });
}
void Recorder::write_outages(const OutageRecord& outages) {
  writing([&] { fleettwin::write_outages(*writer_, outages); });
}
void Recorder::write_machines(const MachineColumns& machines) {
  writing([&] { fleettwin::write_machines(*writer_, machines); });
}
void Recorder::write_threats(const Scenario& scenario, const ThreatRecord& threats) {
  writing([&] { fleettwin::write_threats(*writer_, scenario, threats); });
}

void Recorder::write_vulnerabilities(const Scenario& scenario, const VulnerabilityRecord& record) {
  writing([&] { fleettwin::write_vulnerabilities(*writer_, scenario, record); });
}

void Recorder::write_data(const Scenario& scenario, const TelemetryRecord& telemetry) {
  writing([&] {
    fleettwin::write_data(*writer_, scenario, telemetry, billing_->allowance_by_day(), billing_->security_by_day());
  });
}

void Recorder::write_run_info(const RunInfo& info) {
  writing([&] { fleettwin::write_run_info(*writer_, info); });
}

void Recorder::commit() {
  writing([&] {
    billing_->finish();
    health_->finish();
    writer_->close();
  });
  std::error_code ec;
  std::filesystem::rename(partial_, final_, ec);
  if (ec) throw h5::Error("cannot rename " + partial_ + " to " + final_ + ": " + ec.message());
  committed_ = true;
}

}  // namespace fleettwin
