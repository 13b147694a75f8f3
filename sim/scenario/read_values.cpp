// Values shared by several sections of a scenario file: days, duration ranges, distributions, times in the run,
// plans, installation failure rates, agent reliability, references to cohorts and subscriptions.
#include <algorithm>

#include "sim/scenario/duration.hpp"
#include "sim/scenario/sections.hpp"

namespace fleettwin::yaml {
namespace {
constexpr std::array<std::string_view, 7> kDayNames = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
}  // namespace

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

Plan read_plan(const Value& v) { return static_cast<Plan>(v.choice(kPlanNames)); }

constexpr std::array<std::string_view, 5> kDistributionNames = {"fixed", "uniform", "exponential", "weibull",
                                                                 "lognormal"};

// A duration distribution: a plain duration ("6h", fixed) or a mapping naming the distribution and its
// parameters, e.g. {distribution: lognormal, median: 12h, sigma: 1.0}.
Distribution read_distribution(const Value& v, int64_t max) {
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
  if (!t) v.fail(quote_value(s) + " is not a time: write " + words);
  if (*t < start) v.fail(quote_value(s) + " is before the run's start" + (allow_before_start ? " (write 'before-start')" : ""));
  if (*t - start > kMaxRunSeconds) v.fail(quote_value(s) + " is more than ten years after the run's start");
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

int32_t find_cohort(const Scenario& sc, const Value& v) {
  const std::string name = v.str();
  for (size_t i = 0; i < sc.cohorts.size(); ++i)
    if (sc.cohorts[i].name == name) return static_cast<int32_t>(i);
  v.fail("no cohort " + quote_value(name) + " is declared");
}

int32_t find_subscription(const Scenario& sc, const Value& v) {
  const std::string id = v.str();
  for (size_t i = 0; i < sc.subscriptions.size(); ++i)
    if (sc.subscriptions[i].id == id) return static_cast<int32_t>(i);
  v.fail("no subscription " + quote_value(id) + " is declared");
}

}  // namespace fleettwin::yaml
