#include "models/sweep/design.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <numeric>

#include "models/common/random.hpp"

namespace fleettwin::sweep {

std::string number_text(double x) {
  if (x == std::floor(x) && std::fabs(x) < 1e15) return std::to_string(static_cast<int64_t>(x));
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, x);
  return std::string(buf, r.ptr);
}

AxisValue value_of(const std::string& text) {
  AxisValue v{text, std::nullopt};
  double x = 0;
  const char* end = text.data() + text.size();
  const auto r = std::from_chars(text.data(), end, x);
  if (r.ec == std::errc() && r.ptr == end && std::isfinite(x)) v.number = x;
  return v;
}

std::vector<AxisValue> range_values(double from, double to, size_t count, bool log, bool integer) {
  if (count == 0) throw DesignError("a range needs at least one value");
  if (log && (from <= 0 || to <= 0)) throw DesignError("a log range needs positive ends");
  std::vector<AxisValue> out;
  for (size_t i = 0; i < count; ++i) {
    const double f = count == 1 ? 0.0 : static_cast<double>(i) / static_cast<double>(count - 1);
    double x = log ? std::exp(std::log(from) + f * (std::log(to) - std::log(from))) : from + f * (to - from);
    if (i + 1 == count && count > 1) x = to;  // the end exactly, not its rounding
    if (integer) x = std::round(x);
    out.push_back({number_text(x), x});
  }
  return out;
}

namespace {

// Index of each axis's master (itself when independent), following chains of lock-step.
std::vector<size_t> masters(const std::vector<Axis>& axes) {
  std::map<std::string, size_t> by_name;
  for (size_t i = 0; i < axes.size(); ++i)
    if (!by_name.emplace(axes[i].name, i).second) throw DesignError("two axes are named '" + axes[i].name + "'");
  std::vector<size_t> m(axes.size());
  for (size_t i = 0; i < axes.size(); ++i) {
    size_t k = i;
    for (size_t hops = 0; !axes[k].with.empty(); ++hops) {
      const auto it = by_name.find(axes[k].with);
      if (it == by_name.end())
        throw DesignError("axis '" + axes[k].name + "' follows '" + axes[k].with + "', which is not an axis");
      if (hops > axes.size()) throw DesignError("axis '" + axes[i].name + "' follows itself through lock-step");
      k = it->second;
    }
    m[i] = k;
    if (k != i && (axes[i].values.size() != axes[k].values.size() || axes[i].range || axes[k].range))
      throw DesignError("axis '" + axes[i].name + "' (" + std::to_string(axes[i].values.size()) +
                        " values) is in lock-step with '" + axes[k].name + "' (" + std::to_string(axes[k].values.size()) +
                        " values): lock-step needs value lists of one length");
  }
  return m;
}

}  // namespace

std::vector<Point> expand(const std::vector<Axis>& axes, const Design& design) {
  if (axes.empty()) throw DesignError("no axes");
  const std::vector<size_t> master = masters(axes);
  for (const Axis& a : axes) {
    if (a.range && design.kind != DesignKind::LatinHypercube)
      throw DesignError("axis '" + a.name + "': a continuous range is for design latin-hypercube; give values");
    if (!a.range && a.values.empty()) throw DesignError("axis '" + a.name + "' has no values");
  }
  std::vector<size_t> independent;
  for (size_t i = 0; i < axes.size(); ++i)
    if (master[i] == i) independent.push_back(i);
  std::vector<Point> points;
  const auto point_of = [&](const std::vector<size_t>& index) {
    Point p(axes.size());
    for (size_t i = 0; i < axes.size(); ++i) p[i] = axes[i].values[index[master[i]]];
    return p;
  };
  switch (design.kind) {
    case DesignKind::Grid: {
      size_t total = 1;
      for (size_t i : independent) {
        total *= axes[i].values.size();
        if (total > 10'000'000) throw DesignError("the grid has over 10,000,000 points");
      }
      std::vector<size_t> index(axes.size(), 0);
      for (size_t n = 0; n < total; ++n) {
        points.push_back(point_of(index));
        for (size_t k = independent.size(); k-- > 0;) {  // the last axis innermost
          const size_t i = independent[k];
          if (++index[i] < axes[i].values.size()) break;
          index[i] = 0;
        }
      }
      break;
    }
    case DesignKind::Zip: {
      const size_t n = axes[independent[0]].values.size();
      for (size_t i : independent)
        if (axes[i].values.size() != n)
          throw DesignError("design zip: axis '" + axes[i].name + "' has " + std::to_string(axes[i].values.size()) +
                            " values, '" + axes[independent[0]].name + "' " + std::to_string(n) +
                            ": zip needs value lists of one length");
      for (size_t k = 0; k < n; ++k) points.push_back(point_of(std::vector<size_t>(axes.size(), k)));
      break;
    }
    case DesignKind::LatinHypercube: {
      const size_t n = design.samples;
      if (n == 0) throw DesignError("design latin-hypercube needs samples of at least 1");
      // Each independent axis: a random permutation of the n strata, and a uniform offset within each stratum.
      std::vector<std::vector<size_t>> strata(axes.size());
      for (size_t i : independent) {
        auto& perm = strata[i];
        perm.resize(n);
        std::iota(perm.begin(), perm.end(), size_t{0});
        for (size_t k = n; k-- > 1;) {  // Fisher-Yates, counter-based: a pure function of (seed, axis, k)
          const uint64_t b = rng::mix64(rng::mix64(design.seed ^ (0x5eedULL << 32) ^ i) ^ k);
          std::swap(perm[k], perm[b % (k + 1)]);
        }
      }
      for (size_t s = 0; s < n; ++s) {
        Point p(axes.size());
        for (size_t i : independent) {
          const uint64_t b = rng::mix64(rng::mix64(design.seed ^ (0x0ff5e7ULL << 32) ^ i) ^ s);
          const double u = (static_cast<double>(strata[i][s]) + static_cast<double>(b >> 11) * 0x1.0p-53) /
                           static_cast<double>(n);
          const Axis& a = axes[i];
          if (a.range) {
            const Range& r = *a.range;
            double x = r.log ? std::exp(std::log(r.from) + u * (std::log(r.to) - std::log(r.from)))
                             : r.from + u * (r.to - r.from);
            if (r.integer) x = std::round(x);
            p[i] = {number_text(x), x};
          } else {
            const size_t k = std::min(a.values.size() - 1, static_cast<size_t>(u * static_cast<double>(a.values.size())));
            for (size_t j = 0; j < axes.size(); ++j)
              if (master[j] == i) p[j] = axes[j].values[k];
          }
        }
        points.push_back(std::move(p));
      }
      break;
    }
  }
  return points;
}

uint64_t run_seed(uint64_t base, size_t point, size_t replica, SeedMode mode) {
  const uint64_t r = rng::mix64(base ^ rng::mix64(0x7265706cULL + replica));
  return mode == SeedMode::Common ? r : rng::mix64(r ^ rng::mix64(0x706f696eULL + point));
}

}  // namespace fleettwin::sweep
