#pragma once
// A machine's software inventory and the vulnerabilities disclosed in it. The inventory of a cohort is its operating
// system plus a number of applications of its OS family (the N most common ones, so that cohorts share them). Every
// product has its own disclosure process (Poisson, fleet-wide: a CVE in a product reaches every machine that runs it,
// as in Defender Vulnerability Management, where a finding is a CVE on a device). The rates are set so that a machine
// with the default inventory receives the facts' findings a day (disclosure.hpp); an application carries
// (1 − os_share) ÷ default_applications of it, the operating system os_share (*chosen*: 0.4).
//
// Each CVE has its class (severity × exploitability), its exploitation probability, and the instant its fix is out:
// the next Patch Tuesday for Windows products (Microsoft's applications included), after a lognormal delay for Linux.
#include <cstdint>
#include <vector>

#include "models/vulnerabilities/disclosure.hpp"

namespace fleettwin {

enum class SoftwareFamily : uint8_t { Windows = 0, Linux = 1 };

struct InventoryParams {
  double os_share = 0.4;                 // share of a default inventory's findings in its operating system
  uint32_t default_applications = 10;    // applications of a default inventory (chosen)
};

struct Product {
  uint32_t key;  // identity of the product's disclosure stream: the OS id, or 0x10000 + family × 0x1000 + app
  SoftwareFamily family;
  double per_day;  // CVEs a day
};

// The products a machine of `family` with operating system `os` and `applications` applications runs.
std::vector<Product> inventory_products(SoftwareFamily family, uint16_t os, uint32_t applications,
                                        const DisclosureParams& d, const InventoryParams& inv);

// Findings a day reaching a machine with this inventory.
double inventory_rate(const std::vector<Product>& products);

inline constexpr size_t kVulnClassCount = kVulnSeverityCount * kExploitabilityCount;
constexpr uint8_t vuln_class(VulnSeverity s, Exploitability e) {
  return static_cast<uint8_t>(static_cast<size_t>(s) * kExploitabilityCount + static_cast<size_t>(e));
}
constexpr size_t class_severity(size_t c) { return c / kExploitabilityCount; }

struct Cve {
  uint64_t id;          // product key << 32 | index in its stream
  int64_t disclosed;    // seconds since the run's start (negative: before it)
  int64_t fixed;        // the fix can be installed from this instant
  uint8_t cls;          // vuln_class
  float exploitation;   // EPSS-like probability
};

// A product's CVEs disclosed in [from, to) (seconds since the start; `unix_start` places Patch Tuesdays), in order.
std::vector<Cve> disclose_cves(const Product& p, const DisclosureParams& d, int64_t from, int64_t to,
                               int64_t unix_start, uint64_t seed);

}  // namespace fleettwin
