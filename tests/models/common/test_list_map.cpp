// ListMap's constant-time bytes() against the walk over every list that it replaces (bytes_of).
#include <catch2/catch.hpp>

#include <algorithm>

#include "models/common/list_map.hpp"
#include "models/common/random.hpp"

using namespace fleettwin;

TEST_CASE("a list map's running count of its lists' bytes equals a walk over them", "[memory]") {
  ListMap<uint32_t> lists;
  CHECK(lists.bytes() == bytes_of(lists.map()));
  // Pushes to few and many keys (lists that grow past several reallocations) and erasures of whole lists.
  for (uint32_t i = 0; i < 20000; ++i) {
    const double u = rng::uniform01(3, i, rng::Stream::AgentFailure, 0);
    // Erasures pick among the 500 keys, so the 7 busiest lists mostly grow (and now and then are erased too).
    const auto key = static_cast<uint32_t>(u * (i % 3 == 0 && i % 11 != 0 ? 7 : 500));
    if (i % 11 == 0) {
      const auto it = lists.find(key);
      if (it != lists.end()) lists.erase(it);
    } else {
      lists.push(key, i);
    }
    REQUIRE(lists.bytes() == bytes_of(lists.map()));
  }
  CHECK(lists.size() > 0);
  size_t longest = 0;
  for (const auto& [k, v] : lists.map()) longest = std::max(longest, v.size());
  CHECK(longest > 100);  // some list went through many reallocations
  while (lists.size() > 0) lists.erase(lists.find(lists.map().begin()->first));
  CHECK(lists.bytes() == bytes_of(lists.map()));
}
