#include "sim/sweep/merge.hpp"

#include <hdf5_hl.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <limits>

#include "models/sweep/design.hpp"
#include "models/sweep/statistics.hpp"
#include "sim/output/h5.hpp"
#include "sim/output/run_file.hpp"
#include "sim/sweep/metrics.hpp"

namespace fleettwin::sweep {
namespace fs = std::filesystem;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

class MergedFile {
 public:
  explicit MergedFile(const std::string& path) {
    h5::Id fapl(H5Pcreate(H5P_FILE_ACCESS), H5Pclose, "create a file access property list");
    h5::check(H5Pset_libver_bounds(fapl, H5F_LIBVER_V110, H5F_LIBVER_V110), "choose the 1.10 file format");
    h5::Id fcpl(H5Pcreate(H5P_FILE_CREATE), H5Pclose, "create a file creation property list");
    h5::check(H5Pset_obj_track_times(fcpl, 0), "turn off time tracking");  // the root group's header too
    file_ = h5::Id(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, fcpl, fapl), H5Fclose, "create " + path);
  }
  hid_t file() const { return file_; }

  // A dataset of `type` with `dims`, its values, described; `scales` attached along its axes.
  h5::Id write(const std::string& name, hid_t type, const std::vector<hsize_t>& dims, const void* data,
               const std::string& long_name, const std::string& units, const std::vector<hid_t>& scales = {}) {
    h5::Id space(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr), H5Sclose, "make a space");
    h5::Id dcpl(H5Pcreate(H5P_DATASET_CREATE), H5Pclose, "create a property list");
    h5::check(H5Pset_obj_track_times(dcpl, 0), "turn off time tracking");  // identical inputs, identical bytes
    h5::Id d(H5Dcreate2(file_, name.c_str(), type, space, H5P_DEFAULT, dcpl, H5P_DEFAULT), H5Dclose, "create " + name);
    size_t n = 1;
    for (auto x : dims) n *= x;
    if (n) h5::check(H5Dwrite(d, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data), "write " + name);
    h5::attr(d, "long_name", long_name);
    if (!units.empty()) h5::attr(d, "units", units);
    for (unsigned k = 0; k < scales.size(); ++k) h5::check(H5DSattach_scale(d, scales[k], k), "attach a scale to " + name);
    return d;
  }
  h5::Id reals(const std::string& name, const std::vector<hsize_t>& dims, const std::vector<double>& v,
               const std::string& long_name, const std::string& units, const std::vector<hid_t>& scales) {
    return write(name, H5T_NATIVE_DOUBLE, dims, v.data(), long_name, units, scales);
  }
  h5::Id ints(const std::string& name, const std::vector<hsize_t>& dims, const std::vector<int64_t>& v,
              const std::string& long_name, const std::string& units, const std::vector<hid_t>& scales) {
    return write(name, H5T_NATIVE_INT64, dims, v.data(), long_name, units, scales);
  }
  h5::Id texts(const std::string& name, const std::vector<std::string>& v, const std::string& long_name,
               const std::vector<hid_t>& scales) {
    h5::Id t(H5Tcopy(H5T_C_S1), H5Tclose, "copy the string type");
    h5::check(H5Tset_size(t, H5T_VARIABLE), "make a string type");
    h5::check(H5Tset_cset(t, H5T_CSET_UTF8), "set UTF-8");
    std::vector<const char*> p;
    for (const auto& s : v) p.push_back(s.c_str());
    return write(name, t, {v.size()}, p.data(), long_name, "", scales);
  }
  // A coordinate along its own dimension.
  h5::Id scale(const std::string& name, const std::vector<int64_t>& v, const std::string& long_name,
               const std::string& units) {
    h5::Id d = ints(name, {v.size()}, v, long_name, units, {});
    h5::check(H5DSset_scale(d, name.c_str()), "make scale " + name);
    return d;
  }
  void close(const std::string& path) { file_.close("close " + path); }

 private:
  h5::Id file_;
};

std::string coordinates_of(const Manifest& m) {
  std::string c;
  for (const auto& a : m.axis_names) c += (c.empty() ? "" : " ") + a;
  return c;
}

}  // namespace

