#include "models/vulnerabilities/assessment.hpp"

#include <algorithm>
#include <limits>

namespace fleettwin {

int64_t next_publication(int64_t t, const AssessmentParams& p) {
  const int64_t shifted = t + p.phase;
  const int64_t r = ((shifted % p.cadence) + p.cadence) % p.cadence;
  return r == 0 ? t : t + (p.cadence - r);
}

bool reporting_at(int64_t t, ReportingSpans reporting) {
  const auto it = std::upper_bound(reporting.begin(), reporting.end(), t,
                                   [](int64_t x, const ReportingSpan& s) { return x < s.end; });
  return it != reporting.end() && it->start <= t;
}

FindingView view_of_finding(int64_t open, int64_t close, int64_t horizon, ReportingSpans reporting,
                            const AssessmentParams& p) {
  FindingView v;
  bool listed = false;
  int64_t snapshot = 0;  // the latest snapshot that holds the finding (while listed)
  int64_t t = open;
  // [t, u) passes with the listing unchanged.
  const auto pass = [&](int64_t u) {
    u = std::min(u, horizon);
    if (u <= t) return;
    if (!listed) v.unseen += std::max<int64_t>(0, std::min(u, close) - std::max(t, open));
    else v.stale += std::max<int64_t>(0, u - std::max(t, close));
    t = u;
  };
  for (int64_t pub = next_publication(open, p); t < horizon;) {
    if (t >= close && !listed) break;  // every later snapshot is taken after the fix
    const int64_t expiry = listed ? snapshot + p.retention : std::numeric_limits<int64_t>::max();
    if (expiry < pub) {  // a silent machine's snapshot is dropped
      pass(expiry);
      listed = false;
      continue;
    }
    pass(pub);
    if (t >= horizon) break;
    if (reporting_at(pub, reporting)) {
      listed = pub < close;
      snapshot = pub;
      if (listed && v.first_listed < 0) v.first_listed = pub;
    }
    pub += p.cadence;
  }
  pass(horizon);
  return v;
}

}  // namespace fleettwin
