#include <catch2/catch.hpp>

#include <random>
#include <set>
#include <vector>

#include "sim/engine/machine_bit_ring.hpp"

using namespace fleettwin;

namespace {
std::vector<uint32_t> drained(MachineBitRing& ring, int64_t evaluation) {
  std::vector<uint32_t> out;
  ring.drain(evaluation, [&](uint32_t m) { out.push_back(m); });
  return out;
}
}  // namespace

TEST_CASE("the machine bit ring gives each marked machine once, in machine order, across ranges given in any order",
          "[bitring]") {
  // Three ranges out of order, one ending mid-word and one a single machine, with gaps between them.
  MachineBitRing ring({{1000, 130}, {5, 70}, {400, 1}}, 64);
  std::mt19937 gen(7);
  std::vector<uint32_t> machines;
  for (uint32_t m = 5; m < 75; ++m) machines.push_back(m);
  machines.push_back(400);
  for (uint32_t m = 1000; m < 1130; ++m) machines.push_back(m);
  std::set<uint32_t> expected;
  for (int k = 0; k < 400; ++k) {
    const uint32_t m = machines[gen() % machines.size()];
    ring.mark(m, 3);
    expected.insert(m);
  }
  ring.mark(1129, 4);  // the last bit of the last word, another slot
  CHECK(drained(ring, 3) == std::vector<uint32_t>(expected.begin(), expected.end()));
  CHECK(drained(ring, 3).empty());  // drained slots are cleared
  CHECK(drained(ring, 4) == std::vector<uint32_t>{1129});
}

TEST_CASE("a slot is reused a ring's length later, holding only what was marked since", "[bitring]") {
  MachineBitRing ring({{0, 64}}, 64);
  ring.mark(63, 0);
  ring.mark(0, 1);
  CHECK(drained(ring, 0) == std::vector<uint32_t>{63});
  ring.mark(5, ring.slots());  // the slot of evaluation 0 again
  CHECK(drained(ring, 1) == std::vector<uint32_t>{0});
  CHECK(drained(ring, ring.slots()) == std::vector<uint32_t>{5});
  CHECK(ring.bytes() >= ring.slots() * sizeof(uint64_t));
  MachineBitRing one({{10, 3}}, 1);  // a single slot: marks for any index land in it
  one.mark(12, 0);
  one.mark(10, 5);
  CHECK(drained(one, 7) == std::vector<uint32_t>{10, 12});
}
