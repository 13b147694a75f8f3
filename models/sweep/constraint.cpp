#include "models/sweep/constraint.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <variant>

namespace fleettwin::sweep {

using Val = std::variant<double, std::string, bool>;

struct Constraint::Node {
  enum Kind { Number, Text, Bool, Var, Neg, Not, Bin } kind;
  double number = 0;
  std::string text;  // Text's value, Bin's operator
  size_t var = 0;
  std::unique_ptr<Node> a, b;
};

namespace {

using Node = Constraint::Node;

std::string shown(const Val& v) {
  if (const double* d = std::get_if<double>(&v)) return number_text(*d);
  if (const bool* b = std::get_if<bool>(&v)) return *b ? "true" : "false";
  return "'" + std::get<std::string>(v) + "'";
}

class Parser {
 public:
  Parser(const std::string& s, const std::vector<std::string>& names) : s_(s), names_(names) {}

  std::unique_ptr<Node> parse() {
    auto n = parse_or();
    skip();
    if (i_ < s_.size()) fail("unexpected '" + s_.substr(i_, 12) + "'");
    return n;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw ConstraintError("column " + std::to_string(i_ + 1) + ": " + what);
  }
  void skip() {
    while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
  }
  bool word(const char* w) {  // a keyword, not the start of a longer name
    skip();
    const size_t n = std::char_traits<char>::length(w);
    if (s_.compare(i_, n, w) != 0) return false;
    if (i_ + n < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[i_ + n])) || s_[i_ + n] == '_')) return false;
    i_ += n;
    return true;
  }
  bool symbol(const char* w) {
    skip();
    const size_t n = std::char_traits<char>::length(w);
    if (s_.compare(i_, n, w) != 0) return false;
    i_ += n;
    return true;
  }
  static std::unique_ptr<Node> bin(std::string op, std::unique_ptr<Node> a, std::unique_ptr<Node> b) {
    auto n = std::make_unique<Node>();
    n->kind = Node::Bin;
    n->text = std::move(op);
    n->a = std::move(a);
    n->b = std::move(b);
    return n;
  }
  std::unique_ptr<Node> parse_or() {
    auto n = parse_and();
    while (word("or") || symbol("||")) n = bin("or", std::move(n), parse_and());
    return n;
  }
  std::unique_ptr<Node> parse_and() {
    auto n = parse_not();
    while (word("and") || symbol("&&")) n = bin("and", std::move(n), parse_not());
    return n;
  }
  std::unique_ptr<Node> parse_not() {
    skip();
    if (word("not") || (s_.compare(i_, 1, "!") == 0 && s_.compare(i_, 2, "!=") != 0 && symbol("!"))) {
      auto n = std::make_unique<Node>();
      n->kind = Node::Not;
      n->a = parse_not();
      return n;
    }
    return parse_cmp();
  }
  std::unique_ptr<Node> parse_cmp() {
    auto n = parse_sum();
    for (const char* op : {"==", "!=", "<=", ">=", "<", ">"})
      if (symbol(op)) return bin(op, std::move(n), parse_sum());
    return n;
  }
  std::unique_ptr<Node> parse_sum() {
    auto n = parse_product();
    for (;;) {
      if (symbol("+")) n = bin("+", std::move(n), parse_product());
      else if (symbol("-")) n = bin("-", std::move(n), parse_product());
      else return n;
    }
  }
  std::unique_ptr<Node> parse_product() {
    auto n = parse_unary();
    for (;;) {
      if (symbol("*")) n = bin("*", std::move(n), parse_unary());
      else if (symbol("/")) n = bin("/", std::move(n), parse_unary());
      else if (symbol("%")) n = bin("%", std::move(n), parse_unary());
      else return n;
    }
  }
  std::unique_ptr<Node> parse_unary() {
    if (symbol("-")) {
      auto n = std::make_unique<Node>();
      n->kind = Node::Neg;
      n->a = parse_unary();
      return n;
    }
    return parse_atom();
  }
  std::unique_ptr<Node> parse_atom() {
    skip();
    if (i_ >= s_.size()) fail("the expression ends where a value was expected");
    auto n = std::make_unique<Node>();
    const char c = s_[i_];
    if (c == '(') {
      ++i_;
      n = parse_or();
      if (!symbol(")")) fail("expected ')'");
      return n;
    }
    if (c == '\'' || c == '"') {
      const size_t close = s_.find(c, i_ + 1);
      if (close == std::string::npos) fail("unclosed text");
      n->kind = Node::Text;
      n->text = s_.substr(i_ + 1, close - i_ - 1);
      i_ = close + 1;
      return n;
    }
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') {
      const auto r = std::from_chars(s_.data() + i_, s_.data() + s_.size(), n->number);
      if (r.ec != std::errc()) fail("not a number");
      n->kind = Node::Number;
      i_ = static_cast<size_t>(r.ptr - s_.data());
      return n;
    }
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      const size_t start = i_;
      while (i_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[i_])) || s_[i_] == '_')) ++i_;
      const std::string name = s_.substr(start, i_ - start);
      if (name == "true" || name == "false") {
        n->kind = Node::Bool;
        n->number = name == "true";
        return n;
      }
      for (size_t k = 0; k < names_.size(); ++k)
        if (names_[k] == name) {
          n->kind = Node::Var;
          n->var = k;
          return n;
        }
      std::string known;
      for (const auto& a : names_) known += (known.empty() ? "" : ", ") + a;
      i_ = start;
      fail("'" + name + "' is not an axis (the axes: " + known + ")");
    }
    fail("unexpected '" + std::string(1, c) + "'");
  }

  const std::string& s_;
  const std::vector<std::string>& names_;
  size_t i_ = 0;
};

