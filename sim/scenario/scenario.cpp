#include "sim/scenario/scenario.hpp"

#include <yaml-cpp/anchor.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <optional>
#include <stdexcept>
#include <sstream>

#include "sim/scenario/duration.hpp"
#include "sim/scenario/quote.hpp"
#include "sim/scenario/sections.hpp"

namespace fleettwin {
namespace {

// A scenario is a few kilobytes; this bounds what a wrong file (a log, /dev/zero) can cost before it is refused.
constexpr std::uintmax_t kLargestScenario = 16u << 20;

// Where the second document of the text starts, if it has one with content. yaml-cpp's LoadAll loops forever on
// some malformed input (",\n a": found by the fuzzer), so the documents are walked with its event parser instead,
// two at most, and the walk is abandoned past a bound no well-formed text reaches (an event needs input bytes).
std::optional<YAML::Mark> second_document(const std::string& text) {
  struct Counter final : YAML::EventHandler {
    size_t events = 0, limit = 0;
    bool content = false;
    YAML::Mark first;
    void seen(const YAML::Mark& m) {
      if (!content) first = m;
      content = true;
      if (++events > limit) throw std::length_error("runaway parse");
    }
    void OnDocumentStart(const YAML::Mark&) override {}
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark& m, YAML::anchor_t) override { seen(m); }
    void OnAlias(const YAML::Mark& m, YAML::anchor_t) override { seen(m); }
    void OnScalar(const YAML::Mark& m, const std::string&, YAML::anchor_t, const std::string&) override { seen(m); }
    void OnSequenceStart(const YAML::Mark& m, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
      seen(m);
    }
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark& m, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
      seen(m);
    }
    void OnMapEnd() override {}
  };
  std::istringstream in(text);
  YAML::Parser parser(in);
  Counter counter;
  counter.limit = 2 * text.size() + 64;
  try {
    if (!parser.HandleNextDocument(counter)) return std::nullopt;
    counter.content = false;
    if (parser.HandleNextDocument(counter) && counter.content) return counter.first;
  } catch (const std::length_error&) {
    return YAML::Mark::null_mark();
  }
  return std::nullopt;
}

Scenario parse(const YAML::Node& root, yaml::Context& ctx) {
  using namespace yaml;
  Scenario sc;
  const Value top(root, "", ctx);
  if (!root.IsMap())
    top.fail("a scenario is a mapping of keys (name, start, duration, tenants, subscriptions, cohorts, ...)");
  Map m(top, {"name", "description", "seed", "start", "duration", "tenants", "subscriptions", "cohorts", "power",
              "billing", "defender", "network", "events", "threats", "alerts", "soc", "vulnerabilities",
              "data"});
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
  read_data(m, sc);
  const FleetDefaults defaults = read_defender(m, sc);
  read_cohorts(m, sc, defaults);
  read_network(m, sc);
  read_threats(m, sc);
  read_vulnerabilities(m, sc);
  read_events(m, sc);
  std::stable_sort(sc.campaigns.begin(), sc.campaigns.end(),
                   [](const ScriptedCampaign& a, const ScriptedCampaign& b) { return a.at < b.at; });
  mark_first_subscriptions(sc);
  // More discounted licences than the subscription's machines is allowed (the count is what Microsoft approved)
  // but worth saying: the discount never exceeds the machines billed.
  std::vector<uint64_t> machines(sc.subscriptions.size(), 0);
  for (const auto& c : sc.cohorts) machines[c.subscription] += c.count;
  for (size_t i = 0; i < sc.subscriptions.size(); ++i)
    if (sc.subscriptions[i].licences > machines[i])
      sc.warnings.push_back(ctx.source + ": subscriptions[" + std::to_string(i) + "].licences.count: " +
                            std::to_string(sc.subscriptions[i].licences) + " Defender for Endpoint licences for " +
                            std::to_string(machines[i]) + " machines in subscription '" + sc.subscriptions[i].id +
                            "': the discount covers at most the machines billed in each hour");
  return sc;
}

}  // namespace

uint32_t Scenario::machine_count() const {
  return std::accumulate(cohorts.begin(), cohorts.end(), uint32_t{0},
                         [](uint32_t n, const CohortSpec& c) { return n + c.count; });
}

namespace yaml {
YAML::Node parse_document(const std::string& text, const std::string& source, const char* kind) {
  YAML::Node root;
  std::optional<YAML::Mark> second;
  try {
    root = YAML::Load(text);
    second = second_document(text);
  } catch (const YAML::ParserException& e) {
    throw ScenarioError(source + ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1) +
                        ": YAML syntax error: " + e.msg);
  }
  if (!root.IsDefined() || root.IsNull()) {
    // Only comments and blank lines, or text yaml-cpp reads as nothing at all.
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line)) {
      const size_t first = line.find_first_not_of(" \t\r");
      if (first != std::string::npos && line[first] != '#')
        throw ScenarioError(source + ": no YAML document could be read from the file (is it YAML? line: " +
                            quote_value(line) + ")");
    }
    throw ScenarioError(source + ": the " + kind + " file is empty");
  }
  if (second)
    throw ScenarioError(source + (second->line >= 0 ? ":" + std::to_string(second->line + 1) + ":" + std::to_string(second->column + 1) : "") +
                        ": a second YAML document after '---': a " + kind + " file holds one document");
  return root;
}

std::string read_document(const std::string& path, const char* kind) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (fs::is_directory(status)) throw ScenarioError(path + ": is a directory, not a " + kind + " file");
  if (fs::exists(status) && !fs::is_regular_file(status))
    throw ScenarioError(path + ": is not a regular file (a device or a pipe?): give a " + kind + " file");
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const std::string why = fs::exists(status) ? std::strerror(errno) : "no such file";
    throw ScenarioError(path + ": cannot open the " + kind + " file: " + why);
  }
  if (fs::file_size(path, ec) > kLargestScenario)
    throw ScenarioError(path + ": is over 16 MiB, too large to be a " + kind + " file");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}
}  // namespace yaml

Scenario parse_scenario(const std::string& text, const std::string& source, const std::vector<std::string>& overrides) {
  yaml::Context ctx{source, {}};
  YAML::Node root = yaml::parse_document(text, source, "scenario");
  for (const auto& o : overrides) yaml::apply_override(root, o, source, ctx.overrides);
  Scenario sc = parse(root, ctx);
  sc.source = source;
  sc.text = text;
  sc.overrides = overrides;
  return sc;
}

Scenario load_scenario(const std::string& path, const std::vector<std::string>& overrides) {
  return parse_scenario(yaml::read_document(path, "scenario"), path, overrides);
}

}  // namespace fleettwin
