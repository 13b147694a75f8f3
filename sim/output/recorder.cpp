#include "sim/output/recorder.hpp"

#include <hdf5_hl.h>

#include <cstdio>
#include <filesystem>

#include "models/fleet/os_catalog.hpp"
#include "models/health/health_evaluation.hpp"
#include "models/health/health_issues.hpp"
#include "models/health/sensor_health.hpp"
#include "sim/scenario/duration.hpp"
#include "version.hpp"

namespace fleettwin {
namespace {

constexpr hsize_t kHourChunk = 168;    // one week of hours
constexpr hsize_t kMachineChunk = 65536;

// CF-style time units, which xarray decodes to datetimes without project code.
std::string time_units(int64_t start) {
  std::string iso = format_iso8601(start);  // 2026-01-01T00:00:00Z
  iso[10] = ' ';
  iso.pop_back();
  return "seconds since " + iso;
}

h5::Id creation_props(hid_t cls) {
  h5::Id p(H5Pcreate(cls), H5Pclose, "create a property list");
  // No timestamps in object headers: identical runs give identical bytes.
  h5::check(H5Pset_obj_track_times(p, 0), "turn off time tracking");
  return p;
}

h5::Id vlen_utf8() {
  h5::Id t(H5Tcopy(H5T_C_S1), H5Tclose, "copy the string type");
  h5::check(H5Tset_size(t, H5T_VARIABLE), "make a string type");
  h5::check(H5Tset_cset(t, H5T_CSET_UTF8), "set UTF-8");
  return t;
}

// A fixed-size 1-D dataset written whole (catalogues, coordinate labels, per-machine columns).
h5::Id write_column(hid_t loc, const char* name, hid_t file_type, hid_t mem_type, const void* data, hsize_t n,
                    hsize_t chunk = 0) {
  h5::Id space(H5Screate_simple(1, &n, nullptr), H5Sclose, std::string("create the space of ") + name);
  h5::Id dcpl = creation_props(H5P_DATASET_CREATE);
  if (chunk && n > 0) {
    const hsize_t c = std::min(chunk, n);
    h5::check(H5Pset_chunk(dcpl, 1, &c), "set chunking");
    h5::check(H5Pset_shuffle(dcpl), "set shuffle");
    h5::check(H5Pset_deflate(dcpl, 4), "set compression");
  }
  h5::Id d(H5Dcreate2(loc, name, file_type, space, H5P_DEFAULT, dcpl, H5P_DEFAULT), H5Dclose,
           std::string("create dataset ") + name);
  if (n) h5::check(H5Dwrite(d, mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data), std::string("write ") + name);
  return d;
}

h5::Id write_strings(hid_t loc, const char* name, const std::vector<std::string>& values) {
  h5::Id t = vlen_utf8();
  std::vector<const char*> ptrs;
  for (const auto& v : values) ptrs.push_back(v.c_str());
  return write_column(loc, name, t, t, ptrs.data(), values.size());
}

template <class Range>
std::vector<std::string> to_strings(const Range& r) {
  return std::vector<std::string>(r.begin(), r.end());
}

void describe(hid_t obj, const std::string& units, const std::string& long_name, const std::string& description = {}) {
  if (!units.empty()) h5::attr(obj, "units", units);
  h5::attr(obj, "long_name", long_name);
  if (!description.empty()) h5::attr(obj, "description", description);
}

// CF flag attributes: the meaning of each stored code.
void flags(hid_t obj, const std::vector<int64_t>& values, const std::vector<std::string>& names) {
  std::string meanings;
  for (size_t i = 0; i < names.size(); ++i) meanings += (i ? " " : "") + names[i];
  h5::attr(obj, "flag_values", values);
  h5::attr(obj, "flag_meanings", meanings);
}

// Codes 0..N-1 named in order.
template <size_t N>
void flags(hid_t obj, const std::array<std::string_view, N>& names) {
  std::vector<int64_t> values(N);
  for (size_t i = 0; i < N; ++i) values[i] = static_cast<int64_t>(i);
  flags(obj, values, to_strings(names));
}

void issue_flags(hid_t obj) {
  std::vector<int64_t> values;
  std::vector<std::string> names;
  for (const auto& i : issue_catalogue()) {
    values.push_back(static_cast<int64_t>(i.code));
    names.emplace_back(i.name);
  }
  flags(obj, values, names);
}

void make_scale(hid_t d, const char* name) { h5::check(H5DSset_scale(d, name), std::string("make scale ") + name); }

// A coordinate of labels (plan, environment, class, ...): a string dataset made a dimension scale.
h5::Id label_scale(hid_t loc, const char* name, const char* scale, const std::vector<std::string>& labels,
                   const std::string& long_name, const std::string& description = {}) {
  h5::Id d = write_strings(loc, name, labels);
  make_scale(d, scale);
  describe(d, "", long_name, description);
  return d;
}
void attach(hid_t d, hid_t scale, unsigned axis) { h5::check(H5DSattach_scale(d, scale, axis), "attach a scale"); }

}  // namespace

Recorder::Recorder(std::string path) : final_(std::move(path)), partial_(final_ + ".partial") {
  file_ = h5::Id(H5Fcreate(partial_.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose,
                 "create " + partial_);
}

Recorder::~Recorder() {
  if (committed_) return;
  groups_.clear();
  for (Series* s : all_series())
    s->dataset.reset();
  file_.reset();
  std::error_code ec;
  std::filesystem::remove(partial_, ec);
}

hid_t Recorder::group(const char* path) {
  h5::Id gcpl = creation_props(H5P_GROUP_CREATE);
  groups_.emplace_back(H5Gcreate2(file_, path, H5P_DEFAULT, gcpl, H5P_DEFAULT), H5Gclose,
                       std::string("create group ") + path);
  return groups_.back();
}

// An extendible time axis in CF units, made a dimension scale.
Recorder::Series Recorder::time_axis(hid_t g, const char* name, const char* scale, hsize_t chunk_rows, int64_t start,
                                     const std::string& long_name) {
  Series s = make_series(g, name, H5T_STD_I64LE, H5T_NATIVE_INT64, {}, chunk_rows);
  make_scale(s.dataset, scale);
  describe(s.dataset, time_units(start), long_name);
  h5::attr(s.dataset, "calendar", "standard");
  return s;
}

Recorder::Series Recorder::make_series(hid_t g, const char* name, hid_t file_type, hid_t mem_type,
                                       std::vector<hsize_t> row_shape, hsize_t chunk_rows) {
  Series s;
  s.mem_type = mem_type;
  std::vector<hsize_t> dims = {0}, max = {H5S_UNLIMITED}, chunk = {chunk_rows};
  for (auto x : row_shape) {
    dims.push_back(x);
    max.push_back(x);
    chunk.push_back(x);
    s.row_size *= x;
  }
  h5::Id space(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), max.data()), H5Sclose,
               std::string("create the space of ") + name);
  h5::Id dcpl = creation_props(H5P_DATASET_CREATE);
  h5::check(H5Pset_chunk(dcpl, static_cast<int>(chunk.size()), chunk.data()), "set chunking");
  h5::check(H5Pset_shuffle(dcpl), "set shuffle");
  h5::check(H5Pset_deflate(dcpl, 4), "set compression");
  s.dataset = h5::Id(H5Dcreate2(g, name, file_type, space, H5P_DEFAULT, dcpl, H5P_DEFAULT), H5Dclose,
                     std::string("create dataset ") + name);
  return s;
}