MergeOutcome merge_sweep(const SweepDir& dir, const std::string& output) {
  const Manifest& m = dir.manifest();
  const size_t P = m.point_count(), R = m.replicas, M = m.metrics.size(), S = m.series.size();
  MergeOutcome out;
  out.runs = m.runs.size();
  // Read every done run, in index order.
  std::vector<double> metric(M * P * R, kNaN);  // [metric][point][replica]
  std::vector<std::vector<std::vector<double>>> series(S, std::vector<std::vector<double>>(P * R));
  std::vector<std::vector<int64_t>> times(S);
  std::vector<int64_t> done(P * R, 0);
  std::vector<uint64_t> seeds(P * R, 0);
  for (size_t i = 0; i < m.runs.size(); ++i) {
    const ManifestRun& r = m.runs[i];
    const size_t cell = r.point * R + r.replica;
    seeds[cell] = r.seed;
    if (dir.status(i).state != RunState::Done || dir.needs_run(i, false)) continue;
    const RunValues v = read_run_values(dir.run_file(i), m.metrics, m.series);
    for (size_t k = 0; k < M; ++k) metric[(k * P + r.point) * R + r.replica] = v.metrics[k];
    for (size_t k = 0; k < S; ++k) {
      // The series' time axis is the longest run's; the others must be a prefix of it (runs of other durations).
      const auto& t = v.times[k];
      const auto& have = times[k];
      const size_t common = std::min(t.size(), have.size());
      if (!std::equal(t.begin(), t.begin() + static_cast<std::ptrdiff_t>(common), have.begin()))
        throw SweepDirError(dir.run_file(i) + ": series " + m.series[k] +
                            " has other time steps than the runs before it: the merge needs one time axis");
      if (t.size() > have.size()) times[k] = t;
      series[k][cell] = v.series[k];
    }
    done[cell] = 1;
    ++out.merged;
  }
  out.missing = out.runs - out.merged;
  if (out.merged == 0) throw SweepDirError(dir.path() + ": no run is done yet: nothing to merge");

  const std::string partial = output + ".partial";
  try {
    MergedFile f(partial);
    const hid_t root = f.file();
    h5::attr(root, "title", "fleettwin sweep results");
    h5::attr(root, "description",
             "A parameter sweep: every metric along (point, replica) with its per-point mean, sample standard "
             "deviation and Student-t 95 % confidence interval of the mean over the replicas done; the axes are "
             "coordinates along point. NaN: a run not done, or a figure the run does not have.");
    h5::attr(root, "program", m.program);
    h5::attr(root, "sweep_file", m.sweep_file);
    h5::attr(root, "base", m.base_path);
    h5::attr(root, "base_digest", m.base_digest);
    h5::attr(root, "seeds", m.seeds);
    h5::attr(root, "base_seed", static_cast<uint64_t>(m.base_seed));
    h5::attr(root, "runs", static_cast<int64_t>(out.runs));
    h5::attr(root, "runs_merged", static_cast<int64_t>(out.merged));
    h5::attr(root, "runs_missing", static_cast<int64_t>(out.missing));
    std::vector<int64_t> point_index(P), replica_index(R);
    for (size_t p = 0; p < P; ++p) point_index[p] = static_cast<int64_t>(p);
    for (size_t r = 0; r < R; ++r) replica_index[r] = static_cast<int64_t>(r);
    h5::Id point = f.scale("point", point_index, "sweep point (index into the expanded design)", "");
    h5::Id replica = f.scale("replica", replica_index, "replica of a point (its own random numbers)", "");
    const std::string coords = coordinates_of(m);
    for (size_t a = 0; a < m.axis_names.size(); ++a) {
      bool numeric = true;
      std::vector<double> numbers;
      std::vector<std::string> texts;
      for (size_t p = 0; p < P; ++p) {
        const AxisValue v = value_of(m.points[p][a]);
        numeric = numeric && v.number.has_value();
        numbers.push_back(v.number.value_or(kNaN));
        texts.push_back(m.points[p][a]);
      }
      h5::Id d = numeric ? f.reals(m.axis_names[a], {P}, numbers, "sweep axis " + m.axis_keys[a], "", {point})
                         : f.texts(m.axis_names[a], texts, "sweep axis " + m.axis_keys[a], {point});
      h5::attr(d, "scenario_key", m.axis_keys[a]);
    }
    {
      h5::Id d = f.write("seed", H5T_NATIVE_UINT64, {P, R}, seeds.data(), "the run's seed", "", {point, replica});
      h5::attr(d, "coordinates", coords);
      h5::Id dn = f.ints("done", {P, R}, done, "1: the run is done and merged; 0: missing (its values are NaN)", "",
                         {point, replica});
      h5::attr(dn, "coordinates", coords);
    }
    for (size_t k = 0; k < M; ++k) {
      const MetricInfo& info = *find_metric(m.metrics[k]);
      Eigen::ArrayXXd values(static_cast<Eigen::Index>(P), static_cast<Eigen::Index>(R));
      for (size_t p = 0; p < P; ++p)
        for (size_t r = 0; r < R; ++r)
          values(static_cast<Eigen::Index>(p), static_cast<Eigen::Index>(r)) = metric[(k * P + p) * R + r];
      const ReplicaStatistics st = replica_statistics(values);
      const std::string& n = info.name;
      std::vector<double> flat(metric.begin() + static_cast<std::ptrdiff_t>(k * P * R),
                               metric.begin() + static_cast<std::ptrdiff_t>((k + 1) * P * R));
      h5::Id d = f.reals(n, {P, R}, flat, info.description, info.units, {point, replica});
      h5::attr(d, "coordinates", coords);
      const auto per_point = [&](const std::string& suffix, const Eigen::ArrayXd& v, const std::string& what) {
        h5::Id x = f.reals(n + suffix, {P}, std::vector<double>(v.data(), v.data() + v.size()), what + info.description,
                           info.units, {point});
        h5::attr(x, "coordinates", coords);
      };
      per_point("_mean", st.mean, "mean over replicas: ");
      per_point("_std", st.std, "sample standard deviation over replicas: ");
      per_point("_ci_low", st.ci_low, "Student-t 95 % confidence interval of the mean, low end: ");
      per_point("_ci_high", st.ci_high, "Student-t 95 % confidence interval of the mean, high end: ");
      std::vector<int64_t> count(P);
      for (size_t p = 0; p < P; ++p) count[p] = st.count[static_cast<Eigen::Index>(p)];
      h5::Id c = f.ints(n + "_n", {P}, count, "replicas with a value: " + info.description, "1", {point});
      h5::attr(c, "coordinates", coords);
    }
    for (size_t k = 0; k < S; ++k) {
      const MetricInfo& info = *find_series(m.series[k]);
      const std::string& n = info.name;
      const size_t T = times[k].size();
      h5::Id time = f.scale(n + "_time", times[k], "time step of series " + n + ": seconds from the run's start", "s");
      std::vector<double> all(P * R * T, kNaN);
      for (size_t cell = 0; cell < P * R; ++cell)
        std::copy(series[k][cell].begin(), series[k][cell].end(), all.begin() + static_cast<std::ptrdiff_t>(cell * T));
      h5::Id d = f.reals(n, {P, R, T}, all, info.description, info.units, {point, replica, time});
      h5::attr(d, "coordinates", coords);
      // Per time step: the statistics over replicas, as a (point x time) table for each.
      std::vector<double> mean(P * T), low(P * T), high(P * T);
      Eigen::ArrayXXd step(static_cast<Eigen::Index>(P), static_cast<Eigen::Index>(R));
      for (size_t t = 0; t < T; ++t) {
        for (size_t p = 0; p < P; ++p)
          for (size_t r = 0; r < R; ++r)
            step(static_cast<Eigen::Index>(p), static_cast<Eigen::Index>(r)) = all[(p * R + r) * T + t];
        const ReplicaStatistics st = replica_statistics(step);
        for (size_t p = 0; p < P; ++p) {
          const auto e = static_cast<Eigen::Index>(p);
          mean[p * T + t] = st.mean[e];
          low[p * T + t] = st.ci_low[e];
          high[p * T + t] = st.ci_high[e];
        }
      }
      for (const auto& [suffix, v, what] :
           {std::tuple{"_mean", &mean, "mean over replicas: "},
            std::tuple{"_ci_low", &low, "Student-t 95 % confidence interval of the mean, low end: "},
            std::tuple{"_ci_high", &high, "Student-t 95 % confidence interval of the mean, high end: "}}) {
        h5::Id x = f.reals(n + suffix, {P, T}, *v, what + info.description, info.units, {point, time});
        h5::attr(x, "coordinates", coords);
      }
    }
    point.reset();
    replica.reset();
    f.close(partial);
  } catch (...) {
    std::error_code ec;
    fs::remove(partial, ec);
    throw;
  }
  std::error_code ec;
  fs::rename(partial, output, ec);
  if (ec) {
    fs::remove(partial, ec);
    throw SweepDirError(output + ": cannot write: " + ec.message());
  }
  return out;
}

}  // namespace fleettwin::sweep
