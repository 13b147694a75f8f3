// The sweep's pure parts: design expansion, constraints, seeds, and the replica statistics against tables and
// known distributions.
#include <catch2/catch.hpp>

#include <cmath>
#include <set>

#include "models/common/random.hpp"
#include "models/sweep/constraint.hpp"
#include "models/sweep/design.hpp"
#include "models/sweep/statistics.hpp"

using namespace fleettwin::sweep;

namespace {
Axis axis(std::string name, std::vector<std::string> values, std::string with = "") {
  Axis a{std::move(name), "k." + name, {}, std::nullopt, std::move(with)};
  for (auto& v : values) a.values.push_back(value_of(v));
  return a;
}
std::vector<std::string> texts(const Point& p) {
  std::vector<std::string> t;
  for (const auto& v : p) t.push_back(v.text);
  return t;
}
}  // namespace

TEST_CASE("a grid is the cartesian product with the last axis innermost", "[sweep]") {
  const auto pts = expand({axis("a", {"1", "2"}), axis("b", {"x", "y", "z"})}, {});
  REQUIRE(pts.size() == 6);
  CHECK(texts(pts[0]) == std::vector<std::string>{"1", "x"});
  CHECK(texts(pts[1]) == std::vector<std::string>{"1", "y"});
  CHECK(texts(pts[3]) == std::vector<std::string>{"2", "x"});
  CHECK(pts[5][0].number == 2.0);
  CHECK(!pts[5][1].number);
}

TEST_CASE("a lock-step axis follows its master and does not multiply the grid", "[sweep]") {
  const auto pts = expand({axis("n", {"10", "20", "30"}), axis("label", {"s", "m", "l"}, "n"), axis("p", {"P1", "P2"})}, {});
  REQUIRE(pts.size() == 6);
  for (const auto& p : pts) CHECK((p[0].text == "10") == (p[1].text == "s"));
  CHECK_THROWS_WITH(expand({axis("n", {"1", "2"}), axis("m", {"1"}, "n")}, {}), Catch::Contains("lock-step"));
  CHECK_THROWS_WITH(expand({axis("n", {"1"}), axis("m", {"1"}, "zz")}, {}), Catch::Contains("'zz', which is not an axis"));
}

TEST_CASE("zip pairs the axes and needs one length", "[sweep]") {
  Design zip{DesignKind::Zip, 0, 0};
  const auto pts = expand({axis("a", {"1", "2", "3"}), axis("b", {"4", "5", "6"})}, zip);
  REQUIRE(pts.size() == 3);
  CHECK(texts(pts[2]) == std::vector<std::string>{"3", "6"});
  CHECK_THROWS_WITH(expand({axis("a", {"1", "2"}), axis("b", {"4"})}, zip), Catch::Contains("one length"));
}

TEST_CASE("ranges include both ends; a log range is geometric", "[sweep]") {
  const auto lin = range_values(0, 1, 5, false, false);
  REQUIRE(lin.size() == 5);
  CHECK(lin[1].text == "0.25");
  CHECK(lin[4].text == "1");
  const auto lg = range_values(1, 1000, 4, true, false);
  CHECK(*lg[1].number == Approx(10));
  CHECK(*lg[2].number == Approx(100));
  CHECK(lg[3].text == "1000");
  CHECK(range_values(1, 10, 4, false, true)[1].text == "4");
  CHECK_THROWS(range_values(0, 10, 3, true, false));
}

TEST_CASE("a latin hypercube puts one sample in every stratum of every axis", "[sweep]") {
  Axis x{"x", "k.x", {}, Range{0, 1, false, false}, ""};
  Axis y{"y", "k.y", {}, Range{10, 1000, true, false}, ""};
  const size_t n = 50;
  const auto pts = expand({x, y}, {DesignKind::LatinHypercube, n, 7});
  REQUIRE(pts.size() == n);
  std::set<size_t> sx, sy;
  for (const auto& p : pts) {
    sx.insert(static_cast<size_t>(*p[0].number * n));
    sy.insert(static_cast<size_t>((std::log(*p[1].number) - std::log(10.0)) / (std::log(1000.0) - std::log(10.0)) * n));
  }
  CHECK(sx.size() == n);
  CHECK(sy.size() == n);
  // Deterministic in the seed, different across seeds.
  CHECK(texts(expand({x, y}, {DesignKind::LatinHypercube, n, 7})[3]) == texts(pts[3]));
  CHECK(texts(expand({x, y}, {DesignKind::LatinHypercube, n, 8})[3]) != texts(pts[3]));
  CHECK_THROWS_WITH(expand({x}, {}), Catch::Contains("latin-hypercube"));
}

