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

}  // namespace fleettwin
