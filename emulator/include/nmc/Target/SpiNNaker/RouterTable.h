//===- RouterTable.h - Multicast router tables and compression --*- C++ -*-===//
//
// A SpiNNaker multicast router holds key/mask/route entries; a packet's key
// takes the route of the first entry with (key & mask) == entry.key, and a
// packet that matches nothing is default-routed: it leaves on the link
// opposite to the one it arrived on (spinnaker.md §A.6). Tables longer than
// the usable 1023 entries must be compressed: compressTable() implements
// PACMAN's ordered pair compressor (router_compressors/pair_compressor.py)
// and ordered covering (Mundy, Heathcote, Garside, "On-chip order-exploiting
// routing table minimization for a multicast supercomputer network",
// IEEE HPSR 2016, following Rig / PACMAN ordered_covering.py), then removes
// the entries default routing makes redundant. Nothing here throws.
//
// Equivalence (what compression keeps): a key that matched a non-defaultable
// entry gets the same route; a key that matched a defaultable entry gets the
// same route or no match (= default routing, the same route). Keys that
// matched nothing are never sent through this chip (every packet that
// crosses a chip has an entry for its key there, defaultable or not, so the
// route generator must keep the defaultable entries until compression) and
// may be captured by merged entries ("aliasing" is safe for them).
//===----------------------------------------------------------------------===//
#ifndef NMC_TARGET_SPINNAKER_ROUTERTABLE_H
#define NMC_TARGET_SPINNAKER_ROUTERTABLE_H

#include "nmc/Target/SpiNNaker/Machine.h"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace nmc::spinn {

struct RouterEntry {
  uint32_t key = 0, mask = 0;
  uint32_t route = 0; ///< link bits 0-5, core bits 6.. (Machine.h)
  /// Default routing would do the same: the packet enters on link L and
  /// leaves on opposite(L) only, to no core (§A.6).
  bool defaultable = false;
  /// Caller's tag for messages (e.g. the index of the source partition /
  /// population pair); ignored by routing. Merged entries keep the first.
  uint32_t source = 0;
  friend bool operator==(const RouterEntry &, const RouterEntry &) = default;
};

using RouterTable = std::vector<RouterEntry>;
/// One table per chip.
using RoutingTables = std::map<ChipXY, RouterTable>;

/// Whether some key matches both key/mask pairs.
inline bool intersect(uint32_t keyA, uint32_t maskA, uint32_t keyB,
                      uint32_t maskB) {
  return (keyA & maskB) == (keyB & maskA);
}
inline bool matches(const RouterEntry &e, uint32_t key) {
  return (key & e.mask) == e.key;
}
/// Number of don't-care bits (key and mask both 0).
int generality(uint32_t key, uint32_t mask);

/// Index of the first entry matching `key`.
std::optional<size_t> lookup(const RouterTable &t, uint32_t key);

/// The route a packet takes: the first match's, else default routing (the
/// link opposite `arrivedOn`), else 0 = dropped (a locally sourced packet
/// with no entry [assumed: the hardware drops it]).
uint32_t routeOf(const RouterTable &t, uint32_t key,
                 std::optional<Link> arrivedOn);

/// "entries i and j overlap with different routes" if the table's meaning
/// depends on its order; empty when it is orthogonal (as generated).
std::string checkOrthogonal(const RouterTable &t);

/// Drops defaultable entries that no later entry intersects (so their keys
/// really fall through to default routing), keeping the order.
RouterTable removeDefaultRoutes(const RouterTable &t);

/// How to merge entries; all keep the table equivalent.
enum class Compressor {
  /// Pair first; when its table is still over the target, ordered
  /// covering as well, keeping the smaller table.
  Auto,
  /// Ordered covering (Mundy et al. 2016): the best merge each round,
  /// refined by the up- and down-checks; O(n^2) per round. Stops at the
  /// target. On the tables measured (docs) pair did better.
  OrderedCovering,
  /// PACMAN's ordered pair compressor (pair_compressor.py, the C
  /// pair_minimize): routes in order of increasing frequency, greedy
  /// pairwise merges inside each route that must not intersect an entry of
  /// a later route. Fast, the toolchain's default on the machine.
  Pair,
};

struct CompressResult {
  bool ok = false;
  RouterTable table; ///< ordered; best reached even when !ok
  size_t originalSize = 0;
  size_t target = 0; ///< SIZE_MAX when "as small as possible"
  std::string error; ///< when !ok
};

/// If dropping the defaultable entries is enough to fit `target`, just
/// that; else `how` (ordered covering stops once `target` is reached; with
/// nullopt it goes as far as it can), then removal of the defaultable
/// entries. The input must be orthogonal (checkOrthogonal) and keep its
/// defaultable entries. Fails with the sizes when the best table is still
/// longer than `target`. Deterministic.
CompressResult compressTable(const RouterTable &t, std::optional<size_t> target,
                             Compressor how = Compressor::Auto);

/// Empty when `compressed` routes every key as `original` does in the
/// sense above; else the first key that differs, both routes and why.
/// Exact (ternary set algebra, no key enumeration).
std::string checkEquivalent(const RouterTable &original,
                            const RouterTable &compressed);

struct TablesResult {
  bool ok = false;
  RoutingTables tables;
  /// One line per chip that does not fit: "chip (x, y): N entries, at best
  /// M after compression, more than the T available; sources: ...".
  std::vector<std::string> errors;
};

/// Compresses every chip's table to `target` entries; `describe` names a
/// RouterEntry::source in errors (default "source N"), which list the
/// sources with the most entries on that chip first.
TablesResult
compressTables(const RoutingTables &tables, size_t target,
               const std::function<std::string(uint32_t)> &describe = {},
               Compressor how = Compressor::Auto);

} // namespace nmc::spinn

#endif // NMC_TARGET_SPINNAKER_ROUTERTABLE_H
