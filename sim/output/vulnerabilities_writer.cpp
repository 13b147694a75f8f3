// /vulnerabilities, /vulnerabilities/exposure and /secure_score, at the end of the run (empty with vulnerability
// management off).
#include <hdf5_hl.h>

#include "models/vulnerabilities/exposure_score.hpp"
#include "sim/output/groups.hpp"

namespace fleettwin {
namespace {
constexpr hsize_t kRows = 1024;
constexpr std::array<std::string_view, 3> kBandLabels = {"low", "medium", "high"};

h5::Id time_scale(H5Writer& w, const schema::Dataset& spec, const std::vector<int64_t>& t) {
  h5::Id d = w.column(spec, t, kRows);
  h5::check(H5DSset_scale(d, std::string(spec.scale).c_str()), "make scale " + spec.path());
  h5::attr(d, schema::kCalendar, "standard");
  return d;
}

// A [time, a, b] series from rows of arrays of arrays, attached to its scales.
template <class Row, class F>
void cube(H5Writer& w, const schema::Dataset& spec, const std::vector<Row>& rows, size_t a, size_t b,
          std::array<hid_t, 3> scales, F value) {
  H5Writer::Series s = w.series(spec, {a, b}, kRows);
  for (const Row& r : rows) {
    for (size_t i = 0; i < a; ++i)
      for (size_t j = 0; j < b; ++j) {
        if (spec.type == schema::Type::F64)
          s.reals.push_back(value(r, i, j));
        else
          s.ints.push_back(static_cast<int64_t>(value(r, i, j)));
      }
    w.flush(s);
  }
  for (unsigned k = 0; k < 3; ++k) H5Writer::attach(s.dataset, scales[k], k);
  w.finish(s);
}
void write_groups(H5Writer& w, const VulnerabilityRecord& r, hid_t time, hid_t sev) {
  h5::attr(w.group(schema::kVulnGroups), schema::kDescription, schema::kVulnGroupsDescription);
  std::array<std::vector<int64_t>, 4> cols;
  for (const VulnerabilityGroupRecord& g : r.groups) {
    cols[0].push_back(g.cohort);
    cols[1].push_back(g.os);
    cols[2].push_back(g.first_machine);
    cols[3].push_back(g.machines);
  }
  h5::Id group = w.column(schema::kVulnGroupCohort, cols[0]);
  h5::check(H5DSset_scale(group, std::string(schema::kVulnGroupCohort.scale).c_str()), "make scale group");
  H5Writer::attach(w.column(schema::kVulnGroupOs, cols[1]), group, 0);
  H5Writer::attach(w.column(schema::kVulnGroupFirst, cols[2]), group, 0);
  H5Writer::attach(w.column(schema::kVulnGroupMachines, cols[3]), group, 0);
  H5Writer::Series d = w.series(schema::kVulnGroupDisclosed, {r.groups.size(), kVulnSeverityCount}, kRows);
  for (const auto& at : r.disclosed)
    for (const auto& g : at) d.ints.insert(d.ints.end(), g.begin(), g.end());
  H5Writer::attach(d.dataset, time, 0);
  H5Writer::attach(d.dataset, group, 1);
  H5Writer::attach(d.dataset, sev, 2);
  w.finish(d);
}

void write_machine_rows(H5Writer& w, const VulnerabilityRecord& r, hid_t sev) {
  const hid_t g = w.group(schema::kVulnChanges);
  h5::attr(g, schema::kDescription, schema::kVulnChangesDescription);
  h5::attr(g, schema::kVulnMachineLog, static_cast<int64_t>(r.machine_log));
  constexpr hsize_t kChunk = 65536;
  H5Writer::Series time = w.series(schema::kVulnChangeTime, {}, kChunk);
  H5Writer::Series machine = w.series(schema::kVulnChangeMachine, {}, kChunk);
  H5Writer::Series view = w.series(schema::kVulnChangeView, {}, kChunk);
  H5Writer::Series offset = w.series(schema::kVulnChangeOffset, {kVulnSeverityCount}, kChunk);
  H5Writer::Series listed = w.series(schema::kVulnChangeListed, {kVulnSeverityCount}, kChunk);
  H5Writer::Series snapshot = w.series(schema::kVulnChangeSnapshot, {}, kChunk);
  std::vector<std::string> views(kVulnViewNames.begin(), kVulnViewNames.end());
  views.emplace_back("absent");
  H5Writer::flags(view.dataset, views);
  for (const VulnMachineRow& x : r.changes) {
    time.ints.push_back(x.time);
    machine.ints.push_back(x.machine);
    view.ints.push_back(x.view);
    offset.ints.insert(offset.ints.end(), x.offset.begin(), x.offset.end());
    listed.ints.insert(listed.ints.end(), x.listed.begin(), x.listed.end());
    snapshot.ints.push_back(x.snapshot_time);
    for (H5Writer::Series* s : {&time, &machine, &view, &offset, &listed, &snapshot}) w.flush(*s);
  }
  for (H5Writer::Series* s : {&offset, &listed}) H5Writer::attach(s->dataset, sev, 1);
  for (H5Writer::Series* s : {&time, &machine, &view, &offset, &listed, &snapshot}) w.finish(*s);
}
}  // namespace

void write_vulnerabilities(H5Writer& w, const Scenario& sc, const VulnerabilityRecord& r) {
  {
    const hid_t g = w.group(schema::kVulnerabilities);
    h5::attr(g, schema::kDescription, schema::kVulnerabilitiesDescription);
    h5::attr(g, schema::kVulnEnabled, static_cast<int64_t>(r.enabled));
    h5::attr(g, schema::kVulnCadence, sc.vulnerabilities.assessment.cadence);
    h5::attr(g, schema::kVulnRetention, sc.vulnerabilities.assessment.retention);
    h5::attr(g, schema::kVulnExploitAttempts, static_cast<int64_t>(r.exploit_attempts));
    h5::attr(g, schema::kVulnExploitSucceeded, static_cast<int64_t>(r.exploit_succeeded));
    h5::attr(g, schema::kVulnTouches, static_cast<int64_t>(r.maintenance_touches));
    h5::Id time = time_scale(w, schema::kVulnTime, r.time);
    h5::Id env = w.label_scale(schema::kVulnEnvironment, H5Writer::labels(kEnvironmentNames));
    h5::Id sev = w.label_scale(schema::kVulnSeverityName, H5Writer::labels(kVulnSeverityNames));
    h5::Id cause = w.label_scale(schema::kVulnCauseName, H5Writer::labels(kVulnUnseenCauseNames));
    h5::Id view = w.label_scale(schema::kVulnViewName, H5Writer::labels(kVulnViewNames));
    using Row = VulnerabilityRecord::ByEnv<int64_t, kVulnSeverityCount>;
    using CauseRow = VulnerabilityRecord::ByEnv<int64_t, kVulnCauseCount>;
    const std::array<hid_t, 3> by_sev = {time, env, sev}, by_cause = {time, env, cause};
    const size_t E = kEnvironmentCount, S = kVulnSeverityCount, C = kVulnCauseCount;
    const auto plain = [](const Row& x, size_t i, size_t j) { return static_cast<double>(x[i][j]); };
    const auto days = [](const Row& x, size_t i, size_t j) { return static_cast<double>(x[i][j]) / 86400.0; };
    cube(w, schema::kVulnOpen, r.open, E, S, by_sev, plain);
    cube(w, schema::kVulnListed, r.listed, E, S, by_sev, plain);
    cube(w, schema::kVulnUnseen, r.unseen, E, S, by_sev, plain);
    std::vector<Row> stale(r.time.size());
    for (size_t t = 0; t < r.time.size(); ++t)
      for (size_t e = 0; e < E; ++e)
        for (size_t s = 0; s < S; ++s)
          stale[t][e][s] = std::max<int64_t>(0, r.listed[t][e][s] - (r.open[t][e][s] - r.unseen[t][e][s]));
    cube(w, schema::kVulnStale, stale, E, S, by_sev, plain);
    cube(w, schema::kVulnOpenDays, r.open_seconds, E, S, by_sev, days);
    cube(w, schema::kVulnUnseenDays, r.unseen_seconds, E, S, by_sev, days);
    cube(w, schema::kVulnUnseenByCause, r.unseen_by_cause, E, C, by_cause,
         [](const CauseRow& x, size_t i, size_t j) { return static_cast<double>(x[i][j]); });
    cube(w, schema::kVulnUnseenCauseDays, r.unseen_cause_seconds, E, C, by_cause,
         [](const CauseRow& x, size_t i, size_t j) { return static_cast<double>(x[i][j]) / 86400.0; });
    {
      H5Writer::Series s = w.series(schema::kVulnCriticalOpen, {E}, kRows);
      H5Writer::Series a = w.series(schema::kVulnCriticalAge, {E}, kRows);
      for (size_t t = 0; t < r.time.size(); ++t)
        for (size_t e = 0; e < E; ++e) {
          s.ints.push_back(r.critical_open[t][e]);
          a.reals.push_back(r.critical_open[t][e] > 0 ? static_cast<double>(r.critical_age_seconds[t][e]) /
                                                            static_cast<double>(r.critical_open[t][e]) / 86400.0
                                                      : 0.0);
        }
      for (auto* x : {&s, &a}) {
        H5Writer::attach(x->dataset, time, 0);
        H5Writer::attach(x->dataset, env, 1);
        w.finish(*x);
      }
    }
    {
      H5Writer::Series s = w.series(schema::kVulnMachinesByView, {kVulnViewCountRecord}, kRows);
      for (const auto& row : r.machines_by_view)
        for (const int64_t x : row) s.ints.push_back(x);
      H5Writer::attach(s.dataset, time, 0);
      H5Writer::attach(s.dataset, view, 1);
      w.finish(s);
    }
    write_groups(w, r, time, sev);
    write_machine_rows(w, r, sev);
  }
  {
    const hid_t g = w.group(schema::kExposure);
    h5::attr(g, schema::kDescription, schema::kExposureDescription);
    h5::Id time = time_scale(w, schema::kExposureTime, r.exposure_time);
    const auto reals = [&](const schema::Dataset& spec, const std::vector<double>& v) {
      H5Writer::attach(w.column(spec, std::span<const double>(v), kRows), time, 0);
    };
    reals(schema::kExposureScore, r.exposure_listed);
    reals(schema::kExposureTrue, r.exposure_true);
    std::vector<int64_t> band;
    for (const double x : r.exposure_listed) band.push_back(static_cast<int64_t>(exposure_band(x)));
    h5::Id b = w.column(schema::kExposureBand, band, kRows);
    H5Writer::attach(b, time, 0);
    H5Writer::flags(b, kBandLabels);
    H5Writer::attach(w.column(schema::kExposureDevices, r.exposure_devices_listed, kRows), time, 0);
    H5Writer::attach(w.column(schema::kExposureDevicesTrue, r.exposure_devices_true, kRows), time, 0);
  }
  {
    const hid_t g = w.group(schema::kSecureScore);
    h5::attr(g, schema::kDescription, schema::kSecureScoreDescription);
    h5::attr(g, schema::kSecureVaMax, r.remediate_vulnerabilities_max);
    h5::attr(g, schema::kSecureEpMax, r.endpoint_protection_max);
    h5::Id time = time_scale(w, schema::kSecureTime, r.secure_time);
    H5Writer::attach(w.column(schema::kSecurePercent, std::span<const double>(r.secure_percent), kRows), time, 0);
    const schema::Dataset* counts[] = {&schema::kSecureVaHealthy, &schema::kSecureVaUnhealthy, &schema::kSecureEpHealthy,
                                       &schema::kSecureEpUnhealthy};
    for (size_t k = 0; k < 4; ++k) {
      std::vector<int64_t> v;
      for (const auto& row : r.secure_counts) v.push_back(row[k]);
      H5Writer::attach(w.column(*counts[k], v, kRows), time, 0);
    }
  }
}

}  // namespace fleettwin
