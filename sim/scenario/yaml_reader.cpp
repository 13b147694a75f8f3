#include "sim/scenario/yaml_reader.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>
#include <sstream>

#include "sim/scenario/duration.hpp"

namespace fleettwin::yaml {
namespace {

constexpr size_t kLongestName = 128;

std::string fmt(double v) {
  std::ostringstream o;
  o << v;
  return o.str();
}

// A decimal number: an optional sign, digits with an optional fraction, an optional exponent.
bool is_decimal(const std::string& s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  size_t digits = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    size_t exp = 0;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, ++exp;
    if (exp == 0) return false;
  }
  return i == s.size();
}

bool is_plain_name(const YAML::Node& key) { return key.IsScalar() && !key.Scalar().empty(); }

}  // namespace

void fail(const Context& ctx, const YAML::Node& at, const std::string& path, const std::string& what) {
  std::ostringstream msg;
  for (const auto& [p, full] : ctx.overrides) {
    if (path == p || path.rfind(p + ".", 0) == 0 || path.rfind(p + "[", 0) == 0) {
      msg << ctx.source << ": --set " << shortened(full) << ": " << path << ": " << what;
      throw ScenarioError(msg.str());
    }
  }
  msg << ctx.source;
  if (at.IsDefined() && at.Mark().line >= 0) msg << ':' << at.Mark().line + 1 << ':' << at.Mark().column + 1;
  msg << ": " << (path.empty() ? "(top level)" : path) << ": " << what;
  if (!ctx.overrides.empty()) {
    msg << " (with";
    for (const auto& [p, full] : ctx.overrides) msg << " --set " << shortened(full);
    msg << ")";
  }
  throw ScenarioError(msg.str());
}

std::string type_name(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Map: return "a mapping";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Scalar: return quote_value(n.Scalar());
    case YAML::NodeType::Null: return "nothing";
    default: return "an undefined value";
  }
}

std::string Value::scalar(const std::string& expected) const {
  if (!node_.IsScalar()) fail("expected " + expected + ", found " + type_name(node_));
  return node_.Scalar();
}

std::string Value::name() const {
  const std::string s = str();
  const bool ok = !s.empty() && s.size() <= kLongestName && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' || c == ':';
  });
  if (!ok)
    fail(quote_value(s) + " is not a valid name (1 to " + std::to_string(kLongestName) +
         " letters, digits, '-', '_', '.', ':')");
  return s;
}

double Value::number(double lo, double hi) const {
  const std::string s = scalar("a number");
  if (!is_decimal(s)) fail("expected a number, found " + quote_value(s));
  double v = 0;
  try {
    v = std::stod(s);
  } catch (const std::exception&) {  // out of the range of a double
    v = HUGE_VAL;
  }
  if (!std::isfinite(v) || v < lo || v > hi) fail(quote_value(s) + " is out of range [" + fmt(lo) + ", " + fmt(hi) + "]");
  return v;
}

uint64_t Value::integer(uint64_t lo, uint64_t hi) const {
  const std::string s = scalar("a whole number");
  const std::string range = "[" + std::to_string(lo) + ", " + std::to_string(hi) + "]";
  if (!s.empty() && s[0] == '-' && s.size() > 1 && s.find_first_not_of("0123456789", 1) == std::string::npos)
    fail(quote_value(s) + " is negative: expected a whole number in " + range);
  if (s.empty() || s.find_first_not_of("0123456789") != std::string::npos) fail("expected a whole number, found " + quote_value(s));
  uint64_t v = 0;
  for (const char c : s) {
    const auto digit = static_cast<uint64_t>(c - '0');
    if (v > (UINT64_MAX - digit) / 10) fail(quote_value(s) + " is out of range " + range);
    v = v * 10 + digit;
  }
  if (v < lo || v > hi) fail(quote_value(s) + " is out of range " + range);
  return v;
}

int64_t Value::duration(int64_t lo, int64_t hi) const {
  const std::string s = scalar("a duration such as 90s, 15m, 36h or 90d");
  const std::string range = "[" + format_duration(lo) + ", " + format_duration(hi) + "]";
  bool too_long = false;
  auto d = parse_duration(s, &too_long);
  if (!d) {
    if (too_long) fail(quote_value(s) + " is out of range " + range);
    if (!s.empty() && s[0] == '-') fail(quote_value(s) + " is negative: durations are 0s or more");
    fail(quote_value(s) + " is not a duration: write a number and a unit (s, m, h, d, w), e.g. 90s, 15m, 1h30m, 90d");
  }
  if (*d < lo || *d > hi) fail(quote_value(s) + " is out of range " + range);
  return *d;
}

int32_t Value::time_of_day() const {
  const std::string s = scalar("a time of day HH:MM");
  auto t = parse_time_of_day(s);
  if (!t) fail(quote_value(s) + " is not a time of day: write HH:MM from 00:00 to 24:00");
  return *t;
}

std::vector<Value> Value::list() const {
  if (!node_.IsSequence()) fail("expected a list, found " + type_name(node_));
  std::vector<Value> out;
  for (size_t i = 0; i < node_.size(); ++i) out.emplace_back(node_[i], path_ + "[" + std::to_string(i) + "]", *ctx_);
  return out;
}

Map::Map(const Value& v, std::vector<std::string_view> allowed) : self_(v), allowed_(std::move(allowed)) {
  if (!v.node().IsMap()) v.fail("expected a mapping of keys, found " + type_name(v.node()));
  std::set<std::string> seen;
  for (const auto& kv : v.node()) {
    if (!is_plain_name(kv.first))
      yaml::fail(ctx(), kv.first, self_.path(), "a key must be a plain name, found " + type_name(kv.first));
    const std::string key = kv.first.Scalar();
    if (!seen.insert(key).second) yaml::fail(ctx(), kv.first, child_path(key), "key appears twice");
    if (std::find(allowed_.begin(), allowed_.end(), key) == allowed_.end())
      yaml::fail(ctx(), kv.first, child_path(key), "unknown key " + quote_value(key) + " (allowed here: " + join(allowed_) + ")");
  }
}

std::optional<Value> Map::get(const std::string& key) const {
  const YAML::Node n = self_.node()[key];
  if (!n.IsDefined() || n.IsNull()) return std::nullopt;
  return Value(n, child_path(key), ctx());
}

Value Map::need(const std::string& key) const {
  if (auto v = get(key)) return *v;
  self_.fail("missing required key '" + key + "'");
}

std::vector<Entry> entries(const Value& v) {
  if (!v.node().IsMap()) v.fail("expected a mapping, found " + type_name(v.node()));
  std::vector<Entry> out;
  std::set<std::string> seen;
  for (const auto& kv : v.node()) {
    if (!is_plain_name(kv.first))
      fail(v.context(), kv.first, v.path(), "a key must be a plain name, found " + type_name(kv.first));
    const std::string key = kv.first.Scalar();
    const std::string path = v.path() + "." + key;
    if (!seen.insert(key).second) fail(v.context(), kv.first, path, "key appears twice");
    out.push_back({key, kv.first, Value(kv.second, path, v.context())});
  }
  return out;
}

}  // namespace fleettwin::yaml
