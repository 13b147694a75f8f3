#pragma once
// SimGrid's own options (--cfg=..., --log=...), checked before the engine sees them. SimGrid reports some mistakes
// with an exception and others by aborting the process (an unknown log setting, an unknown context factory, an
// unknown network model), and a too small actor stack crashes the run later. So the options are tried first in a
// forked child that creates an engine with them and runs a small platform with actors and a message; if the child
// dies, SimGrid's own complaint becomes the parent's error message, naming the option.
#include <optional>
#include <string>
#include <vector>

namespace fleettwin {

// The smallest actor stack (KiB) accepted for contexts/stack-size: site actors drain calendars and the control
// plane writes HDF5 (zlib included) from its actor.
inline constexpr int kMinStackKiB = 64;
// The default when none is given: ample for the few actors a run has.
inline constexpr int kDefaultStackKiB = 256;

// Splits argv into SimGrid's options and the rest (argv[0] first in both).
void split_simgrid_options(int argc, char** argv, std::vector<char*>& simgrid, std::vector<char*>& rest);

// Why the options cannot be used ("--cfg=nonsense:1: SimGrid: Bad config key: nonsense"), or nullopt.
std::optional<std::string> check_simgrid_options(const std::vector<std::string>& options);

// Whether the options set this configuration key (e.g. "contexts/nthreads").
bool sets_simgrid_key(const std::vector<std::string>& options, const std::string& key);

}  // namespace fleettwin
