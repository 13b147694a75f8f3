#pragma once
// Thin RAII, attribute and checksum helpers over the HDF5 C API, shared by the writer and the readers. HDF5's
// automatic error printing is switched off (quiet()); failures become exceptions whose message ends with HDF5's
// own innermost reason ("checksum verification failed", "no space left on device", ...).
#include <hdf5.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace fleettwin::h5 {

// Turns off HDF5's printing of error stacks (once per process; idempotent).
void quiet();
// The innermost message of HDF5's current error stack ("" if none).
std::string error_reason();

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};
// Throws h5::Error("HDF5: cannot <what>: <reason>") when status < 0.
void check(herr_t status, const std::string& what);

// Owns one HDF5 identifier and closes it with the matching H5?close.
class Id {
 public:
  using Closer = herr_t (*)(hid_t);
  Id() = default;
  Id(hid_t id, Closer close, const std::string& what) : id_(id), close_(close) {
    if (id < 0) throw Error("HDF5: cannot " + what + with_reason());
  }
  Id(const Id&) = delete;
  Id& operator=(const Id&) = delete;
  Id(Id&& o) noexcept : id_(o.id_), close_(o.close_) { o.id_ = -1; }
  Id& operator=(Id&& o) noexcept {
    reset();
    id_ = o.id_;
    close_ = o.close_;
    o.id_ = -1;
    return *this;
  }
  ~Id() { reset(); }
  // Closes, ignoring failure (destructors, error paths).
  void reset() noexcept {
    if (id_ >= 0 && close_) close_(id_);
    id_ = -1;
  }
  // Closes and reports failure (the file's close is where a full disk shows).
  void close(const std::string& what) {
    const hid_t id = id_;
    id_ = -1;
    if (id >= 0 && close_) check(close_(id), what);
  }
  operator hid_t() const { return id_; }
  bool valid() const { return id_ >= 0; }

 private:
  static std::string with_reason() {
    const std::string r = error_reason();
    return r.empty() ? std::string() : ": " + r;
  }
  hid_t id_ = -1;
  Closer close_ = nullptr;
};

// Attributes written on any object (file root, group or dataset); an existing one is replaced.
void attr(hid_t obj, std::string_view name, std::string_view value);
void attr(hid_t obj, std::string_view name, double value);
void attr(hid_t obj, std::string_view name, int64_t value);
void attr(hid_t obj, std::string_view name, uint64_t value);
void attr(hid_t obj, std::string_view name, uint32_t value);
void attr(hid_t obj, std::string_view name, const std::vector<int64_t>& values);

bool has_attr(hid_t obj, std::string_view name);
// Readers of scalar attributes: nullopt when the attribute is missing or not of that kind (a string where a
// number belongs, an array where a scalar does).
std::optional<std::string> string_attr(hid_t obj, std::string_view name);
std::optional<double> double_attr(hid_t obj, std::string_view name);
std::optional<int64_t> int_attr(hid_t obj, std::string_view name);    // any signed or unsigned integer that fits
std::optional<uint64_t> uint_attr(hid_t obj, std::string_view name);  // an unsigned integer, or a non-negative signed one

// CRC-32 (zlib's), to be continued with further bytes.
uint32_t crc32(uint32_t crc, const void* data, size_t bytes);
// The checksum the schema defines for text: each string's bytes followed by a NUL.
uint32_t crc32_text(const std::vector<std::string>& values);

}  // namespace fleettwin::h5
