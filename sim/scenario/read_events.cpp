// Lifecycle events at given times, and the subscription settings and cohort scale-outs / scale-ins that become
// events too, so that the sites play them all in one time order.
#include <algorithm>

#include "sim/scenario/duration.hpp"
#include "sim/scenario/sections.hpp"

namespace fleettwin::yaml {

// An event's target: exactly one of a cohort or a subscription.
void read_target(const Map& d, const Scenario& sc, LifecycleAction& a) {
  if (auto c = d.get("cohort")) a.cohort = find_cohort(sc, *c);
  if (auto s = d.get("subscription")) a.subscription = find_subscription(sc, *s);
  if ((a.cohort < 0) == (a.subscription < 0)) d.self().fail("name either a 'cohort' or a 'subscription'");
}

void read_events(const Map& m, Scenario& sc) {
  if (auto ev = m.get("events")) {
    for (const auto& e : ev->list()) {
      Map em(e, {"at", "delete_extension", "move", "set_plan", "opt_in", "enable_integration", "campaign"});
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
      if (auto x = em.get("campaign")) {
        if (kinds == 0) read_campaign_event(*x, sc, a.at);
        ++kinds;
      }
      if (kinds != 1)
        e.fail("an event has 'at' and exactly one of: delete_extension, move, set_plan, opt_in, enable_integration, campaign");
      if (!em.get("campaign")) sc.actions.push_back(a);
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

}  // namespace fleettwin::yaml