void Recorder::flush(Series& s) {
  const bool is_double = s.mem_type == H5T_NATIVE_DOUBLE;
  const size_t values = is_double ? s.doubles.size() : s.ints.size();
  if (values == 0) return;
  const hsize_t new_rows = values / s.row_size;
  std::vector<hsize_t> dims;
  {
    h5::Id space(H5Dget_space(s.dataset), H5Sclose, "get a space");
    dims.resize(static_cast<size_t>(H5Sget_simple_extent_ndims(space)));
    H5Sget_simple_extent_dims(space, dims.data(), nullptr);
  }
  std::vector<hsize_t> start(dims.size(), 0), count = dims;
  start[0] = s.rows;
  count[0] = new_rows;
  dims[0] = s.rows + new_rows;
  h5::check(H5Dset_extent(s.dataset, dims.data()), "extend a dataset");
  h5::Id fspace(H5Dget_space(s.dataset), H5Sclose, "get a space");
  h5::check(H5Sselect_hyperslab(fspace, H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr), "select rows");
  h5::Id mspace(H5Screate_simple(static_cast<int>(count.size()), count.data(), nullptr), H5Sclose, "create a space");
  const void* data = is_double ? static_cast<const void*>(s.doubles.data()) : static_cast<const void*>(s.ints.data());
  h5::check(H5Dwrite(s.dataset, s.mem_type, mspace, fspace, H5P_DEFAULT, data), "append rows");
  s.rows += new_rows;
  s.doubles.clear();
  s.ints.clear();
}

