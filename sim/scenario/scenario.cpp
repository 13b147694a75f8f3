#include "sim/scenario/scenario.hpp"

#include <yaml-cpp/yaml.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <sstream>

#include "sim/scenario/duration.hpp"
#include "sim/scenario/sections.hpp"

namespace fleettwin {
namespace {

// A scenario is a few kilobytes; this bounds what a wrong file (a log, /dev/zero) can cost before it is refused.
constexpr std::uintmax_t kLargestScenario = 16u << 20;

Scenario parse(const YAML::Node& root, yaml::Context& ctx) {
  using namespace yaml;
  Scenario sc;
  const Value top(root, "", ctx);
  if (!root.IsMap())
    top.fail("a scenario is a mapping of keys (name, start, duration, tenants, subscriptions, cohorts, ...)");
  Map m(top, {"name", "description", "seed", "start", "duration", "tenants", "subscriptions", "cohorts", "power",
              "billing", "defender", "network", "events"});
  sc.name = m.need("name").name();
  if (auto d = m.get("description")) sc.description = d->str();
  if (auto s = m.get("seed")) sc.seed = s->integer(0, UINT64_MAX);
  {
    const Value st = m.need("start");
    auto t = parse_iso8601(st.str());
    if (!t) st.fail(quote_value(st.str()) + " is not an ISO 8601 time such as 2026-01-01T00:00:00Z");
    sc.start = *t;
    if (sc.start % 3600 != 0) st.fail("the start must be on a whole UTC hour: billing is by clock hour");
  }
  {
    const Value d = m.need("duration");
    sc.duration = d.duration(3600, kMaxRunSeconds);
    if (sc.duration % 3600 != 0) d.fail("the duration must be a whole number of hours (billing is by clock hour)");
  }
  read_tenants(m, sc);
  read_subscriptions(m, sc);
  read_power(m, sc);
  read_billing(m, sc);
  const FleetDefaults defaults = read_defender(m, sc);
  read_cohorts(m, sc, defaults);
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
  yaml::Context ctx{source, {}};
  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAll(text);
  } catch (const YAML::ParserException& e) {
    throw ScenarioError(source + ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1) +
                        ": YAML syntax error: " + e.msg);
  }
  if (documents.empty() || !documents[0].IsDefined() || documents[0].IsNull())
    throw ScenarioError(source + ": the scenario file is empty");
  if (documents.size() > 1) {
    const YAML::Mark at = documents[1].Mark();
    throw ScenarioError(source + (at.line >= 0 ? ":" + std::to_string(at.line + 1) + ":" + std::to_string(at.column + 1) : "") +
                        ": a second YAML document after '---': a scenario file holds one document");
  }
  YAML::Node root = documents[0];
  for (const auto& o : overrides) yaml::apply_override(root, o, source, ctx.overrides);
  Scenario sc = parse(root, ctx);
  sc.source = source;
  sc.text = text;
  sc.overrides = overrides;
  return sc;
}

Scenario load_scenario(const std::string& path, const std::vector<std::string>& overrides) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (fs::is_directory(status)) throw ScenarioError(path + ": is a directory, not a scenario file");
  if (fs::exists(status) && !fs::is_regular_file(status))
    throw ScenarioError(path + ": is not a regular file (a device or a pipe?): give a scenario file");
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const std::string why = fs::exists(status) ? std::strerror(errno) : "no such file";
    throw ScenarioError(path + ": cannot open the scenario file: " + why);
  }
  if (fs::file_size(path, ec) > kLargestScenario)
    throw ScenarioError(path + ": is over 16 MiB, too large to be a scenario file");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_scenario(text.str(), path, overrides);
}

}  // namespace fleettwin
