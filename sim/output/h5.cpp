#include "sim/output/h5.hpp"

#include <zlib.h>

#include <limits>

namespace fleettwin::h5 {
namespace {

Id vlen_string_type() {
  Id t(H5Tcopy(H5T_C_S1), H5Tclose, "copy the string type");
  check(H5Tset_size(t, H5T_VARIABLE), "make a variable-length string type");
  check(H5Tset_cset(t, H5T_CSET_UTF8), "set UTF-8");
  return t;
}

void write_attr(hid_t obj, std::string_view name, hid_t type, hid_t space, const void* data) {
  const std::string n(name);
  if (H5Aexists(obj, n.c_str()) > 0) check(H5Adelete(obj, n.c_str()), "replace attribute " + n);
  Id a(H5Acreate2(obj, n.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT), H5Aclose, "create attribute " + n);
  check(H5Awrite(a, type, data), "write attribute " + n);
}

template <class T>
void scalar_attr(hid_t obj, std::string_view name, hid_t type, T value) {
  Id space(H5Screate(H5S_SCALAR), H5Sclose, "create a scalar space");
  write_attr(obj, name, type, space, &value);
}

// The attribute, if it exists and is a scalar (or a one-element array) of the given type class.
std::optional<Id> open_scalar(hid_t obj, std::string_view name, H5T_class_t cls, Id* type = nullptr) {
  const std::string n(name);
  if (H5Aexists(obj, n.c_str()) <= 0) return std::nullopt;
  Id a(H5Aopen(obj, n.c_str(), H5P_DEFAULT), H5Aclose, "open attribute " + n);
  Id t(H5Aget_type(a), H5Tclose, "read the type of attribute " + n);
  Id space(H5Aget_space(a), H5Sclose, "read the shape of attribute " + n);
  if (H5Tget_class(t) != cls || H5Sget_simple_extent_npoints(space) != 1) return std::nullopt;
  if (type) *type = std::move(t);
  return a;
}

// Keeps the last non-empty description of the walk.
herr_t keep_innermost(unsigned, const H5E_error2_t* e, void* data) {
  auto* out = static_cast<std::string*>(data);
  if (e->desc && *e->desc) *out = e->desc;
  return 0;
}

}  // namespace

// The setting belongs to the calling thread's error stack when HDF5 is built thread-safe (Debian's is), so every
// thread that calls HDF5 sets it (the control plane's actor may run on a thread of its own).
void quiet() { H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr); }

std::string error_reason() {
  // Downward: from the API call to the function that first detected the error, whose message is kept.
  std::string reason;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, keep_innermost, &reason);
  // The stack holds copies of its strings until cleared (or until HDF5's exit handler, which is off).
  H5Eclear2(H5E_DEFAULT);
  // A failed system call's description holds a time, a buffer address, sizes... and the system's own message,
  // which is the part a person needs ("No space left on device").
  const std::string marker = "error message = '";
  if (const size_t at = reason.find(marker); at != std::string::npos) {
    const size_t end = reason.find('\'', at + marker.size());
    if (end != std::string::npos) return reason.substr(at + marker.size(), end - at - marker.size());
  }
  return reason;
}

void check(herr_t status, const std::string& what) {
  if (status >= 0) return;
  const std::string reason = error_reason();
  throw Error("HDF5: cannot " + what + (reason.empty() ? "" : ": " + reason));
}

void attr(hid_t obj, std::string_view name, std::string_view value) {
  Id t = vlen_string_type();
  const std::string v(value);
  const char* p = v.c_str();
  Id space(H5Screate(H5S_SCALAR), H5Sclose, "create a scalar space");
  write_attr(obj, name, t, space, &p);
}

