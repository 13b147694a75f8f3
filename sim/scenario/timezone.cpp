#include "sim/scenario/timezone.hpp"

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <stdexcept>

namespace fleettwin {
namespace {

std::optional<int32_t> fixed_offset(const std::string& name) {
  if (name == "UTC" || name == "Z") return 0;
  if (name.size() != 6 || (name[0] != '+' && name[0] != '-') || name[3] != ':') return std::nullopt;
  const auto digits = [&](size_t i) { return std::isdigit(static_cast<unsigned char>(name[i])) != 0; };
  if (!digits(1) || !digits(2) || !digits(4) || !digits(5)) return std::nullopt;
  const int h = std::stoi(name.substr(1, 2)), m = std::stoi(name.substr(4, 2));
  if (h > 14 || m > 59) return std::nullopt;
  return (name[0] == '+' ? 1 : -1) * (h * 3600 + m * 60);
}

bool valid_zone_name(const std::string& name) {
  if (name.empty() || name.front() == '/' || name.find("..") != std::string::npos) return false;
  return std::filesystem::is_regular_file(std::filesystem::path("/usr/share/zoneinfo") / name);
}

// Restores the process's TZ on scope exit: the lookup switches it temporarily.
class TzGuard {
 public:
  explicit TzGuard(const std::string& zone) {
    if (const char* old = std::getenv("TZ")) saved_ = old;
    setenv("TZ", zone.c_str(), 1);
    tzset();
  }
  ~TzGuard() {
    if (saved_) setenv("TZ", saved_->c_str(), 1);
    else unsetenv("TZ");
    tzset();
  }

 private:
  std::optional<std::string> saved_;
};

}  // namespace

std::optional<std::string> check_timezone(const std::string& name) {
  if (fixed_offset(name) || valid_zone_name(name)) return std::nullopt;
  return "unknown time zone '" + name +
         "' (write UTC, a fixed offset such as +05:30, or an IANA name such as Europe/Paris)";
}

UtcOffsets load_utc_offsets(const std::string& name, int64_t from, int64_t to) {
  if (auto fixed = fixed_offset(name)) return UtcOffsets::fixed(*fixed);
  if (!valid_zone_name(name)) throw std::invalid_argument(*check_timezone(name));
  const int64_t margin = 7 * 86400;
  const int64_t first_hour = (from - margin) / 3600;
  const int64_t last_hour = (to + margin) / 3600;
  std::vector<int32_t> by_hour;
  by_hour.reserve(static_cast<size_t>(last_hour - first_hour + 1));
  TzGuard guard(name);
  for (int64_t h = first_hour; h <= last_hour; ++h) {
    const time_t t = static_cast<time_t>(h * 3600);
    std::tm tm{};
    localtime_r(&t, &tm);
    by_hour.push_back(static_cast<int32_t>(tm.tm_gmtoff));
  }
  return UtcOffsets(first_hour, std::move(by_hour));
}

}  // namespace fleettwin