TEST_CASE("constraints filter with numbers, texts and logic; errors name the column", "[sweep]") {
  const std::vector<std::string> names{"plan", "arc_share", "rate"};
  const Point p{value_of("P2"), value_of("0.4"), value_of("2")};
  CHECK(Constraint("plan == 'P2' and arc_share < 0.5", names).holds(p));
  CHECK_FALSE(Constraint("plan != \"P2\" || rate * 2 > 5", names).holds(p));
  CHECK(Constraint("not (rate % 2 == 1) && -rate < 0", names).holds(p));
  CHECK(Constraint("arc_share + 0.1 >= 0.5 or false", names).holds(p));
  CHECK_THROWS_WITH(Constraint("plna == 'P2'", names), Catch::Contains("column 1: 'plna' is not an axis"));
  CHECK_THROWS_WITH(Constraint("rate >", names), Catch::Contains("ends where a value was expected"));
  CHECK_THROWS_WITH(Constraint("(rate > 1", names), Catch::Contains("expected ')'"));
  CHECK_THROWS_WITH(Constraint("plan < 3", names).holds(p), Catch::Contains("cannot order 'P2' and 3"));
  CHECK_THROWS_WITH(Constraint("rate + 1", names).holds(p), Catch::Contains("not true or false"));
}

TEST_CASE("common seeds are shared across points, independent ones are not, both stable", "[sweep]") {
  CHECK(run_seed(42, 0, 3, SeedMode::Common) == run_seed(42, 9, 3, SeedMode::Common));
  CHECK(run_seed(42, 0, 3, SeedMode::Common) != run_seed(42, 0, 4, SeedMode::Common));
  CHECK(run_seed(42, 0, 3, SeedMode::Independent) != run_seed(42, 9, 3, SeedMode::Independent));
  std::set<uint64_t> seen;
  for (size_t p = 0; p < 100; ++p)
    for (size_t r = 0; r < 10; ++r) seen.insert(run_seed(1, p, r, SeedMode::Independent));
  CHECK(seen.size() == 1000);
}

TEST_CASE("Student-t quantiles match the tables", "[sweep]") {
  CHECK(student_t_quantile(0.975, 1) == Approx(12.7062047).epsilon(1e-8));
  CHECK(student_t_quantile(0.975, 2) == Approx(4.30265273).epsilon(1e-8));
  CHECK(student_t_quantile(0.975, 9) == Approx(2.26215716).epsilon(1e-8));
  CHECK(student_t_quantile(0.975, 29) == Approx(2.04522964).epsilon(1e-8));
  CHECK(student_t_quantile(0.995, 4) == Approx(4.60409487).epsilon(1e-8));
  CHECK(student_t_quantile(0.975, 1e6) == Approx(1.95996).epsilon(1e-5));
  CHECK(student_t_quantile(0.025, 9) == Approx(-2.26215716).epsilon(1e-8));
  CHECK(student_t_cdf(0, 5) == Approx(0.5));
}

TEST_CASE("replica statistics: mean, sample deviation, the t interval, missing replicas", "[sweep]") {
  Eigen::ArrayXXd v(2, 4);
  const double nan = std::nan("");
  v << 1, 2, 3, 4,  //
      5, nan, 7, nan;
  const auto s = replica_statistics(v);
  CHECK(s.count[0] == 4);
  CHECK(s.count[1] == 2);
  CHECK(s.mean[0] == Approx(2.5));
  CHECK(s.std[0] == Approx(std::sqrt(5.0 / 3)));
  CHECK(s.ci_high[0] - s.mean[0] == Approx(3.18244631 * std::sqrt(5.0 / 3) / 2).epsilon(1e-8));
  CHECK(s.mean[1] == Approx(6));
  CHECK(s.ci_low[1] == Approx(6 - 12.7062047 * std::sqrt(2.0) / std::sqrt(2.0)).epsilon(1e-8));
}

TEST_CASE("the 95 % interval covers the mean of a known distribution about 95 % of the time", "[sweep]") {
  // 4,000 points of 10 exponential replicas (mean 3): the t interval is approximate for a skewed law; its
  // coverage is known to be about 0.93 at n = 10. Normal replicas (Box-Muller) give 0.95 exactly.
  const size_t points = 4000, replicas = 10;
  Eigen::ArrayXXd normal(points, replicas);
  for (size_t p = 0; p < points; ++p)
    for (size_t r = 0; r < replicas; ++r) {
      const double u1 = fleettwin::rng::uniform01(5, static_cast<uint32_t>(p), fleettwin::rng::Stream::Outage, 2 * r);
      const double u2 = fleettwin::rng::uniform01(5, static_cast<uint32_t>(p), fleettwin::rng::Stream::Outage, 2 * r + 1);
      normal(p, r) = 3 + 2 * std::sqrt(-2 * std::log(1 - u1)) * std::cos(2 * M_PI * u2);
    }
  const auto s = replica_statistics(normal);
  const double covered = ((s.ci_low <= 3) && (s.ci_high >= 3)).cast<double>().mean();
  // The binomial standard deviation of the share at 4,000 trials is 0.0034: four of them either side.
  CHECK(covered == Approx(0.95).margin(0.014));
}
