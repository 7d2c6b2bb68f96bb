//===- RouterTable.cpp - Lookup, default-route removal, equivalence ------===//
#include "nmc/Target/SpiNNaker/RouterTable.h"

#include "Compressors.h"

#include <algorithm>
#include <bit>
#include <climits>
#include <cstdint>
#include <cstdio>
#include <map>

namespace nmc::spinn {
namespace {

std::string hex(uint32_t v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%08x", v);
  return buf;
}

/// A ternary cube: the keys k with (k & mask) == key.
struct Cube {
  uint32_t key, mask;
};

bool meets(Cube a, Cube b) { return intersect(a.key, a.mask, b.key, b.mask); }

/// a \ b as disjoint cubes.
void subtract(Cube a, Cube b, std::vector<Cube> &out) {
  if (!meets(a, b)) {
    out.push_back(a);
    return;
  }
  // Bits fixed in b but free in a: split a on them one by one.
  uint32_t free = b.mask & ~a.mask;
  Cube rest = a;
  while (free) {
    const uint32_t bit = free & -free;
    free &= free - 1;
    out.push_back(
        {(rest.key | (~b.key & bit)) & (rest.mask | bit), rest.mask | bit});
    rest = {rest.key | (b.key & bit), rest.mask | bit};
  }
  // What is left of a lies inside b.
}

/// Some key of the (non-empty) intersection of a and b.
uint32_t witness(Cube a, Cube b) { return a.key | b.key; }

std::string routeStr(uint32_t r) { return r ? hex(r) : "default routing"; }

} // namespace

int generality(uint32_t key, uint32_t mask) {
  return std::popcount(~key & ~mask);
}

std::optional<size_t> lookup(const RouterTable &t, uint32_t key) {
  for (size_t i = 0; i < t.size(); ++i)
    if (matches(t[i], key))
      return i;
  return std::nullopt;
}

uint32_t routeOf(const RouterTable &t, uint32_t key,
                 std::optional<Link> arrivedOn) {
  if (auto i = lookup(t, key))
    return t[*i].route;
  return arrivedOn ? linkRoute(opposite(*arrivedOn)) : 0;
}

std::string checkOrthogonal(const RouterTable &t) {
  for (size_t i = 0; i < t.size(); ++i)
    for (size_t j = i + 1; j < t.size(); ++j)
      if (t[i].route != t[j].route &&
          intersect(t[i].key, t[i].mask, t[j].key, t[j].mask))
        return "entries " + std::to_string(i) + " (" + hex(t[i].key) + "/" +
               hex(t[i].mask) + ") and " + std::to_string(j) + " (" +
               hex(t[j].key) + "/" + hex(t[j].mask) +
               ") overlap with different routes";
  return {};
}

RouterTable removeDefaultRoutes(const RouterTable &t) {
  // Cheap proof that nothing overlaps: one mask and distinct keys (PACMAN
  // ordered_covering_router_compressor/utils.py remove_default_routes).
  bool oneMask = true;
  std::vector<uint32_t> keys;
  for (const RouterEntry &e : t) {
    oneMask &= e.mask == t.front().mask;
    keys.push_back(e.key);
  }
  std::sort(keys.begin(), keys.end());
  const bool disjoint =
      oneMask && std::adjacent_find(keys.begin(), keys.end()) == keys.end();
  RouterTable out;
  for (size_t i = 0; i < t.size(); ++i) {
    const RouterEntry &e = t[i];
    bool keep = !e.defaultable;
    for (size_t j = i + 1; !keep && !disjoint && j < t.size(); ++j)
      keep = intersect(e.key, e.mask, t[j].key, t[j].mask);
    if (keep)
      out.push_back(e);
  }
  return out;
}

std::string checkEquivalent(const RouterTable &original,
                            const RouterTable &compressed) {
  constexpr size_t kMaxCubes = 1 << 20;
  for (size_t i = 0; i < original.size(); ++i) {
    const RouterEntry &e = original[i];
    if (e.key & ~e.mask)
      continue; // matches no key
    // The keys that reach entry i: its cube minus the earlier entries.
    std::vector<Cube> region{{e.key & e.mask, e.mask}}, next;
    for (size_t j = 0; j < i && !region.empty(); ++j) {
      next.clear();
      for (Cube c : region)
        subtract(c, {original[j].key, original[j].mask}, next);
      region.swap(next);
      if (region.size() > kMaxCubes)
        return "too complex to check exactly (entry " + std::to_string(i) + ")";
    }
    for (const RouterEntry &c : compressed) {
      if (region.empty())
        break;
      if (c.key & ~c.mask)
        continue;
      const Cube cc{c.key, c.mask};
      next.clear();
      for (Cube r : region) {
        if (meets(r, cc) && c.route != e.route)
          return "key " + hex(witness(r, cc)) + ": route " + hex(e.route) +
                 " before, " + hex(c.route) + " after (entry " + hex(c.key) +
                 "/" + hex(c.mask) + ")";
        subtract(r, cc, next);
      }
      region.swap(next);
      if (region.size() > kMaxCubes)
        return "too complex to check exactly (entry " + std::to_string(i) + ")";
    }
    if (!region.empty() && !e.defaultable)
      return "key " + hex(region.front().key) + ": route " + hex(e.route) +
             " before, " + routeStr(0) + " after";
  }
  return {};
}

CompressResult compressTable(const RouterTable &input,
                             std::optional<size_t> target, Compressor how) {
  CompressResult r;
  r.originalSize = input.size();
  r.target = target ? *target : SIZE_MAX;
  for (size_t i = 0; i < input.size(); ++i)
    if (input[i].key & ~input[i].mask) {
      r.error =
          "entry " + std::to_string(i) + ": the key has bits outside its mask";
      r.table = input;
      return r;
    }
  if (std::string err = checkOrthogonal(input); !err.empty()) {
    r.error = "the table is not orthogonal: " + err;
    r.table = input;
    return r;
  }
  // Fewest changes first: dropping the defaultable entries may suffice.
  RouterTable table = removeDefaultRoutes(input);
  if (!target || table.size() > *target) {
    if (how != Compressor::OrderedCovering)
      table = removeDefaultRoutes(detail::pairCompress(input));
    if (how == Compressor::OrderedCovering ||
        (how == Compressor::Auto && target && table.size() > *target)) {
      RouterTable oc =
          removeDefaultRoutes(detail::orderedCovering(input, target));
      if (how == Compressor::OrderedCovering || oc.size() < table.size())
        table = std::move(oc);
    }
  }
  r.table = std::move(table);
  r.ok = !target || r.table.size() <= *target;
  if (!r.ok)
    r.error = std::to_string(r.originalSize) + " entries, at best " +
              std::to_string(r.table.size()) +
              " after compression, more than the " + std::to_string(*target) +
              " available";
  return r;
}

TablesResult compressTables(const RoutingTables &tables, size_t target,
                            const std::function<std::string(uint32_t)> &d,
                            Compressor how) {
  auto describe = [&](uint32_t s) {
    return d ? d(s) : "source " + std::to_string(s);
  };
  TablesResult r;
  for (const auto &[chip, table] : tables) {
    CompressResult c = compressTable(table, target, how);
    if (!c.ok) {
      std::map<uint32_t, size_t> count;
      for (const RouterEntry &e : table)
        ++count[e.source];
      std::vector<std::pair<size_t, uint32_t>> bySize;
      for (auto [s, n] : count)
        bySize.push_back({n, s});
      std::stable_sort(bySize.begin(), bySize.end(),
                       [](auto a, auto b) { return a.first > b.first; });
      std::string line = "chip (" + std::to_string(chip.x) + ", " +
                         std::to_string(chip.y) + "): " + c.error +
                         "; sources:";
      for (size_t k = 0; k < bySize.size() && k < 8; ++k)
        line += (k ? ", " : " ") + describe(bySize[k].second) + " (" +
                std::to_string(bySize[k].first) + ")";
      if (bySize.size() > 8)
        line += ", ... (" + std::to_string(bySize.size()) + " in all)";
      r.errors.push_back(line);
    }
    r.tables[chip] = std::move(c.table);
  }
  r.ok = r.errors.empty();
  return r;
}

} // namespace nmc::spinn