void Recorder::flush_all() {
  for (Series* s : all_series())
    if (s->dataset.valid()) flush(*s);
}

void Recorder::write_header(const Scenario& sc) {
  sc_ = &sc;
  h5::attr(file_, "title", "fleettwin run: " + sc.name);
  h5::attr(file_, "fleettwin_version", std::string(kVersion));
  h5::attr(file_, "layout", "docs/hdf5-layout.md in the fleettwin repository describes every group and dataset");
  h5::attr(file_, "scenario_name", sc.name);
  h5::attr(file_, "scenario_description", sc.description);
  h5::attr(file_, "scenario_file", sc.source);
  h5::attr(file_, "scenario_text", sc.text);
  std::string overrides;
  for (const auto& o : sc.overrides) overrides += (overrides.empty() ? "" : "\n") + o;
  h5::attr(file_, "scenario_overrides", overrides);  // the --set key=value lines, one per line
  h5::attr(file_, "seed", sc.seed);
  h5::attr(file_, "start", format_iso8601(sc.start));
  h5::attr(file_, "duration_seconds", sc.duration);
  h5::attr(file_, "machines", static_cast<int64_t>(sc.machine_count()));

  // Catalogues: the names behind the codes stored per machine.
  const hid_t cohorts = group("/cohorts");
  {
    std::vector<std::string> names, schedules;
    std::vector<int64_t> counts, envs, locs, subs, plans;
    for (const auto& c : sc.cohorts) {
      names.push_back(c.name);
      schedules.emplace_back(kScheduleNames[static_cast<size_t>(c.power.kind)]);
      counts.push_back(c.count);
      envs.push_back(static_cast<int64_t>(c.environment));
      locs.push_back(c.location);
      subs.push_back(c.subscription);
      plans.push_back(static_cast<int64_t>(c.plan));
    }
    h5::Id name = label_scale(cohorts, "name", "cohort", names, "cohort name",
                              "index = the cohort code used in /machines/cohort");
    const auto col = [&](const char* n, const std::vector<int64_t>& v, const char* long_name) {
      h5::Id d = write_column(cohorts, n, H5T_STD_I64LE, H5T_NATIVE_INT64, v.data(), v.size());
      attach(d, name, 0);
      describe(d, "", long_name);
      return d;
    };
    col("count", counts, "machines in the cohort");
    flags(col("environment", envs, "environment"), kEnvironmentNames);
    col("location", locs, "region or site (index into /locations/name)");
    col("subscription", subs, "subscription (index into /subscriptions/id)");
    flags(col("plan", plans, "Defender for Servers plan (the cohort's override or its subscription's)"), kPlanNames);
    h5::Id sched = write_strings(cohorts, "schedule", schedules);
    attach(sched, name, 0);
    describe(sched, "", "power schedule kind");
  }
  const hid_t locations = group("/locations");
  {
    std::vector<std::string> names;
    std::vector<int64_t> envs;
    for (const auto& l : sc.locations) {
      names.push_back(l.name);
      envs.push_back(static_cast<int64_t>(l.environment));
    }
    h5::Id name = label_scale(locations, "name", "location", names,
                              "region (azure, aws, gcp) or site (onprem); one SimGrid gateway host and site actor each");
    h5::Id env = write_column(locations, "environment", H5T_STD_I64LE, H5T_NATIVE_INT64, envs.data(), envs.size());
    attach(env, name, 0);
    describe(env, "", "environment");
    flags(env, kEnvironmentNames);
  }
  const hid_t subs = group("/subscriptions");
  {
    std::vector<std::string> ids, tenants, geos;
    std::vector<int64_t> plans;
    for (const auto& s : sc.subscriptions) {
      ids.push_back(s.id);
      tenants.push_back(sc.tenants[s.tenant].id);
      geos.emplace_back(kGeoNames[static_cast<size_t>(sc.tenants[s.tenant].geo)]);
      plans.push_back(static_cast<int64_t>(s.plan));
    }
    h5::Id id = label_scale(subs, "id", "subscription", ids, "subscription id");
    h5::Id t = write_strings(subs, "tenant", tenants);
    attach(t, id, 0);
    describe(t, "", "tenant id");
    h5::Id g = write_strings(subs, "geo", geos);
    attach(g, id, 0);
    describe(g, "", "Defender for Endpoint data geo-location of the tenant (product-facts.md section 7)");
    h5::Id p = write_column(subs, "plan", H5T_STD_I64LE, H5T_NATIVE_INT64, plans.data(), plans.size());
    attach(p, id, 0);
    describe(p, "", "Defender for Servers plan of the subscription");
    flags(p, kPlanNames);
  }
  const hid_t os = group("/os");
  {
    std::vector<std::string> names, families;
    for (const auto& info : os_catalog()) {
      names.emplace_back(info.name);
      families.emplace_back(os_family_name(info.family));
    }
    h5::Id name = label_scale(os, "name", "os", names, "operating system (index = the code in /machines/os)");
    h5::Id fam = write_strings(os, "family", families);
    attach(fam, name, 0);
    describe(fam, "", "operating system family");
  }

  // Hourly billing, by plan x environment, appended one clock hour at a time.
  const hid_t billing = group("/billing");
  const auto& b = sc.billing;
  h5::attr(billing, "partial_hour_rule", std::string(b.partial_hour == PartialHourRule::Prorate ? "prorate" : "round-up"));
  h5::attr(billing, "p1_monthly_usd", b.p1_monthly_usd);
  h5::attr(billing, "p2_monthly_usd", b.p2_monthly_usd);
  h5::attr(billing, "hours_per_month", b.hours_per_month);
  h5::attr(billing, "p1_hourly_usd", b.hourly_rate(Plan::P1));
  h5::attr(billing, "p2_hourly_usd", b.hourly_rate(Plan::P2));
  h5::attr(billing, "description",
           "Defender for Servers usage per clock hour. A machine bills while Azure shows it Running, Stopping or "
           "Stopped (Azure VMs) or Connected (Azure Arc); product-facts.md section 6.");
  hour_time_ = time_axis(billing, "time", "time", kHourChunk, sc.start, "start of the clock hour (UTC)");
  h5::Id plan = label_scale(billing, "plan", "plan", to_strings(kBilledPlanNames), "Defender for Servers plan");
  h5::Id env = label_scale(billing, "environment", "environment", to_strings(kEnvironmentNames), "environment");
  const auto cube = [&](Series& s, const char* name, hid_t ft, hid_t mt) {
    s = make_series(billing, name, ft, mt, {kBilledPlanCount, kEnvironmentCount}, kHourChunk);
    attach(s.dataset, hour_time_.dataset, 0);
    attach(s.dataset, plan, 1);
    attach(s.dataset, env, 2);
  };
  cube(billable_hours_, "billable_hours", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE);
  describe(billable_hours_.dataset, "h", "billed machine-hours in the clock hour",
           b.partial_hour == PartialHourRule::Prorate
               ? "prorate rule: billable machine-seconds / 3600"
               : "round-up rule: machines with any billable time in the clock hour, each billed one hour");
  cube(machines_billed_, "machines_billed", H5T_STD_I64LE, H5T_NATIVE_INT64);
  describe(machines_billed_.dataset, "1", "machines with any billable time in the clock hour");
  cube(cost_, "cost_usd", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE);
  describe(cost_.dataset, "USD", "list-price cost of the clock hour",
           "billable_hours x monthly list price / hours_per_month");

  // Per 730-hour month: hourly billing against per-seat licensing of the same fleet.
  const hid_t monthly = group("/billing/monthly");
  h5::attr(monthly, "description",
           "Hourly billing against per-seat licensing by month of hours_per_month hours from the start. A seat is a "
           "machine with any billable time in the month; a partial last month is charged pro rata.");
  month_time_ = time_axis(monthly, "month", "month", 16, sc.start, "start of the billing month (UTC)");
  h5::Id mplan = label_scale(monthly, "plan", "plan", to_strings(kBilledPlanNames), "Defender for Servers plan");
  h5::Id menv = label_scale(monthly, "environment", "environment", to_strings(kEnvironmentNames), "environment");
  month_hours_ = make_series(monthly, "hours", H5T_STD_I64LE, H5T_NATIVE_INT64, {}, 16);
  attach(month_hours_.dataset, month_time_.dataset, 0);
  describe(month_hours_.dataset, "h", "clock hours in the month (the last may be partial)");
  const auto mcube = [&](Series& s, const char* name, hid_t ft, hid_t mt) {
    s = make_series(monthly, name, ft, mt, {kBilledPlanCount, kEnvironmentCount}, 16);
    attach(s.dataset, month_time_.dataset, 0);
    attach(s.dataset, mplan, 1);
    attach(s.dataset, menv, 2);
  };
  mcube(seats_, "seats", H5T_STD_I64LE, H5T_NATIVE_INT64);
  describe(seats_.dataset, "1", "machines with any billable time in the month (seats a per-server licence needs)");
  mcube(month_cost_, "hourly_cost_usd", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE);
  describe(month_cost_.dataset, "USD", "cost under hourly billing (sum of /billing/cost_usd over the month)");
  mcube(per_seat_cost_, "per_seat_cost_usd", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE);
  describe(per_seat_cost_.dataset, "USD", "cost if each seat were licensed for the whole month",
           "seats x monthly list price x hours / hours_per_month");
  month_cost_acc_.assign(kMeterGroups, 0.0);
  write_health_header(sc);
}

