#pragma once
// Which machines the Defender for Endpoint integration applies to, and which sensor package Defender for
// Cloud deploys on them (product-facts.md §1-2).
#include <cstdint>

#include "models/fleet/fleet_types.hpp"
#include "models/health/health_issues.hpp"

namespace fleettwin {

// Azure VM Scale Set orchestration of a cohort: "VM Scale Sets with Uniform Orchestration have partial feature
// coverage" (support-matrix-defender-for-servers.md), flexible orchestration is fully supported.
enum class Orchestration : uint8_t { None = 0, Flexible = 1, Uniform = 2 };

// What Defender for Cloud installs (enable-defender-for-endpoint.md): on Windows Server 2012 R2 and 2016 the
// unified Defender for Endpoint solution (2012 R2: antivirus and EDR; 2016: EDR, antivirus is built in); on
// 2019 and later the sensor is built in and only onboarded; on Linux the MDE.Linux package.
enum class SensorPackage : uint8_t { None, WindowsBuiltIn, WindowsUnified, Linux };

// Issue::None when the integration applies; otherwise the not-applicable reason.
Issue not_applicable_reason(uint16_t os, Environment environment, Orchestration orchestration);
SensorPackage sensor_package(uint16_t os);
bool is_windows_2012_r2(uint16_t os);

}  // namespace fleettwin
