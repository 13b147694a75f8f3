#include "sim/output/h5_writer.hpp"

#include <hdf5_hl.h>

#include <algorithm>

#include "sim/scenario/duration.hpp"

namespace fleettwin {
namespace {

h5::Id creation_props(hid_t cls) {
  h5::Id p(H5Pcreate(cls), H5Pclose, "create a property list");
  // No timestamps in object headers: identical runs give identical bytes.
  h5::check(H5Pset_obj_track_times(p, 0), "turn off time tracking");
  return p;
}

h5::Id vlen_utf8() {
  h5::Id t(H5Tcopy(H5T_C_S1), H5Tclose, "copy the string type");
  h5::check(H5Tset_size(t, H5T_VARIABLE), "make a string type");
  h5::check(H5Tset_cset(t, H5T_CSET_UTF8), "set UTF-8");
  return t;
}

hid_t file_type_of(schema::Type t) {
  switch (t) {
    case schema::Type::I64: return H5T_STD_I64LE;
    case schema::Type::U32: return H5T_STD_U32LE;
    case schema::Type::U16: return H5T_STD_U16LE;
    case schema::Type::U8: return H5T_STD_U8LE;
    case schema::Type::F64: return H5T_IEEE_F64LE;
    case schema::Type::Text: break;
  }
  return H5T_STD_I64LE;
}

size_t size_of(schema::Type t) {
  switch (t) {
    case schema::Type::U32: return 4;
    case schema::Type::U16: return 2;
    case schema::Type::U8: return 1;
    default: return 8;
  }
}

// Values in the stored type's little-endian bytes (the machines here are little-endian, as HDF5's LE types).
void encode(schema::Type t, std::span<const int64_t> in, std::vector<unsigned char>& out) {
  const size_t w = size_of(t);
  out.resize(in.size() * w);
  unsigned char* p = out.data();
  for (const int64_t v : in) {
    const auto u = static_cast<uint64_t>(v);
    for (size_t b = 0; b < w; ++b) *p++ = static_cast<unsigned char>(u >> (8 * b));
  }
}

// CF-style time units, which xarray decodes to datetimes without project code.
std::string cf_time_units(int64_t start) {
  std::string iso = format_iso8601(start);  // 2026-01-01T00:00:00Z
  iso[10] = ' ';
  iso.pop_back();
  return "seconds since " + iso;
}

}  // namespace

H5Writer::H5Writer(const std::string& path, int64_t start) : time_units_(cf_time_units(start)) {
  h5::quiet();
  h5::Id fapl(H5Pcreate(H5P_FILE_ACCESS), H5Pclose, "create a file access property list");
  // The 1.10 format: superblock, object headers, chunk indexes and heaps carry checksums, so a damaged file is
  // reported by HDF5 instead of read as nonsense (h5py, netCDF and xarray have read it for years).
  h5::check(H5Pset_libver_bounds(fapl, H5F_LIBVER_V110, H5F_LIBVER_V110), "choose the 1.10 file format");
  file_ = h5::Id(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl), H5Fclose, "create " + path);
}

hid_t H5Writer::group(std::string_view path) {
  for (const auto& [name, id] : groups_)
    if (name == path) return id;
  h5::Id gcpl = creation_props(H5P_GROUP_CREATE);
  const std::string p(path);
  groups_.emplace_back(p, h5::Id(H5Gcreate2(file_, p.c_str(), H5P_DEFAULT, gcpl, H5P_DEFAULT), H5Gclose,
                                 "create group " + p));
  return groups_.back().second;
}

h5::Id H5Writer::create(const schema::Dataset& spec, hid_t file_type, std::vector<hsize_t> dims,
                        std::vector<hsize_t> max, std::vector<hsize_t> chunk) {
  const std::string name(spec.name);
  h5::Id space(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), max.data()), H5Sclose,
               "create the space of " + spec.path());
  h5::Id dcpl = creation_props(H5P_DATASET_CREATE);
  if (!chunk.empty()) {
    h5::check(H5Pset_chunk(dcpl, static_cast<int>(chunk.size()), chunk.data()), "set chunking");
    h5::check(H5Pset_shuffle(dcpl), "set shuffle");
    h5::check(H5Pset_deflate(dcpl, 4), "set compression");
  }
  return h5::Id(H5Dcreate2(group(spec.group), name.c_str(), file_type, space, H5P_DEFAULT, dcpl, H5P_DEFAULT),
                H5Dclose, "create dataset " + spec.path());
}

