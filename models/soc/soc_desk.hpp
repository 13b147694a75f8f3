#pragma once
// What becomes of the alerts once they are in Defender for Cloud: suppression rules dismiss the matching ones,
// alerts are correlated into incidents (models/alerts/incidents.hpp), the SOC triages them (soc_queue.hpp), and each
// alert ends the run with two statuses, because Defender for Cloud and the Defender portal do not synchronise the
// statuses of Defender for Endpoint's alerts (product-facts.md §4):
//   - a suppression rule dismisses the Defender for Cloud copy only;
//   - the SOC works in one console (`console`): there an alert goes in progress when triage starts and is resolved
//     when it ends; Defender for Cloud's own alerts are synchronised both ways, so both statuses follow;
//   - every alert the SOC sees is triaged; the first true-positive alert of each incident is also investigated
//     (the investigation covers the incident);
//   - informational Defender for Cloud alerts do not reach the portal ("not_in_portal"), and are not triaged
//     unless `informational` is set.
#include <cstdint>
#include <span>
#include <vector>

#include "models/alerts/alert_pipeline.hpp"
#include "models/alerts/incidents.hpp"
#include "models/soc/soc_queue.hpp"

namespace fleettwin {

struct DeskParams {
  std::span<const uint16_t> suppressed;  // alert types dismissed by suppression rules (sorted)
  IncidentParams incidents;
  std::span<const StaffingChange> staffing;
  SocServiceTimes service;
  bool informational = false;
  bool works_in_portal = true;
  uint64_t seed = 1;
  int64_t horizon = 0;  // the end of the run
  int64_t pending_timeout = 7 * 86400;  // a pending action not approved by then counts as rejected
};

// Automated investigations that expanded from one machine to other devices of the same campaign.
struct ExpansionCounts {
  uint64_t automatic = 0;        // to fewer devices than the approval threshold: at once
  uint64_t needing_approval = 0;  // to the threshold or more: they waited for the SOC
  uint64_t approved = 0, timed_out = 0;
  uint64_t devices = 0;  // devices an expansion reached (automatic or approved)
};

struct DeskOutcome {
  std::vector<AlertRecord> alerts;  // in the order they appear in Defender for Cloud
  std::vector<uint8_t> suppressed;
  std::vector<int64_t> acknowledged;  // triage started (-1: not by the end, or not triaged)
  std::vector<int64_t> resolved;      // triage (and investigation) ended
  std::vector<uint8_t> dfc_status;    // DfcStatus at the end of the run
  std::vector<uint8_t> portal_status; // PortalStatus at the end of the run
  Correlation correlation;
  SocResult soc;
  uint64_t triaged = 0;  // alerts queued for the SOC
  uint64_t approvals_requested = 0, approvals_granted = 0, approvals_timed_out = 0;  // semi automation
  ExpansionCounts expansions;
};

// The order alerts appear in Defender for Cloud, ties broken by every other field: the same whatever the order
// the sites raised them in.
void sort_by_arrival(std::vector<AlertRecord>& alerts);

// The desk run as the alerts come (the control plane advances it after each step of the run, so that the SOC's
// approvals of pending actions act on the fleet): alerts are handed over in any order, and advance_to(t) takes in
// every alert that appears before t, in order of appearance, then runs the SOC to t. Everything it decides at t
// depends only on what appeared by t.
class SocDesk {
 public:
  explicit SocDesk(const DeskParams& params);
  void take(std::vector<AlertRecord>& fresh);  // moved out of `fresh`
  // A pending action of semi automation waits for an analyst's approval from `created` (its SOC item's index).
  uint32_t request_approval(int64_t created, uint64_t key);
  const SocOutcome& approval(uint32_t index) const { return queue_.outcome(index); }
  void count_approval(bool granted) { ++(granted ? d_.approvals_granted : d_.approvals_timed_out); }
  // An investigation's expansion to `devices` other devices: at once, or (`approval`) reviewed like a pending
  // action, with the same priority and timeout.
  void count_automatic_expansion(size_t devices) {
    ++d_.expansions.automatic;
    d_.expansions.devices += devices;
  }
  uint32_t request_expansion_approval(int64_t created, uint64_t key);
  void count_expansion_approval(bool granted, size_t devices) {
    ++(granted ? d_.expansions.approved : d_.expansions.timed_out);
    if (granted) d_.expansions.devices += devices;
  }
  void advance_to(int64_t t);
  DeskOutcome finish();  // to the horizon; alerts that would appear after it are left out
  size_t bytes() const;  // held now: alerts, incidents and the SOC queue (models/common/memory_use.hpp)

 private:
  DeskParams p_;
  std::vector<uint16_t> suppressed_types_;
  Correlator correlator_;
  SocQueue queue_;
  std::vector<AlertRecord> buffer_;  // handed over, not yet appeared
  DeskOutcome d_;
  std::vector<uint32_t> soc_index_;  // per alert taken in, its SOC item (UINT32_MAX: not triaged)
};

// `alerts` in any order; those that reach Defender for Cloud after the horizon are left out.
DeskOutcome run_desk(std::vector<AlertRecord> alerts, const DeskParams& params);

// The Defender for Cloud status at time t of an alert (shown by then) from what happened to it: dismissed by a
// suppression rule; otherwise, when the SOC's work shows in Defender for Cloud (it works there, or the alert is
// Defender for Cloud's own and synchronised), resolved or in progress once the SOC finished or started it.
DfcStatus dfc_status_at(bool suppressed, bool own_alert, int64_t acknowledged, int64_t resolved, int64_t t,
                        bool works_in_portal);
// The same for alert i of a desk's outcome.
DfcStatus dfc_status_at(const DeskOutcome& d, size_t i, int64_t t, bool works_in_portal);

}  // namespace fleettwin
