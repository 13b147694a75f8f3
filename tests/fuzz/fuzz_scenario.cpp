// libFuzzer target: the scenario reader on arbitrary text. The input is a YAML document, optionally followed by a
// NUL and --set overrides separated by NULs. Whatever the input, the reader must return a scenario whose schedules
// compile, or throw ScenarioError: any other exception, crash, leak or undefined behaviour is a finding.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/scenario/scenario.hpp"
#include "sim/scenario/schedules.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const size_t nul = input.find('\0');
  const std::string text = input.substr(0, nul);
  std::vector<std::string> overrides;
  for (size_t at = nul; at != std::string::npos && at < input.size();) {
    const size_t next = input.find('\0', at + 1);
    overrides.push_back(input.substr(at + 1, next == std::string::npos ? std::string::npos : next - at - 1));
    at = next;
  }
  try {
    const fleettwin::Scenario sc = fleettwin::parse_scenario(text, "fuzz.yaml", overrides);
    fleettwin::compile_schedules(sc);
  } catch (const fleettwin::ScenarioError&) {
  }
  return 0;
}
