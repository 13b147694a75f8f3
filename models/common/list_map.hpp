#pragma once
// A hash map from a key to a list of 32-bit indices (the infections on a machine, those of a campaign) that
// counts the lists' capacities as they change, so that its bytes() is constant time. Measuring it by a walk over
// every list, as bytes_of does, took 4.6 % of a 1M-machine year with every model on (perf, 2 threads): the sites
// sample their memory at each health evaluation, and a year's infections leave hundreds of thousands of lists.
#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "models/common/memory_use.hpp"

namespace fleettwin {

template <class Key>
class ListMap {
 public:
  using Map = std::unordered_map<Key, std::vector<uint32_t>>;
  using const_iterator = typename Map::const_iterator;

  void push(Key key, uint32_t value) {
    std::vector<uint32_t>& list = map_[key];
    const size_t before = list.capacity();
    list.push_back(value);
    held_ += list.capacity() - before;
  }
  const_iterator find(Key key) const { return map_.find(key); }
  const_iterator end() const { return map_.end(); }
  void erase(const_iterator it) {
    held_ -= it->second.capacity();
    map_.erase(it);
  }
  size_t size() const { return map_.size(); }

  // The same count as bytes_of(map) (tests/models/common/test_list_map.cpp).
  size_t bytes() const { return node_bytes_of(map_) + held_ * sizeof(uint32_t); }
  const Map& map() const { return map_; }

 private:
  Map map_;
  size_t held_ = 0;  // Σ capacity() over the lists
};

}  // namespace fleettwin
