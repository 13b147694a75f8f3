#include "sim/scenario/scenario.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <numeric>
#include <set>
#include <sstream>

#include "models/fleet/os_catalog.hpp"
#include "sim/scenario/duration.hpp"
#include "models/common/distribution.hpp"
#include "sim/scenario/timezone.hpp"

namespace fleettwin {
namespace {

// Where errors point: the file, and which key paths were replaced by --set (their YAML marks are meaningless).
struct Context {
  std::string source;
  std::vector<std::pair<std::string, std::string>> overrides;  // path, full "path=value"
};

[[noreturn]] void fail(const Context& ctx, const YAML::Node& at, const std::string& path, const std::string& what) {
  std::ostringstream msg;
  for (const auto& [p, full] : ctx.overrides) {
    if (path == p || path.rfind(p + ".", 0) == 0 || path.rfind(p + "[", 0) == 0) {
      msg << ctx.source << ": --set " << full << ": " << path << ": " << what;
      throw ScenarioError(msg.str());
    }
  }
  msg << ctx.source;
  if (at.IsDefined() && at.Mark().line >= 0) msg << ':' << at.Mark().line + 1 << ':' << at.Mark().column + 1;
  msg << ": " << (path.empty() ? "(top level)" : path) << ": " << what;
  throw ScenarioError(msg.str());
}

std::string join(const auto& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + std::string(n);
  return out;
}

std::string type_name(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Map: return "a mapping";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Scalar: return "'" + n.Scalar() + "'";
    case YAML::NodeType::Null: return "nothing";
    default: return "an undefined value";
  }
}

// One YAML value with its key path: typed readers that fail with file, line, column and path.
class Value {
 public:
  Value(YAML::Node node, std::string path, const Context& ctx) : node_(std::move(node)), path_(std::move(path)), ctx_(&ctx) {}
  const YAML::Node& node() const { return node_; }
  const std::string& path() const { return path_; }
  const Context& context() const { return *ctx_; }
  [[noreturn]] void fail(const std::string& what) const { fleettwin::fail(*ctx_, node_, path_, what); }

