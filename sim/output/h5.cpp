#include "sim/output/h5.hpp"

namespace fleettwin::h5 {
namespace {

Id vlen_string_type() {
  Id t(H5Tcopy(H5T_C_S1), H5Tclose, "copy the string type");
  check(H5Tset_size(t, H5T_VARIABLE), "make a variable-length string type");
  check(H5Tset_cset(t, H5T_CSET_UTF8), "set UTF-8");
  return t;
}

void write_attr(hid_t obj, const char* name, hid_t type, hid_t space, const void* data) {
  if (H5Aexists(obj, name) > 0) check(H5Adelete(obj, name), std::string("replace attribute ") + name);
  Id a(H5Acreate2(obj, name, type, space, H5P_DEFAULT, H5P_DEFAULT), H5Aclose, std::string("create attribute ") + name);
  check(H5Awrite(a, type, data), std::string("write attribute ") + name);
}

template <class T>
void scalar_attr(hid_t obj, const char* name, hid_t type, T value) {
  Id space(H5Screate(H5S_SCALAR), H5Sclose, "create a scalar space");
  write_attr(obj, name, type, space, &value);
}

std::vector<hsize_t> dims_of(hid_t space) {
  const int rank = H5Sget_simple_extent_ndims(space);
  std::vector<hsize_t> dims(static_cast<size_t>(rank > 0 ? rank : 0));
  if (rank > 0) H5Sget_simple_extent_dims(space, dims.data(), nullptr);
  return dims;
}

}  // namespace

void check(herr_t status, const std::string& what) {
  if (status < 0) throw std::runtime_error("HDF5: cannot " + what);
}

void attr(hid_t obj, const char* name, const std::string& value) {
  Id t = vlen_string_type();
  const char* p = value.c_str();
  Id space(H5Screate(H5S_SCALAR), H5Sclose, "create a scalar space");
  write_attr(obj, name, t, space, &p);
}

void attr(hid_t obj, const char* name, const std::vector<std::string>& values) {
  Id t = vlen_string_type();
  std::vector<const char*> ptrs;
  for (const auto& v : values) ptrs.push_back(v.c_str());
  const hsize_t n = values.size();
  Id space(H5Screate_simple(1, &n, nullptr), H5Sclose, "create an attribute space");
  write_attr(obj, name, t, space, ptrs.data());
}

void attr(hid_t obj, const char* name, double value) { scalar_attr(obj, name, H5T_NATIVE_DOUBLE, value); }
void attr(hid_t obj, const char* name, int64_t value) { scalar_attr(obj, name, H5T_NATIVE_INT64, value); }
void attr(hid_t obj, const char* name, uint64_t value) { scalar_attr(obj, name, H5T_NATIVE_UINT64, value); }

void attr(hid_t obj, const char* name, const std::vector<int64_t>& values) {
  const hsize_t n = values.size();
  Id space(H5Screate_simple(1, &n, nullptr), H5Sclose, "create an attribute space");
  write_attr(obj, name, H5T_NATIVE_INT64, space, values.data());
}

bool has_attr(hid_t obj, const char* name) { return H5Aexists(obj, name) > 0; }

std::string read_string_attr(hid_t obj, const char* name) {
  Id a(H5Aopen(obj, name, H5P_DEFAULT), H5Aclose, std::string("open attribute ") + name);
  Id ftype(H5Aget_type(a), H5Tclose, "read an attribute type");
  if (H5Tis_variable_str(ftype) > 0) {
    Id t = vlen_string_type();
    char* p = nullptr;
    check(H5Aread(a, t, &p), std::string("read attribute ") + name);
    std::string s = p ? p : "";
    H5free_memory(p);
    return s;
  }
  std::string s(H5Tget_size(ftype), '\0');
  Id t(H5Tcopy(ftype), H5Tclose, "copy a string type");
  check(H5Aread(a, t, s.data()), std::string("read attribute ") + name);
  return s.substr(0, s.find('\0'));
}

double read_double_attr(hid_t obj, const char* name) {
  Id a(H5Aopen(obj, name, H5P_DEFAULT), H5Aclose, std::string("open attribute ") + name);
  double v = 0;
  check(H5Aread(a, H5T_NATIVE_DOUBLE, &v), std::string("read attribute ") + name);
  return v;
}

int64_t read_int_attr(hid_t obj, const char* name) {
  Id a(H5Aopen(obj, name, H5P_DEFAULT), H5Aclose, std::string("open attribute ") + name);
  int64_t v = 0;
  check(H5Aread(a, H5T_NATIVE_INT64, &v), std::string("read attribute ") + name);
  return v;
}

std::vector<double> read_doubles(hid_t file, const std::string& path, std::vector<hsize_t>* dims) {
  Id d(H5Dopen2(file, path.c_str(), H5P_DEFAULT), H5Dclose, "open dataset " + path);
  Id space(H5Dget_space(d), H5Sclose, "read the shape of " + path);
  const auto shape = dims_of(space);
  if (dims) *dims = shape;
  size_t n = 1;
  for (auto x : shape) n *= x;
  std::vector<double> out(n);
  if (n) check(H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()), "read " + path);
  return out;
}

std::vector<int64_t> read_ints(hid_t file, const std::string& path, std::vector<hsize_t>* dims) {
  Id d(H5Dopen2(file, path.c_str(), H5P_DEFAULT), H5Dclose, "open dataset " + path);
  Id space(H5Dget_space(d), H5Sclose, "read the shape of " + path);
  const auto shape = dims_of(space);
  if (dims) *dims = shape;
  size_t n = 1;
  for (auto x : shape) n *= x;
  std::vector<int64_t> out(n);
  if (n) check(H5Dread(d, H5T_NATIVE_INT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()), "read " + path);
  return out;
}

std::vector<std::string> read_strings(hid_t file, const std::string& path) {
  Id d(H5Dopen2(file, path.c_str(), H5P_DEFAULT), H5Dclose, "open dataset " + path);
  Id space(H5Dget_space(d), H5Sclose, "read the shape of " + path);
  const auto shape = dims_of(space);
  const size_t n = shape.empty() ? 0 : shape[0];
  std::vector<char*> ptrs(n, nullptr);
  Id t = vlen_string_type();
  if (n) check(H5Dread(d, t, H5S_ALL, H5S_ALL, H5P_DEFAULT, ptrs.data()), "read " + path);
  std::vector<std::string> out;
  for (char* p : ptrs) out.emplace_back(p ? p : "");
  if (n) H5Dvlen_reclaim(t, space, H5P_DEFAULT, ptrs.data());
  return out;
}

}  // namespace fleettwin::h5
