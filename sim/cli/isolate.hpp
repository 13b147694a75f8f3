#pragma once
// Runs a reader (summary, query) in a forked child and reports what ended it. The readers check every dataset
// before use (sim/output/run_file.hpp), but some damage crashes the HDF5 library itself before any check can run:
// the 1.10 format's global heap, which holds variable-length strings, has no checksum, and a damaged string length
// makes HDF5 copy out of bounds. A crash in the child becomes a clear error in the parent instead of the end of the
// process. The child writes the reader's output itself; it prints only once everything has been read.
#include <functional>
#include <string>

namespace fleettwin {

// Returns the child's exit status, or `crash_status` after printing "error: <file>: <what>" when a signal ended it
// (a broken pipe, as in `fleettwin query ... | head`, ends quietly with 141).
int run_isolated(const std::function<int()>& reader, const std::string& file, int crash_status);

}  // namespace fleettwin
