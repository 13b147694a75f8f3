#pragma once
// Writing datasets declared in the schema (schema.hpp): whole columns, label coordinates and time axes made
// dimension scales, and series that grow one row at a time, buffered and flushed a chunk at a time. Each dataset
// gets its schema attributes (units, long_name, description) and the CRC-32 of its values, which the readers
// check. Files use HDF5's 1.10 format, whose metadata carries checksums: a damaged file is an error, not a crash.
#include <algorithm>
#include <cstdint>
#include <type_traits>
#include <span>
#include <string>
#include <vector>

#include "sim/output/h5.hpp"
#include "sim/output/schema.hpp"

namespace fleettwin {

class H5Writer {
 public:
  // Creates (truncates) `path`. `start` (Unix seconds) gives the CF time units.
  H5Writer(const std::string& path, int64_t start);

  // A dataset that grows along its first axis, with a row buffer flushed one chunk at a time.
  struct Series {
    h5::Id dataset;
    schema::Type type = schema::Type::I64;
    size_t row_size = 1;  // values per row
    hsize_t rows = 0;
    hsize_t chunk_rows = 1;
    std::vector<double> reals;
    std::vector<int64_t> ints;
    uint32_t crc = 0;
    size_t buffer_bytes() const { return (reals.capacity() + ints.capacity()) * 8; }
    // A row of no elements (an empty axis) holds nothing: such a series stays empty.
    size_t buffered_rows() const {
      return row_size == 0 ? 0 : (type == schema::Type::F64 ? reals.size() : ints.size()) / row_size;
    }
  };

  hid_t file() const { return file_; }
  // Opens (creating it the first time) a group; it stays open until close().
  hid_t group(std::string_view path);

  // A whole 1-D column of numbers (`values` converted to the schema type) or of text.
  h5::Id column(const schema::Dataset& spec, std::span<const int64_t> values, hsize_t chunk = 0);
  h5::Id column(const schema::Dataset& spec, std::span<const double> values, hsize_t chunk = 0);
  // A whole 1-D column of n numbers, value(i) giving row i (an integer, or a double for an F64 dataset), written a
  // slice of whole chunks at a time: no copy of the column is ever held (at 10M machines one int64 copy of a
  // per-machine column was 80 MB, and the encoded bytes as much again).
  template <class Value>
  h5::Id generated_column(const schema::Dataset& spec, size_t n, hsize_t chunk, Value&& value) {
    using Result = std::invoke_result_t<Value&, size_t>;
    using Stored = std::conditional_t<std::is_floating_point_v<Result>, double, int64_t>;
    ColumnSink sink = open_column(spec, n, chunk, std::is_same_v<Stored, double>);
    std::vector<Stored> slice;
    slice.reserve(std::min(n, sink.slice_rows));
    for (size_t i = 0; i < n;) {
      slice.clear();
      for (const size_t end = std::min(n, i + sink.slice_rows); i < end; ++i) slice.push_back(static_cast<Stored>(value(i)));
      write_slice(sink, slice);
    }
    return close_column(sink, spec);
  }
  h5::Id text_column(const schema::Dataset& spec, const std::vector<std::string>& values);
  // A coordinate of labels (plan, environment, class, ...): a text column made the dimension scale `spec.scale`.
  h5::Id label_scale(const schema::Dataset& spec, const std::vector<std::string>& labels);
  // An extendible series; `row_shape` gives the lengths of the axes after the first.
  Series series(const schema::Dataset& spec, std::vector<hsize_t> row_shape, hsize_t chunk_rows);
  // An extendible time axis in CF units, made a dimension scale.
  Series time_axis(const schema::Dataset& spec, hsize_t chunk_rows);
  // Appends the buffered rows once a chunk's worth has accumulated (or always, with force). Called after each row
  // a writer appends, so that a series holds at most a chunk in memory however many rows one call brings.
  void flush(Series& s, bool force = false);
  // Flushes what remains and writes the series' checksum.
  void finish(Series& s);

  // The schema's attributes of a dataset (units, long_name, description), with `description` overriding it.
  void describe(hid_t object, const schema::Dataset& spec, std::string_view description = {});
  // CF flag attributes: the meaning of each stored code.
  static void flags(hid_t object, const std::vector<int64_t>& values, const std::vector<std::string>& names);
  template <class Names>
  static void flags(hid_t object, const Names& names) {
    std::vector<int64_t> values;
    std::vector<std::string> labels;
    for (size_t i = 0; i < names.size(); ++i) {
      values.push_back(static_cast<int64_t>(i));
      labels.emplace_back(names[i]);
    }
    flags(object, values, labels);
  }
  static void attach(hid_t dataset, hid_t scale, unsigned axis);
  // A model's names (an array of string_view) as the labels of a coordinate.
  template <class Names>
  static std::vector<std::string> labels(const Names& names) {
    return {names.begin(), names.end()};
  }
  std::string time_units() const { return time_units_; }

  // Closes every object and the file; reports a failure to close (a full disk shows here).
  void close();
  // Closes everything, ignoring errors (on the way out of a failed run).
  void abandon() noexcept;

 private:
  struct ColumnSink {
    h5::Id dataset;
    hid_t file_type = -1;
    schema::Type type = schema::Type::I64;
    size_t slice_rows = 1;
    hsize_t written = 0;
    uint32_t crc = 0;
    std::vector<unsigned char> bytes;
    std::string path;  // for the error message
  };
  ColumnSink open_column(const schema::Dataset& spec, size_t n, hsize_t chunk, bool real);
  void write_slice(ColumnSink& sink, std::span<const int64_t> values);
  void write_slice(ColumnSink& sink, std::span<const double> values);
  void write_rows(ColumnSink& sink, size_t rows, const void* data);
  h5::Id close_column(ColumnSink& sink, const schema::Dataset& spec);
  h5::Id create(const schema::Dataset& spec, hid_t file_type, std::vector<hsize_t> dims, std::vector<hsize_t> max,
                std::vector<hsize_t> chunk);
  std::string time_units_;
  h5::Id file_;
  std::vector<std::pair<std::string, h5::Id>> groups_;
};

}  // namespace fleettwin
