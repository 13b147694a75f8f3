#pragma once
// Reading a run's output file for the readers (summary, query), trusting nothing in it: every dataset is checked
// against the schema (schema.hpp) before use — present, stored with its type, laid along its axes with this file's
// lengths, its CRC-32 matching, its values within their rule (an index within its catalogue, a code in the issue
// catalogue, a time within the run) — and every attribute for its kind and range. What is wrong is an InvalidFile
// error, "file: /dataset: what is wrong", never a crash or a silently wrong answer. Engine-free: readers never
// start SimGrid.
#include <array>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "sim/output/h5.hpp"
#include "sim/output/schema.hpp"

namespace fleettwin {

class InvalidFile : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class RunFile {
 public:
  // Opens `path` read-only and checks the root attributes.
  explicit RunFile(std::string path);

  const std::string& path() const { return path_; }
  std::string scenario_name;
  std::string start_text;  // ISO 8601
  int64_t start = 0;       // Unix seconds
  int64_t duration = 0;    // seconds
  int64_t machines = 0;
  uint64_t seed = 0;

  // Whether a group (or dataset) exists.
  bool has(std::string_view path) const;
  // Attributes of a group, checked for kind and range.
  std::string text_attr(std::string_view object, std::string_view name) const;
  int64_t int_attr(std::string_view object, std::string_view name, int64_t lo, int64_t hi) const;
  double real_attr(std::string_view object, std::string_view name, double lo, double hi) const;
  std::optional<double> optional_real_attr(std::string_view object, std::string_view name) const;
  std::optional<int64_t> optional_int_attr(std::string_view object, std::string_view name) const;

  // A whole dataset, checked (see above).
  std::vector<int64_t> ints(const schema::Dataset& spec) const;
  std::vector<double> reals(const schema::Dataset& spec) const;
  std::vector<std::string> texts(const schema::Dataset& spec) const;
  // The length of an axis in this file.
  size_t axis(schema::Axis axis) const;

  [[noreturn]] void fail(std::string_view where, const std::string& what) const;

 private:
  struct Opened;
  Opened open(const schema::Dataset& spec, H5T_class_t cls) const;
  size_t length_of(const schema::Dataset& source, size_t limit) const;
  void check_values(const schema::Dataset& spec, const std::vector<int64_t>& values) const;
  void check_checksum(const schema::Dataset& spec, hid_t dataset, uint32_t actual) const;

  std::string path_;
  h5::Id file_;
  mutable std::array<std::optional<size_t>, schema::kAxisCount> axes_{};
  mutable std::vector<int64_t> issue_codes_;
};

}  // namespace fleettwin
