#include <string>
#include <vector>

#include "models/fleet/os_catalog.hpp"
#include "sim/output/groups.hpp"
#include "sim/scenario/duration.hpp"
#include "sim/scenario/timezone.hpp"
#include "version.hpp"

namespace fleettwin {

void write_root_and_catalogues(H5Writer& w, const Scenario& sc) {
  namespace root = schema::root;
  const hid_t f = w.file();
  h5::attr(f, root::kTitle, "fleettwin run: " + sc.name);
  h5::attr(f, root::kVersion, std::string(kVersion));
  h5::attr(f, root::kLayout, root::kLayoutText);
  h5::attr(f, root::kScenarioName, sc.name);
  h5::attr(f, root::kScenarioDescription, sc.description);
  h5::attr(f, root::kScenarioFile, sc.source);
  h5::attr(f, root::kScenarioText, sc.text);
  std::string overrides;
  for (const auto& o : sc.overrides) overrides += (overrides.empty() ? "" : "\n") + o;
  h5::attr(f, root::kScenarioOverrides, overrides);  // the --set key=value lines, one per line
  h5::attr(f, root::kSeed, sc.seed);
  h5::attr(f, root::kStart, format_iso8601(sc.start));
  h5::attr(f, root::kDuration, sc.duration);
  h5::attr(f, root::kMachines, static_cast<int64_t>(sc.machine_count()));
  h5::attr(f, root::kTzdataVersion, tzdata_version());

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
    h5::Id name = w.label_scale(schema::kCohortName, names);
    H5Writer::attach(w.column(schema::kCohortCount, counts), name, 0);
    h5::Id env = w.column(schema::kCohortEnvironment, envs);
    H5Writer::attach(env, name, 0);
    H5Writer::flags(env, kEnvironmentNames);
    H5Writer::attach(w.column(schema::kCohortLocation, locs), name, 0);
    H5Writer::attach(w.column(schema::kCohortSubscription, subs), name, 0);
    h5::Id plan = w.column(schema::kCohortPlan, plans);
    H5Writer::attach(plan, name, 0);
    H5Writer::flags(plan, kPlanNames);
    H5Writer::attach(w.text_column(schema::kCohortSchedule, schedules), name, 0);
  }
  {
    std::vector<std::string> names;
    std::vector<int64_t> envs;
    for (const auto& l : sc.locations) {
      names.push_back(l.name);
      envs.push_back(static_cast<int64_t>(l.environment));
    }
    h5::Id name = w.label_scale(schema::kLocationName, names);
    h5::Id env = w.column(schema::kLocationEnvironment, envs);
    H5Writer::attach(env, name, 0);
    H5Writer::flags(env, kEnvironmentNames);
  }
  {
    std::vector<std::string> ids, tenants, geos;
    std::vector<int64_t> plans;
    for (const auto& s : sc.subscriptions) {
      ids.push_back(s.id);
      tenants.push_back(sc.tenants[s.tenant].id);
      geos.emplace_back(kGeoNames[static_cast<size_t>(sc.tenants[s.tenant].geo)]);
      plans.push_back(static_cast<int64_t>(s.plan));
    }
    h5::Id id = w.label_scale(schema::kSubscriptionId, ids);
    H5Writer::attach(w.text_column(schema::kSubscriptionTenant, tenants), id, 0);
    H5Writer::attach(w.text_column(schema::kSubscriptionGeo, geos), id, 0);
    h5::Id plan = w.column(schema::kSubscriptionPlan, plans);
    H5Writer::attach(plan, id, 0);
    H5Writer::flags(plan, kPlanNames);
  }
  {
    std::vector<std::string> names, families;
    for (const auto& info : os_catalog()) {
      names.emplace_back(info.name);
      families.emplace_back(os_family_name(info.family));
    }
    h5::Id name = w.label_scale(schema::kOsName, names);
    H5Writer::attach(w.text_column(schema::kOsFamily, families), name, 0);
  }
}

}  // namespace fleettwin
