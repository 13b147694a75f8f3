// --set key.path=value: overrides applied to the scenario document before it is read, so that they are validated
// like the file's own keys.
#include "sim/scenario/sections.hpp"

namespace fleettwin::yaml {

// Applies one "a.b[2].c=value" override to the document; a missing final mapping key is created.
void apply_override(YAML::Node& root, const std::string& assignment, const std::string& source,
                    std::vector<std::pair<std::string, std::string>>& record) {
  const auto eq = assignment.find('=');
  const auto bad = [&](const std::string& why) {
    throw ScenarioError(source + ": --set " + shortened(assignment) + ": " + why);
  };
  if (eq == std::string::npos || eq == 0) bad("expected key.path=value");
  const std::string path = assignment.substr(0, eq);
  YAML::Node value;
  try {
    value = YAML::Load(assignment.substr(eq + 1));
  } catch (const YAML::Exception& e) {
    bad("the value is not valid YAML: " + e.msg);
  }
  // Tokens: names separated by dots, and [index] selectors.
  std::vector<std::string> tokens;
  std::string cur;
  for (size_t i = 0; i < path.size(); ++i) {
    const char c = path[i];
    if (c == '.' || c == '[') {
      if (!cur.empty()) tokens.push_back(cur);
      cur.clear();
      if (c == '[') {
        const auto close = path.find(']', i);
        if (close == std::string::npos) bad("unclosed '['");
        tokens.push_back(path.substr(i, close - i + 1));
        i = close;
      }
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) tokens.push_back(cur);
  if (tokens.empty()) bad("empty key path");

  YAML::Node node = root;
  std::string canonical;
  for (size_t t = 0; t < tokens.size(); ++t) {
    const std::string& tok = tokens[t];
    const bool last = t + 1 == tokens.size();
    YAML::Node next;
    if (tok.front() == '[') {
      if (!node.IsSequence()) bad(quote_value(canonical) + " is not a list");
      const std::string digits = tok.substr(1, tok.size() - 2);
      if (digits.empty() || digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string::npos)
        bad("bad index " + quote_value(tok) + ": write [0], [1], ...");
      const size_t idx = std::stoul(digits);
      if (idx >= node.size()) bad(quote_value(canonical) + " has " + std::to_string(node.size()) + " entries, no index " + std::to_string(idx));
      canonical += tok;
      if (last) { node[idx] = value; break; }
      next.reset(node[idx]);
    } else if (node.IsSequence()) {
      // Select a list entry by its name: cohorts.web.count
      bool found = false;
      for (size_t i = 0; i < node.size(); ++i) {
        if (node[i].IsMap() && node[i]["name"].IsDefined() && node[i]["name"].Scalar() == tok) {
          canonical += "[" + std::to_string(i) + "]";
          if (last) bad("cannot replace a whole entry");
          next.reset(node[i]);
          found = true;
          break;
        }
      }
      if (!found) bad(quote_value(canonical) + " has no entry named " + quote_value(tok));
    } else {
      if (!node.IsMap() && !node.IsNull()) bad(quote_value(canonical) + " is not a mapping");
      canonical += (canonical.empty() ? "" : ".") + tok;
      if (last) { node[tok] = value; break; }
      // An optional section the file leaves out (billing, power, ...) is created on the way.
      if (!node[tok].IsDefined() || node[tok].IsNull()) node[tok] = YAML::Node(YAML::NodeType::Map);
      next.reset(node[tok]);
    }
    node.reset(next);
  }
  record.emplace_back(canonical, assignment);
}

}  // namespace fleettwin::yaml
