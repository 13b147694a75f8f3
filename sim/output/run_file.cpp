#include "sim/output/run_file.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>

#include "models/agent/agent_state.hpp"
#include "models/alerts/alert_types.hpp"
#include "models/threats/detection.hpp"
#include "models/common/sim_time.hpp"
#include "models/fleet/fleet_types.hpp"
#include "models/health/health_evaluation.hpp"
#include "models/health/health_issues.hpp"
#include "models/health/sensor_health.hpp"
#include "models/power/power_state.hpp"
#include "sim/scenario/duration.hpp"

namespace fleettwin {
namespace {

using schema::Axis;
using schema::Type;

constexpr int64_t kMaxMachines = 100'000'000;   // the scenario reader's limit
constexpr size_t kMaxCatalogue = 65'535;         // codes are 16-bit
constexpr size_t kMaxElements = size_t{1} << 31;  // no dataset of a valid file comes near

std::string_view axis_name(Axis a) {
  switch (a) {
    case Axis::Hour: return "hour";
    case Axis::Month: return "month";
    case Axis::Evaluation: return "evaluation";
    case Axis::Change: return "change";
    case Axis::Machine: return "machine";
    case Axis::Cohort: return "cohort";
    case Axis::Location: return "location";
    case Axis::Subscription: return "subscription";
    case Axis::Os: return "os";
    case Axis::Outage: return "outage";
    case Axis::Plan: return "plan";
    case Axis::Environment: return "environment";
    case Axis::HealthClass: return "class";
    case Axis::SensorState: return "sensor_state";
    case Axis::Issue: return "issue";
    case Axis::PowerState: return "power state";
    case Axis::AgentState: return "agent state";
    case Axis::PlanOrOff: return "plan";
    case Axis::Alert: return "alert";
    case Axis::Incident: return "incident";
    case Axis::Campaign: return "campaign";
    case Axis::Tactic: return "tactic";
    case Axis::Technique: return "technique";
    case Axis::AlertType: return "alert_type";
    case Axis::Playbook: return "playbook";
    case Axis::Severity: return "severity";
    case Axis::AlertStatus: return "status";
    case Axis::PortalStatus: return "portal_status";
    case Axis::AlertSource: return "source";
    case Axis::Classification: return "classification";
    case Axis::UnseenCause: return "cause";
    case Axis::VulnTime: return "publication";
    case Axis::ExposureDay: return "day";
    case Axis::SecureTime: return "secure score evaluation";
    case Axis::VulnSeverity: return "severity";
    case Axis::VulnCause: return "cause";
    case Axis::VulnView: return "view";
    case Axis::VulnGroup: return "group";
    case Axis::VulnChange: return "machine change";
    case Axis::DataDay: return "day";
    case Axis::Geo: return "geo";
  }
  return "?";
}

std::string_view type_name(Type t) {
  switch (t) {
    case Type::I64: return "int64";
    case Type::U32: return "uint32";
    case Type::U16: return "uint16";
    case Type::U8: return "uint8";
    case Type::F64: return "float64";
    case Type::Text: return "text";
  }
  return "?";
}

size_t byte_size(Type t) {
  switch (t) {
    case Type::U32: return 4;
    case Type::U16: return 2;
    case Type::U8: return 1;
    default: return 8;
  }
}

std::string describe_type(hid_t type) {
  switch (H5Tget_class(type)) {
    case H5T_INTEGER:
      return std::string(H5Tget_sign(type) == H5T_SGN_NONE ? "uint" : "int") + std::to_string(8 * H5Tget_size(type));
    case H5T_FLOAT: return "float" + std::to_string(8 * H5Tget_size(type));
    case H5T_STRING: return H5Tis_variable_str(type) > 0 ? "text" : "fixed-length text";
    default: return "another kind of data";
  }
}

std::string reason() {
  const std::string r = h5::error_reason();
  return r.empty() ? "" : " (HDF5: " + r + ")";
}

}  // namespace

struct RunFile::Opened {
  h5::Id dataset;
  std::vector<hsize_t> dims;
  size_t count = 1;
};

RunFile::RunFile(std::string path) : path_(std::move(path)) {
  h5::quiet();
  std::error_code ec;
  if (!std::filesystem::exists(path_, ec)) throw InvalidFile(path_ + ": no such file");
  if (std::filesystem::is_directory(path_, ec)) throw InvalidFile(path_ + ": is a directory, not an output file");
  if (H5Fis_hdf5(path_.c_str()) <= 0)
    throw InvalidFile(path_ + ": not an HDF5 file, or damaged beyond reading" + reason());
  const hid_t f = H5Fopen(path_.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (f < 0) throw InvalidFile(path_ + ": cannot open as HDF5" + reason());
  file_ = h5::Id(f, H5Fclose, "open " + path_);
  namespace root = schema::root;
  if (!h5::has_attr(file_, root::kScenarioName)) fail("/", "no scenario_name attribute: not a fleettwin output file");
  scenario_name = text_attr("/", root::kScenarioName);
  start_text = text_attr("/", root::kStart);
  const auto start_time = parse_iso8601(start_text);
  if (!start_time || *start_time % 3600 != 0) fail("/", "attribute start: not an ISO 8601 time on a whole hour");
  start = *start_time;
  duration = int_attr("/", root::kDuration, 3600, kMaxRunSeconds);
  if (duration % 3600 != 0) fail("/", "attribute duration_seconds: not a whole number of hours");
  machines = int_attr("/", root::kMachines, 0, kMaxMachines);
  const auto s = h5::uint_attr(file_, root::kSeed);
  if (!s) fail("/", "attribute seed: missing or not an unsigned integer");
  seed = *s;
}

void RunFile::fail(std::string_view where, const std::string& what) const {
  throw InvalidFile(path_ + ": " + std::string(where) + ": " + what);
}

bool RunFile::has(std::string_view path) const {
  // Each component in turn: H5Lexists reports an error, not "no", when a parent is missing.
  std::string prefix;
  size_t pos = 1;
  while (pos <= path.size()) {
    const size_t next = std::min(path.find('/', pos), path.size());
    prefix = std::string(path.substr(0, next));
    if (H5Lexists(file_, prefix.c_str(), H5P_DEFAULT) <= 0) return false;
    pos = next + 1;
  }
  return true;
}

namespace {
// The object an attribute is read from: the root, or a group.
h5::Id open_object(hid_t file, std::string_view object) {
  const std::string o(object);
  return h5::Id(H5Oopen(file, o.c_str(), H5P_DEFAULT), H5Oclose, "open " + o);
}
}  // namespace

std::string RunFile::text_attr(std::string_view object, std::string_view name) const {
  if (!has(object)) fail(object, "missing");
  h5::Id o = open_object(file_, object);
  auto v = h5::string_attr(o, name);
  if (!v) fail(object, "attribute " + std::string(name) + ": missing or not text");
  return *v;
}

int64_t RunFile::int_attr(std::string_view object, std::string_view name, int64_t lo, int64_t hi) const {
  if (!has(object)) fail(object, "missing");
  h5::Id o = open_object(file_, object);
  auto v = h5::int_attr(o, name);
  if (!v) fail(object, "attribute " + std::string(name) + ": missing or not an integer");
  if (*v < lo || *v > hi)
    fail(object, "attribute " + std::string(name) + ": " + std::to_string(*v) + " is outside [" + std::to_string(lo) +
                     ", " + std::to_string(hi) + "]");
  return *v;
}

double RunFile::real_attr(std::string_view object, std::string_view name, double lo, double hi) const {
  if (!has(object)) fail(object, "missing");
  h5::Id o = open_object(file_, object);
  auto v = h5::double_attr(o, name);
  if (!v) fail(object, "attribute " + std::string(name) + ": missing or not a number");
  if (!std::isfinite(*v) || *v < lo || *v > hi) fail(object, "attribute " + std::string(name) + ": out of range");
  return *v;
}

std::optional<double> RunFile::optional_real_attr(std::string_view object, std::string_view name) const {
  if (!has(object)) return std::nullopt;
  h5::Id o = open_object(file_, object);
  return h5::double_attr(o, name);
}

std::optional<int64_t> RunFile::optional_int_attr(std::string_view object, std::string_view name) const {
  if (!has(object)) return std::nullopt;
  h5::Id o = open_object(file_, object);
  return h5::int_attr(o, name);
}

size_t RunFile::length_of(const schema::Dataset& source, size_t limit) const {
  const std::string path = source.path();
  if (!has(path)) fail(path, "missing");
  h5::Id d(H5Dopen2(file_, path.c_str(), H5P_DEFAULT), H5Dclose, "open " + path);
  h5::Id space(H5Dget_space(d), H5Sclose, "read the shape of " + path);
  if (H5Sget_simple_extent_ndims(space) != 1) fail(path, "expected 1 axis (" + std::string(axis_name(source.axes[0])) + ")");
  hsize_t n = 0;
  H5Sget_simple_extent_dims(space, &n, nullptr);
  if (n > limit) fail(path, std::to_string(n) + " entries, more than a run can have (" + std::to_string(limit) + ")");
  return static_cast<size_t>(n);
}

size_t RunFile::axis(Axis a) const {
  auto& cached = axes_[static_cast<size_t>(a)];
  if (cached) return *cached;
  size_t n = 0;
  switch (a) {
    case Axis::Plan: n = kBilledPlanCount; break;
    case Axis::Environment: n = kEnvironmentCount; break;
    case Axis::HealthClass: n = kHealthClassCount; break;
    case Axis::SensorState: n = kSensorHealthCount; break;
    case Axis::PowerState: n = kPowerStateCount; break;
    case Axis::AgentState: n = kAgentStateCount; break;
    case Axis::PlanOrOff: n = kPlanNames.size(); break;
    case Axis::Hour: {
      n = length_of(schema::kBillingTime, kMaxElements);
      if (static_cast<int64_t>(n) != duration / 3600)
        fail(schema::kBillingTime.path(), std::to_string(n) + " hours, but the run lasts " +
                                              std::to_string(duration / 3600) + " (an unfinished or cut file)");
      break;
    }
    case Axis::Month: {
      n = length_of(schema::kMonth, kMaxElements);
      const auto hpm = static_cast<int64_t>(real_attr(schema::kBilling, schema::billing::kHoursPerMonth, 1, 10000));
      const int64_t hours = duration / 3600;
      if (static_cast<int64_t>(n) != (hours + hpm - 1) / hpm)
        fail(schema::kMonth.path(), std::to_string(n) + " months, but " + std::to_string(hours) + " hours make " +
                                        std::to_string((hours + hpm - 1) / hpm));
      break;
    }
    case Axis::Evaluation: {
      n = length_of(schema::kHealthTime, kMaxElements);
      const int64_t expected = 1 + (start + duration) / kEvaluationPeriod - start / kEvaluationPeriod;
      if (static_cast<int64_t>(n) != expected)
        fail(schema::kHealthTime.path(),
             std::to_string(n) + " evaluations, but the run has " + std::to_string(expected) + " (with the start)");
      break;
    }
    case Axis::Change: n = length_of(schema::kChangeTime, kMaxElements); break;
    case Axis::Machine: {
      n = length_of(schema::kMachineId, kMaxMachines);
      if (static_cast<int64_t>(n) != machines)
        fail(schema::kMachineId.path(), std::to_string(n) + " rows, but the file says " + std::to_string(machines) +
                                            " machines");
      break;
    }
    case Axis::Cohort: n = length_of(schema::kCohortName, kMaxCatalogue); break;
    case Axis::Location: n = length_of(schema::kLocationName, kMaxCatalogue); break;
    case Axis::Subscription: n = length_of(schema::kSubscriptionId, kMaxCatalogue); break;
    case Axis::Os: n = length_of(schema::kOsName, kMaxCatalogue); break;
    case Axis::Outage: n = length_of(schema::kOutageStart, kMaxElements); break;
    case Axis::Issue: n = length_of(schema::kIssueCode, 256); break;
    case Axis::Alert: n = length_of(schema::kAlertId, kMaxElements); break;
    case Axis::Incident: n = length_of(schema::kIncidentId, kMaxElements); break;
    case Axis::Campaign: n = length_of(schema::kCampaignId, kMaxElements); break;
    case Axis::Technique: n = length_of(schema::kTechniqueId, kMaxCatalogue); break;
    case Axis::AlertType: n = length_of(schema::kAlertTypeName, kMaxCatalogue); break;
    case Axis::Playbook: n = length_of(schema::kPlaybookName, 255); break;
    case Axis::Tactic: n = kTacticCount; break;
    case Axis::Severity: n = kSeverityCount; break;
    case Axis::AlertStatus: n = kDfcStatusNames.size(); break;
    case Axis::PortalStatus: n = kPortalStatusNames.size(); break;
    case Axis::AlertSource: n = kAlertSourceNames.size(); break;
    case Axis::Classification: n = kClassificationNames.size(); break;
    case Axis::UnseenCause: n = kUnseenCauseCount; break;
    case Axis::VulnTime: n = length_of(schema::kVulnTime, kMaxElements); break;
    case Axis::ExposureDay: n = length_of(schema::kExposureTime, kMaxElements); break;
    case Axis::SecureTime: n = length_of(schema::kSecureTime, kMaxElements); break;
    case Axis::VulnSeverity: n = 4; break;
    case Axis::VulnCause: n = 3; break;
    case Axis::VulnView: n = 4; break;
    case Axis::VulnGroup: n = length_of(schema::kVulnGroupCohort, kMaxElements); break;
    case Axis::VulnChange: n = length_of(schema::kVulnChangeTime, kMaxElements); break;
    case Axis::DataDay: n = length_of(schema::kDataTime, kMaxElements); break;
    case Axis::Geo: n = kGeoNames.size(); break;
  }
  cached = n;
  return n;
}

RunFile::Opened RunFile::open(const schema::Dataset& spec, H5T_class_t cls) const {
  const std::string path = spec.path();
  if (!has(path)) fail(path, "missing");
  Opened o;
  const hid_t d = H5Dopen2(file_, path.c_str(), H5P_DEFAULT);
  if (d < 0) fail(path, "cannot open" + reason());
  o.dataset = h5::Id(d, H5Dclose, "open " + path);
  h5::Id type(H5Dget_type(o.dataset), H5Tclose, "read the type of " + path);
  bool ok = H5Tget_class(type) == cls;
  if (ok && cls == H5T_INTEGER)
    ok = H5Tget_size(type) == byte_size(spec.type) && (H5Tget_sign(type) == H5T_SGN_NONE) == (spec.type != Type::I64);
  if (ok && cls == H5T_FLOAT) ok = H5Tget_size(type) == 8;
  if (ok && cls == H5T_STRING) ok = H5Tis_variable_str(type) > 0;
  if (!ok) fail(path, "stored as " + describe_type(type) + ", expected " + std::string(type_name(spec.type)));
  h5::Id space(H5Dget_space(o.dataset), H5Sclose, "read the shape of " + path);
  const int rank = H5Sget_simple_extent_ndims(space);
  std::string axes;
  for (int i = 0; i < spec.rank; ++i) axes += (i ? ", " : "") + std::string(axis_name(spec.axes[static_cast<size_t>(i)]));
  if (rank != spec.rank)
    fail(path, "expected " + std::to_string(spec.rank) + (spec.rank == 1 ? " axis" : " axes") + " (" + axes +
                   "), found " + std::to_string(std::max(rank, 0)));
  o.dims.resize(static_cast<size_t>(rank));
  H5Sget_simple_extent_dims(space, o.dims.data(), nullptr);
  for (size_t i = 0; i < o.dims.size(); ++i) {
    const size_t expected = axis(spec.axes[i]);
    if (o.dims[i] != expected)
      fail(path, "axis " + std::to_string(i) + " (" + std::string(axis_name(spec.axes[i])) + ") has " +
                     std::to_string(o.dims[i]) + " entries, expected " + std::to_string(expected));
    o.count *= static_cast<size_t>(o.dims[i]);
  }
  if (o.count > kMaxElements) fail(path, "too large to be a run's dataset");
  return o;
}

void RunFile::check_checksum(const schema::Dataset& spec, hid_t dataset, uint32_t actual) const {
  if (!h5::has_attr(dataset, schema::kChecksum)) return;  // files from before checksums were written
  const auto stored = h5::uint_attr(dataset, schema::kChecksum);
  if (!stored) fail(spec.path(), "attribute crc32: not an unsigned integer");
  if (*stored != actual)
    fail(spec.path(), "checksum mismatch: the data is damaged (CRC-32 " + std::to_string(actual) + ", recorded " +
                          std::to_string(*stored) + ")");
}

void RunFile::check_values(const schema::Dataset& spec, const std::vector<int64_t>& values) const {
  const auto bad = [&](size_t i, const std::string& expected) {
    fail(spec.path(), "element " + std::to_string(i) + " is " + std::to_string(values[i]) + ", " + expected);
  };
  switch (spec.rule) {
    case schema::Rule::Any: break;
    case schema::Rule::NonNegative:
      for (size_t i = 0; i < values.size(); ++i)
        if (values[i] < 0) bad(i, "expected 0 or more");
      break;
    case schema::Rule::IndexOf: {
      const auto n = static_cast<int64_t>(axis(spec.of));
      for (size_t i = 0; i < values.size(); ++i)
        if (values[i] < 0 || values[i] >= n)
          bad(i, "expected an index of " + std::string(axis_name(spec.of)) + " (0 to " + std::to_string(n - 1) + ")");
      break;
    }
    case schema::Rule::IssueCode: {
      if (issue_codes_.empty()) {
        issue_codes_ = ints(schema::kIssueCode);
        std::sort(issue_codes_.begin(), issue_codes_.end());
      }
      for (size_t i = 0; i < values.size(); ++i)
        if (!std::binary_search(issue_codes_.begin(), issue_codes_.end(), values[i]))
          bad(i, "not a code of /health/issues/code");
      break;
    }
    case schema::Rule::RunTime:
      for (size_t i = 0; i < values.size(); ++i)
        if (values[i] < 0 || values[i] > duration) bad(i, "outside the run (0 to " + std::to_string(duration) + " s)");
      break;
  }
}

std::vector<int64_t> RunFile::ints(const schema::Dataset& spec) const {
  Opened o = open(spec, H5T_INTEGER);
  std::vector<int64_t> values(o.count);
  if (o.count && H5Dread(o.dataset, H5T_NATIVE_INT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) < 0)
    fail(spec.path(), "cannot read" + reason());
  // The checksum covers the stored little-endian bytes of the stored type.
  const size_t w = byte_size(spec.type);
  std::vector<unsigned char> bytes(values.size() * w);
  for (size_t i = 0; i < values.size(); ++i)
    for (size_t b = 0; b < w; ++b) bytes[i * w + b] = static_cast<unsigned char>(static_cast<uint64_t>(values[i]) >> (8 * b));
  check_checksum(spec, o.dataset, h5::crc32(0, bytes.data(), bytes.size()));
  check_values(spec, values);
  return values;
}

std::vector<double> RunFile::reals(const schema::Dataset& spec) const {
  Opened o = open(spec, H5T_FLOAT);
  std::vector<double> values(o.count);
  if (o.count && H5Dread(o.dataset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) < 0)
    fail(spec.path(), "cannot read" + reason());
  check_checksum(spec, o.dataset, h5::crc32(0, values.data(), values.size() * sizeof(double)));
  for (size_t i = 0; i < values.size(); ++i) {
    if (!std::isfinite(values[i])) fail(spec.path(), "element " + std::to_string(i) + " is not a finite number");
    if (spec.rule == schema::Rule::NonNegative && values[i] < 0)
      fail(spec.path(), "element " + std::to_string(i) + " is negative, expected 0 or more");
  }
  return values;
}

std::vector<std::string> RunFile::texts(const schema::Dataset& spec) const {
  Opened o = open(spec, H5T_STRING);
  h5::Id t(H5Tcopy(H5T_C_S1), H5Tclose, "copy the string type");
  h5::check(H5Tset_size(t, H5T_VARIABLE), "make a string type");
  h5::check(H5Tset_cset(t, H5T_CSET_UTF8), "set UTF-8");
  std::vector<char*> ptrs(o.count, nullptr);
  if (o.count && H5Dread(o.dataset, t, H5S_ALL, H5S_ALL, H5P_DEFAULT, ptrs.data()) < 0)
    fail(spec.path(), "cannot read" + reason());
  std::vector<std::string> out;
  out.reserve(o.count);
  for (char* p : ptrs) out.emplace_back(p ? p : "");
  if (o.count) {
    h5::Id space(H5Dget_space(o.dataset), H5Sclose, "read the shape of " + spec.path());
    H5Dvlen_reclaim(t, space, H5P_DEFAULT, ptrs.data());
  }
  check_checksum(spec, o.dataset, h5::crc32_text(out));
  return out;
}

}  // namespace fleettwin
