// The fleet: tenants, subscriptions and cohorts (placed in regions or sites, which become the locations).
#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include "models/fleet/os_catalog.hpp"
#include "sim/scenario/duration.hpp"
#include "sim/scenario/sections.hpp"

namespace fleettwin::yaml {
namespace {

// Codes of tenants, subscriptions, cohorts and locations are 16-bit in the fleet store and the output.
void check_catalogue_size(const Value& entry, size_t count, const char* what) {
  if (count >= kMaxCatalogue)
    entry.fail(std::string("a scenario has at most ") + std::to_string(kMaxCatalogue) + " " + what);
}

}  // namespace

void read_tenants(const Map& m, Scenario& sc) {
  std::unordered_set<std::string> ids;
  for (const auto& tv : m.need("tenants").list()) {
    check_catalogue_size(tv, sc.tenants.size(), "tenants");
    Map t(tv, {"id", "geo"});
    TenantSpec spec{t.need("id").name(), Geo::US};
    spec.geo = static_cast<Geo>(t.need("geo").choice(kGeoNames));
    if (!ids.insert(spec.id).second) t.need("id").fail("tenant " + quote_value(spec.id) + " is declared twice");
    sc.tenants.push_back(spec);
  }
  if (sc.tenants.empty()) m.need("tenants").fail("declare at least one tenant");
}

void read_subscriptions(const Map& m, Scenario& sc) {
  std::unordered_map<std::string, uint16_t> tenant_index;
  for (size_t i = 0; i < sc.tenants.size(); ++i) tenant_index.emplace(sc.tenants[i].id, static_cast<uint16_t>(i));
  std::unordered_set<std::string> ids;
  for (const auto& sv : m.need("subscriptions").list()) {
    check_catalogue_size(sv, sc.subscriptions.size(), "subscriptions");
    Map s(sv, {"id", "tenant", "plan", "created", "endpoint_protection", "licences", "trial"});
    SubscriptionSpec spec{s.need("id").name(), 0, Plan::Off};
    if (!ids.insert(spec.id).second) s.need("id").fail("subscription " + quote_value(spec.id) + " is declared twice");
    if (auto tv = s.get("tenant")) {
      const std::string id = tv->str();
      const auto it = tenant_index.find(id);
      if (it == tenant_index.end()) tv->fail("no tenant " + quote_value(id) + " is declared");
      spec.tenant = it->second;
    } else if (sc.tenants.size() > 1) {
      sv.fail("missing required key 'tenant' (the scenario declares more than one tenant)");
    }
    spec.plan = read_plan(s.need("plan"));
    if (auto cv = s.get("created")) {
      auto t = parse_iso8601(cv->str());
      if (!t) cv->fail(quote_value(cv->str()) + " is not a date such as 2021-05-01");
      spec.created = *t;
    }
    if (auto ev = s.get("endpoint_protection")) {
      Map e(*ev, {"enabled", "unified_solution", "linux"});
      if (auto x = e.get("enabled")) spec.enabled_at = read_time(*x, sc.start, true, true);
      if (auto x = e.get("unified_solution")) spec.unified_opt_in = read_time(*x, sc.start, true, true);
      if (auto x = e.get("linux")) spec.linux_opt_in = read_time(*x, sc.start, true, true);
    }
    if (auto lv = s.get("licences")) {
      Map l(*lv, {"count", "approved"});
      spec.licences = static_cast<uint32_t>(l.need("count").integer(0, 100'000'000));
      const Value a = l.need("approved");
      spec.licences_approved = read_time(a, sc.start, true, true);
      if (spec.created != INT64_MAX / 4 && spec.licences_approved != kNeverTime &&
          sc.start + spec.licences_approved < spec.created)
        a.fail("the licences are approved before the subscription exists (created " + format_iso8601(spec.created) + ")");
    }
    if (auto tv = s.get("trial")) {
      Map tr(*tv, {"start"});
      spec.trial_start = read_time(tr.need("start"), sc.start, true, false);
      if (spec.trial_start != kBeforeStart && spec.trial_start % 3600 != 0)
        tr.need("start").fail("a trial starts on a whole hour (billing is by clock hour)");
    }
    sc.subscriptions.push_back(spec);
  }
  if (sc.subscriptions.empty()) m.need("subscriptions").fail("declare at least one subscription");
}

namespace {

std::vector<OsShare> read_os_mix(const Value& v) {
  if (!v.node().IsMap())
    v.fail("expected a mapping of operating system to fraction, e.g. {windows-server-2022: 0.6, ubuntu-22.04: 0.4}");
  std::vector<OsShare> mix;
  double total = 0;
  for (const Entry& e : entries(v)) {
    auto id = find_os(e.key);
    if (!id) {
      std::vector<std::string_view> names;
      for (const auto& info : os_catalog()) names.push_back(info.name);
      fail(v.context(), e.key_node, e.value.path(),
           "unknown operating system " + quote_value(e.key) + " (known: " + join(names) + ")");
    }
    const double f = e.value.number(0.0, 1.0);
    total += f;
    mix.push_back({*id, f});
  }
  if (mix.empty()) v.fail("the mapping is empty: give at least one operating system and its fraction");
  if (std::abs(total - 1.0) > 1e-6) v.fail("the fractions add up to " + std::to_string(total) + ", not 1");
  return mix;
}

}  // namespace

void read_cohorts(const Map& m, Scenario& sc, const FleetDefaults& defaults) {
  std::unordered_map<std::string, uint16_t> subscription_index;
  for (size_t i = 0; i < sc.subscriptions.size(); ++i)
    subscription_index.emplace(sc.subscriptions[i].id, static_cast<uint16_t>(i));
  std::unordered_map<std::string, uint16_t> location_index;  // "environment/name"
  std::unordered_set<std::string> names;
  uint64_t next_machine = 0;
  for (const auto& cv : m.need("cohorts").list()) {
    check_catalogue_size(cv, sc.cohorts.size(), "cohorts");
    Map c(cv, {"name", "count", "environment", "region", "site", "subscription", "plan", "os", "power", "orchestration",
               "onboarding", "install_failures", "agent", "added", "removed", "exposure", "antivirus", "asr",
               "tamper_protection", "air", "vulnerabilities", "security_data_per_day"});
    CohortSpec spec;
    spec.name = c.need("name").name();
    if (!names.insert(spec.name).second) c.need("name").fail("cohort " + quote_value(spec.name) + " is declared twice");
    spec.count = static_cast<uint32_t>(c.need("count").integer(0, 50'000'000));
    spec.environment = static_cast<Environment>(c.need("environment").choice(kEnvironmentNames));
    const std::string env_name(kEnvironmentNames[static_cast<size_t>(spec.environment)]);
    const bool onprem = spec.environment == Environment::OnPrem;
    const char* where_key = onprem ? "site" : "region";
    const char* other_key = onprem ? "region" : "site";
    if (auto wrong = c.get(other_key))
      wrong->fail("a cohort in '" + env_name + "' has a '" + where_key + "', not a '" + other_key + "'");
    const Value where_value = c.need(where_key);
    const std::string where = where_value.name();
    const auto [loc, added] = location_index.try_emplace(env_name + "/" + where, static_cast<uint16_t>(sc.locations.size()));
    if (added) {
      check_catalogue_size(where_value, sc.locations.size(), "regions and sites");
      sc.locations.push_back({where, spec.environment});
    }
    spec.location = loc->second;
    {
      const Value sv = c.need("subscription");
      const std::string id = sv.str();
      const auto it = subscription_index.find(id);
      if (it == subscription_index.end()) sv.fail("no subscription " + quote_value(id) + " is declared");
      spec.subscription = it->second;
      spec.plan = sc.subscriptions[it->second].plan;
    }
    if (auto pv = c.get("plan")) spec.plan = read_plan(*pv);
    if (auto ov = c.get("os"))
      spec.os_mix = read_os_mix(*ov);
    else
      spec.os_mix.push_back({*find_os("windows-server-2022"), 1.0});
    if (auto pv = c.get("power")) spec.power = read_schedule(*pv);
    if (spec.power.kind == ScheduleKind::Autoscale && spec.power.autoscale.max > spec.count)
      c.need("power").fail("autoscale max (" + std::to_string(spec.power.autoscale.max) +
                           ") exceeds the cohort's count (" + std::to_string(spec.count) + ")");
    if (auto x = c.get("orchestration")) {
      spec.orchestration =
          static_cast<Orchestration>(x->choice(std::array<std::string_view, 3>{"none", "flexible", "uniform"}));
      if (spec.orchestration != Orchestration::None && spec.environment != Environment::Azure)
        x->fail("virtual machine scale sets are Azure resources: orchestration needs environment 'azure'");
    }
    if (auto x = c.get("onboarding")) {
      spec.onboarding = static_cast<Onboarding>(x->choice(std::array<std::string_view, 2>{"arc", "direct"}));
      if (spec.onboarding == Onboarding::Direct && spec.environment == Environment::Azure)
        x->fail("direct onboarding is for non-Azure servers (onprem, aws, gcp)");
    }
    spec.install_failures = defaults.install_failures;
    if (auto x = c.get("install_failures")) spec.install_failures = read_install_failures(*x, defaults.install_failures);
    spec.agent = defaults.agent;
    if (auto x = c.get("agent")) spec.agent = read_agent(*x, defaults.agent);
    if (auto x = c.get("added")) spec.added = read_time(*x, sc.start, false, false);
    if (auto x = c.get("removed")) {
      spec.removed = read_time(*x, sc.start, false, true);
      if (spec.removed <= spec.added) x->fail("the cohort is removed before it is added");
    }
    read_cohort_protection(c, spec);
    read_cohort_vulnerabilities(c, spec, sc.start);
    if (auto x = c.get("security_data_per_day")) spec.security_mb_per_day = x->number(0, 1e6);
    spec.first_machine = static_cast<uint32_t>(next_machine);
    next_machine += spec.count;
    if (next_machine > kMaxFleet) c.need("count").fail("the fleet exceeds 100,000,000 machines");
    sc.cohorts.push_back(std::move(spec));
  }
  if (sc.cohorts.empty()) m.need("cohorts").fail("declare at least one cohort");
}

}  // namespace fleettwin::yaml
