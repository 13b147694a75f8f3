#include "models/vulnerabilities/patch_release.hpp"

#include <chrono>

namespace fleettwin {

namespace {
using namespace std::chrono;

int64_t second_tuesday(year_month ym, int hour_utc) {
  const sys_days day{year_month_weekday{ym.year(), ym.month(), Tuesday[2]}};
  return duration_cast<seconds>(day.time_since_epoch()).count() + int64_t{hour_utc} * 3600;
}
}  // namespace

int64_t patch_tuesday_of_month(int64_t unix_seconds, int hour_utc) {
  const sys_days day = floor<days>(sys_seconds{seconds{unix_seconds}});
  const year_month_day ymd{day};
  return second_tuesday(ymd.year() / ymd.month(), hour_utc);
}

int64_t next_patch_tuesday(int64_t unix_seconds, int hour_utc) {
  const sys_days day = floor<days>(sys_seconds{seconds{unix_seconds}});
  const year_month_day ymd{day};
  const year_month this_month = ymd.year() / ymd.month();
  const int64_t release = second_tuesday(this_month, hour_utc);
  return release >= unix_seconds ? release : second_tuesday(this_month + months{1}, hour_utc);
}

}  // namespace fleettwin