void Recorder::write_health_header(const Scenario& sc) {
  constexpr hsize_t kEvalChunk = 42;  // one week of evaluations
  const hid_t health = group("/health");
  h5::attr(health, "description",
           "The four-hourly Defender for Endpoint health evaluation (Defender for Servers: 'Health status updates "
           "every four hours. This ensures the issue reflects the state from the last four hours.'). Row 0 is the "
           "state at the start; then one row per UTC multiple of four hours.");
  h5::attr(health, "window_rule",
           "Evaluation at T looks at the heartbeat ticks in [T-4h, T). healthy: a heartbeat was delivered at a tick "
           "in the window. heartbeat_issue: none was while the OS was running at some tick (or the sensor is "
           "misconfigured). provisioning: covered, sensor not deployed or not yet reported since install. "
           "installation_issue: the last deployment attempt failed. A machine off at every tick keeps its previous "
           "class. See models/health/health_evaluation.hpp.");
  h5::attr(health, "heartbeat_interval_seconds", static_cast<int64_t>(sc.defender.heartbeat_interval));
  h5::attr(health, "evaluation_period_seconds", static_cast<int64_t>(kEvaluationPeriod));
  eval_time_ = time_axis(health, "time", "time", kEvalChunk, sc.start, "time of the health evaluation (UTC)");
  h5::Id cls = label_scale(health, "class", "class", to_strings(kHealthClassNames),
                           "health class (healthy, installation_issue, heartbeat_issue, not_applicable are the "
                           "product's; provisioning, not_covered, absent are the twin's)");
  h5::Id env = label_scale(health, "environment", "environment", to_strings(kEnvironmentNames), "environment");
  std::vector<std::string> loc_names;
  for (const auto& l : sc.locations) loc_names.push_back(l.name);
  h5::Id loc = label_scale(health, "location", "location", loc_names, "region or site (as /locations/name)");
  h5::Id sensor = label_scale(health, "sensor_state", "sensor_state", to_strings(kSensorHealthNames),
                              "Defender for Endpoint sensor health (API healthStatus; no_sensor: never onboarded)");

  class_by_environment_ = make_series(health, "counts", H5T_STD_I64LE, H5T_NATIVE_INT64,
                                      {kHealthClassCount, kEnvironmentCount}, kEvalChunk);
  attach(class_by_environment_.dataset, eval_time_.dataset, 0);
  attach(class_by_environment_.dataset, cls, 1);
  attach(class_by_environment_.dataset, env, 2);
  describe(class_by_environment_.dataset, "1", "machines per health class and environment at each evaluation");
  class_by_location_ = make_series(health, "counts_by_location", H5T_STD_I64LE, H5T_NATIVE_INT64,
                                   {kHealthClassCount, sc.locations.size()}, kEvalChunk);
  attach(class_by_location_.dataset, eval_time_.dataset, 0);
  attach(class_by_location_.dataset, cls, 1);
  attach(class_by_location_.dataset, loc, 2);
  describe(class_by_location_.dataset, "1", "machines per health class and region or site at each evaluation");
  sensor_by_environment_ = make_series(health, "sensor_counts", H5T_STD_I64LE, H5T_NATIVE_INT64,
                                       {kSensorHealthCount, kEnvironmentCount}, kEvalChunk);
  attach(sensor_by_environment_.dataset, eval_time_.dataset, 0);
  attach(sensor_by_environment_.dataset, sensor, 1);
  attach(sensor_by_environment_.dataset, env, 2);
  describe(sensor_by_environment_.dataset, "1", "machines per MDE sensor health state and environment",
           "Inactive: no heartbeat for more than 7 days (check-sensor-status.md); misconfigured states from the "
           "sensor's deployment");

  // The issue catalogue: code -> class, name, message, fix, source.
  const hid_t issues = group("/health/issues");
  {
    std::vector<int64_t> codes, classes;
    std::vector<std::string> names, messages, fixes, sources;
    for (const auto& i : issue_catalogue()) {
      codes.push_back(static_cast<int64_t>(i.code));
      classes.push_back(static_cast<int64_t>(i.health_class));
      names.emplace_back(i.name);
      messages.emplace_back(i.message);
      fixes.emplace_back(i.fix);
      sources.emplace_back(i.source);
    }
    h5::Id code = write_column(issues, "code", H5T_STD_I64LE, H5T_NATIVE_INT64, codes.data(), codes.size());
    make_scale(code, "issue");
    describe(code, "", "issue code (as /health/changes/issue)");
    const auto text = [&](const char* n, const std::vector<std::string>& v, const char* long_name) {
      h5::Id d = write_strings(issues, n, v);
      attach(d, code, 0);
      describe(d, "", long_name);
    };
    text("name", names, "issue name");
    text("message", messages, "message shown for the issue");
    text("fix", fixes, "instructions to fix the issue (empty where none applies)");
    text("source", sources, "where the text comes from ('representative' where no public text exists)");
    h5::Id c = write_column(issues, "class", H5T_STD_I64LE, H5T_NATIVE_INT64, classes.data(), classes.size());
    attach(c, code, 0);
    describe(c, "", "health class of the issue");
    flags(c, kHealthClassNames);
  }

  // Per-machine changes: one row each time a machine's evaluated class or issue changes (row group 0 = the state
  // of every machine at the start).
  const hid_t changes = group("/health/changes");
  h5::attr(changes, "description",
           "One row per machine whose class or issue changed at an evaluation, in time then machine order; the "
           "first rows (time 0) give every machine's state at the start. The class in force at time t is the last "
           "row of the machine with time <= t (fleettwin query does this).");
  change_time_ = make_series(changes, "time", H5T_STD_I64LE, H5T_NATIVE_INT64, {}, kMachineChunk);
  describe(change_time_.dataset, time_units(sc.start), "time of the evaluation that found the change (UTC)");
  change_machine_ = make_series(changes, "machine", H5T_STD_U32LE, H5T_NATIVE_INT64, {}, kMachineChunk);
  describe(change_machine_.dataset, "", "machine id (index into /machines)");
  change_class_ = make_series(changes, "class", H5T_STD_U8LE, H5T_NATIVE_INT64, {}, kMachineChunk);
  describe(change_class_.dataset, "", "health class from this evaluation on");
  flags(change_class_.dataset, kHealthClassNames);
  change_issue_ = make_series(changes, "issue", H5T_STD_U8LE, H5T_NATIVE_INT64, {}, kMachineChunk);
  describe(change_issue_.dataset, "", "issue code (see /health/issues)");
  issue_flags(change_issue_.dataset);
}

