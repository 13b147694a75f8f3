#pragma once
// What the readers' subcommands (query, alerts) share: a time given with --at, a name given for a filter, a CSV
// field. Bad values throw QueryError naming the option.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/output/run_file.hpp"
#include "sim/readers/query.hpp"

namespace fleettwin {

// Seconds since the run's start of --at (ISO 8601 UTC or an offset from the start); the end of the run if empty.
int64_t parse_at(const std::string& at, const RunFile& f);
// The index of `name` among `names`, or QueryError naming `option` and the known names.
size_t index_of(const std::vector<std::string>& names, const std::string& name, const char* option);
// A CSV field, quoted when it needs to be.
std::string csv_field(const std::string& s);

}  // namespace fleettwin