  std::string scalar(const std::string& expected) const {
    if (!node_.IsScalar()) fail("expected " + expected + ", found " + type_name(node_));
    return node_.Scalar();
  }
  std::string str() const { return scalar("a string"); }
  std::string name() const {
    std::string s = str();
    const bool ok = !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' || c == ':';
    });
    if (!ok) fail("'" + s + "' is not a valid name (letters, digits, '-', '_', '.', ':')");
    return s;
  }
  double number(double lo, double hi) const {
    const std::string s = scalar("a number");
    double v = 0;
    try {
      size_t used = 0;
      v = std::stod(s, &used);
      if (used != s.size()) throw std::invalid_argument(s);
    } catch (const std::exception&) {
      fail("expected a number, found '" + s + "'");
    }
    if (!std::isfinite(v) || v < lo || v > hi) fail("'" + s + "' is out of range [" + fmt(lo) + ", " + fmt(hi) + "]");
    return v;
  }
  uint64_t integer(uint64_t lo, uint64_t hi) const {
    const std::string s = scalar("a whole number");
    if (s.empty() || s[0] == '-') {
      if (!s.empty() && s.find_first_not_of("-0123456789") == std::string::npos)
        fail("'" + s + "' is negative: expected a whole number in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
      fail("expected a whole number, found '" + s + "'");
    }
    if (s.find_first_not_of("0123456789") != std::string::npos) fail("expected a whole number, found '" + s + "'");
    uint64_t v = 0;
    try {
      v = std::stoull(s);
    } catch (const std::exception&) {
      fail("'" + s + "' is too large");
    }
    if (v < lo || v > hi) fail("'" + s + "' is out of range [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
    return v;
  }
  int64_t duration(int64_t lo, int64_t hi) const {
    const std::string s = scalar("a duration such as 90s, 15m, 36h or 90d");
    auto d = parse_duration(s);
    if (!d) {
      if (!s.empty() && s[0] == '-') fail("'" + s + "' is negative: durations are 0s or more");
      fail("'" + s + "' is not a duration: write a number and a unit (s, m, h, d, w), e.g. 90s, 15m, 1h30m, 90d");
    }
    if (*d < lo || *d > hi) fail("'" + s + "' is out of range [" + format_duration(lo) + ", " + format_duration(hi) + "]");
    return *d;
  }
  int32_t time_of_day() const {
    const std::string s = scalar("a time of day HH:MM");
    auto t = parse_time_of_day(s);
    if (!t) fail("'" + s + "' is not a time of day: write HH:MM from 00:00 to 24:00");
    return *t;
  }
  template <size_t N>
  size_t choice(const std::array<std::string_view, N>& names) const {
    const std::string s = scalar("one of: " + join(names));
    for (size_t i = 0; i < N; ++i)
      if (names[i] == s) return i;
    fail("unknown value '" + s + "' (expected one of: " + join(names) + ")");
  }
  std::vector<Value> list() const {
    if (!node_.IsSequence()) fail("expected a list, found " + type_name(node_));
    std::vector<Value> out;
    for (size_t i = 0; i < node_.size(); ++i) out.emplace_back(node_[i], path_ + "[" + std::to_string(i) + "]", *ctx_);
    return out;
  }

 private:
  static std::string fmt(double v) {
    std::ostringstream o;
    o << v;
    return o.str();
  }
  YAML::Node node_;
  std::string path_;
  const Context* ctx_;
};

// A mapping read key by key; finish() rejects any key that was not read, listing the keys that exist here.
class Map {
 public:
  Map(const Value& v, std::vector<std::string_view> allowed) : self_(v), allowed_(std::move(allowed)) {
    if (!v.node().IsMap()) v.fail("expected a mapping of keys, found " + type_name(v.node()));
    std::set<std::string> seen;
    for (const auto& kv : v.node()) {
      const std::string key = kv.first.Scalar();
      if (!seen.insert(key).second)
        fleettwin::fail(ctx(), kv.first, child_path(key), "key appears twice");
      if (std::find(allowed_.begin(), allowed_.end(), key) == allowed_.end())
        fleettwin::fail(ctx(), kv.first, child_path(key),
                        "unknown key '" + key + "' (allowed here: " + join(allowed_) + ")");
    }
  }
  std::optional<Value> get(const std::string& key) const {
    const YAML::Node n = self_.node()[key];
    if (!n.IsDefined() || n.IsNull()) return std::nullopt;
    return Value(n, child_path(key), ctx());
  }
  Value need(const std::string& key) const {
    if (auto v = get(key)) return *v;
    self_.fail("missing required key '" + key + "'");
  }
  const Value& self() const { return self_; }

 private:
  const Context& ctx() const { return self_.context(); }
  std::string child_path(const std::string& key) const { return self_.path().empty() ? key : self_.path() + "." + key; }
  Value self_;
  std::vector<std::string_view> allowed_;
};

constexpr int64_t kMaxDuration = 10 * 366 * 86400;
constexpr std::array<std::string_view, 7> kDayNames = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
constexpr std::array<std::string_view, 2> kOffActions = {"deallocate", "stop"};
constexpr std::array<std::string_view, 2> kPartialHourNames = {"prorate", "round-up"};

uint8_t read_days(const std::optional<Value>& v, uint8_t fallback) {
  if (!v) return fallback;
  uint8_t mask = 0;
  for (const auto& d : v->list()) mask |= static_cast<uint8_t>(1u << d.choice(kDayNames));
  if (mask == 0) v->fail("the list of days is empty");
  return mask;
}

DurationRange read_range(const Value& v, DurationRange fallback, int64_t max) {
  if (v.node().IsScalar()) {
    const int64_t d = v.duration(0, max);
    return {d, d};
  }
  Map m(v, {"min", "max"});
  DurationRange r = fallback;
  if (auto x = m.get("min")) r.min = x->duration(0, max);
  if (auto x = m.get("max")) r.max = x->duration(0, max);
  if (r.max < r.min) v.fail("max (" + format_duration(r.max) + ") is below min (" + format_duration(r.min) + ")");
  return r;
}

ScheduleSpec read_schedule(const Value& v) {
  // The keys a schedule takes depend on its kind: read the kind first, then check the rest against it.
  if (!v.node().IsMap()) v.fail("expected a mapping with a 'schedule' key, found " + type_name(v.node()));
  const YAML::Node kind_node = v.node()["schedule"];
  if (!kind_node.IsDefined()) v.fail("missing required key 'schedule' (one of: " + join(kScheduleNames) + ")");
  ScheduleSpec s;
  s.kind = static_cast<ScheduleKind>(Value(kind_node, v.path() + ".schedule", v.context()).choice(kScheduleNames));
  std::vector<std::string_view> keys = {"schedule"};
  switch (s.kind) {
    case ScheduleKind::AlwaysOn: break;
    case ScheduleKind::AlwaysOff: keys.insert(keys.end(), {"off_action"}); break;
    case ScheduleKind::BusinessHours:
      keys.insert(keys.end(), {"timezone", "days", "start", "end", "off_action", "jitter"});
      break;
    case ScheduleKind::NightlyDeallocation:
      keys.insert(keys.end(), {"timezone", "days", "off", "on", "off_action", "jitter"});
      break;
    case ScheduleKind::Weekly: keys.insert(keys.end(), {"timezone", "windows", "off_action", "jitter"}); break;
    case ScheduleKind::Autoscale:
      keys.insert(keys.end(), {"timezone", "min", "max", "profile", "off_action", "jitter"});
      break;
  }
  Map m(v, keys);
  if (auto tz = m.get("timezone")) {
    s.timezone = tz->str();
    if (auto why = check_timezone(s.timezone)) tz->fail(*why);
  }
  if (auto a = m.get("off_action")) s.off_action = static_cast<OffAction>(a->choice(kOffActions));
  if (auto j = m.get("jitter")) s.jitter = j->duration(0, 86400);
  switch (s.kind) {
    case ScheduleKind::AlwaysOn:
    case ScheduleKind::AlwaysOff: break;
    case ScheduleKind::BusinessHours: {
      WeeklyWindow w{read_days(m.get("days"), 0x1f), 8 * 3600, 18 * 3600};
      if (auto x = m.get("start")) w.start = x->time_of_day();
      if (auto x = m.get("end")) w.end = x->time_of_day();
      if (w.end <= w.start) m.self().fail("business hours must end after they start (use 'weekly' for overnight windows)");
      s.windows.push_back(w);
      break;
    }
    case ScheduleKind::NightlyDeallocation: {
      // On from 'on' until 'off' every day: deallocated overnight.
      WeeklyWindow w{read_days(m.get("days"), 0x7f), 6 * 3600, 22 * 3600};
      if (auto x = m.get("on")) w.start = x->time_of_day();
      if (auto x = m.get("off")) w.end = x->time_of_day();
      if (w.start % 86400 == w.end % 86400) m.self().fail("'on' and 'off' are the same time of day");
      s.windows.push_back(w);
      break;
    }
    case ScheduleKind::Weekly: {
      for (const auto& wv : m.need("windows").list()) {
        Map wm(wv, {"days", "start", "end"});
        WeeklyWindow w{read_days(wm.get("days"), 0x7f), wm.need("start").time_of_day(), wm.need("end").time_of_day()};
        if (w.start % 86400 == w.end % 86400) wv.fail("start and end are the same time of day");
        s.windows.push_back(w);
      }
      break;
    }
    case ScheduleKind::Autoscale: {
      s.autoscale.min = static_cast<uint32_t>(m.need("min").integer(0, 100'000'000));
      const Value max_v = m.need("max");
      s.autoscale.max = static_cast<uint32_t>(max_v.integer(0, 100'000'000));
      if (s.autoscale.max < s.autoscale.min) max_v.fail("max is below min");
      const Value p = m.need("profile");
      const auto hours = p.list();
      if (hours.size() != 24) p.fail("expected 24 hourly fractions (local hours 00 to 23), found " + std::to_string(hours.size()));
      for (size_t h = 0; h < 24; ++h) s.autoscale.profile[h] = hours[h].number(0.0, 1.0);
      break;
    }
  }
  return s;
}

Plan read_plan(const Value& v) { return static_cast<Plan>(v.choice(kPlanNames)); }

constexpr std::array<std::string_view, 5> kDistributionNames = {"fixed", "uniform", "exponential", "weibull",
                                                                 "lognormal"};

// A duration distribution: a plain duration ("6h", fixed) or a mapping naming the distribution and its
// parameters, e.g. {distribution: lognormal, median: 12h, sigma: 1.0}.
Distribution read_distribution(const Value& v, int64_t max = kMaxDuration) {
  if (v.node().IsScalar()) return Distribution::fixed(static_cast<double>(v.duration(0, max)));
  if (!v.node().IsMap()) v.fail("expected a duration or a mapping {distribution: ..., ...}, found " + type_name(v.node()));
  const YAML::Node kind_node = v.node()["distribution"];
  if (!kind_node.IsDefined()) v.fail("missing required key 'distribution' (one of: " + join(kDistributionNames) + ")");
  const auto kind =
      static_cast<DistributionKind>(Value(kind_node, v.path() + ".distribution", v.context()).choice(kDistributionNames));
  const auto seconds = [&](const Map& m, const char* key) { return static_cast<double>(m.need(key).duration(0, max)); };
  switch (kind) {
    case DistributionKind::Fixed: {
      Map m(v, {"distribution", "value"});
      return Distribution::fixed(seconds(m, "value"));
    }
    case DistributionKind::Uniform: {
      Map m(v, {"distribution", "min", "max"});
      const double lo = seconds(m, "min"), hi = seconds(m, "max");
      if (hi < lo) m.need("max").fail("max is below min");
      return Distribution::uniform(lo, hi);
    }
    case DistributionKind::Exponential: {
      Map m(v, {"distribution", "mean"});
      const double mean = seconds(m, "mean");
      if (mean <= 0) m.need("mean").fail("the mean must be above 0s");
      return Distribution::exponential(mean);
    }
    case DistributionKind::Weibull: {
      Map m(v, {"distribution", "shape", "scale"});
      const double shape = m.need("shape").number(0.05, 100);
      const double scale = seconds(m, "scale");
      if (scale <= 0) m.need("scale").fail("the scale must be above 0s");
      return Distribution::weibull(shape, scale);
    }
    case DistributionKind::Lognormal: {
      Map m(v, {"distribution", "median", "sigma"});
      const double median = seconds(m, "median");
      if (median <= 0) m.need("median").fail("the median must be above 0s");
      return Distribution::lognormal(median, m.need("sigma").number(0, 10));
    }
  }
  v.fail("unknown distribution");
}

// A time in the run: an ISO 8601 instant, an offset from the start ("72h"), or one of the words given.
int64_t read_time(const Value& v, int64_t start, bool allow_before_start, bool allow_never) {
  const std::string s = v.str();
  if (s == "start") return 0;
  if (allow_before_start && s == "before-start") return kBeforeStart;
  if (allow_never && s == "never") return kNeverTime;
  auto t = parse_time_or_offset(s, start);
  std::string words = "an ISO 8601 time such as 2026-02-01T08:00:00Z, an offset from the start such as 72h, or 'start'";
  if (allow_before_start) words += ", 'before-start'";
  if (allow_never) words += ", 'never'";
  if (!t) v.fail("'" + s + "' is not a time: write " + words);
  if (*t < start) v.fail("'" + s + "' is before the run's start" + (allow_before_start ? " (write 'before-start')" : ""));
  return *t - start;
}

InstallFailureRates read_install_failures(const Value& v, InstallFailureRates r) {
  Map m(v, {"python_missing", "fanotify", "generalized_image", "ssm_agent_missing", "windows_2012_r2_prerequisites",
            "transient"});
  if (auto x = m.get("python_missing")) r.python_missing = x->number(0, 1);
  if (auto x = m.get("fanotify")) r.fanotify = x->number(0, 1);
  if (auto x = m.get("generalized_image")) r.generalized_image = x->number(0, 1);
  if (auto x = m.get("ssm_agent_missing")) r.ssm_agent_missing = x->number(0, 1);
  if (auto x = m.get("windows_2012_r2_prerequisites")) r.windows_2012_r2_prerequisites = x->number(0, 1);
  if (auto x = m.get("transient")) r.transient = x->number(0, 1);
  return r;
}

AgentReliability read_agent(const Value& v, AgentReliability a) {
  Map m(v, {"time_to_failure", "time_to_repair", "misconfigured"});
  if (auto x = m.get("time_to_failure")) a.time_to_failure = read_distribution(*x);
  if (auto x = m.get("time_to_repair")) a.time_to_repair = read_distribution(*x);
  if (auto x = m.get("misconfigured")) a.misconfigured = x->number(0, 1);
  return a;
}

// Applies one "a.b[2].c=value" override to the document; a missing final mapping key is created.
void apply_override(YAML::Node& root, const std::string& assignment, const std::string& source,
                    std::vector<std::pair<std::string, std::string>>& record) {
  const auto eq = assignment.find('=');
  const auto bad = [&](const std::string& why) {
    throw ScenarioError(source + ": --set " + assignment + ": " + why);
  };
  if (eq == std::string::npos || eq == 0) bad("expected key.path=value");
  const std::string path = assignment.substr(0, eq);
  YAML::Node value;
  try {
    value = YAML::Load(assignment.substr(eq + 1));
  } catch (const YAML::Exception& e) {
    bad("the value is not valid YAML: " + e.msg);
  }
  // Tokens: names separated by dots, and [index] selectors.
  std::vector<std::string> tokens;
  std::string cur;
  for (size_t i = 0; i < path.size(); ++i) {
    const char c = path[i];
    if (c == '.' || c == '[') {
      if (!cur.empty()) tokens.push_back(cur);
      cur.clear();
      if (c == '[') {
        const auto close = path.find(']', i);
        if (close == std::string::npos) bad("unclosed '['");
        tokens.push_back(path.substr(i, close - i + 1));
        i = close;
      }
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) tokens.push_back(cur);
  if (tokens.empty()) bad("empty key path");

  YAML::Node node = root;
  std::string canonical;
  for (size_t t = 0; t < tokens.size(); ++t) {
    const std::string& tok = tokens[t];
    const bool last = t + 1 == tokens.size();
    YAML::Node next;
    if (tok.front() == '[') {
      if (!node.IsSequence()) bad("'" + canonical + "' is not a list");
      size_t idx = 0;
      try {
        idx = std::stoul(tok.substr(1, tok.size() - 2));
      } catch (const std::exception&) {
        bad("bad index " + tok);
      }
      if (idx >= node.size()) bad("'" + canonical + "' has " + std::to_string(node.size()) + " entries, no index " + std::to_string(idx));
      canonical += tok;
      if (last) { node[idx] = value; break; }
      next.reset(node[idx]);
    } else if (node.IsSequence()) {
      // Select a list entry by its name: cohorts.web.count
      bool found = false;
      for (size_t i = 0; i < node.size(); ++i) {
        if (node[i].IsMap() && node[i]["name"].IsDefined() && node[i]["name"].Scalar() == tok) {
          canonical += "[" + std::to_string(i) + "]";
          if (last) bad("cannot replace a whole entry");
          next.reset(node[i]);
          found = true;
          break;
        }
      }
      if (!found) bad("'" + canonical + "' has no entry named '" + tok + "'");
    } else {
      if (!node.IsMap() && !node.IsNull()) bad("'" + canonical + "' is not a mapping");
      canonical += (canonical.empty() ? "" : ".") + tok;
      if (last) { node[tok] = value; break; }
      // An optional section the file leaves out (billing, power, ...) is created on the way.
      if (!node[tok].IsDefined() || node[tok].IsNull()) node[tok] = YAML::Node(YAML::NodeType::Map);
      next.reset(node[tok]);
    }
    node.reset(next);
  }
  record.emplace_back(canonical, assignment);
}

int32_t find_cohort(const Scenario& sc, const Value& v) {
  const std::string name = v.str();
  for (size_t i = 0; i < sc.cohorts.size(); ++i)
    if (sc.cohorts[i].name == name) return static_cast<int32_t>(i);
  v.fail("no cohort '" + name + "' is declared");
}

int32_t find_subscription(const Scenario& sc, const Value& v) {
  const std::string id = v.str();
  for (size_t i = 0; i < sc.subscriptions.size(); ++i)
    if (sc.subscriptions[i].id == id) return static_cast<int32_t>(i);
  v.fail("no subscription '" + id + "' is declared");
}

void read_network(const Map& m, Scenario& sc) {
  auto nv = m.get("network");
  if (!nv) return;
  Map n(*nv, {"outages", "random_outages"});
  if (auto ov = n.get("outages")) {
    for (const auto& o : ov->list()) {
      Map om(o, {"location", "environment", "start", "duration"});
      const Value lv = om.need("location");
      const std::string name = lv.name();
      std::optional<Environment> env;
      if (auto ev = om.get("environment")) env = static_cast<Environment>(ev->choice(kEnvironmentNames));
      std::vector<uint16_t> found;
      for (size_t i = 0; i < sc.locations.size(); ++i)
        if (sc.locations[i].name == name && (!env || sc.locations[i].environment == *env)) found.push_back(static_cast<uint16_t>(i));
      if (found.empty()) lv.fail("no cohort is placed in a region or site named '" + name + "'");
      if (found.size() > 1) lv.fail("'" + name + "' names locations in several environments: add 'environment'");
      const int64_t start = read_time(om.need("start"), sc.start, false, false);
      const int64_t length = om.need("duration").duration(1, kMaxDuration);
      sc.outages.push_back({found[0], start, start + length});
    }
  }
  if (auto rv = n.get("random_outages")) {
    Map r(*rv, {"azure", "aws", "gcp", "onprem"});
    for (int e = 0; e < kEnvironmentCount; ++e) {
      auto ev = r.get(std::string(kEnvironmentNames[static_cast<size_t>(e)]));
      if (!ev) continue;
      Map em(*ev, {"mean_time_between", "duration"});
      auto& ro = sc.random_outages[static_cast<size_t>(e)];
      ro.mean_time_between = static_cast<double>(em.need("mean_time_between").duration(3600, kMaxDuration));
      if (auto x = em.get("duration")) ro.duration = read_distribution(*x);
    }
  }
}

// An event's target: exactly one of a cohort or a subscription.
void read_target(const Map& d, const Scenario& sc, LifecycleAction& a) {
  if (auto c = d.get("cohort")) a.cohort = find_cohort(sc, *c);
  if (auto s = d.get("subscription")) a.subscription = find_subscription(sc, *s);
  if ((a.cohort < 0) == (a.subscription < 0)) d.self().fail("name either a 'cohort' or a 'subscription'");
}

void read_events(const Map& m, Scenario& sc) {
  if (auto ev = m.get("events")) {
    for (const auto& e : ev->list()) {
      Map em(e, {"at", "delete_extension", "move", "set_plan", "opt_in", "enable_integration"});
      LifecycleAction a;
      a.at = read_time(em.need("at"), sc.start, false, false);
      int kinds = 0;
      if (auto x = em.get("delete_extension")) {
        ++kinds;
        a.kind = ActionKind::DeleteExtension;
        Map d(*x, {"cohort", "subscription", "fraction"});
        read_target(d, sc, a);
        if (auto f = d.get("fraction")) a.fraction = f->number(0, 1);
      }
      if (auto x = em.get("move")) {
        ++kinds;
        a.kind = ActionKind::Move;
        Map d(*x, {"cohort", "to"});
        a.cohort = find_cohort(sc, d.need("cohort"));
        a.to_subscription = find_subscription(sc, d.need("to"));
      }
      if (auto x = em.get("set_plan")) {
        ++kinds;
        a.kind = ActionKind::SetPlan;
        Map d(*x, {"cohort", "subscription", "plan"});
        read_target(d, sc, a);
        a.plan = read_plan(d.need("plan"));
      }
      if (auto x = em.get("opt_in")) {
        ++kinds;
        a.kind = ActionKind::OptIn;
        Map d(*x, {"subscription", "solution"});
        a.subscription = find_subscription(sc, d.need("subscription"));
        a.opt_in = static_cast<OptInKind>(d.need("solution").choice(std::array<std::string_view, 2>{"unified_solution", "linux"}));
      }
      if (auto x = em.get("enable_integration")) {
        ++kinds;
        a.kind = ActionKind::EnableIntegration;
        Map d(*x, {"subscription"});
        a.subscription = find_subscription(sc, d.need("subscription"));
      }
      if (kinds != 1) e.fail("an event has 'at' and exactly one of: delete_extension, move, set_plan, opt_in, enable_integration");
      sc.actions.push_back(a);
    }
  }
  // Subscription settings and cohort scale-out / scale-in become actions too, so that sites play them all in
  // one time order.
  const auto add = [&](int64_t at, ActionKind kind, size_t cohort, size_t subscription,
                       OptInKind opt_in = OptInKind::UnifiedSolution) {
    if (at < 0 || at >= sc.duration) return;  // before-start, never, or after the end
    LifecycleAction a;
    a.at = at;
    a.kind = kind;
    a.cohort = cohort == SIZE_MAX ? -1 : static_cast<int32_t>(cohort);
    a.subscription = subscription == SIZE_MAX ? -1 : static_cast<int32_t>(subscription);
    a.opt_in = opt_in;
    sc.actions.push_back(a);
  };
  for (size_t i = 0; i < sc.subscriptions.size(); ++i) {
    const auto& s = sc.subscriptions[i];
    add(s.enabled_at, ActionKind::EnableIntegration, SIZE_MAX, i);
    add(s.unified_opt_in, ActionKind::OptIn, SIZE_MAX, i, OptInKind::UnifiedSolution);
    add(s.linux_opt_in, ActionKind::OptIn, SIZE_MAX, i, OptInKind::Linux);
  }
  for (size_t i = 0; i < sc.cohorts.size(); ++i) {
    if (sc.cohorts[i].added > 0) add(sc.cohorts[i].added, ActionKind::AddCohort, i, SIZE_MAX);
    add(sc.cohorts[i].removed, ActionKind::RemoveCohort, i, SIZE_MAX);
  }
  std::stable_sort(sc.actions.begin(), sc.actions.end(), [](const auto& a, const auto& b) { return a.at < b.at; });
}

// The first subscription of a tenant to turn the integration on during the run waits up to 12 hours
// (enable-defender-for-endpoint.md); not if any subscription of the tenant had it on before the start.
void mark_first_subscriptions(Scenario& sc) {
  for (size_t t = 0; t < sc.tenants.size(); ++t) {
    int32_t first = -1;
    bool before = false;
    for (size_t i = 0; i < sc.subscriptions.size(); ++i) {
      const auto& s = sc.subscriptions[i];
      if (s.tenant != t || s.enabled_at >= kNeverTime) continue;
      if (s.enabled_at == kBeforeStart) before = true;
      if (first < 0 || s.enabled_at < sc.subscriptions[static_cast<size_t>(first)].enabled_at) first = static_cast<int32_t>(i);
    }
    if (first >= 0 && !before) sc.subscriptions[static_cast<size_t>(first)].first_of_tenant = true;
  }
}

Scenario parse(const YAML::Node& root, Context& ctx) {
  Scenario sc;
  const Value top(root, "", ctx);
  if (!root.IsMap()) top.fail("a scenario is a mapping of keys (name, start, duration, tenants, subscriptions, cohorts, ...)");
  Map m(top, {"name", "description", "seed", "start", "duration", "tenants", "subscriptions", "cohorts", "power", "billing",
              "defender", "network", "events"});
  sc.name = m.need("name").name();
  if (auto d = m.get("description")) sc.description = d->str();
  if (auto s = m.get("seed")) sc.seed = s->integer(0, UINT64_MAX);
  {
    const Value st = m.need("start");
    auto t = parse_iso8601(st.str());
    if (!t) st.fail("'" + st.str() + "' is not an ISO 8601 time such as 2026-01-01T00:00:00Z");
    sc.start = *t;
    if (sc.start % 3600 != 0) st.fail("the start must be on a whole UTC hour: billing is by clock hour");
  }
  {
    const Value d = m.need("duration");
    sc.duration = d.duration(3600, kMaxDuration);
    if (sc.duration % 3600 != 0) d.fail("the duration must be a whole number of hours (billing is by clock hour)");
  }

  for (const auto& tv : m.need("tenants").list()) {
    Map t(tv, {"id", "geo"});
    TenantSpec spec{t.need("id").name(), Geo::US};
    spec.geo = static_cast<Geo>(t.need("geo").choice(kGeoNames));
    for (const auto& other : sc.tenants)
      if (other.id == spec.id) t.need("id").fail("tenant '" + spec.id + "' is declared twice");
    sc.tenants.push_back(spec);
  }
  if (sc.tenants.empty()) m.need("tenants").fail("declare at least one tenant");

  for (const auto& sv : m.need("subscriptions").list()) {
    Map s(sv, {"id", "tenant", "plan", "created", "endpoint_protection"});
    SubscriptionSpec spec{s.need("id").name(), 0, Plan::Off};
    for (const auto& other : sc.subscriptions)
      if (other.id == spec.id) s.need("id").fail("subscription '" + spec.id + "' is declared twice");
    if (auto tv = s.get("tenant")) {
      const std::string id = tv->str();
      auto it = std::find_if(sc.tenants.begin(), sc.tenants.end(), [&](const auto& t) { return t.id == id; });
      if (it == sc.tenants.end()) tv->fail("no tenant '" + id + "' is declared");
      spec.tenant = static_cast<uint16_t>(it - sc.tenants.begin());
    } else if (sc.tenants.size() > 1) {
      sv.fail("missing required key 'tenant' (the scenario declares more than one tenant)");
    }
    spec.plan = read_plan(s.need("plan"));
    if (auto cv = s.get("created")) {
      auto t = parse_iso8601(cv->str());
      if (!t) cv->fail("'" + cv->str() + "' is not a date such as 2021-05-01");
      spec.created = *t;
    }
    if (auto ev = s.get("endpoint_protection")) {
      Map e(*ev, {"enabled", "unified_solution", "linux"});
      if (auto x = e.get("enabled")) spec.enabled_at = read_time(*x, sc.start, true, true);
      if (auto x = e.get("unified_solution")) spec.unified_opt_in = read_time(*x, sc.start, true, true);
      if (auto x = e.get("linux")) spec.linux_opt_in = read_time(*x, sc.start, true, true);
    }
    sc.subscriptions.push_back(spec);
  }
  if (sc.subscriptions.empty()) m.need("subscriptions").fail("declare at least one subscription");

  if (auto pv = m.get("power")) {
    Map p(*pv, {"azure", "arc"});
    if (auto av = p.get("azure")) {
      Map a(*av, {"starting", "stopping", "deallocating"});
      if (auto x = a.get("starting")) sc.power.starting = read_range(*x, sc.power.starting, 3600);
      if (auto x = a.get("stopping")) sc.power.stopping = read_range(*x, sc.power.stopping, 3600);
      if (auto x = a.get("deallocating")) sc.power.deallocating = read_range(*x, sc.power.deallocating, 3600);
    }
    if (auto av = p.get("arc")) {
      Map a(*av, {"connect", "offline_after", "expire_after"});
      if (auto x = a.get("connect")) sc.power.arc_connect = read_range(*x, sc.power.arc_connect, 3600);
      if (auto x = a.get("offline_after"))
        sc.power.arc_offline_after = read_range(*x, sc.power.arc_offline_after, 86400);
      if (auto x = a.get("expire_after")) sc.power.arc_expire_after = x->duration(3600, kMaxDuration);
    }
  }

  if (auto bv = m.get("billing")) {
    Map b(*bv, {"p1_monthly_usd", "p2_monthly_usd", "hours_per_month", "partial_hour"});
    if (auto x = b.get("p1_monthly_usd")) sc.billing.p1_monthly_usd = x->number(0, 1e6);
    if (auto x = b.get("p2_monthly_usd")) sc.billing.p2_monthly_usd = x->number(0, 1e6);
    if (auto x = b.get("hours_per_month")) sc.billing.hours_per_month = static_cast<double>(x->integer(1, 10000));
    if (auto x = b.get("partial_hour")) sc.billing.partial_hour = static_cast<PartialHourRule>(x->choice(kPartialHourNames));
  }

  InstallFailureRates fleet_failures;
  AgentReliability fleet_agent;
  if (auto dv = m.get("defender")) {
    Map d(*dv, {"heartbeat_interval", "heartbeat_bytes", "onboarding", "retry", "install_failures", "agent", "legacy"});
    auto& prov = sc.defender.provisioning;
    if (auto x = d.get("heartbeat_interval")) {
      const int64_t hb = x->duration(60, 3600);
      if (3600 % hb != 0) x->fail("the heartbeat interval must divide an hour exactly (e.g. 1m, 5m, 15m, 30m, 1h)");
      sc.defender.heartbeat_interval = static_cast<int32_t>(hb);
    }
    if (auto x = d.get("heartbeat_bytes")) sc.defender.heartbeat_bytes = x->number(1, 1e9);
    if (auto ov = d.get("onboarding")) {
      Map o(*ov, {"delay", "first_subscription_delay", "direct_delay", "tenant_move_delay"});
      if (auto x = o.get("delay")) prov.delay = read_distribution(*x);
      if (auto x = o.get("first_subscription_delay")) prov.first_subscription_delay = read_distribution(*x);
      if (auto x = o.get("direct_delay")) prov.direct_delay = read_distribution(*x);
      if (auto x = o.get("tenant_move_delay")) prov.tenant_move_delay = read_distribution(*x);
    }
    if (auto rv = d.get("retry")) {
      Map r(*rv, {"first", "factor", "max_interval", "max_attempts"});
      if (auto x = r.get("first")) prov.retry.first = x->duration(1, kMaxDuration);
      if (auto x = r.get("factor")) prov.retry.factor = x->number(1, 100);
      if (auto x = r.get("max_interval")) prov.retry.max_interval = x->duration(1, kMaxDuration);
      if (auto x = r.get("max_attempts")) prov.retry.max_attempts = static_cast<uint32_t>(x->integer(1, 255));
    }
    if (auto x = d.get("install_failures")) fleet_failures = read_install_failures(*x, fleet_failures);
    if (auto x = d.get("agent")) fleet_agent = read_agent(*x, fleet_agent);
    if (auto lv = d.get("legacy")) {
      Map l(*lv, {"unified_solution_cutoff", "linux_cutoff"});
      const auto date = [](const Value& x) {
        auto t = parse_iso8601(x.str());
        if (!t) x.fail("'" + x.str() + "' is not a date such as 2022-03-20");
        return *t;
      };
      if (auto x = l.get("unified_solution_cutoff")) prov.unified_solution_cutoff = date(*x);
      if (auto x = l.get("linux_cutoff")) prov.linux_cutoff = date(*x);
    }
  }

  uint64_t next_machine = 0;
  for (const auto& cv : m.need("cohorts").list()) {
    Map c(cv, {"name", "count", "environment", "region", "site", "subscription", "plan", "os", "power", "orchestration",
               "onboarding", "install_failures", "agent", "added", "removed"});
    CohortSpec spec;
    spec.name = c.need("name").name();
    for (const auto& other : sc.cohorts)
      if (other.name == spec.name) c.need("name").fail("cohort '" + spec.name + "' is declared twice");
    spec.count = static_cast<uint32_t>(c.need("count").integer(0, 50'000'000));
    spec.environment = static_cast<Environment>(c.need("environment").choice(kEnvironmentNames));
    const bool onprem = spec.environment == Environment::OnPrem;
    const char* where_key = onprem ? "site" : "region";
    const char* other_key = onprem ? "region" : "site";
    if (auto wrong = c.get(other_key))
      wrong->fail(std::string("a cohort in '") + std::string(kEnvironmentNames[static_cast<int>(spec.environment)]) +
                  "' has a '" + where_key + "', not a '" + other_key + "'");
    const std::string where = c.need(where_key).name();
    auto loc = std::find_if(sc.locations.begin(), sc.locations.end(), [&](const LocationSpec& l) {
      return l.name == where && l.environment == spec.environment;
    });
    if (loc == sc.locations.end()) {
      sc.locations.push_back({where, spec.environment});
      loc = sc.locations.end() - 1;
    }
    spec.location = static_cast<uint16_t>(loc - sc.locations.begin());
    {
      const Value sv = c.need("subscription");
      const std::string id = sv.str();
      auto it = std::find_if(sc.subscriptions.begin(), sc.subscriptions.end(), [&](const auto& s) { return s.id == id; });
      if (it == sc.subscriptions.end()) sv.fail("no subscription '" + id + "' is declared");
      spec.subscription = static_cast<uint16_t>(it - sc.subscriptions.begin());
      spec.plan = it->plan;
    }
    if (auto pv = c.get("plan")) spec.plan = read_plan(*pv);
    if (auto ov = c.get("os")) {
      if (!ov->node().IsMap()) ov->fail("expected a mapping of operating system to fraction, e.g. {windows-server-2022: 0.6, ubuntu-22.04: 0.4}");
      double total = 0;
      for (const auto& kv : ov->node()) {
        const std::string os = kv.first.Scalar();
        const Value fv(kv.second, ov->path() + "." + os, ctx);
        auto id = find_os(os);
        if (!id) {
          std::vector<std::string_view> names;
          for (const auto& info : os_catalog()) names.push_back(info.name);
          fail(ctx, kv.first, ov->path() + "." + os, "unknown operating system '" + os + "' (known: " + join(names) + ")");
        }
        const double f = fv.number(0.0, 1.0);
        total += f;
        spec.os_mix.push_back({*id, f});
      }
      if (std::abs(total - 1.0) > 1e-6) ov->fail("the fractions add up to " + std::to_string(total) + ", not 1");
    } else {
      spec.os_mix.push_back({*find_os("windows-server-2022"), 1.0});
    }
    if (auto pv = c.get("power")) spec.power = read_schedule(*pv);
    if (spec.power.kind == ScheduleKind::Autoscale && spec.power.autoscale.max > spec.count)
      c.need("power").fail("autoscale max (" + std::to_string(spec.power.autoscale.max) + ") exceeds the cohort's count (" +
                           std::to_string(spec.count) + ")");
    if (auto x = c.get("orchestration")) {
      spec.orchestration = static_cast<Orchestration>(x->choice(std::array<std::string_view, 3>{"none", "flexible", "uniform"}));
      if (spec.orchestration != Orchestration::None && spec.environment != Environment::Azure)
        x->fail("virtual machine scale sets are Azure resources: orchestration needs environment 'azure'");
    }
    if (auto x = c.get("onboarding")) {
      spec.onboarding = static_cast<Onboarding>(x->choice(std::array<std::string_view, 2>{"arc", "direct"}));
      if (spec.onboarding == Onboarding::Direct && spec.environment == Environment::Azure)
        x->fail("direct onboarding is for non-Azure servers (onprem, aws, gcp)");
    }
    spec.install_failures = fleet_failures;
    if (auto x = c.get("install_failures")) spec.install_failures = read_install_failures(*x, fleet_failures);
    spec.agent = fleet_agent;
    if (auto x = c.get("agent")) spec.agent = read_agent(*x, fleet_agent);
    if (auto x = c.get("added")) spec.added = read_time(*x, sc.start, false, false);
    if (auto x = c.get("removed")) {
      spec.removed = read_time(*x, sc.start, false, true);
      if (spec.removed <= spec.added) x->fail("the cohort is removed before it is added");
    }
    spec.first_machine = static_cast<uint32_t>(next_machine);
    next_machine += spec.count;
    if (next_machine > 100'000'000) c.need("count").fail("the fleet exceeds 100,000,000 machines");
    sc.cohorts.push_back(std::move(spec));
  }
  if (sc.cohorts.empty()) m.need("cohorts").fail("declare at least one cohort");
  read_network(m, sc);
  read_events(m, sc);
  mark_first_subscriptions(sc);
  return sc;
}

}  // namespace

uint32_t Scenario::machine_count() const {
  return std::accumulate(cohorts.begin(), cohorts.end(), uint32_t{0},
                         [](uint32_t n, const CohortSpec& c) { return n + c.count; });
}

Scenario parse_scenario(const std::string& text, const std::string& source, const std::vector<std::string>& overrides) {
  Context ctx{source, {}};
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    throw ScenarioError(source + ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1) +
                        ": YAML syntax error: " + e.msg);
  }
  if (!root.IsDefined() || root.IsNull()) throw ScenarioError(source + ": the scenario file is empty");
  for (const auto& o : overrides) apply_override(root, o, source, ctx.overrides);
  Scenario sc = parse(root, ctx);
  sc.source = source;
  sc.text = text;
  sc.overrides = overrides;
  return sc;
}

Scenario load_scenario(const std::string& path, const std::vector<std::string>& overrides) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ScenarioError(path + ": cannot open the scenario file (does it exist?)");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_scenario(text.str(), path, overrides);
}

}  // namespace fleettwin