void Recorder::append_evaluation(const Evaluation& e) {
  eval_time_.ints.push_back(e.time.seconds());
  const size_t locations = sc_->locations.size();
  std::array<std::array<int64_t, kEnvironmentCount>, kHealthClassCount> by_env{};
  std::array<std::array<int64_t, kEnvironmentCount>, kSensorHealthCount> sensor_env{};
  for (size_t c = 0; c < kHealthClassCount; ++c)
    for (size_t l = 0; l < locations; ++l) {
      class_by_location_.ints.push_back(e.counts[l][c]);
      by_env[c][static_cast<size_t>(sc_->locations[l].environment)] += e.counts[l][c];
    }
  for (size_t l = 0; l < locations; ++l)
    for (size_t s = 0; s < kSensorHealthCount; ++s)
      sensor_env[s][static_cast<size_t>(sc_->locations[l].environment)] += e.sensor[l][s];
  for (const auto& row : by_env) class_by_environment_.ints.insert(class_by_environment_.ints.end(), row.begin(), row.end());
  for (const auto& row : sensor_env)
    sensor_by_environment_.ints.insert(sensor_by_environment_.ints.end(), row.begin(), row.end());
  for (const auto& c : e.changes) {
    change_time_.ints.push_back(e.time.seconds());
    change_machine_.ints.push_back(c.machine);
    change_class_.ints.push_back(static_cast<int64_t>(c.health_class));
    change_issue_.ints.push_back(static_cast<int64_t>(c.issue));
  }
  if (eval_time_.ints.size() >= 42)
    for (Series* s : {&eval_time_, &class_by_location_, &class_by_environment_, &sensor_by_environment_}) flush(*s);
  if (change_time_.ints.size() >= kMachineChunk)
    for (Series* s : {&change_time_, &change_machine_, &change_class_, &change_issue_}) flush(*s);
}

