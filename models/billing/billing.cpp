#include "models/billing/billing.hpp"

namespace fleettwin {

double BillingParams::monthly_price(Plan plan) const {
  switch (plan) {
    case Plan::P1: return p1_monthly_usd;
    case Plan::P2: return p2_monthly_usd;
    case Plan::Off: break;
  }
  return 0.0;
}

int64_t BillableIntegral::roll(int64_t boundary) {
  advance(boundary);
  const int64_t s = seconds_;
  seconds_ = 0;
  return s;
}

void PeriodPresence::open(uint32_t& mark) {
  ++open_;
  if (counted_now(mark)) ++open_and_counted_;
}

void PeriodPresence::close(int64_t t, int64_t since, uint32_t& mark) {
  --open_;
  if (counted_now(mark)) {
    --open_and_counted_;
    return;
  }
  // The interval [since, t) has positive length inside this period only if it ends after the period began
  // (one that ends exactly at the boundary was counted by roll()) and is not empty.
  if (t > period_start_ && t > since) {
    ++counted_;
    mark = period_ + 1;
  }
}

int64_t PeriodPresence::roll(int64_t boundary) {
  // Every machine still open was billable just before the boundary.
  const int64_t n = counted_ + open_ - open_and_counted_;
  counted_ = 0;
  open_and_counted_ = 0;
  ++period_;
  period_start_ = boundary;
  return n;
}

}  // namespace fleettwin
