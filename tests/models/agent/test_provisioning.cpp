// Support matrix, prerequisites, transient failures, the retry policy and legacy opt-ins.
#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

#include "models/health/health_issues.hpp"
#include "models/fleet/os_catalog.hpp"
#include "models/agent/provisioning.hpp"
#include "models/agent/support_matrix.hpp"

using namespace fleettwin;

namespace {
uint16_t os(const char* name) { return *find_os(name); }
}  // namespace

TEST_CASE("the support matrix marks client, Hyper-V, 2008 R2, unlisted Linux and uniform VMSS not applicable",
          "[support]") {
  using E = Environment;
  using O = Orchestration;
  CHECK(not_applicable_reason(os("windows-11"), E::Azure, O::None) == Issue::ClientOs);
  CHECK(not_applicable_reason(os("windows-10"), E::OnPrem, O::None) == Issue::ClientOs);
  CHECK(not_applicable_reason(os("hyper-v-server-2019"), E::OnPrem, O::None) == Issue::HyperVServer);
  CHECK(not_applicable_reason(os("windows-server-2008-r2"), E::Azure, O::None) == Issue::WindowsServer2008R2);
  CHECK(not_applicable_reason(os("custom-linux"), E::Aws, O::None) == Issue::UnsupportedLinux);
  CHECK(not_applicable_reason(os("ubuntu-26.04"), E::Azure, O::None) == Issue::UnsupportedLinux);
  CHECK(not_applicable_reason(os("ubuntu-22.04"), E::Azure, O::Uniform) == Issue::VmssUniform);
  CHECK(not_applicable_reason(os("ubuntu-22.04"), E::Azure, O::Flexible) == Issue::None);
  for (const char* ok : {"windows-server-2025", "windows-server-2022", "windows-server-2016", "windows-server-2012-r2",
                         "rhel-9", "ubuntu-16.04", "debian-13", "sles-15", "amazon-linux-2023", "mariner-2"})
    CHECK(not_applicable_reason(os(ok), E::Azure, O::None) == Issue::None);
  // Every not-applicable reason is in the catalogue with that class and a message.
  for (Issue i : {Issue::ClientOs, Issue::HyperVServer, Issue::WindowsServer2008R2, Issue::UnsupportedLinux, Issue::VmssUniform}) {
    CHECK(issue_info(i).health_class == HealthClass::NotApplicable);
    CHECK_FALSE(issue_info(i).message.empty());
  }
}

TEST_CASE("2012 R2 and 2016 get the unified solution, 2019 and later the built-in sensor", "[support]") {
  CHECK(sensor_package(os("windows-server-2012-r2")) == SensorPackage::WindowsUnified);
  CHECK(sensor_package(os("windows-server-2016")) == SensorPackage::WindowsUnified);
  CHECK(sensor_package(os("windows-server-2019")) == SensorPackage::WindowsBuiltIn);
  CHECK(sensor_package(os("rhel-8")) == SensorPackage::Linux);
}

TEST_CASE("each prerequisite cause hits its OS and environment at its configured rate", "[provisioning]") {
  const auto rate = [](InstallFailureRates r, const char* name, Environment env, Issue cause) {
    int hits = 0;
    const int n = 200000;
    for (uint32_t m = 0; m < n; ++m) hits += missing_prerequisite(r, *find_os(name), env, 5, m) == cause;
    return static_cast<double>(hits) / n;
  };
  InstallFailureRates only{0, 0, 0, 0, 0, 0};
  auto r = only;
  r.python_missing = 0.1;
  CHECK(rate(r, "rhel-8", Environment::OnPrem, Issue::PythonMissing) == Approx(0.1).epsilon(0.03));
  CHECK(rate(r, "windows-server-2022", Environment::OnPrem, Issue::PythonMissing) == 0.0);  // Linux only
  r = only;
  r.fanotify = 0.05;
  CHECK(rate(r, "ubuntu-22.04", Environment::Azure, Issue::Fanotify) == Approx(0.05).epsilon(0.03));
  r = only;
  r.generalized_image = 0.2;
  CHECK(rate(r, "windows-server-2022", Environment::Azure, Issue::GeneralizedImage) == Approx(0.2).epsilon(0.03));
  CHECK(rate(r, "windows-server-2022", Environment::OnPrem, Issue::GeneralizedImage) == 0.0);  // Azure VMs only
  r = only;
  r.ssm_agent_missing = 0.3;
  CHECK(rate(r, "amazon-linux-2023", Environment::Aws, Issue::SsmAgentMissing) == Approx(0.3).epsilon(0.03));
  CHECK(rate(r, "amazon-linux-2023", Environment::Gcp, Issue::SsmAgentMissing) == 0.0);  // AWS only
  r = only;
  r.windows_2012_r2_prerequisites = 0.25;
  CHECK(rate(r, "windows-server-2012-r2", Environment::OnPrem, Issue::Windows2012R2Prerequisites) == Approx(0.25).epsilon(0.03));
  CHECK(rate(r, "windows-server-2016", Environment::OnPrem, Issue::Windows2012R2Prerequisites) == 0.0);
  // The real exit-code-52 text is the message.
  CHECK(issue_info(Issue::PythonMissing).message.find("exit code for Install: 52") != std::string_view::npos);
}