void Recorder::write_outages(const OutageRecord& record) {
  const auto& by_location = *record.by_location;
  const auto& batches_lost = record.batches_lost;
  const uint64_t heartbeats_delivered = record.heartbeats_delivered;
  const hid_t g = group("/outages");
  h5::attr(g, "description",
           "Site and region outages: the uplink of the location is down on [start, end), so no heartbeat batch of "
           "its machines reaches Defender for Endpoint (SimGrid link state profiles).");
  h5::attr(g, "heartbeats_delivered", static_cast<int64_t>(heartbeats_delivered));
  std::vector<int64_t> loc, start, end;
  for (size_t l = 0; l < by_location.size(); ++l)
    for (const auto& o : by_location[l]) {
      loc.push_back(static_cast<int64_t>(l));
      start.push_back(o.start);
      end.push_back(o.end);
    }
  h5::Id d = write_column(g, "location", H5T_STD_I64LE, H5T_NATIVE_INT64, loc.data(), loc.size());
  describe(d, "", "region or site (index into /locations/name)");
  h5::Id s = write_column(g, "start", H5T_STD_I64LE, H5T_NATIVE_INT64, start.data(), start.size());
  describe(s, time_units(sc_->start), "outage start (UTC)");
  h5::Id e = write_column(g, "end", H5T_STD_I64LE, H5T_NATIVE_INT64, end.data(), end.size());
  describe(e, time_units(sc_->start), "outage end (UTC, exclusive)");
  std::vector<int64_t> lost(batches_lost.begin(), batches_lost.end());
  h5::Id b = write_column(g, "batches_lost", H5T_STD_I64LE, H5T_NATIVE_INT64, lost.data(), lost.size());
  describe(b, "1", "heartbeat batches of the location lost on its downed uplink (one batch per tick)");
}

