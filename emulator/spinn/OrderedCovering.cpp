//===- OrderedCovering.cpp - Order-exploiting routing table minimisation -===//
//
// Mundy, Heathcote & Garside, IEEE HPSR 2016, as in Rig and PACMAN
// (ordered_covering_router_compressor/ordered_covering.py): keep the table
// sorted by generality (number of don't-care bits); repeatedly take the
// largest set of same-route entries whose merged key/mask can be inserted
// (before the entries of its own generality) without
//  - covering a key of an entry below it (the down-check: entries are
//    dropped from the merge until the merged entry misses those keys; for
//    merged entries below, the keys of the original entries they stand for,
//    their "aliases", are what counts), nor
//  - moving a member below an entry that intersects it (the up-check).
// One difference from PACMAN's Python: the down-check removes the chosen
// (smallest) set once per round, as Rig does, not once per candidate bit.
//===----------------------------------------------------------------------===//
#include "Compressors.h"

#include <algorithm>
#include <bit>
#include <climits>
#include <cstdint>
#include <map>
#include <set>
#include <unordered_map>

namespace nmc::spinn {
namespace {

using KeyMask = std::pair<uint32_t, uint32_t>;
using Aliases = std::map<KeyMask, std::vector<KeyMask>>;

int generalityOf(const RouterEntry &e) { return generality(e.key, e.mask); }

struct Merge {
  std::vector<size_t> entries; ///< indices into the table, ascending
  uint32_t key = 0, mask = 0;
  int gen = 0;
  size_t insertion = 0;
  bool defaultable = true;
  int goodness() const { return int(entries.size()) - 1; }
};

Merge makeMerge(const RouterTable &t, std::vector<size_t> entries) {
  Merge m;
  m.entries = std::move(entries);
  uint32_t anyOnes = 0, allOnes = ~0u, allSelected = ~0u;
  for (size_t i : m.entries) {
    anyOnes |= t[i].key;
    allOnes &= t[i].key;
    allSelected &= t[i].mask;
    m.defaultable &= t[i].defaultable;
  }
  // Bits where the keys differ become don't-cares.
  const uint32_t newXs = ~(anyOnes ^ allOnes);
  m.mask = allSelected & newXs;
  m.key = allOnes & m.mask;
  m.gen = generality(m.key, m.mask);
  // Before the block of entries of the same generality.
  m.insertion = std::lower_bound(t.begin(), t.end(), m.gen,
                                 [](const RouterEntry &e, int g) {
                                   return generalityOf(e) < g;
                                 }) -
                t.begin();
  return m;
}

Merge without(const RouterTable &t, const Merge &m,
              const std::set<size_t> &drop) {
  std::vector<size_t> kept;
  for (size_t i : m.entries)
    if (!drop.count(i))
      kept.push_back(i);
  return makeMerge(t, std::move(kept));
}

Merge empty(const RouterTable &t) { return makeMerge(t, {}); }

/// Keys (original key/masks) of entries at or after the insertion point
/// that the merged entry would capture.
std::vector<KeyMask> covered(const RouterTable &t, const Merge &m,
                             const Aliases &aliases) {
  std::vector<KeyMask> out;
  for (size_t j = m.insertion; j < t.size(); ++j) {
    const KeyMask km{t[j].key, t[j].mask};
    auto it = aliases.find(km);
    auto check = [&](const KeyMask &a) {
      if (intersect(m.key, m.mask, a.first, a.second))
        out.push_back(a);
    };
    if (it == aliases.end())
      check(km);
    else
      for (const KeyMask &a : it->second)
        check(a);
  }
  return out;
}

Merge downcheck(const RouterTable &t, Merge m, const Aliases &aliases,
                int minGoodness) {
  while (m.goodness() > minGoodness) {
    const std::vector<KeyMask> cov = covered(t, m, aliases);
    if (cov.empty())
      return m;
    // The covered entries with the fewest bits we could still fix.
    int stringency = 33;
    std::set<std::pair<uint32_t, bool>> options; // (bit, value wanted)
    for (const auto &[key, mask] : cov) {
      const uint32_t settable = mask & ~m.mask;
      const int n = std::popcount(settable);
      if (n > stringency)
        continue;
      if (n < stringency) {
        stringency = n;
        options.clear();
      }
      for (uint32_t bits = settable; bits; bits &= bits - 1) {
        const uint32_t bit = bits & -bits;
        options.insert({bit, !(key & bit)});
      }
    }
    if (stringency == 0)
      return empty(t); // a covered key cannot be avoided
    // The smallest set of members to drop; more significant bits first.
    std::set<size_t> remove;
    bool first = true;
    for (auto it = options.rbegin(); it != options.rend(); ++it) {
      const auto [bit, want] = *it;
      std::set<size_t> working;
      for (size_t i : m.entries)
        if (!(t[i].mask & bit) || bool(t[i].key & bit) != want)
          working.insert(i);
      if (first || working.size() < remove.size())
        remove = std::move(working);
      first = false;
    }
    m = without(t, m, remove);
  }
  return empty(t);
}

std::pair<Merge, bool> upcheck(const RouterTable &t, Merge m, int minGoodness) {
  bool changed = false;
  const std::vector<size_t> members = m.entries;
  for (auto it = members.rbegin(); it != members.rend(); ++it) {
    const size_t i = *it;
    bool hit = false;
    for (size_t j = i + 1; j < m.insertion && !hit; ++j)
      hit = intersect(t[i].key, t[i].mask, t[j].key, t[j].mask);
    if (!hit)
      continue;
    m = without(t, m, {i});
    changed = true;
    if (m.goodness() <= minGoodness)
      return {empty(t), true};
  }
  return {m, changed};
}

Merge refine(const RouterTable &t, Merge m, const Aliases &aliases,
             int minGoodness) {
  m = downcheck(t, std::move(m), aliases, minGoodness);
  if (m.goodness() > minGoodness) {
    auto [up, changed] = upcheck(t, std::move(m), minGoodness);
    m = std::move(up);
    if (changed && m.goodness() > minGoodness)
      m = downcheck(t, std::move(m), aliases, minGoodness);
  }
  return m;
}

Merge bestMerge(const RouterTable &t, const Aliases &aliases) {
  // Groups of same-route entries, in order of their first entry.
  std::vector<std::vector<size_t>> groups;
  std::unordered_map<uint32_t, size_t> groupOf;
  for (size_t i = 0; i < t.size(); ++i) {
    auto [it, fresh] = groupOf.try_emplace(t[i].route, groups.size());
    if (fresh)
      groups.emplace_back();
    groups[it->second].push_back(i);
  }
  Merge best = empty(t);
  for (std::vector<size_t> &g : groups) {
    if (int(g.size()) - 1 <= best.goodness())
      continue;
    Merge m = refine(t, makeMerge(t, std::move(g)), aliases,
                     std::max(best.goodness(), 0));
    if (m.goodness() > best.goodness())
      best = std::move(m);
  }
  return best;
}

RouterTable apply(const RouterTable &t, const Merge &m, Aliases &aliases) {
  RouterEntry merged{m.key, m.mask, t[m.entries.front()].route, m.defaultable,
                     t[m.entries.front()].source};
  std::vector<KeyMask> ours;
  RouterTable out;
  out.reserve(t.size() - m.entries.size() + 1);
  size_t k = 0; // position in m.entries
  for (size_t i = 0; i <= t.size(); ++i) {
    if (i == m.insertion)
      out.push_back(merged);
    if (i == t.size())
      break;
    if (k < m.entries.size() && m.entries[k] == i) {
      ++k;
      const KeyMask km{t[i].key, t[i].mask};
      auto it = aliases.find(km);
      if (it == aliases.end()) {
        ours.push_back(km);
      } else {
        ours.insert(ours.end(), it->second.begin(), it->second.end());
        aliases.erase(it);
      }
      continue;
    }
    out.push_back(t[i]);
  }
  std::vector<KeyMask> &slot = aliases[{m.key, m.mask}];
  slot.insert(slot.end(), ours.begin(), ours.end());
  return out;
}

} // namespace

/// From a generality-sorted copy of `input`; `target` counts the
/// defaultable entries too.
RouterTable detail::orderedCovering(const RouterTable &input,
                                    std::optional<size_t> target) {
  RouterTable table = input;
  std::stable_sort(table.begin(), table.end(),
                   [](const RouterEntry &a, const RouterEntry &b) {
                     return generalityOf(a) < generalityOf(b);
                   });
  Aliases aliases;
  while (!target || table.size() > *target) {
    Merge m = bestMerge(table, aliases);
    if (m.goodness() <= 0)
      break;
    table = apply(table, m, aliases);
  }
  return table;
}

} // namespace nmc::spinn
