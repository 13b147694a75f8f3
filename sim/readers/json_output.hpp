#pragma once
// The one JSON writer of the readers (summary --json, query --format json): nlohmann-json, so strings are escaped
// correctly (tabs, control characters, non-ASCII), 64-bit integers keep every digit, and invalid UTF-8 read from a
// file is replaced rather than written as invalid JSON.
#include <nlohmann/json.hpp>

#include <ostream>

namespace fleettwin {

using Json = nlohmann::ordered_json;  // keys in the order the readers give them

inline void write_json(const Json& value, std::ostream& out, int indent = 2) {
  out << value.dump(indent, ' ', false, Json::error_handler_t::replace) << "\n";
}

}  // namespace fleettwin
