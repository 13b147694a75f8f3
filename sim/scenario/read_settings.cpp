// Scenario-wide settings: power transitions, billing, and the Defender for Endpoint agent's defaults.
#include "sim/scenario/duration.hpp"
#include "sim/scenario/sections.hpp"

namespace fleettwin::yaml {
namespace {
constexpr std::array<std::string_view, 2> kPartialHourNames = {"prorate", "round-up"};
}  // namespace

void read_power(const Map& m, Scenario& sc) {
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
      if (auto x = a.get("expire_after")) sc.power.arc_expire_after = x->duration(3600, kMaxRunSeconds);
    }
  }

}

void read_data(const Map& m, Scenario& sc) {
  const auto dv = m.get("data");
  if (!dv) return;
  Map d(*dv, {"telemetry_per_machine_day", "pseudonymised_share", "retention", "overage_usd_per_gb"});
  if (auto x = d.get("telemetry_per_machine_day")) sc.data.telemetry_mb_per_machine_day = x->number(0, 1e6);
  if (auto x = d.get("pseudonymised_share")) sc.data.pseudonymised_share = x->number(0, 1);
  if (auto x = d.get("retention")) sc.data.retention = x->duration(86400, 10LL * 365 * 86400);
  if (auto x = d.get("overage_usd_per_gb")) sc.data.overage_usd_per_gb = x->number(0, 1e6);
}

void read_billing(const Map& m, Scenario& sc) {
  if (auto bv = m.get("billing")) {
    Map b(*bv, {"p1_monthly_usd", "p2_monthly_usd", "hours_per_month", "partial_hour"});
    if (auto x = b.get("p1_monthly_usd")) sc.billing.p1_monthly_usd = x->number(0, 1e6);
    if (auto x = b.get("p2_monthly_usd")) sc.billing.p2_monthly_usd = x->number(0, 1e6);
    if (auto x = b.get("hours_per_month")) sc.billing.hours_per_month = static_cast<double>(x->integer(1, 10000));
    if (auto x = b.get("partial_hour")) sc.billing.partial_hour = static_cast<PartialHourRule>(x->choice(kPartialHourNames));
  }

}

FleetDefaults read_defender(const Map& m, Scenario& sc) {
  FleetDefaults defaults;
  if (auto dv = m.get("defender")) {
    Map d(*dv, {"heartbeat_interval", "onboarding", "retry", "install_failures", "agent", "legacy"});
    auto& prov = sc.defender.provisioning;
    if (auto x = d.get("heartbeat_interval")) {
      const int64_t hb = x->duration(60, 3600);
      if (3600 % hb != 0) x->fail("the heartbeat interval must divide an hour exactly (e.g. 1m, 5m, 15m, 30m, 1h)");
      sc.defender.heartbeat_interval = static_cast<int32_t>(hb);
    }
    if (auto ov = d.get("onboarding")) {
      Map o(*ov, {"delay", "first_subscription_delay", "direct_delay", "tenant_move_delay"});
      if (auto x = o.get("delay")) prov.delay = read_distribution(*x);
      if (auto x = o.get("first_subscription_delay")) prov.first_subscription_delay = read_distribution(*x);
      if (auto x = o.get("direct_delay")) prov.direct_delay = read_distribution(*x);
      if (auto x = o.get("tenant_move_delay")) prov.tenant_move_delay = read_distribution(*x);
    }
    if (auto rv = d.get("retry")) {
      Map r(*rv, {"first", "factor", "max_interval", "max_attempts"});
      if (auto x = r.get("first")) prov.retry.first = x->duration(1, kMaxRunSeconds);
      if (auto x = r.get("factor")) prov.retry.factor = x->number(1, 100);
      if (auto x = r.get("max_interval")) prov.retry.max_interval = x->duration(1, kMaxRunSeconds);
      if (auto x = r.get("max_attempts")) prov.retry.max_attempts = static_cast<uint32_t>(x->integer(1, 255));
    }
    if (auto x = d.get("install_failures")) defaults.install_failures = read_install_failures(*x, defaults.install_failures);
    if (auto x = d.get("agent")) defaults.agent = read_agent(*x, defaults.agent);
    if (auto lv = d.get("legacy")) {
      Map l(*lv, {"unified_solution_cutoff", "linux_cutoff"});
      const auto date = [](const Value& x) {
        auto t = parse_iso8601(x.str());
        if (!t) x.fail(quote_value(x.str()) + " is not a date such as 2022-03-20");
        return *t;
      };
      if (auto x = l.get("unified_solution_cutoff")) prov.unified_solution_cutoff = date(*x);
      if (auto x = l.get("linux_cutoff")) prov.linux_cutoff = date(*x);
    }
  }

  return defaults;
}

}  // namespace fleettwin::yaml
