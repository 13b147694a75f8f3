#include "sim/scenario/duration.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <cstdio>

namespace fleettwin {
namespace {

// Howard Hinnant's days_from_civil: proleptic Gregorian date to days since 1970-01-01.
constexpr int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

struct Civil {
  int64_t y;
  unsigned m, d;
};
constexpr Civil civil_from_days(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), m, d};
}

bool read_int(std::string_view s, size_t pos, size_t len, int64_t& out) {
  if (pos + len > s.size()) return false;
  for (size_t i = pos; i < pos + len; ++i)
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  return std::from_chars(s.data() + pos, s.data() + pos + len, out).ec == std::errc{};
}

constexpr bool is_leap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
constexpr unsigned days_in_month(int64_t y, unsigned m) {
  constexpr std::array<unsigned, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

}  // namespace

std::optional<int64_t> parse_duration(std::string_view text, bool* too_long) {
  constexpr int64_t kLimit = int64_t{1} << 40;
  if (too_long) *too_long = false;
  if (text.empty()) return std::nullopt;
  int64_t total = 0;
  bool overflow = false;
  size_t i = 0;
  while (i < text.size()) {
    size_t j = i;
    while (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j]))) ++j;
    if (j == i || j == text.size()) return std::nullopt;  // a number needs a unit after it
    int64_t unit = 0;
    switch (text[j]) {
      case 'w': unit = 7 * 86400; break;
      case 'd': unit = 86400; break;
      case 'h': unit = 3600; break;
      case 'm': unit = 60; break;
      case 's': unit = 1; break;
      default: return std::nullopt;
    }
    int64_t n = 0;
    const auto [end, ec] = std::from_chars(text.data() + i, text.data() + j, n);
    if (ec == std::errc::result_out_of_range || n > (kLimit - total) / unit) {
      overflow = true;  // keep reading: a syntax error later in the text is the better message
    } else if (ec != std::errc{} || end != text.data() + j) {
      return std::nullopt;
    } else {
      total += n * unit;
    }
    i = j + 1;
  }
  if (overflow) {
    if (too_long) *too_long = true;
    return std::nullopt;
  }
  return total;
}

std::string format_duration(int64_t s) {
  if (s == 0) return "0s";
  std::string out;
  const std::array<std::pair<int64_t, char>, 4> units = {{{86400, 'd'}, {3600, 'h'}, {60, 'm'}, {1, 's'}}};
  for (auto [len, c] : units) {
    if (s >= len) {
      out += std::to_string(s / len) + c;
      s %= len;
    }
  }
  return out;
}

std::optional<int32_t> parse_time_of_day(std::string_view t) {
  int64_t h = 0, m = 0;
  if (t.size() != 5 || t[2] != ':' || !read_int(t, 0, 2, h) || !read_int(t, 3, 2, m)) return std::nullopt;
  if (m > 59 || h > 24 || (h == 24 && m != 0)) return std::nullopt;
  return static_cast<int32_t>(h * 3600 + m * 60);
}

std::optional<int64_t> parse_iso8601(std::string_view s) {
  int64_t y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
  if (!read_int(s, 0, 4, y) || s.size() < 10 || s[4] != '-' || !read_int(s, 5, 2, mo) || s[7] != '-' ||
      !read_int(s, 8, 2, d))
    return std::nullopt;
  if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, static_cast<unsigned>(mo))) return std::nullopt;
  size_t pos = 10;
  int64_t offset = 0;
  if (pos < s.size()) {
    if (s[pos] != 'T' && s[pos] != ' ') return std::nullopt;
    if (!read_int(s, pos + 1, 2, h) || s.size() < pos + 6 || s[pos + 3] != ':' || !read_int(s, pos + 4, 2, mi))
      return std::nullopt;
    pos += 6;
    if (pos < s.size() && s[pos] == ':') {
      if (!read_int(s, pos + 1, 2, se)) return std::nullopt;
      pos += 3;
    }
    if (h > 23 || mi > 59 || se > 59) return std::nullopt;
    if (pos == s.size()) return std::nullopt;  // a time needs its zone: Z or +HH:MM
    if (s[pos] == 'Z') {
      ++pos;
    } else if (s[pos] == '+' || s[pos] == '-') {
      int64_t oh = 0, om = 0;
      if (!read_int(s, pos + 1, 2, oh) || s.size() < pos + 6 || s[pos + 3] != ':' || !read_int(s, pos + 4, 2, om))
        return std::nullopt;
      if (om > 59 || oh * 60 + om > 14 * 60) return std::nullopt;  // real offsets lie within -12:00 .. +14:00
      offset = (s[pos] == '+' ? 1 : -1) * (oh * 3600 + om * 60);
      pos += 6;
    }
    if (pos != s.size()) return std::nullopt;
  }
  return days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 + h * 3600 + mi * 60 +
         se - offset;
}

std::string format_iso8601(int64_t t) {
  const int64_t days = (t >= 0 ? t : t - 86399) / 86400;
  const int64_t sod = t - days * 86400;
  const Civil c = civil_from_days(days);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lldZ", static_cast<long long>(c.y), c.m, c.d,
                static_cast<long long>(sod / 3600), static_cast<long long>(sod / 60 % 60),
                static_cast<long long>(sod % 60));
  return buf;
}

std::optional<int64_t> parse_time_or_offset(std::string_view text, int64_t start) {
  if (auto d = parse_duration(text)) return start + *d;
  return parse_iso8601(text);
}

}  // namespace fleettwin
