#pragma once
// The output file's groups, one writer per group (one file each), all writing through H5Writer from the schema's
// declarations. Recorder (recorder.hpp) drives them in the order the run produces the data.
#include <cstdint>
#include <vector>

#include "sim/output/h5_writer.hpp"
#include "sim/output/records.hpp"
#include "sim/output/threat_record.hpp"
#include "sim/output/vulnerability_record.hpp"
#include "models/billing/licensing.hpp"
#include "sim/scenario/scenario.hpp"

namespace fleettwin {

// Root attributes and the catalogues (/cohorts, /locations, /subscriptions, /os) behind the codes.
void write_root_and_catalogues(H5Writer& w, const Scenario& scenario);

// /billing and /billing/monthly, one clock hour and one billing month at a time.
class BillingWriter {
 public:
  BillingWriter(H5Writer& w, const Scenario& scenario);
  void append_hour(int64_t hour, const HourUsage& usage);
  void append_month(int64_t month, int64_t hours_in_month, const GroupCounts& seats);
  void finish();
  size_t buffer_bytes() const;  // rows waiting for their chunk, and the per-day sums

 private:
  H5Writer& w_;
  const BillingParams& billing_;
  H5Writer::Series time_, billable_hours_, machines_billed_, cost_;
  H5Writer::Series subscription_hours_, trial_saving_, licence_discount_;
  struct Licensing {
    LicenceDiscount discount;
    int64_t trial_start;  // -1: none
  };
  std::vector<Licensing> licensing_;  // per subscription
 public:
  // Per UTC day of the run and subscription: Plan 2's allowance and the security data ingested (bytes).
  const std::vector<std::vector<double>>& allowance_by_day() const { return allowance_; }
  const std::vector<std::vector<double>>& security_by_day() const { return security_; }

 private:
  const Scenario& sc_;
  std::vector<std::vector<double>> allowance_, security_;
  H5Writer::Series month_, month_hours_, seats_, per_seat_cost_, month_cost_;
  std::vector<double> month_cost_sum_;  // hourly cost summed over the current month, per meter group
};

// /health, /health/issues and /health/changes, one evaluation at a time.
class HealthWriter {
 public:
  HealthWriter(H5Writer& w, const Scenario& scenario);
  void append_evaluation(const Evaluation& evaluation);
  void finish();
  size_t buffer_bytes() const;  // rows waiting for their chunk

 private:
  H5Writer& w_;
  const Scenario& sc_;
  H5Writer::Series time_, by_location_, by_environment_, sensor_by_environment_;
  H5Writer::Series change_time_, change_machine_, change_class_, change_issue_;
};

// /outages, at the end of the run.
void write_outages(H5Writer& w, const OutageRecord& outages);
// /machines, one row per machine, at the end of the run.
void write_machines(H5Writer& w, const MachineColumns& machines);
// /threats, /alerts, /incidents, /campaigns and /soc, at the end of the run (empty with threats off).
void write_threats(H5Writer& w, const Scenario& scenario, const ThreatRecord& threats);
// /vulnerabilities, /vulnerabilities/exposure and /secure_score, at the end of the run (empty when off).
void write_vulnerabilities(H5Writer& w, const Scenario& scenario, const VulnerabilityRecord& record);
// /data: telemetry per geo and Plan 2's data benefit per subscription, at the end of the run.
void write_data(H5Writer& w, const Scenario& scenario, const TelemetryRecord& telemetry,
                const std::vector<std::vector<double>>& allowance, const std::vector<std::vector<double>>& security);
// /run, the wall-clock measurements.
void write_run_info(H5Writer& w, const RunInfo& info);

// Issue codes as CF flags (the catalogue's names), for every dataset that stores one.
void issue_flags(hid_t dataset);

}  // namespace fleettwin
