#include "models/threats/campaign_tally.hpp"

#include <algorithm>

namespace fleettwin {

void add_tally(CampaignTally& m, const CampaignTally& t) {
  if (t.start < m.start) {
    m.start = t.start;
    m.origin = t.origin;
  }
  m.playbook = t.playbook;
  m.scripted = m.scripted || t.scripted;
  m.machines += t.machines;
  m.steps += t.steps;
  m.blocked += t.blocked;
  m.audited += t.audited;
  m.detected += t.detected;
  for (size_t c = 0; c < t.unseen.size(); ++c) m.unseen[c] += t.unseen[c];
  m.tampered += t.tampered;
  m.contained += t.contained;
  m.impacted += t.impacted;
  const auto earliest = [](int64_t& into, int64_t v) {
    if (v >= 0 && (into < 0 || v < into)) into = v;
  };
  earliest(m.first_detection, t.first_detection);
  earliest(m.first_containment, t.first_containment);
  m.last_containment = std::max(m.last_containment, t.last_containment);
}

}  // namespace fleettwin
