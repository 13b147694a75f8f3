#include "models/vulnerabilities/inventory.hpp"

#include <cmath>

#include "models/common/distribution.hpp"
#include "models/common/random.hpp"
#include "models/vulnerabilities/patch_release.hpp"

namespace fleettwin {

std::vector<Product> inventory_products(SoftwareFamily family, uint16_t os, uint32_t applications,
                                        const DisclosureParams& d, const InventoryParams& inv) {
  const double rate = family == SoftwareFamily::Windows ? d.windows_per_machine_day : d.linux_per_machine_day;
  std::vector<Product> out;
  out.push_back({os, family, rate * inv.os_share});
  const double per_app = inv.default_applications > 0 ? rate * (1 - inv.os_share) / inv.default_applications : 0;
  for (uint32_t a = 0; a < applications; ++a)
    out.push_back({0x10000u + static_cast<uint32_t>(family) * 0x1000u + a, family, per_app});
  return out;
}

double inventory_rate(const std::vector<Product>& products) {
  double r = 0;
  for (const Product& p : products) r += p.per_day;
  return r;
}

std::vector<Cve> disclose_cves(const Product& p, const DisclosureParams& d, int64_t from, int64_t to,
                               int64_t unix_start, uint64_t seed) {
  std::vector<Cve> out;
  if (!(p.per_day > 0)) return out;
  const double mean_gap = 86400.0 / p.per_day;
  const Distribution linux_fix = Distribution::lognormal(d.linux_fix_median_days * 86400.0, 1.0);
  double t = static_cast<double>(from);
  for (uint64_t i = 0;; ++i) {
    const auto u = [&](unsigned sub) {
      return rng::uniform01(seed, p.key, rng::Stream::VulnDisclosure, (i << 3) | sub);
    };
    t += -std::log1p(-u(0)) * mean_gap;
    if (t >= static_cast<double>(to)) break;
    const auto at = static_cast<int64_t>(std::floor(t));
    const FindingDraw f = draw_finding(d, u(1), u(2), u(3));
    int64_t fixed;
    if (p.family == SoftwareFamily::Windows)
      fixed = next_patch_tuesday(unix_start + at, d.patch_tuesday_hour_utc) - unix_start;
    else
      fixed = at + static_cast<int64_t>(std::llround(linux_fix.quantile(u(4))));
    out.push_back({(static_cast<uint64_t>(p.key) << 32) | i, at, fixed, vuln_class(f.severity, f.exploitability),
                   static_cast<float>(f.exploitation)});
  }
  return out;
}

}  // namespace fleettwin