TEST_CASE("a missing prerequisite is a property of the machine: other rates and attempts do not move it",
          "[provisioning]") {
  // The machines lacking Python with only that cause on; then with every other cause and transient failures on.
  const auto lacking_python = [](InstallFailureRates r, uint64_t seed) {
    std::vector<uint32_t> out;
    for (uint32_t m = 0; m < 20000; ++m)
      if (missing_prerequisite(r, *find_os("debian-12"), Environment::Azure, seed, m) == Issue::PythonMissing)
        out.push_back(m);
    return out;
  };
  InstallFailureRates only{0, 0, 0, 0, 0, 0};
  only.python_missing = 0.3;
  const auto base = lacking_python(only, 9);
  CHECK(static_cast<double>(base.size()) / 20000 == Approx(0.3).epsilon(0.05));
  InstallFailureRates everything = only;
  everything.generalized_image = 0.2;  // checked before Python on Azure: takes some machines away, adds none
  everything.fanotify = 0.4;           // checked after Python: takes none away
  everything.transient = 1.0;          // a per-attempt draw: no effect on prerequisites
  const auto with_others = lacking_python(everything, 9);
  CHECK(std::includes(base.begin(), base.end(), with_others.begin(), with_others.end()));
  CHECK(static_cast<double>(with_others.size()) / 20000 == Approx(0.3 * 0.8).epsilon(0.05));
  // The machines that lost Python-missing are exactly those that now lack the generalized image.
  for (uint32_t m : base)
    if (!std::binary_search(with_others.begin(), with_others.end(), m))
      CHECK(missing_prerequisite(everything, *find_os("debian-12"), Environment::Azure, 9, m) == Issue::GeneralizedImage);
  // Raising one cause's rate only adds machines to it (the draw per machine and cause is fixed).
  InstallFailureRates more = only;
  more.python_missing = 0.6;
  const auto raised = lacking_python(more, 9);
  CHECK(std::includes(raised.begin(), raised.end(), base.begin(), base.end()));
  // Another seed draws other machines.
  CHECK(lacking_python(only, 10) != base);
}

TEST_CASE("transient failures are drawn per attempt with the OS's extension error", "[provisioning]") {
  InstallFailureRates r{0, 0, 0, 0, 0, 0.2};
  int hits = 0;
  for (uint64_t t = 0; t < 100000; ++t) hits += transient_failure(r, *find_os("windows-server-2022"), 1, 7, t) != Issue::None;
  CHECK(hits / 100000.0 == Approx(0.2).epsilon(0.03));
  uint64_t t = 0;
  while (transient_failure(r, *find_os("rhel-9"), 1, 7, t) == Issue::None) ++t;
  CHECK(transient_failure(r, *find_os("rhel-9"), 1, 7, t) == Issue::LinuxConfigurationFailed);
  while (transient_failure(r, *find_os("windows-server-2022"), 1, 7, t) == Issue::None) ++t;
  CHECK(transient_failure(r, *find_os("windows-server-2022"), 1, 7, t) == Issue::OnboardingScriptMissing);
}

TEST_CASE("the retry policy backs off geometrically up to its cap", "[provisioning]") {
  RetryPolicy p;  // 1 h, x2, cap 24 h
  CHECK(p.wait_after(1) == 3600);
  CHECK(p.wait_after(2) == 7200);
  CHECK(p.wait_after(3) == 14400);
  CHECK(p.wait_after(6) == 86400);   // 32 h capped
  CHECK(p.wait_after(40) == 86400);
}

TEST_CASE("legacy subscriptions need their opt-ins, newer ones do not", "[provisioning]") {
  ProvisioningParams p;
  const int64_t y2020 = 1590969600, y2023 = 1672531200;
  CHECK(legacy_opt_in_needed(p, *find_os("windows-server-2016"), y2020, false, false) == Issue::UnifiedSolutionNotEnabled);
  CHECK(legacy_opt_in_needed(p, *find_os("windows-server-2016"), y2020, true, false) == Issue::None);
  CHECK(legacy_opt_in_needed(p, *find_os("windows-server-2022"), y2020, false, false) == Issue::None);  // built in
  CHECK(legacy_opt_in_needed(p, *find_os("rhel-8"), y2020, false, false) == Issue::LinuxNotEnabled);
  CHECK(legacy_opt_in_needed(p, *find_os("rhel-8"), y2020, false, true) == Issue::None);
  CHECK(legacy_opt_in_needed(p, *find_os("windows-server-2012-r2"), y2023, false, false) == Issue::None);
  // Between the two cutoffs (autumn 2021): Windows needs the opt-in, Linux does not.
  const int64_t autumn2021 = 1633046400;
  CHECK(legacy_opt_in_needed(p, *find_os("windows-server-2016"), autumn2021, false, false) == Issue::UnifiedSolutionNotEnabled);
  CHECK(legacy_opt_in_needed(p, *find_os("rhel-8"), autumn2021, false, false) == Issue::None);
}

TEST_CASE("onboarding delays default to the documented bounds", "[provisioning]") {
  ProvisioningParams p;
  CHECK(onboarding_delay(p, OnboardingPath::Standard).upper_bound() == 3600);
  CHECK(onboarding_delay(p, OnboardingPath::FirstSubscriptionOfTenant).upper_bound() == 12 * 3600);
  CHECK(onboarding_delay(p, OnboardingPath::Direct).upper_bound() == 24 * 3600);
}