void attr(hid_t obj, std::string_view name, double value) { scalar_attr(obj, name, H5T_NATIVE_DOUBLE, value); }
void attr(hid_t obj, std::string_view name, int64_t value) { scalar_attr(obj, name, H5T_NATIVE_INT64, value); }
void attr(hid_t obj, std::string_view name, uint64_t value) { scalar_attr(obj, name, H5T_NATIVE_UINT64, value); }
void attr(hid_t obj, std::string_view name, uint32_t value) { scalar_attr(obj, name, H5T_NATIVE_UINT32, value); }

void attr(hid_t obj, std::string_view name, const std::vector<int64_t>& values) {
  const hsize_t n = values.size();
  Id space(H5Screate_simple(1, &n, nullptr), H5Sclose, "create an attribute space");
  write_attr(obj, name, H5T_NATIVE_INT64, space, values.data());
}

bool has_attr(hid_t obj, std::string_view name) { return H5Aexists(obj, std::string(name).c_str()) > 0; }

std::optional<std::string> string_attr(hid_t obj, std::string_view name) {
  Id ftype;
  auto a = open_scalar(obj, name, H5T_STRING, &ftype);
  if (!a) return std::nullopt;
  if (H5Tis_variable_str(ftype) > 0) {
    Id t = vlen_string_type();
    char* p = nullptr;
    if (H5Aread(*a, t, &p) < 0) return std::nullopt;
    std::string s = p ? p : "";
    H5free_memory(p);
    return s;
  }
  const size_t size = H5Tget_size(ftype);
  if (size == 0 || size > (1u << 24)) return std::nullopt;
  std::string s(size, '\0');
  Id t(H5Tcopy(ftype), H5Tclose, "copy a string type");
  if (H5Aread(*a, t, s.data()) < 0) return std::nullopt;
  return s.substr(0, s.find('\0'));
}

std::optional<double> double_attr(hid_t obj, std::string_view name) {
  auto a = open_scalar(obj, name, H5T_FLOAT);
  double v = 0;
  if (!a || H5Aread(*a, H5T_NATIVE_DOUBLE, &v) < 0) return std::nullopt;
  return v;
}

std::optional<int64_t> int_attr(hid_t obj, std::string_view name) {
  Id type;
  auto a = open_scalar(obj, name, H5T_INTEGER, &type);
  if (!a) return std::nullopt;
  if (H5Tget_sign(type) == H5T_SGN_NONE) {
    uint64_t u = 0;
    if (H5Aread(*a, H5T_NATIVE_UINT64, &u) < 0 || u > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
      return std::nullopt;
    return static_cast<int64_t>(u);
  }
  int64_t v = 0;
  if (H5Aread(*a, H5T_NATIVE_INT64, &v) < 0) return std::nullopt;
  return v;
}

std::optional<uint64_t> uint_attr(hid_t obj, std::string_view name) {
  Id type;
  auto a = open_scalar(obj, name, H5T_INTEGER, &type);
  if (!a) return std::nullopt;
  if (H5Tget_sign(type) != H5T_SGN_NONE) {
    int64_t v = 0;
    if (H5Aread(*a, H5T_NATIVE_INT64, &v) < 0 || v < 0) return std::nullopt;
    return static_cast<uint64_t>(v);
  }
  uint64_t u = 0;
  if (H5Aread(*a, H5T_NATIVE_UINT64, &u) < 0) return std::nullopt;
  return u;
}

uint32_t crc32(uint32_t crc, const void* data, size_t bytes) {
  const auto* p = static_cast<const Bytef*>(data);
  uLong c = crc;
  while (bytes > 0) {  // zlib takes uInt lengths
    const auto n = static_cast<uInt>(std::min<size_t>(bytes, 1u << 30));
    c = ::crc32(c, p, n);
    p += n;
    bytes -= n;
  }
  return static_cast<uint32_t>(c);
}

uint32_t crc32_text(const std::vector<std::string>& values) {
  uint32_t crc = 0;
  const char nul = '\0';
  for (const auto& v : values) {
    crc = crc32(crc, v.data(), v.size());
    crc = crc32(crc, &nul, 1);
  }
  return crc;
}

}  // namespace fleettwin::h5
