#include "sim/scenario.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <numeric>
#include <set>
#include <sstream>

#include "models/os_catalog.hpp"
#include "sim/duration.hpp"
#include "sim/timezone.hpp"

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

Scenario parse(const YAML::Node& root, Context& ctx) {
  Scenario sc;
  const Value top(root, "", ctx);
  if (!root.IsMap()) top.fail("a scenario is a mapping of keys (name, start, duration, tenants, subscriptions, cohorts, ...)");
  Map m(top, {"name", "description", "seed", "start", "duration", "tenants", "subscriptions", "cohorts", "power", "billing"});
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
    Map s(sv, {"id", "tenant", "plan"});
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

  uint64_t next_machine = 0;
  for (const auto& cv : m.need("cohorts").list()) {
    Map c(cv, {"name", "count", "environment", "region", "site", "subscription", "plan", "os", "power"});
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
    spec.first_machine = static_cast<uint32_t>(next_machine);
    next_machine += spec.count;
    if (next_machine > 100'000'000) c.need("count").fail("the fleet exceeds 100,000,000 machines");
    sc.cohorts.push_back(std::move(spec));
  }
  if (sc.cohorts.empty()) m.need("cohorts").fail("declare at least one cohort");
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
