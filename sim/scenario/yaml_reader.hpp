#pragma once
// The scenario reader's toolkit (internal to sim/scenario): typed readers of YAML values that fail with the file,
// line, column and key path, and mappings that reject unknown, duplicate and non-name keys. Every value quoted in
// a message is shortened (quote.hpp).
#include <yaml-cpp/yaml.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/scenario/quote.hpp"
#include "sim/scenario/scenario.hpp"

namespace fleettwin::yaml {

// Where errors point: the file, and the --set overrides (their YAML marks are meaningless: an error at an
// overridden key names the --set instead; an error elsewhere mentions them, since they may have caused it).
struct Context {
  std::string source;
  std::vector<std::pair<std::string, std::string>> overrides;  // canonical path, full "path=value"
};

// A YAML file's text (errors name the file and `kind`: "scenario", "sweep"), and its one document (a syntax error
// names the line and column). Both throw ScenarioError.
std::string read_document(const std::string& path, const char* kind);
YAML::Node parse_document(const std::string& text, const std::string& source, const char* kind);

[[noreturn]] void fail(const Context& ctx, const YAML::Node& at, const std::string& path, const std::string& what);

std::string join(const auto& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + std::string(n);
  return out;
}

// "a mapping", "a list", "'text'", "nothing": what was found where something else was expected.
std::string type_name(const YAML::Node& n);

// One YAML value with its key path.
class Value {
 public:
  Value(YAML::Node node, std::string path, const Context& ctx) : node_(std::move(node)), path_(std::move(path)), ctx_(&ctx) {}
  const YAML::Node& node() const { return node_; }
  const std::string& path() const { return path_; }
  const Context& context() const { return *ctx_; }
  [[noreturn]] void fail(const std::string& what) const { yaml::fail(*ctx_, node_, path_, what); }

  std::string scalar(const std::string& expected) const;
  std::string str() const { return scalar("a string"); }
  // A name: letters, digits, '-', '_', '.', ':' (at most 128 characters).
  std::string name() const;
  // A decimal number (no hexadecimal, no inf or nan) within [lo, hi].
  double number(double lo, double hi) const;
  uint64_t integer(uint64_t lo, uint64_t hi) const;
  // A duration such as 90s, 15m, 1h30m or 90d, within [lo, hi] seconds.
  int64_t duration(int64_t lo, int64_t hi) const;
  int32_t time_of_day() const;
  // true or false, nothing else.
  bool boolean() const { return choice(std::array<std::string_view, 2>{"false", "true"}) == 1; }
  template <size_t N>
  size_t choice(const std::array<std::string_view, N>& names) const {
    const std::string s = scalar("one of: " + join(names));
    for (size_t i = 0; i < N; ++i)
      if (names[i] == s) return i;
    fail("unknown value " + quote_value(s) + " (expected one of: " + join(names) + ")");
  }
  std::vector<Value> list() const;

 private:
  YAML::Node node_;
  std::string path_;
  const Context* ctx_;
};

// A mapping read key by key; construction rejects any key not in `allowed`, a key that appears twice, and a key
// that is not a plain name.
class Map {
 public:
  Map(const Value& v, std::vector<std::string_view> allowed);
  std::optional<Value> get(const std::string& key) const;
  Value need(const std::string& key) const;
  const Value& self() const { return self_; }

 private:
  const Context& ctx() const { return self_.context(); }
  std::string child_path(const std::string& key) const { return self_.path().empty() ? key : self_.path() + "." + key; }
  Value self_;
  std::vector<std::string_view> allowed_;
};

// The entries of a free-form mapping (e.g. an OS mix: name -> fraction), in file order; rejects keys that appear
// twice or are not plain names.
struct Entry {
  std::string key;
  YAML::Node key_node;  // for errors about the key itself
  Value value;
};
std::vector<Entry> entries(const Value& v);

}  // namespace fleettwin::yaml
