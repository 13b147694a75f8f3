#pragma once
// Threats on a site's machines (models/threats/): random and scripted attack campaigns running their playbooks step
// by step, stopped by prevention, seen (or not, and why) by the sensor the machine really has at that moment,
// spreading by lateral movement, tampering with sensors; benign and false positives; automated investigation and
// remediation. What it raises are alerts with their exact times (models/alerts/alert_pipeline.hpp); what happened
// is tallied per campaign as ground truth.
//
// Event kinds (registered after every other process's, so that with threats off the other kinds keep their
// numbers): a machine's next random campaign, its next noise alert, a step of a campaign on it, and the end of an
// automated investigation on it. Several campaigns can be on one machine: their pending steps wait in a heap
// ordered by (time, machine, campaign), which the calendar wakes at the step's time: an order that never depends
// on how machines are split into sites.
//
// Lateral movement to a machine of another site goes through the outbox; the driver delivers it after each step
// of one heartbeat interval (fleet_driver.cpp). Hops take at least a heartbeat interval (the lookahead), so a hop
// never lands before the step it is delivered after has ended.
#include <cstdint>
#include <queue>
#include <span>
#include <unordered_map>
#include <vector>

#include "models/alerts/alert_pipeline.hpp"
#include "models/common/list_map.hpp"
#include "models/threats/campaign_tally.hpp"
#include "models/threats/detection.hpp"
#include "sim/engine/agent_lifecycle.hpp"
#include "sim/engine/site_context.hpp"

namespace fleettwin {

struct LateralArrival {
  int64_t time;
  uint64_t campaign;
  uint32_t target;
  uint16_t technique;  // the lateral technique, seen on the target as its arrival step
  uint8_t playbook;
  uint8_t hop;
};

// Semi automation: an automated investigation ended on the machine with pending actions awaiting approval. The
// control plane also asks for the approval of an investigation's expansion to many devices (`expansion`: its
// index in the driver's list; UINT32_MAX for a machine's pending actions).
struct ApprovalRequest {
  int64_t created;
  uint32_t machine;
  uint32_t expansion = UINT32_MAX;
};

// An automated investigation on `origin` ended at `time` having found `campaign` there: it expands to the other
// devices where the campaign's entities are (the control plane finds them on every site, fleet_driver.cpp).
struct ExpansionRequest {
  int64_t time;
  uint64_t campaign;
  uint32_t origin;
};

class VulnerabilityManagement;

class ThreatActivity {
 public:
  ThreatActivity(SiteContext& site, AgentLifecycle& agent);
  // Vulnerability management on: a random campaign on an internet-facing machine gets in only through one of the
  // machine's open findings (its exploitation succeeds with the chance they give), so patching lowers the attacks.
  void set_vulnerabilities(VulnerabilityManagement* v) { vulns_ = v; }

  bool enabled() const { return enabled_; }
  // The site's uplink outages (the same intervals the SimGrid platform's profiles are made of): a detection made
  // behind a downed uplink is cached and leaves when the link returns.
  void set_outages(std::span<const OutageInterval> outages) { outages_ = outages; }
  // Each machine's first random campaign and noise alert (a scaled-out machine's from the time it is added); the
  // scripted campaigns' landings.
  void initialise();

  // Lateral movement leaving the site (to be delivered by the driver) and arriving at it.
  size_t bytes() const;  // held now (models/common/memory_use.hpp)
  std::vector<LateralArrival>& outbox() { return outbox_; }
  void receive(const LateralArrival& a);

  std::vector<AlertRecord>& alerts() { return alerts_; }
  std::vector<ApprovalRequest>& approvals() { return approvals_; }
  // The SOC approved the machine's pending actions: it is remediated at t.
  void remediate_at(uint32_t m, int64_t t);
  // Expansions of the investigations that ended, for the control plane.
  std::vector<ExpansionRequest>& expansions() { return expansions_; }
  // The site's machines on which `campaign` is at the instant t (arrived by t, not ended before t), appended to
  // `out`.
  void machines_with(uint64_t campaign, int64_t t, std::vector<uint32_t>& out) const;
  // An expanded investigation reaches machine m at t: what follows is its own device group's automation level
  // (full remediates it, semi asks for approval, none does nothing; AIR needs Windows with Defender Antivirus).
  void expand_to(uint32_t m, int64_t t);
  std::unordered_map<uint64_t, CampaignTally>& campaigns() { return campaigns_; }
  uint64_t cached_alerts() const { return cached_; }