void H5Writer::describe(hid_t obj, const schema::Dataset& spec, std::string_view description) {
  if (spec.units == schema::kTimeUnits) {
    h5::attr(obj, schema::kUnits, time_units_);
  } else if (!spec.units.empty()) {
    h5::attr(obj, schema::kUnits, spec.units);
  }
  h5::attr(obj, schema::kLongName, spec.long_name);
  const std::string_view d = description.empty() ? spec.description : description;
  if (!d.empty()) h5::attr(obj, schema::kDescription, d);
}

void H5Writer::flags(hid_t obj, const std::vector<int64_t>& values, const std::vector<std::string>& names) {
  std::string meanings;
  for (size_t i = 0; i < names.size(); ++i) meanings += (i ? " " : "") + names[i];
  h5::attr(obj, schema::kFlagValues, values);
  h5::attr(obj, schema::kFlagMeanings, meanings);
}

void H5Writer::attach(hid_t d, hid_t scale, unsigned axis) {
  h5::check(H5DSattach_scale(d, scale, axis), "attach a scale");
}

h5::Id H5Writer::column(const schema::Dataset& spec, std::span<const int64_t> values, hsize_t chunk) {
  return generated_column(spec, values.size(), chunk, [&](size_t i) { return values[i]; });
}

h5::Id H5Writer::column(const schema::Dataset& spec, std::span<const double> values, hsize_t chunk) {
  return generated_column(spec, values.size(), chunk, [&](size_t i) { return values[i]; });
}

H5Writer::ColumnSink H5Writer::open_column(const schema::Dataset& spec, size_t n, hsize_t chunk, bool real) {
  ColumnSink sink;
  const hsize_t rows = n;
  std::vector<hsize_t> chunks;
  if (chunk && rows > 0) chunks = {std::min<hsize_t>(chunk, rows)};
  // A double column is stored as doubles whatever the schema says (the schema's F64 columns).
  sink.file_type = real ? H5T_IEEE_F64LE : file_type_of(spec.type);
  sink.type = real ? schema::Type::F64 : spec.type;
  sink.dataset = create(spec, sink.file_type, {rows}, {rows}, chunks);
  sink.path = spec.path();
  // Slices of whole chunks, so that HDF5 never has to read back a chunk it wrote part of.
  constexpr size_t kSliceRows = 65536;
  const size_t c = chunks.empty() ? kSliceRows : static_cast<size_t>(chunks[0]);
  sink.slice_rows = std::max<size_t>(1, kSliceRows / c) * c;
  return sink;
}

void H5Writer::write_slice(ColumnSink& sink, std::span<const int64_t> values) {
  encode(sink.type, values, sink.bytes);
  write_rows(sink, values.size(), sink.bytes.data());
}

void H5Writer::write_slice(ColumnSink& sink, std::span<const double> values) {
  write_rows(sink, values.size(), values.data());
}

void H5Writer::write_rows(ColumnSink& sink, size_t rows, const void* data) {
  if (rows == 0) return;
  sink.crc = h5::crc32(sink.crc, data, rows * size_of(sink.type));
  const hsize_t start = sink.written, count = rows;
  h5::Id fspace(H5Dget_space(sink.dataset), H5Sclose, "get a space");
  h5::check(H5Sselect_hyperslab(fspace, H5S_SELECT_SET, &start, nullptr, &count, nullptr), "select rows");
  h5::Id mspace(H5Screate_simple(1, &count, nullptr), H5Sclose, "create a space");
  h5::check(H5Dwrite(sink.dataset, sink.file_type, mspace, fspace, H5P_DEFAULT, data), "write " + sink.path);
  sink.written += rows;
}

h5::Id H5Writer::close_column(ColumnSink& sink, const schema::Dataset& spec) {
  describe(sink.dataset, spec);
  h5::attr(sink.dataset, schema::kChecksum, sink.crc);
  return std::move(sink.dataset);
}

h5::Id H5Writer::text_column(const schema::Dataset& spec, const std::vector<std::string>& values) {
  const hsize_t n = values.size();
  h5::Id t = vlen_utf8();
  h5::Id d = create(spec, t, {n}, {n}, {});
  std::vector<const char*> ptrs;
  for (const auto& v : values) ptrs.push_back(v.c_str());
  if (n) h5::check(H5Dwrite(d, t, H5S_ALL, H5S_ALL, H5P_DEFAULT, ptrs.data()), "write " + spec.path());
  describe(d, spec);
  h5::attr(d, schema::kChecksum, h5::crc32_text(values));
  return d;
}

h5::Id H5Writer::label_scale(const schema::Dataset& spec, const std::vector<std::string>& labels) {
  h5::Id d = text_column(spec, labels);
  h5::check(H5DSset_scale(d, std::string(spec.scale).c_str()), "make scale " + spec.path());
  return d;
}

