#pragma once
// `fleettwin query`: the product's Cloud Security Explorer questions asked of a run's HDF5 file
// (product-facts.md §3): which machines are unhealthy (installation or heartbeat issue), healthy, or not
// applicable at a time. The evaluation in force at that time answers: the last four-hourly evaluation at or
// before it (before the first one, the state at the start).
#include <cstdint>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

namespace fleettwin {

enum class QueryFormat { Table, Csv, Json };

struct QueryRequest {
  std::string file;
  std::string status = "unhealthy";  // unhealthy, healthy, not-applicable, or any class name with '-' for '_', or all
  std::string at;                    // ISO 8601 UTC or an offset from the start ("72h"); empty = the end of the run
  std::optional<std::string> environment, location, cohort;
  QueryFormat format = QueryFormat::Table;
  bool count = false;  // counts per class and environment instead of the list
  size_t limit = 0;    // 0 = all rows
  bool vulnerable = false;       // machines with open findings instead (vulnerable_query.hpp)
  std::string severity = "low";  // with vulnerable: findings of at least this severity
};

struct QueryRow {
  uint32_t machine;
  std::string cohort, environment, location, subscription, os, health_class, issue, message, fix;
};

struct QueryResult {
  std::string evaluation_time;  // ISO 8601 of the evaluation in force
  std::string asked_time;
  std::vector<QueryRow> rows;  // machines matching, in machine order
  std::vector<std::string> classes, environments;
  std::vector<std::vector<int64_t>> counts;  // [class][environment] over the filtered machines
  size_t matched = 0;
};

// A request that cannot be answered: a bad option value (the message names the option).
class QueryError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Throws QueryError for a bad request, InvalidFile (sim/output/run_file.hpp) for a file that is not a complete,
// undamaged output file.
QueryResult run_query(const QueryRequest& request);
void print_query(const QueryRequest& request, const QueryResult& result, std::ostream& out);

}  // namespace fleettwin
