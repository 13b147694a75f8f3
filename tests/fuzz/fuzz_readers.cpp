// libFuzzer target: the readers (summary, query) on damaged and edited output files. The input is a program of
// edits applied, through the HDF5 API, to a copy of a small valid file (tests/support/hand_made_run.hpp): values
// overwritten (with or without fixing the dataset's checksum), datasets deleted or replaced by others of another
// shape or type, root and group attributes rewritten. The container stays valid HDF5, so what is exercised is the
// readers' own checking: they must answer or throw InvalidFile / QueryError, never crash, leak or misbehave.
// (Damage to the container itself is the job of the forked reader in the CLI: tests/cli/test_bad_outputs.py.)
#include <hdf5.h>

#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "sim/output/h5.hpp"
#include "sim/output/run_file.hpp"
#include "sim/output/schema.hpp"
#include "sim/readers/query.hpp"
#include "sim/readers/summary.hpp"
#include "tests/support/hand_made_run.hpp"

using namespace fleettwin;

namespace {

std::string g_base;  // the valid file's bytes
std::string g_path;

struct Input {
  const uint8_t* p;
  size_t n;
  uint8_t byte() { return n ? (--n, *p++) : 0; }
  int64_t integer() {
    uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v = v << 8 | byte();
    // Small values are the interesting ones: the low byte decides most of the time.
    return (v >> 62) == 0 ? static_cast<int64_t>(v & 0x3ff) - 16 : static_cast<int64_t>(v);
  }
  std::string text() {
    const size_t len = byte() % 40;
    std::string s;
    for (size_t i = 0; i < len; ++i) s += static_cast<char>(byte());
    return s;
  }
};

void set_checksum(hid_t d, const std::vector<int64_t>& values, size_t width) {
  std::vector<unsigned char> bytes(values.size() * width);
  for (size_t i = 0; i < values.size(); ++i)
    for (size_t b = 0; b < width; ++b) bytes[i * width + b] = static_cast<unsigned char>(static_cast<uint64_t>(values[i]) >> (8 * b));
  if (H5Aexists(d, "crc32") > 0) H5Adelete(d, "crc32");
  h5::attr(d, "crc32", h5::crc32(0, bytes.data(), bytes.size()));
}

void edit_value(hid_t file, const schema::Dataset& spec, Input& in) {
  const hid_t d = H5Dopen2(file, spec.path().c_str(), H5P_DEFAULT);
  if (d < 0) return;
  const hid_t type = H5Dget_type(d);
  const hid_t space = H5Dget_space(d);
  const hssize_t n = H5Sget_simple_extent_npoints(space);
  if (H5Tget_class(type) == H5T_INTEGER && n > 0) {
    std::vector<int64_t> v(static_cast<size_t>(n));
    H5Dread(d, H5T_NATIVE_INT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data());
    v[static_cast<size_t>(in.byte()) % v.size()] = in.integer();
    H5Dwrite(d, H5T_NATIVE_INT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data());
    if (in.byte() & 1) {  // an edit that recomputes the checksum, as a careful user would
      H5Dread(d, H5T_NATIVE_INT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data());
      set_checksum(d, v, H5Tget_size(type));
    }
  } else if (H5Tget_class(type) == H5T_FLOAT && n > 0) {
    std::vector<double> v(static_cast<size_t>(n));
    H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data());
    const int64_t x = in.integer();
    double value = static_cast<double>(x);
    if (x % 7 == 0) std::memcpy(&value, &x, sizeof value);  // any bit pattern: NaN, infinities, denormals
    v[static_cast<size_t>(in.byte()) % v.size()] = value;
    H5Dwrite(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data());
  }
  H5Sclose(space);
  H5Tclose(type);
  H5Dclose(d);
}

void replace(hid_t file, const schema::Dataset& spec, Input& in) {
  H5Ldelete(file, spec.path().c_str(), H5P_DEFAULT);
  if (in.byte() % 4 == 0) return;  // deleted, not replaced
  const hsize_t dims[2] = {static_cast<hsize_t>(in.byte() % 80), static_cast<hsize_t>(1 + in.byte() % 4)};
  const int rank = 1 + in.byte() % 2;
  const hid_t types[] = {H5T_STD_I64LE, H5T_STD_U8LE, H5T_STD_U32LE, H5T_IEEE_F64LE, H5T_STD_U16LE, H5T_STD_I8LE};
  const hid_t type = types[in.byte() % 6];
  const hid_t space = H5Screate_simple(rank, dims, nullptr);
  const hid_t d = H5Dcreate2(file, spec.path().c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  if (d >= 0) {
    std::vector<int64_t> v(dims[0] * (rank == 2 ? dims[1] : 1), in.integer());
    if (!v.empty()) H5Dwrite(d, H5T_NATIVE_INT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data());
    if (in.byte() & 1) set_checksum(d, v, H5Tget_size(type));
    H5Dclose(d);
  }
  H5Sclose(space);
}

void edit_attribute(hid_t file, Input& in) {
  const char* roots[] = {"start", "machines", "seed", "duration_seconds", "scenario_name"};
  const char* name = roots[in.byte() % 5];
  const hid_t root = H5Oopen(file, "/", H5P_DEFAULT);
  if (H5Aexists(root, name) > 0) H5Adelete(root, name);
  if (in.byte() & 1)
    h5::attr(root, name, in.text());
  else
    h5::attr(root, name, in.integer());
  H5Oclose(root);
  if (in.byte() & 1) {
    const hid_t billing = H5Oopen(file, "/billing", H5P_DEFAULT);
    if (billing >= 0) {
      h5::attr(billing, "partial_hour_rule", in.text());
      H5Oclose(billing);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  H5dont_atexit();
  h5::quiet();
  testing::TempFile base("fuzz-base");
  testing::write_hand_made_run(base.path);
  std::ifstream in(base.path, std::ios::binary);
  g_base.assign(std::istreambuf_iterator<char>(in), {});
  g_path = testing::TempFile("fuzz-case").path;
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  {
    std::ofstream out(g_path, std::ios::binary | std::ios::trunc);
    out.write(g_base.data(), static_cast<std::streamsize>(g_base.size()));
  }
  Input in{data, size};
  const hid_t file = H5Fopen(g_path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
  if (file < 0) return 0;
  for (int edits = 0; edits < 6 && in.n > 0; ++edits) {
    const schema::Dataset& spec = *schema::kAllDatasets[in.byte() % schema::kAllDatasets.size()];
    switch (in.byte() % 4) {
      case 0:
      case 1: edit_value(file, spec, in); break;
      case 2: replace(file, spec, in); break;
      case 3: edit_attribute(file, in); break;
    }
  }
  H5Fclose(file);
  try {
    std::ostringstream sink;
    print_summary_json(read_summary(g_path), sink);
  } catch (const InvalidFile&) {
  }
  for (const char* status : {"unhealthy", "all"}) {
    try {
      QueryRequest q;
      q.file = g_path;
      q.status = status;
      q.at = "5h";
      std::ostringstream sink;
      print_query(q, run_query(q), sink);
    } catch (const InvalidFile&) {
    } catch (const QueryError&) {
    }
  }
  return 0;
}
