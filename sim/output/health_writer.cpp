#include <hdf5_hl.h>

#include "models/health/health_evaluation.hpp"
#include "models/health/health_issues.hpp"
#include "models/health/sensor_health.hpp"
#include "sim/output/groups.hpp"

namespace fleettwin {
namespace {
constexpr hsize_t kEvaluationChunk = 42;  // one week of evaluations
constexpr hsize_t kChangeChunk = 65536;
}  // namespace

void issue_flags(hid_t dataset) {
  std::vector<int64_t> values;
  std::vector<std::string> names;
  for (const auto& i : issue_catalogue()) {
    values.push_back(static_cast<int64_t>(i.code));
    names.emplace_back(i.name);
  }
  H5Writer::flags(dataset, values, names);
}

HealthWriter::HealthWriter(H5Writer& w, const Scenario& sc) : w_(w), sc_(sc) {
  const hid_t health = w.group(schema::kHealth);
  h5::attr(health, schema::kDescription, schema::health::kDescription);
  h5::attr(health, schema::health::kWindowRule, schema::health::kWindowRuleText);
  h5::attr(health, schema::health::kHeartbeatInterval, static_cast<int64_t>(sc.defender.heartbeat_interval));
  h5::attr(health, schema::health::kEvaluationPeriod, static_cast<int64_t>(kEvaluationPeriod));
  time_ = w.time_axis(schema::kHealthTime, kEvaluationChunk);
  h5::Id cls = w.label_scale(schema::kHealthClass, H5Writer::labels(kHealthClassNames));
  h5::Id env = w.label_scale(schema::kHealthEnvironment, H5Writer::labels(kEnvironmentNames));
  std::vector<std::string> locations;
  for (const auto& l : sc.locations) locations.push_back(l.name);
  h5::Id loc = w.label_scale(schema::kHealthLocation, locations);
  h5::Id sensor = w.label_scale(schema::kHealthSensorState, H5Writer::labels(kSensorHealthNames));
  const auto cube = [&](const schema::Dataset& spec, hsize_t rows, hsize_t cols, hid_t axis1, hid_t axis2) {
    H5Writer::Series s = w.series(spec, {rows, cols}, kEvaluationChunk);
    H5Writer::attach(s.dataset, time_.dataset, 0);
    H5Writer::attach(s.dataset, axis1, 1);
    H5Writer::attach(s.dataset, axis2, 2);
    return s;
  };
  by_environment_ = cube(schema::kHealthCounts, kHealthClassCount, kEnvironmentCount, cls, env);
  by_location_ = cube(schema::kHealthCountsByLocation, kHealthClassCount, sc.locations.size(), cls, loc);
  sensor_by_environment_ = cube(schema::kSensorCounts, kSensorHealthCount, kEnvironmentCount, sensor, env);

  // The issue catalogue: code -> class, name, message, fix, source.
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
    h5::Id code = w.column(schema::kIssueCode, codes);
    h5::check(H5DSset_scale(code, std::string(schema::kIssueCode.scale).c_str()), "make scale issue");
    H5Writer::attach(w.text_column(schema::kIssueName, names), code, 0);
    H5Writer::attach(w.text_column(schema::kIssueMessage, messages), code, 0);
    H5Writer::attach(w.text_column(schema::kIssueFix, fixes), code, 0);
    H5Writer::attach(w.text_column(schema::kIssueSource, sources), code, 0);
    h5::Id c = w.column(schema::kIssueClass, classes);
    H5Writer::attach(c, code, 0);
    H5Writer::flags(c, kHealthClassNames);
  }

  // Per-machine changes: one row each time a machine's evaluated class or issue changes (the rows at time 0 are
  // every machine's state at the start).
  h5::attr(w.group(schema::kChanges), schema::kDescription, schema::kChangesDescription);
  change_time_ = w.series(schema::kChangeTime, {}, kChangeChunk);
  change_machine_ = w.series(schema::kChangeMachine, {}, kChangeChunk);
  change_class_ = w.series(schema::kChangeClass, {}, kChangeChunk);
  H5Writer::flags(change_class_.dataset, kHealthClassNames);
  change_issue_ = w.series(schema::kChangeIssue, {}, kChangeChunk);
  issue_flags(change_issue_.dataset);
}

void HealthWriter::append_evaluation(const Evaluation& e) {
  time_.ints.push_back(e.time.seconds());
  const size_t locations = sc_.locations.size();
  std::array<std::array<int64_t, kEnvironmentCount>, kHealthClassCount> by_env{};
  std::array<std::array<int64_t, kEnvironmentCount>, kSensorHealthCount> sensor_env{};
  for (size_t c = 0; c < kHealthClassCount; ++c)
    for (size_t l = 0; l < locations; ++l) {
      by_location_.ints.push_back(e.counts[l][c]);
      by_env[c][static_cast<size_t>(sc_.locations[l].environment)] += e.counts[l][c];
    }
  for (size_t l = 0; l < locations; ++l)
    for (size_t s = 0; s < kSensorHealthCount; ++s)
      sensor_env[s][static_cast<size_t>(sc_.locations[l].environment)] += e.sensor[l][s];
  for (const auto& row : by_env) by_environment_.ints.insert(by_environment_.ints.end(), row.begin(), row.end());
  for (const auto& row : sensor_env)
    sensor_by_environment_.ints.insert(sensor_by_environment_.ints.end(), row.begin(), row.end());
  const std::array<H5Writer::Series*, 4> change_series = {&change_time_, &change_machine_, &change_class_, &change_issue_};
  for (const auto& c : e.changes) {
    change_time_.ints.push_back(e.time.seconds());
    change_machine_.ints.push_back(c.machine);
    change_class_.ints.push_back(static_cast<int64_t>(c.health_class));
    change_issue_.ints.push_back(static_cast<int64_t>(c.issue));
    for (H5Writer::Series* s : change_series) w_.flush(*s);  // the start's rows are every machine: a chunk at a time
  }
  for (H5Writer::Series* s : {&time_, &by_location_, &by_environment_, &sensor_by_environment_}) w_.flush(*s);
}

void HealthWriter::finish() {
  for (H5Writer::Series* s : {&time_, &by_location_, &by_environment_, &sensor_by_environment_, &change_time_,
                              &change_machine_, &change_class_, &change_issue_})
    w_.finish(*s);
}

size_t HealthWriter::buffer_bytes() const {
  size_t n = 0;
  for (const H5Writer::Series* s : {&time_, &by_location_, &by_environment_, &sensor_by_environment_, &change_time_,
                                    &change_machine_, &change_class_, &change_issue_})
    n += s->buffer_bytes();
  return n;
}

}  // namespace fleettwin
