#pragma once
// What Defender for Cloud shows of a machine's findings, against what is true (the twin's signature: the gap).
//
// Agent-based assessment (Plan 1 and Plan 2) comes from the Defender for Endpoint sensor: vulnerability changes are
// published every 6 hours (threat-vulnerability-sweep-facts.md §3, get-assessment-software-vulnerabilities.md),
// taken here at the UTC multiples of the cadence, and only while the sensor reports. So a snapshot is the machine's
// true findings at a publication instant at which its sensor reports, and Defender for Cloud lists what the
// machine's latest snapshot holds. A machine that stops reporting keeps its last snapshot for 30 days
// (retention-logic-mdvm.md), counted here from that snapshot, then shows nothing until it reports again.
//
// So a finding open over [open, close) is
//   unseen   from `open` to the first snapshot that holds it (the next publication, or the sensor's return), and
//            while a stale snapshot older than the retention hides everything;
//   stale    after `close`, until a snapshot without it (or the retention) ends its listing.
// Closed form (tested against this model): with findings opening at uniformly random times and staying open an
// exponential time of mean W, the unseen time of one is min(wait, T), wait the time to the next publication at
// which the sensor reports. If those publications leave gaps g_i over a period P (all equal to the cadence c for a
// sensor that always reports), E[unseen] = Σ (g_i / P) (W − (W² / g_i)(1 − e^(−g_i / W))), about c / 2 when W ≫ c.
//
// Agentless scanning (Plan 2) every 24 hours of running VMs, and "both methods show agent-based results only", are
// the engine's to combine with this; the functions below take any publication cadence.
#include <cstdint>
#include <span>


namespace fleettwin {

struct AssessmentParams {
  int64_t cadence = 6 * 3600;       // publication interval (DVM change cadence)
  int64_t retention = 30 * 86400;   // a silent machine's last snapshot is kept this long
  int64_t phase = 0;                // publications at times t with (t + phase) % cadence == 0 (the run's UTC offset)
};

struct ReportingSpan {
  int64_t start;  // the sensor reports on [start, end)
  int64_t end;
};
// Sorted and disjoint.
using ReportingSpans = std::span<const ReportingSpan>;

// The first publication at or after t.
int64_t next_publication(int64_t t, const AssessmentParams& p);
// Whether the sensor reports at t.
bool reporting_at(int64_t t, ReportingSpans reporting);

struct FindingView {
  int64_t unseen = 0;  // seconds of [open, min(close, horizon)) during which Defender for Cloud does not list it
  int64_t stale = 0;   // seconds of [close, horizon) during which it still lists it
  int64_t first_listed = -1;  // when it first appears (-1: never, before the horizon)
};

// How Defender for Cloud shows one finding open over [open, close) (close may be past the horizon) up to `horizon`.
FindingView view_of_finding(int64_t open, int64_t close, int64_t horizon, ReportingSpans reporting,
                            const AssessmentParams& p = {});

}  // namespace fleettwin
