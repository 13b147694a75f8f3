#pragma once
// Operating systems a cohort may declare. The list follows the support statements in
// ../shared/reference/product-facts.md §1 (MDE Windows and Linux prerequisites); later models (support matrix,
// provisioning) key their rules on the family and name held here.
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace fleettwin {

enum class OsFamily : uint8_t { WindowsServer, WindowsClient, HyperVServer, Linux };

struct OsInfo {
  std::string_view name;  // scenario spelling, e.g. "windows-server-2022", "ubuntu-22.04"
  OsFamily family;
};

std::span<const OsInfo> os_catalog();
std::optional<uint16_t> find_os(std::string_view name);
std::string_view os_family_name(OsFamily family);

}  // namespace fleettwin
