#include <hdf5_hl.h>

#include <algorithm>

#include "models/billing/billing.hpp"
#include "sim/output/groups.hpp"

namespace fleettwin {
namespace {
constexpr hsize_t kHourChunk = 168;  // one week of hours
constexpr hsize_t kMonthChunk = 16;
}  // namespace

BillingWriter::BillingWriter(H5Writer& w, const Scenario& sc) : w_(w), billing_(sc.billing), sc_(sc) {
  namespace attr = schema::billing;
  const hid_t g = w.group(schema::kBilling);
  const auto& b = sc.billing;
  h5::attr(g, attr::kPartialHourRule, b.partial_hour == PartialHourRule::Prorate ? "prorate" : "round-up");
  h5::attr(g, attr::kP1Monthly, b.p1_monthly_usd);
  h5::attr(g, attr::kP2Monthly, b.p2_monthly_usd);
  h5::attr(g, attr::kHoursPerMonth, b.hours_per_month);
  h5::attr(g, attr::kP1Hourly, b.hourly_rate(Plan::P1));
  h5::attr(g, attr::kP2Hourly, b.hourly_rate(Plan::P2));
  h5::attr(g, schema::kDescription, attr::kDescription);
  time_ = w.time_axis(schema::kBillingTime, kHourChunk);
  h5::Id plan = w.label_scale(schema::kBillingPlan, H5Writer::labels(kBilledPlanNames));
  h5::Id env = w.label_scale(schema::kBillingEnvironment, H5Writer::labels(kEnvironmentNames));
  const auto cube = [&](const schema::Dataset& spec, hsize_t chunk, hid_t axis0, hid_t p, hid_t e,
                        std::string_view description = {}) {
    H5Writer::Series s = w.series(spec, {kBilledPlanCount, kEnvironmentCount}, chunk);
    H5Writer::attach(s.dataset, axis0, 0);
    H5Writer::attach(s.dataset, p, 1);
    H5Writer::attach(s.dataset, e, 2);
    if (!description.empty()) w.describe(s.dataset, spec, description);
    return s;
  };
  billable_hours_ = cube(schema::kBillableHours, kHourChunk, time_.dataset, plan, env,
                         b.partial_hour == PartialHourRule::Prorate ? attr::kProrateDescription
                                                                    : attr::kRoundUpDescription);
  machines_billed_ = cube(schema::kMachinesBilled, kHourChunk, time_.dataset, plan, env);
  cost_ = cube(schema::kCost, kHourChunk, time_.dataset, plan, env);
  // Licensing, per subscription (along /subscriptions/id).
  const size_t subs = sc.subscriptions.size();
  std::vector<std::string> ids;
  for (const auto& s : sc.subscriptions) ids.push_back(s.id);
  h5::Id sub_scale = w.label_scale(schema::kBillingSubscription, ids);
  subscription_hours_ = w.series(schema::kSubscriptionHours, {subs, kBilledPlanCount}, kHourChunk);
  H5Writer::attach(subscription_hours_.dataset, time_.dataset, 0);
  H5Writer::attach(subscription_hours_.dataset, sub_scale, 1);
  H5Writer::attach(subscription_hours_.dataset, plan, 2);
  for (H5Writer::Series* s : {&trial_saving_, &licence_discount_}) {
    *s = w.series(s == &trial_saving_ ? schema::kTrialSaving : schema::kLicenceDiscount, {subs}, kHourChunk);
    H5Writer::attach(s->dataset, time_.dataset, 0);
    H5Writer::attach(s->dataset, sub_scale, 1);
  }
  for (const auto& s : sc.subscriptions) {
    const int64_t approved = s.licences_approved >= kNeverTime ? -1 : std::max<int64_t>(0, s.licences_approved);
    licensing_.push_back({{s.licences, approved}, s.trial_start >= kNeverTime ? -1 : s.trial_start});
  }

  const hid_t monthly = w.group(schema::kMonthly);
  h5::attr(monthly, schema::kDescription, schema::kMonthlyDescription);
  month_ = w.time_axis(schema::kMonth, kMonthChunk);
  h5::Id mplan = w.label_scale(schema::kMonthlyPlan, H5Writer::labels(kBilledPlanNames));
  h5::Id menv = w.label_scale(schema::kMonthlyEnvironment, H5Writer::labels(kEnvironmentNames));
  month_hours_ = w.series(schema::kMonthHours, {}, kMonthChunk);
  H5Writer::attach(month_hours_.dataset, month_.dataset, 0);
  seats_ = cube(schema::kSeats, kMonthChunk, month_.dataset, mplan, menv);
  month_cost_ = cube(schema::kMonthCost, kMonthChunk, month_.dataset, mplan, menv);
  per_seat_cost_ = cube(schema::kPerSeatCost, kMonthChunk, month_.dataset, mplan, menv);
  month_cost_sum_.assign(kMeterGroups, 0.0);
}

void BillingWriter::append_hour(int64_t hour, const HourUsage& u) {
  time_.ints.push_back(hour * 3600);
  for (int g = 0; g < kMeterGroups; ++g) {
    const Plan plan = static_cast<Plan>(g / kEnvironmentCount + 1);
    const double hours = billing_.partial_hour == PartialHourRule::Prorate
                             ? static_cast<double>(u.billable_seconds[g]) / 3600.0
                             : static_cast<double>(u.machines_billed[g]);
    const double cost = hours * billing_.hourly_rate(plan);
    billable_hours_.reals.push_back(hours);
    machines_billed_.ints.push_back(u.machines_billed[g]);
    cost_.reals.push_back(cost);
    month_cost_sum_[static_cast<size_t>(g)] += cost;
  }
  const int64_t hour_start = hour * 3600;
  // Plan 2's data benefit, per UTC day: 500 MB per billed machine-day, pooled per subscription (licensing.hpp).
  const auto day = static_cast<size_t>((sc_.start + hour_start) / 86400 - sc_.start / 86400);
  if (allowance_.size() <= day) {
    allowance_.resize(day + 1, std::vector<double>(sc_.subscriptions.size(), 0.0));
    security_.resize(day + 1, std::vector<double>(sc_.subscriptions.size(), 0.0));
  }
  for (size_t c = 0; c < u.cohort_p2_seconds.size(); ++c) {
    const double machine_days = static_cast<double>(u.cohort_p2_seconds[c]) / 86400.0;
    const size_t s = sc_.cohorts[c].subscription;
    allowance_[day][s] += machine_days * kDailyAllowanceBytesPerMachine;
    security_[day][s] += machine_days * sc_.cohorts[c].security_mb_per_day * 1e6;
  }
  for (size_t i = 0; i < licensing_.size(); ++i) {
    double hours = 0, list = 0;
    for (size_t p = 0; p < kBilledPlanCount; ++p) {
      const size_t k = i * kBilledPlanCount + p;
      const double h = k < u.subscription_seconds.size() ? static_cast<double>(u.subscription_seconds[k]) / 3600.0 : 0;
      subscription_hours_.reals.push_back(h);
      hours += h;
      list += h * billing_.hourly_rate(static_cast<Plan>(p + 1));
    }
    const bool trial = in_trial(hour_start, licensing_[i].trial_start);
    trial_saving_.reals.push_back(trial ? list : 0.0);
    licence_discount_.reals.push_back(
        trial ? 0.0 : discounted_machine_hours(licensing_[i].discount, hour_start, hours) * billing_.hourly_rate(Plan::P1));
  }
  for (H5Writer::Series* s : {&time_, &billable_hours_, &machines_billed_, &cost_, &subscription_hours_, &trial_saving_,
                              &licence_discount_})
    w_.flush(*s);
}

void BillingWriter::append_month(int64_t month, int64_t hours_in_month, const GroupCounts& seats) {
  month_.ints.push_back(month * static_cast<int64_t>(billing_.hours_per_month) * 3600);
  month_hours_.ints.push_back(hours_in_month);
  for (int g = 0; g < kMeterGroups; ++g) {
    const Plan plan = static_cast<Plan>(g / kEnvironmentCount + 1);
    seats_.ints.push_back(seats[g]);
    per_seat_cost_.reals.push_back(static_cast<double>(seats[g]) * billing_.monthly_price(plan) *
                                   static_cast<double>(hours_in_month) / billing_.hours_per_month);
    month_cost_.reals.push_back(month_cost_sum_[static_cast<size_t>(g)]);
    month_cost_sum_[static_cast<size_t>(g)] = 0.0;
  }
  for (H5Writer::Series* s : {&month_, &month_hours_, &seats_, &per_seat_cost_, &month_cost_}) w_.flush(*s);
}

void write_data(H5Writer& w, const Scenario& sc, const TelemetryRecord& t, const std::vector<std::vector<double>>& allowance,
                const std::vector<std::vector<double>>& security) {
  const hid_t g = w.group(schema::kData);
  h5::attr(g, schema::kDescription, schema::kDataDescription);
  h5::attr(g, "telemetry_mb_per_machine_day", sc.data.telemetry_mb_per_machine_day);
  h5::attr(g, "pseudonymised_share", sc.data.pseudonymised_share);
  h5::attr(g, "retention_s", sc.data.retention);
  h5::attr(g, "overage_usd_per_gb", sc.data.overage_usd_per_gb);
  const size_t days = std::max(t.reporting_seconds.size(), allowance.size());
  std::vector<int64_t> time(days);
  for (size_t d = 0; d < days; ++d) time[d] = d == 0 ? 0 : (sc.start / 86400 + static_cast<int64_t>(d)) * 86400 - sc.start;
  h5::Id ts = w.column(schema::kDataTime, time, 366);
  h5::check(H5DSset_scale(ts, "time"), "make scale /data/time");
  h5::attr(ts, schema::kCalendar, "standard");
  h5::Id geo = w.label_scale(schema::kDataGeo, H5Writer::labels(kGeoNames));
  std::vector<std::string> ids;
  for (const auto& s : sc.subscriptions) ids.push_back(s.id);
  h5::Id sub = w.label_scale(schema::kDataSubscription, ids);
  const size_t G = kGeoNames.size(), S = ids.size();
  const double per_second = sc.data.telemetry_mb_per_machine_day * 1e6 / 86400.0;
  const auto keep = static_cast<size_t>((sc.data.retention + 86399) / 86400);  // days stored
  std::vector<double> sent(days * G, 0.0), stored(days * G, 0.0), us(days, 0.0);
  for (size_t d = 0; d < days; ++d)
    for (size_t k = 0; k < G; ++k) {
      sent[d * G + k] = d < t.reporting_seconds.size() ? static_cast<double>(t.reporting_seconds[d][k]) * per_second : 0;
      double sum = 0;
      for (size_t e = d + 1 > keep ? d + 1 - keep : 0; e <= d; ++e) sum += sent[e * G + k];
      stored[d * G + k] = sum;
      us[d] += sum * sc.data.pseudonymised_share;
    }
  const auto two = [&](const schema::Dataset& spec, const std::vector<double>& v, hid_t axis1, size_t n) {
    H5Writer::Series s = w.series(spec, {n}, 366);
    s.reals = v;
    H5Writer::attach(s.dataset, ts, 0);
    H5Writer::attach(s.dataset, axis1, 1);
    w.finish(s);
  };
  two(schema::kTelemetryBytes, sent, geo, G);
  two(schema::kStoredBytes, stored, geo, G);
  H5Writer::attach(w.column(schema::kUsPseudonymisedBytes, std::span<const double>(us), 366), ts, 0);
  std::vector<double> a(days * S, 0.0), q(days * S, 0.0), over(days * S, 0.0), cost(days * S, 0.0);
  for (size_t d = 0; d < std::min(days, allowance.size()); ++d)
    for (size_t s = 0; s < S; ++s) {
      const DataBenefit b{allowance[d][s], security[d][s]};
      a[d * S + s] = b.allowance_bytes;
      q[d * S + s] = b.ingested_bytes;
      over[d * S + s] = b.overage_bytes();
      cost[d * S + s] = b.overage_bytes() / 1e9 * sc.data.overage_usd_per_gb;
    }
  two(schema::kAllowanceBytes, a, sub, S);
  two(schema::kSecurityBytes, q, sub, S);
  two(schema::kOverageBytes, over, sub, S);
  two(schema::kOverageCost, cost, sub, S);
}

void BillingWriter::finish() {
  for (H5Writer::Series* s : {&time_, &billable_hours_, &machines_billed_, &cost_, &subscription_hours_, &trial_saving_,
                              &licence_discount_, &month_, &month_hours_, &seats_, &per_seat_cost_, &month_cost_})
    w_.finish(*s);
}

size_t BillingWriter::buffer_bytes() const {
  size_t n = 0;
  for (const H5Writer::Series* s : {&time_, &billable_hours_, &machines_billed_, &cost_, &subscription_hours_,
                                    &trial_saving_, &licence_discount_, &month_, &month_hours_, &seats_,
                                    &per_seat_cost_, &month_cost_})
    n += s->buffer_bytes();
  for (const auto* days : {&allowance_, &security_})
    for (const auto& d : *days) n += d.capacity() * sizeof(double);
  return n;
}

}  // namespace fleettwin