Val eval(const Node& n, const Point& p) {
  switch (n.kind) {
    case Node::Number: return n.number;
    case Node::Text: return n.text;
    case Node::Bool: return n.number != 0;
    case Node::Var: {
      const AxisValue& v = p[n.var];
      if (v.number) return *v.number;
      if (v.text == "true" || v.text == "false") return v.text == "true";
      return v.text;
    }
    case Node::Neg: {
      const Val a = eval(*n.a, p);
      if (!std::holds_alternative<double>(a)) throw ConstraintError("cannot negate " + shown(a));
      return -std::get<double>(a);
    }
    case Node::Not: {
      const Val a = eval(*n.a, p);
      if (!std::holds_alternative<bool>(a)) throw ConstraintError("'not' of " + shown(a) + ", which is not true or false");
      return !std::get<bool>(a);
    }
    case Node::Bin: break;
  }
  const std::string& op = n.text;
  const Val a = eval(*n.a, p);
  if (op == "and" || op == "or") {
    if (!std::holds_alternative<bool>(a)) throw ConstraintError("'" + op + "' of " + shown(a) + ", which is not true or false");
    if (op == "and" && !std::get<bool>(a)) return false;
    if (op == "or" && std::get<bool>(a)) return true;
    const Val b = eval(*n.b, p);
    if (!std::holds_alternative<bool>(b)) throw ConstraintError("'" + op + "' of " + shown(b) + ", which is not true or false");
    return std::get<bool>(b);
  }
  const Val b = eval(*n.b, p);
  if (op == "==" || op == "!=") {
    if (a.index() != b.index()) throw ConstraintError("cannot compare " + shown(a) + " with " + shown(b));
    return (a == b) == (op == "==");
  }
  if (op == "<" || op == "<=" || op == ">" || op == ">=") {
    if (a.index() != b.index() || std::holds_alternative<bool>(a))
      throw ConstraintError("cannot order " + shown(a) + " and " + shown(b));
    const int c = a < b ? -1 : (b < a ? 1 : 0);
    return op == "<" ? c < 0 : op == "<=" ? c <= 0 : op == ">" ? c > 0 : c >= 0;
  }
  if (!std::holds_alternative<double>(a) || !std::holds_alternative<double>(b))
    throw ConstraintError("cannot compute " + shown(a) + " " + op + " " + shown(b));
  const double x = std::get<double>(a), y = std::get<double>(b);
  if (op == "+") return x + y;
  if (op == "-") return x - y;
  if (op == "*") return x * y;
  if (op == "/") return x / y;
  return std::fmod(x, y);
}

}  // namespace

Constraint::Constraint(const std::string& text, const std::vector<std::string>& axis_names)
    : root_(Parser(text, axis_names).parse()) {}
Constraint::~Constraint() = default;
Constraint::Constraint(Constraint&&) noexcept = default;
Constraint& Constraint::operator=(Constraint&&) noexcept = default;

bool Constraint::holds(const Point& point) const {
  const Val v = eval(*root_, point);
  if (!std::holds_alternative<bool>(v)) throw ConstraintError("the constraint gives " + shown(v) + ", not true or false");
  return std::get<bool>(v);
}

}  // namespace fleettwin::sweep