 private:
  static constexpr uint8_t kInitialAccess = 255;
  static constexpr uint8_t kArrival = 254;
  static constexpr uint32_t kApproved = 1;  // an investigation entry that is an approved remediation
  static constexpr uint32_t kExpanded = 2;  // an investigation entry that an expansion brought to the machine
  struct Infection {
    uint64_t campaign;
    uint32_t machine;
    uint8_t playbook;
    uint8_t next;  // index of the next step, or kInitialAccess / kArrival
    uint8_t hop;
    bool done;
    uint16_t arrival_technique;
    int64_t since;      // when the campaign reached the machine
    int64_t ended = -1;  // when it ended there (done)
  };
  struct Pending {
    int64_t time;
    uint32_t machine;
    uint64_t campaign;
    uint32_t infection;
    bool operator>(const Pending& o) const {
      if (time != o.time) return time > o.time;
      if (machine != o.machine) return machine > o.machine;
      return campaign > o.campaign;
    }
  };
  struct InfectionKey {
    uint64_t campaign;
    uint32_t machine;
    bool operator==(const InfectionKey&) const = default;
  };
  struct KeyHash {
    size_t operator()(const InfectionKey& k) const { return k.campaign * 0x9e3779b97f4a7c15ULL ^ k.machine; }
  };

  void on_campaign_arrival(const CalendarEntry& e);
  void on_noise(const CalendarEntry& e);
  void on_step(const CalendarEntry& e);
  void on_investigation_end(const CalendarEntry& e);

  void schedule_arrival(uint32_t m, int64_t after);
  void schedule_noise(uint32_t m, int64_t after);
  void start_campaign(uint32_t m, uint64_t campaign, uint8_t playbook, int64_t t, bool scripted);
  uint32_t infect(uint64_t campaign, uint32_t m, uint8_t playbook, uint8_t next, uint8_t hop, uint16_t technique,
                  int64_t since);
  void end_infection(uint32_t i, int64_t t) {
    infections_[i].done = true;
    infections_[i].ended = t;
  }
  void queue_step(uint32_t infection, int64_t t);
  void run_step(uint32_t infection, int64_t t);
  void spread(const Infection& inf, const LateralSpec& lateral, uint16_t technique, int64_t t, uint32_t key);
  SensorView sensor_view(uint32_t m) const;
  void raise(AlertRecord a);
  void start_investigation(uint32_t m, uint64_t campaign, int64_t in_mde);
  double draw(uint32_t key, rng::Stream stream, int64_t t, unsigned sub) const;

  SiteContext& site_;
  AgentLifecycle& agent_;
  VulnerabilityManagement* vulns_ = nullptr;
  const ThreatParams& params_;
  bool enabled_;
  EventKind arrival_kind_ = 0, noise_kind_ = 0, step_kind_ = 0, investigation_kind_ = 0;
  std::span<const OutageInterval> outages_;
  std::vector<std::pair<uint32_t, uint32_t>> location_ranges_;      // every machine of the site's location
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> subscription_ranges_;  // per subscription
  std::vector<Infection> infections_;
  ListMap<uint32_t> on_machine_;  // infections on a machine (some done)
  std::vector<double> noise_weights_;
  std::unordered_map<InfectionKey, uint32_t, KeyHash> by_key_;
  ListMap<uint64_t> by_campaign_;  // infections of a campaign on this site
  std::priority_queue<Pending, std::vector<Pending>, std::greater<>> pending_;
  std::priority_queue<Pending, std::vector<Pending>, std::greater<>> investigations_;
  std::unordered_map<uint32_t, int64_t> investigating_until_;  // machine -> end of its running investigation
  std::unordered_map<uint32_t, int64_t> warn_unblocked_until_;
  std::vector<LateralArrival> outbox_;
  std::vector<AlertRecord> alerts_;
  std::vector<ApprovalRequest> approvals_;
  std::vector<ExpansionRequest> expansions_;
  std::unordered_map<uint64_t, CampaignTally> campaigns_;
  uint64_t cached_ = 0;
};

}  // namespace fleettwin