void Recorder::append_hour(int64_t hour, const HourUsage& u) {
  const auto& b = sc_->billing;
  hour_time_.ints.push_back(hour * 3600);
  for (int g = 0; g < kMeterGroups; ++g) {
    const Plan plan = static_cast<Plan>(g / kEnvironmentCount + 1);
    const double hours = b.partial_hour == PartialHourRule::Prorate
                             ? static_cast<double>(u.billable_seconds[g]) / 3600.0
                             : static_cast<double>(u.machines_billed[g]);
    const double cost = hours * b.hourly_rate(plan);
    billable_hours_.doubles.push_back(hours);
    machines_billed_.ints.push_back(u.machines_billed[g]);
    cost_.doubles.push_back(cost);
    month_cost_acc_[static_cast<size_t>(g)] += cost;
  }
  if (hour_time_.ints.size() >= kHourChunk) {
    for (Series* s : {&hour_time_, &billable_hours_, &machines_billed_, &cost_}) flush(*s);
  }
}

void Recorder::append_month(int64_t month, int64_t hours_in_month, const GroupCounts& seats) {
  const auto& b = sc_->billing;
  month_time_.ints.push_back(month * static_cast<int64_t>(b.hours_per_month) * 3600);
  month_hours_.ints.push_back(hours_in_month);
  for (int g = 0; g < kMeterGroups; ++g) {
    const Plan plan = static_cast<Plan>(g / kEnvironmentCount + 1);
    seats_.ints.push_back(seats[g]);
    per_seat_cost_.doubles.push_back(static_cast<double>(seats[g]) * b.monthly_price(plan) *
                                     static_cast<double>(hours_in_month) / b.hours_per_month);
    month_cost_.doubles.push_back(month_cost_acc_[static_cast<size_t>(g)]);
    month_cost_acc_[static_cast<size_t>(g)] = 0.0;
  }
}

