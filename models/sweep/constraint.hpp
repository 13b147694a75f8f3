#pragma once
// A sweep's constraint (OMNeT++'s `constraint`, threat-vulnerability-sweep-facts.md §4): an expression over the
// axes that keeps the points where it is true. Grammar, loosest first:
//   or: and ('or' and | '||' and)*      and: not ('and' not | '&&' not)*      not: ('not' | '!') not | cmp
//   cmp: sum (('==' | '!=' | '<' | '<=' | '>' | '>=') sum)?      sum: product (('+' | '-') product)*
//   product: unary (('*' | '/' | '%') unary)*      unary: '-' unary | atom
//   atom: number | 'text' | "text" | axis name | true | false | '(' or ')'
// Values are numbers or texts (an axis value that is not a number is a text); comparing a text with a number, or
// arithmetic on a text, is an error at the point where it happens.
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "models/sweep/design.hpp"

namespace fleettwin::sweep {

class ConstraintError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Constraint {
 public:
  // Parses `text` against the axis names; an unknown name or a syntax error is a ConstraintError naming the column.
  Constraint(const std::string& text, const std::vector<std::string>& axis_names);
  ~Constraint();
  Constraint(Constraint&&) noexcept;
  Constraint& operator=(Constraint&&) noexcept;
  // Whether the point (one value per axis, in the names' order) satisfies it. Throws ConstraintError for a type
  // error (the message names the operation and the values).
  bool holds(const Point& point) const;

  struct Node;

 private:
  std::unique_ptr<Node> root_;
};

}  // namespace fleettwin::sweep
