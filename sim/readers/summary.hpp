#pragma once
// `fleettwin summary OUT.h5`: the headline figures of a run, read back from its HDF5 file alone (checked against
// the schema on the way: sim/output/run_file.hpp). Throws InvalidFile when the file is not a complete, undamaged
// output file.
#include <array>
#include <cstdint>
#include <iosfwd>
#include <string>

#include "models/fleet/fleet_types.hpp"
#include "models/health/health_issues.hpp"

namespace fleettwin {

struct GroupFigures {
  int64_t machines = 0;
  double billed_hours = 0;
  double cost_usd = 0;
  double per_seat_cost_usd = 0;
};

// Health over the run, from /health (applicable = covered by a plan, present and not "not applicable").
struct HealthFigures {
  bool present = false;
  using ClassCounts = std::array<int64_t, kHealthClassCount>;
  ClassCounts start{}, end{};  // machines per health class at the start and at the last evaluation
  ClassCounts peak{};          // the largest count of each class at any evaluation
  double hours_to_95 = -1, hours_to_99 = -1;  // first evaluation with that share of applicable machines healthy
  double unprotected_machine_hours = 0;       // applicable machines not healthy, held until the next evaluation
  double applicable_machine_hours = 0;
  int64_t evaluations = 0;
  int64_t outages = 0, heartbeats_delivered = 0;
};

// Threats over the run, from /alerts, /incidents, /campaigns and /soc (present = the run simulated threats).
struct ThreatFigures {
  bool present = false;
  std::array<int64_t, 4> alerts_by_severity{};        // informational, low, medium, high
  std::array<int64_t, 3> alerts_by_classification{};  // true, benign, false positive
  int64_t alerts = 0, suppressed = 0, cached = 0, incidents = 0;
  int64_t campaigns = 0, campaigns_unseen = 0;  // campaigns, and those no alert ever showed
  int64_t machines_reached = 0, impacted = 0, contained = 0, tampered = 0;
  int64_t steps = 0, blocked = 0, detected = 0;
  std::array<int64_t, 6> unseen{};  // by cause
  double detect_mean_s = -1, detect_p95_s = -1;    // campaign start to first detection (detected campaigns)
  double contain_mean_s = -1, contain_p95_s = -1;  // campaign start to first containment (contained campaigns)
  double tta_mean_s = 0, tta_p95_s = 0, ttr_mean_s = 0, ttr_p95_s = 0;
  int64_t backlog_max = 0, backlog_end = 0;
  int64_t approvals_requested = 0, approvals_granted = 0, approvals_timed_out = 0;
  int64_t expansions_automatic = 0, expansions_needing_approval = 0, expansions_approved = 0,
          expansions_timed_out = 0, expansion_devices = 0;
  double utilisation_mean = 0;
};

// Vulnerability management over the run, from /vulnerabilities and /secure_score (present = the run simulated it).
struct VulnerabilityFigures {
  bool present = false;
  double open_end = 0, listed_end = 0, unseen_end = 0, critical_open_end = 0;  // at the last publication
  double critical_mean_age_days_end = 0;
  double open_finding_days = 0, unseen_finding_days = 0;
  std::array<double, 3> unseen_days_by_cause{};  // no_assessment, stale_snapshot, awaiting_publication
  double exposure_start = 0, exposure_end = 0, true_exposure_end = 0;
  double secure_start = 0, secure_end = 0;
  int64_t exploitation_attempts = 0, exploitation_succeeded = 0;
};

struct RunSummary {
  std::string file, scenario, start, partial_hour_rule;
  uint64_t seed = 0;
  int64_t hours = 0;
  int64_t machines = 0;
  std::array<int64_t, 3> machines_by_plan{};  // off, P1, P2
  std::array<GroupFigures, kMeterGroups> groups{};
  GroupFigures total;
  double trial_saving_usd = 0, licence_discount_usd = 0;
  double data_overage_usd = 0, data_overage_bytes = 0, telemetry_stored_end_bytes = 0;  // /data  // licensing (not billed: cost_usd is at list price)
  HealthFigures health;
  ThreatFigures threats;
  VulnerabilityFigures vulnerabilities;
  double wall_seconds = 0, events_per_second = 0;
  int64_t events = 0, peak_rss_bytes = 0, threads = 0;
};

RunSummary read_summary(const std::string& path);
void print_summary(const RunSummary& s, std::ostream& out);
void print_summary_json(const RunSummary& s, std::ostream& out);

}  // namespace fleettwin