void Recorder::write_machines(const MachineColumns& f) {
  const hid_t g = group("/machines");
  h5::attr(g, "description", "One row per machine; codes index the catalogues in /cohorts, /locations, /subscriptions, /os.");
  const hsize_t n = f.cohort.size();
  std::vector<uint32_t> ids(n);
  for (uint32_t i = 0; i < n; ++i) ids[i] = i;
  h5::Id id = write_column(g, "machine", H5T_STD_U32LE, H5T_NATIVE_UINT32, ids.data(), n, kMachineChunk);
  make_scale(id, "machine");
  describe(id, "", "machine id (cohorts in file order, contiguous)");
  const auto col16 = [&](const char* name, std::span<const uint16_t> v, const char* long_name) {
    h5::Id d = write_column(g, name, H5T_STD_U16LE, H5T_NATIVE_UINT16, v.data(), n, kMachineChunk);
    attach(d, id, 0);
    describe(d, "", long_name);
    return d;
  };
  const auto col8 = [&](const char* name, const void* v, const char* long_name) {
    h5::Id d = write_column(g, name, H5T_STD_U8LE, H5T_NATIVE_UINT8, v, n, kMachineChunk);
    attach(d, id, 0);
    describe(d, "", long_name);
    return d;
  };
  col16("cohort", f.cohort, "cohort (index into /cohorts/name)");
  col16("location", f.location, "region or site (index into /locations/name)");
  col16("subscription", f.subscription, "subscription at the end of the run (index into /subscriptions/id; moves change it)");
  col16("os", f.os, "operating system (index into /os/name)");
  flags(col8("environment", f.environment.data(), "environment"), kEnvironmentNames);
  flags(col8("plan", f.plan.data(), "Defender for Servers plan at the end of the run"), kPlanNames);
  flags(col8("power_state_at_end", f.power.data(), "power or Arc connectivity state at the end of the run"),
        kPowerStateNames);
  flags(col8("agent_state_at_end", f.agent.data(), "Defender for Endpoint extension and sensor state at the end"),
        kAgentStateNames);
  issue_flags(col8("agent_cause_at_end", f.cause.data(),
                   "why the agent is in that state (not-applicable reason or installation failure)"));
  flags(col8("health_at_end", f.health.data(), "health class of the last evaluation"), kHealthClassNames);
  issue_flags(col8("health_issue_at_end", f.health_issue.data(), "issue of the last evaluation"));
  col8("install_attempts", f.install_attempts.data(), "deployment attempts since the last (re)deployment began");
  std::vector<double> hours(n);
  for (size_t i = 0; i < n; ++i) hours[i] = f.billed_seconds[i] / 3600.0;
  h5::Id bh = write_column(g, "billed_hours", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, hours.data(), n, kMachineChunk);
  attach(bh, id, 0);
  describe(bh, "h", "time the machine spent in a billable state over the run (exact, before the partial-hour rule)");
}

void Recorder::write_run_info(const RunInfo& info) {
  const hid_t g = group("/run");
  h5::attr(g, "description",
           "Wall-clock measurements of this run: the only part of the file that differs between two runs of the "
           "same scenario and seed.");
  h5::attr(g, "wall_seconds", info.wall_seconds);
  h5::attr(g, "events", static_cast<int64_t>(info.events));
  h5::attr(g, "events_per_second", info.wall_seconds > 0 ? static_cast<double>(info.events) / info.wall_seconds : 0.0);
  h5::attr(g, "peak_rss_bytes", static_cast<int64_t>(info.peak_rss_bytes));
  h5::attr(g, "fleet_store_bytes", static_cast<int64_t>(info.store_bytes));
  h5::attr(g, "threads", info.threads);
  h5::attr(g, "sites", info.sites);
}

void Recorder::commit() {
  flush_all();
  groups_.clear();
  for (Series* s : all_series())
    s->dataset.reset();
  h5::check(H5Fflush(file_, H5F_SCOPE_GLOBAL), "flush " + partial_);
  file_.reset();
  std::filesystem::rename(partial_, final_);
  committed_ = true;
}

}  // namespace fleettwin
