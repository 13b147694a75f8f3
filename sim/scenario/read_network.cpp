// The network: scheduled site and region outages, and random ones per environment.
#include "sim/scenario/duration.hpp"
#include "sim/scenario/sections.hpp"

namespace fleettwin::yaml {

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
      if (found.empty()) lv.fail("no cohort is placed in a region or site named " + quote_value(name));
      if (found.size() > 1) lv.fail(quote_value(name) + " names locations in several environments: add 'environment'");
      const int64_t start = read_time(om.need("start"), sc.start, false, false);
      const int64_t length = om.need("duration").duration(1, kMaxRunSeconds);
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
      ro.mean_time_between = static_cast<double>(em.need("mean_time_between").duration(3600, kMaxRunSeconds));
      if (auto x = em.get("duration")) ro.duration = read_distribution(*x);
    }
  }
}

}  // namespace fleettwin::yaml
