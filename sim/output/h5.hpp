#pragma once
// Thin RAII and attribute helpers over the HDF5 C API, shared by the recorder and the readers.
#include <hdf5.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace fleettwin::h5 {

// Owns one HDF5 identifier and closes it with the matching H5?close.
class Id {
 public:
  using Closer = herr_t (*)(hid_t);
  Id() = default;
  Id(hid_t id, Closer close, const std::string& what) : id_(id), close_(close) {
    if (id < 0) throw std::runtime_error("HDF5: cannot " + what);
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
  void reset() {
    if (id_ >= 0 && close_) close_(id_);
    id_ = -1;
  }
  operator hid_t() const { return id_; }
  bool valid() const { return id_ >= 0; }

 private:
  hid_t id_ = -1;
  Closer close_ = nullptr;
};

void check(herr_t status, const std::string& what);

// Attributes written on any object (file root, group or dataset).
void attr(hid_t obj, const char* name, const std::string& value);
void attr(hid_t obj, const char* name, const std::vector<std::string>& values);
void attr(hid_t obj, const char* name, double value);
void attr(hid_t obj, const char* name, int64_t value);
void attr(hid_t obj, const char* name, uint64_t value);
void attr(hid_t obj, const char* name, const std::vector<int64_t>& values);

// Readers (for summary and query); throw when the attribute or dataset is missing.
std::string read_string_attr(hid_t obj, const char* name);
double read_double_attr(hid_t obj, const char* name);
int64_t read_int_attr(hid_t obj, const char* name);
bool has_attr(hid_t obj, const char* name);
std::vector<double> read_doubles(hid_t file, const std::string& path, std::vector<hsize_t>* dims = nullptr);
std::vector<int64_t> read_ints(hid_t file, const std::string& path, std::vector<hsize_t>* dims = nullptr);
std::vector<std::string> read_strings(hid_t file, const std::string& path);

}  // namespace fleettwin::h5