H5Writer::Series H5Writer::series(const schema::Dataset& spec, std::vector<hsize_t> row_shape, hsize_t chunk_rows) {
  Series s;
  s.type = spec.type;
  s.chunk_rows = chunk_rows;
  std::vector<hsize_t> dims = {0}, max = {H5S_UNLIMITED}, chunk = {chunk_rows};
  for (auto x : row_shape) {
    dims.push_back(x);
    max.push_back(x);
    chunk.push_back(std::max<hsize_t>(x, 1));  // a chunk dimension must be positive
    s.row_size *= x;
  }
  s.dataset = create(spec, file_type_of(spec.type), dims, max, chunk);
  describe(s.dataset, spec);
  return s;
}

H5Writer::Series H5Writer::time_axis(const schema::Dataset& spec, hsize_t chunk_rows) {
  Series s = series(spec, {}, chunk_rows);
  h5::check(H5DSset_scale(s.dataset, std::string(spec.scale).c_str()), "make scale " + spec.path());
  h5::attr(s.dataset, schema::kCalendar, "standard");
  return s;
}

void H5Writer::flush(Series& s, bool force) {
  const size_t rows = s.buffered_rows();
  if (rows == 0 || (!force && rows < s.chunk_rows)) return;
  const bool real = s.type == schema::Type::F64;
  std::vector<unsigned char> bytes;
  const void* data = s.reals.data();
  if (!real) {
    encode(s.type, s.ints, bytes);
    data = bytes.data();
  }
  s.crc = h5::crc32(s.crc, data, real ? s.reals.size() * sizeof(double) : bytes.size());
  std::vector<hsize_t> dims;
  {
    h5::Id space(H5Dget_space(s.dataset), H5Sclose, "get a space");
    dims.resize(static_cast<size_t>(H5Sget_simple_extent_ndims(space)));
    H5Sget_simple_extent_dims(space, dims.data(), nullptr);
  }
  std::vector<hsize_t> start(dims.size(), 0), count = dims;
  start[0] = s.rows;
  count[0] = rows;
  dims[0] = s.rows + rows;
  h5::check(H5Dset_extent(s.dataset, dims.data()), "extend a dataset");
  h5::Id fspace(H5Dget_space(s.dataset), H5Sclose, "get a space");
  h5::check(H5Sselect_hyperslab(fspace, H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr), "select rows");
  h5::Id mspace(H5Screate_simple(static_cast<int>(count.size()), count.data(), nullptr), H5Sclose, "create a space");
  h5::check(H5Dwrite(s.dataset, file_type_of(s.type), mspace, fspace, H5P_DEFAULT, data), "append rows");
  s.rows += rows;
  s.reals.clear();
  s.ints.clear();
}

void H5Writer::finish(Series& s) {
  if (!s.dataset.valid()) return;
  flush(s, true);
  h5::attr(s.dataset, schema::kChecksum, s.crc);
  s.dataset.reset();
}

void H5Writer::close() {
  for (auto& [name, id] : groups_) id.close("close group " + name);
  groups_.clear();
  h5::check(H5Fflush(file_, H5F_SCOPE_GLOBAL), "write");
  file_.close("close");
}

void H5Writer::abandon() noexcept {
  groups_.clear();
  if (!file_.valid()) return;
  // Whatever is still open in the file is closed with it, and a close that fails (a full disk) drops the file's
  // cached metadata instead of leaving it for HDF5's exit handler to write (which crashed on a full disk).
  const hid_t id = file_;
  const ssize_t open = H5Fget_obj_count(id, H5F_OBJ_ALL | H5F_OBJ_LOCAL);
  if (open > 1) {
    std::vector<hid_t> ids(static_cast<size_t>(open));
    const ssize_t n = H5Fget_obj_ids(id, (H5F_OBJ_ALL | H5F_OBJ_LOCAL) & ~H5F_OBJ_FILE, ids.size(), ids.data());
    for (ssize_t i = 0; i < n; ++i) {
      switch (H5Iget_type(ids[static_cast<size_t>(i)])) {
        case H5I_DATASET: H5Dclose(ids[static_cast<size_t>(i)]); break;
        case H5I_GROUP: H5Gclose(ids[static_cast<size_t>(i)]); break;
        case H5I_ATTR: H5Aclose(ids[static_cast<size_t>(i)]); break;
        case H5I_DATATYPE: H5Tclose(ids[static_cast<size_t>(i)]); break;
        default: break;
      }
    }
  }
  file_.reset();
}

}  // namespace fleettwin
