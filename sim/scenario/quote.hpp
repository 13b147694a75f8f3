#pragma once
// A value from the user's input, quoted for an error message: shortened when long, so that a megabyte-long value
// does not flood the terminal, and with control characters shown escaped.
#include <cstdio>
#include <string>
#include <string_view>

namespace fleettwin {

inline std::string quoted(std::string_view text, size_t max = 48) {
  std::string out = "'";
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
  out += "'";
  if (text.size() > max) out += "... (" + std::to_string(text.size()) + " characters)";
  return out;
}

}  // namespace fleettwin
