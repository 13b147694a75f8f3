#pragma once
// Bytes held by the run's structures (issue 11: memory by structure at 1M and 10M machines). Counted from the
// containers' capacities (what they hold allocated, not what they use); a hash map as its nodes (key, value and
// the node's link and cached hash) plus its bucket array. Each site keeps the high-water mark of its own structures,
// sampled at each health evaluation; the run reports the sum over sites of those marks, an upper bound on what they
// held at once.
#include <algorithm>
#include <array>
#include <cstdint>
#include <queue>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace fleettwin {

enum class MemoryPart : uint8_t { FleetStore, Calendar, Health, Threats, Vulnerabilities, Output, Count };
inline constexpr size_t kMemoryParts = static_cast<size_t>(MemoryPart::Count);
inline constexpr std::array<std::string_view, kMemoryParts> kMemoryPartNames = {
    "fleet_store", "calendar", "health", "threats", "vulnerabilities", "output"};

using MemoryUse = std::array<uint64_t, kMemoryParts>;

inline void keep_high_water(MemoryUse& mark, const MemoryUse& now) {
  for (size_t i = 0; i < kMemoryParts; ++i) mark[i] = std::max(mark[i], now[i]);
}

template <class T>
size_t bytes_of(const std::vector<T>& v) {
  return v.capacity() * sizeof(T);
}
template <class T>
size_t bytes_of(const std::vector<std::vector<T>>& v) {
  size_t n = v.capacity() * sizeof(std::vector<T>);
  for (const auto& x : v) n += bytes_of(x);
  return n;
}
// A hash map's buckets and nodes alone, without what its values hold elsewhere.
template <class K, class V, class H, class E, class A>
size_t node_bytes_of(const std::unordered_map<K, V, H, E, A>& m) {
  return m.bucket_count() * sizeof(void*) + m.size() * (sizeof(std::pair<const K, V>) + 2 * sizeof(void*));
}
// Walks the values when they hold a heap block of their own: for maps sampled rarely or kept small (ListMap, in
// list_map.hpp, counts its lists as they change instead).
template <class K, class V, class H, class E, class A>
size_t bytes_of(const std::unordered_map<K, V, H, E, A>& m) {
  size_t n = node_bytes_of(m);
  if constexpr (requires(const V& v) { v.capacity(); })
    for (const auto& [k, v] : m) n += v.capacity() * sizeof(typename V::value_type);
  return n;
}
template <class T, class C, class Cmp>
size_t bytes_of(const std::priority_queue<T, C, Cmp>& q) {
  return q.size() * sizeof(T);  // its container's capacity is not reachable: the entries it holds
}

}  // namespace fleettwin
