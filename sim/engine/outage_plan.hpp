#pragma once
// Every location's outages over the run: the scenario's scheduled ones and the random ones drawn for its
// environment (models/network/outages.hpp), merged. Engine-free: the platform turns them into link state
// profiles, and the tests of the site logic use them directly.
#include <vector>

#include "models/network/outages.hpp"
#include "sim/scenario/scenario.hpp"

namespace fleettwin {

// Index = location.
std::vector<std::vector<OutageInterval>> plan_outages(const Scenario& scenario);

}  // namespace fleettwin
