#pragma once
// The ground truth of one attack campaign: what it reached, what stopped or saw its steps, and why the others went
// unseen. Each site tallies what happened on its machines; the tallies of one campaign add up.
#include <array>
#include <cstdint>

#include "models/threats/detection.hpp"

namespace fleettwin {

// A campaign as one site saw it; the driver sums the sites' tallies per campaign.
struct CampaignTally {
  int64_t start = INT64_MAX;  // the campaign's first step anywhere (its initial access); set by its origin's site
  uint32_t origin = UINT32_MAX;
  uint8_t playbook = 0;
  bool scripted = false;
  uint32_t machines = 0;       // machines it reached here
  uint32_t steps = 0;          // steps attempted
  uint32_t blocked = 0;        // prevented
  uint32_t audited = 0;        // allowed, recorded by an ASR rule in audit mode
  uint32_t detected = 0;       // ran and raised at least one alert
  std::array<uint32_t, kUnseenCauseCount> unseen{};  // ran and raised none, by cause
  uint32_t tampered = 0;       // sensors turned off
  uint32_t contained = 0;      // machines remediated by automated investigation
  uint32_t impacted = 0;       // machines where its ransomware ran
  int64_t first_detection = -1;
  int64_t first_containment = -1;
  int64_t last_containment = -1;
};

// Adds another site's tally of the same campaign.
void add_tally(CampaignTally& into, const CampaignTally& from);

}  // namespace fleettwin
