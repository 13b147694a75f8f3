#pragma once
// A value from the user's input, shown in an error message: shortened when long, so that a megabyte-long value
// does not flood the terminal, and with control characters escaped.
#include <cstdio>
#include <string>
#include <string_view>

namespace fleettwin {

// The text as it was given, at most `max` characters of it.
inline std::string shortened(std::string_view text, size_t max = 80) {
  std::string out;
  for (size_t i = 0; i < text.size() && i < max; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  if (text.size() > max) out += "... (" + std::to_string(text.size()) + " characters)";
  return out;
}

// The same in quotes: 'value'.
inline std::string quote_value(std::string_view text, size_t max = 48) {
  const std::string s = shortened(text.substr(0, max), max);
  return "'" + s + "'" + (text.size() > max ? "... (" + std::to_string(text.size()) + " characters)" : "");
}

}  // namespace fleettwin
