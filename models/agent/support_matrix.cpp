#include "models/agent/support_matrix.hpp"

#include "models/fleet/os_catalog.hpp"

namespace fleettwin {

Issue not_applicable_reason(uint16_t os, Environment environment, Orchestration orchestration) {
  const OsInfo& info = os_catalog()[os];
  // Uniform scale sets: "partial feature coverage ... agentless detections" only, so no sensor (Azure only).
  if (environment == Environment::Azure && orchestration == Orchestration::Uniform) return Issue::VmssUniform;
  switch (info.family) {
    case OsFamily::WindowsClient: return Issue::ClientOs;
    case OsFamily::HyperVServer: return Issue::HyperVServer;
    case OsFamily::WindowsServer:
      // "2008 R2 SP1 only with the MMA" (configure-server-endpoints.md): no MDE extension deployment.
      return info.name == "windows-server-2008-r2" ? Issue::WindowsServer2008R2 : Issue::None;
    case OsFamily::Linux:
      // mde-linux-prerequisites.md lists supported distributions and versions; anything not listed is
      // unsupported. In the catalogue those are custom builds and releases newer than the list (Ubuntu 26.04).
      return (info.name == "custom-linux" || info.name == "ubuntu-26.04") ? Issue::UnsupportedLinux : Issue::None;
  }
  return Issue::None;
}

SensorPackage sensor_package(uint16_t os) {
  const OsInfo& info = os_catalog()[os];
  switch (info.family) {
    case OsFamily::Linux: return SensorPackage::Linux;
    case OsFamily::WindowsServer:
      if (info.name == "windows-server-2012-r2" || info.name == "windows-server-2016") return SensorPackage::WindowsUnified;
      return SensorPackage::WindowsBuiltIn;
    default: return SensorPackage::None;
  }
}

bool is_windows_2012_r2(uint16_t os) { return os_catalog()[os].name == "windows-server-2012-r2"; }

}  // namespace fleettwin
