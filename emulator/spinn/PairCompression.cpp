//===- PairCompression.cpp - PACMAN's ordered pair compressor ------------===//
//
// PACMAN router_compressors/pair_compressor.py (ordered = True), which
// mirrors FEC's on-chip C pair_minimize: sort the entries so routes come in
// order of increasing frequency (ties: the route seen first comes later, as
// PACMAN's stable sort of (frequency, route) pairs), then within each
// route's block merge pairs greedily; a merged key/mask may not intersect
// any entry of a later block (earlier blocks stay above it and win). The
// defaultable entries take part like any other, so their keys stay safe.
//===----------------------------------------------------------------------===//
#include "Compressors.h"

#include <algorithm>
#include <unordered_map>

namespace nmc::spinn::detail {
namespace {

/// Covers both entries: bits where the keys differ become don't-cares.
RouterEntry merged(const RouterEntry &a, const RouterEntry &b) {
  const uint32_t anyOnes = a.key | b.key, allOnes = a.key & b.key;
  const uint32_t mask = a.mask & b.mask & ~(anyOnes ^ allOnes);
  return {allOnes & mask, mask, a.route, a.defaultable && b.defaultable,
          a.source};
}

} // namespace

RouterTable pairCompress(const RouterTable &input) {
  // Routes by decreasing frequency; the block order is the reverse.
  std::vector<std::pair<size_t, uint32_t>> freq; // (count, route)
  std::unordered_map<uint32_t, size_t> slot;
  for (const RouterEntry &e : input) {
    auto [it, fresh] = slot.try_emplace(e.route, freq.size());
    if (fresh)
      freq.push_back({0, e.route});
    ++freq[it->second].first;
  }
  std::stable_sort(freq.begin(), freq.end(),
                   [](auto a, auto b) { return a.first > b.first; });
  std::reverse(freq.begin(), freq.end());
  std::vector<RouterTable> blocks(freq.size());
  for (size_t b = 0; b < freq.size(); ++b)
    slot[freq[b].second] = b;
  for (const RouterEntry &e : input)
    blocks[slot[e.route]].push_back(e);

  RouterTable out;
  for (size_t b = 0; b < blocks.size(); ++b) {
    RouterTable pending = std::move(blocks[b]);
    auto clashes = [&](const RouterEntry &m) {
      for (size_t later = b + 1; later < blocks.size(); ++later)
        for (const RouterEntry &e : blocks[later])
          if (intersect(m.key, m.mask, e.key, e.mask))
            return true;
      return false;
    };
    // As pair_compressor._compress_by_route: keep merging into the first
    // entry; when it merges with nothing, it is final.
    size_t left = 0, right = pending.size();
    while (left < right) {
      bool merged_any = false;
      for (size_t i = left + 1; i < right; ++i) {
        RouterEntry m = merged(pending[left], pending[i]);
        if (clashes(m))
          continue;
        pending[left] = m;
        pending[i] = pending[right - 1];
        --right;
        merged_any = true;
        break;
      }
      if (!merged_any)
        out.push_back(pending[left++]);
    }
  }
  return out;
}

} // namespace nmc::spinn::detail
