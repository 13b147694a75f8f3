#include "models/fleet/os_catalog.hpp"

#include <array>

namespace fleettwin {
namespace {
using enum OsFamily;
// product-facts.md §1: Windows Server 2025/2022/2019/2016/2012 R2/2008 R2 SP1 for the integration; Hyper-V
// Server editions unsupported; client OSes need user licences; the Linux list from mde-linux-prerequisites.md,
// plus releases outside it ("not explicitly listed ... unsupported") so that scenarios can model them.
constexpr std::array kCatalog = {
    OsInfo{"windows-server-2025", WindowsServer}, OsInfo{"windows-server-2022", WindowsServer},
    OsInfo{"windows-server-2019", WindowsServer}, OsInfo{"windows-server-2016", WindowsServer},
    OsInfo{"windows-server-2012-r2", WindowsServer}, OsInfo{"windows-server-2008-r2", WindowsServer},
    OsInfo{"windows-10", WindowsClient}, OsInfo{"windows-11", WindowsClient},
    OsInfo{"hyper-v-server-2019", HyperVServer},
    OsInfo{"rhel-7", Linux}, OsInfo{"rhel-8", Linux}, OsInfo{"rhel-9", Linux}, OsInfo{"rhel-10", Linux},
    OsInfo{"centos-7", Linux}, OsInfo{"centos-8", Linux}, OsInfo{"centos-stream-9", Linux},
    OsInfo{"ubuntu-16.04", Linux}, OsInfo{"ubuntu-18.04", Linux}, OsInfo{"ubuntu-20.04", Linux},
    OsInfo{"ubuntu-22.04", Linux}, OsInfo{"ubuntu-24.04", Linux}, OsInfo{"ubuntu-26.04", Linux},
    OsInfo{"debian-9", Linux}, OsInfo{"debian-10", Linux}, OsInfo{"debian-11", Linux},
    OsInfo{"debian-12", Linux}, OsInfo{"debian-13", Linux},
    OsInfo{"sles-12", Linux}, OsInfo{"sles-15", Linux},
    OsInfo{"oracle-linux-7", Linux}, OsInfo{"oracle-linux-8", Linux}, OsInfo{"oracle-linux-9", Linux},
    OsInfo{"amazon-linux-2", Linux}, OsInfo{"amazon-linux-2023", Linux},
    OsInfo{"fedora-42", Linux}, OsInfo{"rocky-8", Linux}, OsInfo{"rocky-9", Linux},
    OsInfo{"alma-8", Linux}, OsInfo{"alma-9", Linux}, OsInfo{"mariner-2", Linux},
    OsInfo{"custom-linux", Linux},
};
}  // namespace

std::span<const OsInfo> os_catalog() { return kCatalog; }

std::optional<uint16_t> find_os(std::string_view name) {
  for (size_t i = 0; i < kCatalog.size(); ++i)
    if (kCatalog[i].name == name) return static_cast<uint16_t>(i);
  return std::nullopt;
}

std::string_view os_family_name(OsFamily family) {
  switch (family) {
    case WindowsServer: return "windows-server";
    case WindowsClient: return "windows-client";
    case HyperVServer: return "hyper-v-server";
    case Linux: return "linux";
  }
  return "unknown";
}

}  // namespace fleettwin
