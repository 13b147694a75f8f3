#include <cstdio>
#include <filesystem>
#include <limits>

#include "models/sweep/constraint.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/schedules.hpp"
#include "sim/scenario/yaml_reader.hpp"
#include "sim/sweep/metrics.hpp"
#include "sim/sweep/sweep_spec.hpp"

namespace fleettwin::sweep {

RunSpec SweepSpec::run(size_t index) const {
  RunSpec r;
  r.index = index;
  r.point = index % points.size();
  r.replica = index / points.size();
  r.seed = run_seed(base_seed, r.point, r.replica, seeds);
  char name[32];
  std::snprintf(name, sizeof name, "p%05zu-r%04zu", r.point, r.replica);
  r.name = name;
  return r;
}

namespace {

using yaml::Map;
using yaml::Value;

constexpr size_t kMaxRuns = 1'000'000;
constexpr std::array<std::string_view, 3> kDesignNames = {"grid", "zip", "latin-hypercube"};
constexpr std::array<std::string_view, 2> kSeedModes = {"common", "independent"};
constexpr std::array<std::string_view, 2> kScales = {"linear", "log"};

bool is_identifier(const std::string& s) {
  if (s.empty() || s.size() > 64 || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  return true;
}

// The name an axis gets from its key when it has none: the key with every other character made '_'.
std::string name_from_key(const std::string& key) {
  std::string n;
  for (char c : key) n += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  if (n.empty() || std::isdigit(static_cast<unsigned char>(n[0]))) n = "_" + n;
  return n;
}

// A value as --set takes it: a scalar's own text, anything else as flow-style YAML.
AxisValue read_value(const Value& v) {
  if (v.node().IsScalar()) return value_of(v.node().Scalar());
  if (!v.node().IsMap() && !v.node().IsSequence()) v.fail("expected a value, found " + yaml::type_name(v.node()));
  YAML::Emitter out;
  out << YAML::Flow << v.node();
  return {out.c_str(), std::nullopt};
}

Axis read_axis(const Value& v, DesignKind design) {
  Map m(v, {"name", "key", "values", "range", "with"});
  Axis a;
  const Value key = m.need("key");
  a.key = key.str();
  if (a.key.empty() || a.key.find('=') != std::string::npos || a.key.find(' ') != std::string::npos)
    key.fail("expected a scenario key path as --set takes it (cohorts.NAME.count, billing.partial_hour)");
  if (auto n = m.get("name")) {
    a.name = n->str();
    if (!is_identifier(a.name))
      n->fail("'" + a.name + "' is not a name of letters, digits and '_' (not starting with a digit; at most 64)");
  } else {
    a.name = name_from_key(a.key);
  }
  if (auto w = m.get("with")) a.with = w->str();
  const auto values = m.get("values");
  const auto range = m.get("range");
  if (values && range) range->fail("give values or a range, not both");
  if (!values && !range) m.self().fail("an axis needs values (a list) or a range");
  if (values) {
    const auto list = values->list();
    if (list.empty()) values->fail("the value list is empty: give at least one value");
    for (const auto& x : list) a.values.push_back(read_value(x));
    return a;
  }
  Map r(*range, {"from", "to", "count", "step", "scale", "integer"});
  const double lim = std::numeric_limits<double>::max();
  const double from = r.need("from").number(-lim, lim), to = r.need("to").number(-lim, lim);
  const bool log = r.get("scale") && r.get("scale")->choice(kScales) == 1;
  const bool integer = r.get("integer") && r.get("integer")->boolean();
  if (log && (from <= 0 || to <= 0)) range->fail("a log range needs from and to above 0");
  const auto count = r.get("count");
  const auto step = r.get("step");
  if (count && step) step->fail("give count or step, not both");
  if (!count && !step) {
    if (design != DesignKind::LatinHypercube)
      range->fail("a range needs count (values from..to, both ends) or step, except in design latin-hypercube");
    a.range = Range{from, to, log, integer};
    return a;
  }
  size_t n = 0;
  if (count) {
    n = count->integer(1, 100'000);
  } else {
    if (log) step->fail("a log range takes count, not step");
    const double s = step->number(0, lim);
    if (s <= 0) step->fail("the step must be above 0");
    const double steps = std::floor((std::fabs(to - from) + 1e-9 * std::fabs(s)) / s);
    if (steps >= 100'000) step->fail("over 100,000 values");
    n = static_cast<size_t>(steps) + 1;
    const double end = from + (to >= from ? 1 : -1) * s * static_cast<double>(n - 1);
    a.values = range_values(from, end, n, false, integer);
    return a;
  }
  a.values = range_values(from, to, n, log, integer);
  return a;
}

}  // namespace

SweepSpec read_sweep(const std::string& path) {
  SweepSpec sp;
  sp.source = path;
  const std::string text = yaml::read_document(path, "sweep");
  const YAML::Node root = yaml::parse_document(text, path, "sweep");
  yaml::Context ctx{path, {}};
  const Value top_value(root, "", ctx);
  if (!root.IsMap()) top_value.fail("a sweep file is a mapping (base:, parameters:, replicas:, ...)");
  Map top(top_value, {"name", "description", "base", "seed", "design", "parameters", "constraint", "replicas",
                      "seeds", "metrics", "series"});

  // The design first: it decides how a range reads.
  if (auto d = top.get("design")) {
    if (d->node().IsMap()) {
      Map dm(*d, {"kind", "samples", "seed"});
      sp.design.kind = static_cast<DesignKind>(dm.need("kind").choice(kDesignNames));
      if (sp.design.kind == DesignKind::LatinHypercube) {
        sp.design.samples = dm.need("samples").integer(1, kMaxRuns);
        if (auto s = dm.get("seed")) sp.design.seed = s->integer(0, std::numeric_limits<uint64_t>::max());
      } else if (auto s = dm.get("samples")) {
        s->fail("samples is for kind latin-hypercube");
      }
    } else {
      sp.design.kind = static_cast<DesignKind>(d->choice(kDesignNames));
      if (sp.design.kind == DesignKind::LatinHypercube)
        d->fail("latin-hypercube needs a sample count: design: {kind: latin-hypercube, samples: N, seed: S}");
    }
  }

  const Value base = top.need("base");
  sp.base = base.str();
  namespace fs = std::filesystem;
  const fs::path base_path = fs::path(sp.base).is_absolute() ? fs::path(sp.base) : fs::path(path).parent_path() / sp.base;
  sp.base_path = base_path.lexically_normal().string();
  Scenario base_scenario;
  try {
    sp.base_text = yaml::read_document(sp.base_path, "scenario");
    base_scenario = parse_scenario(sp.base_text, sp.base_path, {});
  } catch (const ScenarioError& e) {
    base.fail(std::string("the base scenario: ") + e.what());
  }
  sp.base_seed = base_scenario.seed;
  if (auto s = top.get("seed")) sp.base_seed = s->integer(0, std::numeric_limits<uint64_t>::max());

  const Value params = top.need("parameters");
  const auto list = params.list();
  if (list.empty()) params.fail("no parameters: give at least one axis ({key: ..., values: [...]})");
  std::vector<Value> axis_values;
  for (const auto& v : list) {
    sp.axes.push_back(read_axis(v, sp.design.kind));
    axis_values.push_back(v);
  }
  std::vector<std::string> names;
  for (size_t i = 0; i < sp.axes.size(); ++i) {
    const std::string& n = sp.axes[i].name;
    if (n == "point" || n == "replica" || find_metric(n) || find_series(n))
      axis_values[i].fail("the axis name '" + n + "' is taken (point, replica, or a metric or series name)");
    for (const auto& earlier : names)
      if (earlier == n) axis_values[i].fail("two axes are named '" + n + "': give each its own name");
    names.push_back(n);
  }
  std::vector<Point> expanded;
  try {
    expanded = expand(sp.axes, sp.design);
  } catch (const DesignError& e) {
    params.fail(e.what());
  }
  if (auto c = top.get("constraint")) {
    sp.constraint = c->str();
    try {
      const Constraint constraint(sp.constraint, names);
      for (auto& p : expanded)
        if (constraint.holds(p)) sp.points.push_back(std::move(p));
    } catch (const ConstraintError& e) {
      c->fail(e.what());
    }
    if (sp.points.empty())
      c->fail("the constraint excludes every one of the " + std::to_string(expanded.size()) + " points");
  } else {
    sp.points = std::move(expanded);
  }

  if (auto r = top.get("replicas")) sp.replicas = r->integer(1, kMaxRuns);
  if (auto s = top.get("seeds")) sp.seeds = static_cast<SeedMode>(s->choice(kSeedModes));
  if (sp.runs() > kMaxRuns)
    top.self().fail(std::to_string(sp.points.size()) + " points x " + std::to_string(sp.replicas) +
                    " replicas is over 1,000,000 runs");

  const auto read_names = [&](const char* key, auto find, std::vector<std::string> fallback,
                              const std::vector<MetricInfo>& catalogue) {
    const auto v = top.get(key);
    if (!v) return fallback;
    std::vector<std::string> out;
    for (const auto& x : v->list()) {
      const std::string n = x.str();
      if (!find(n)) {
        std::string known;
        for (const auto& m : catalogue) known += (known.empty() ? "" : ", ") + m.name;
        x.fail("unknown " + std::string(key == std::string("metrics") ? "metric" : "series") + " '" + n +
               "' (known: " + known + ")");
      }
      for (const auto& o : out)
        if (o == n) x.fail("'" + n + "' is listed twice");
      out.push_back(n);
    }
    return out;
  };
  sp.metrics = read_names("metrics", find_metric,
                          {"total_cost_usd", "unprotected_machine_hours", "hours_to_95_healthy", "peak_heartbeat_issues"},
                          metric_catalogue());
  sp.series = read_names("series", find_series, {}, series_catalogue());

  // Every point must be a valid scenario: the axis's key exists and takes the value.
  for (size_t p = 0; p < sp.points.size(); ++p) {
    std::vector<std::string> sets;
    for (size_t i = 0; i < sp.axes.size(); ++i) sets.push_back(sp.axes[i].key + "=" + sp.points[p][i].text);
    try {
      Scenario sc = parse_scenario(sp.base_text, sp.base_path, sets);
      compile_schedules(sc);  // time zones and jitter against the schedules, as `fleettwin validate` checks
      sp.size.push_back(static_cast<double>(sc.machine_count()) * static_cast<double>(sc.duration) / 86400.0);
    } catch (const ScenarioError& e) {
      // Name the axis whose --set the message names, else the first.
      size_t culprit = 0;
      const std::string what = e.what();
      for (size_t i = 0; i < sets.size(); ++i)
        if (what.find("--set " + sp.axes[i].key + "=") != std::string::npos) culprit = i;
      axis_values[culprit].fail("point " + std::to_string(p) + " is not a valid scenario: " + what);
    }
    sp.sets.push_back(std::move(sets));
  }
  return sp;
}

}  // namespace fleettwin::sweep
