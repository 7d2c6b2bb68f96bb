//===- Routing.h - Hexagonal-mesh geometry and multicast routes -*- C++ -*-===//
//
// Distances and shortest vectors between chips on the (possibly wrapped)
// triangular mesh, longest-dimension-first paths as PACMAN's
// ApplicationRouter builds them (routing_algorithm_utilities.py
// longest_dimension_first), a BFS detour around absent chips, multicast
// trees (one source chip, many (chip, core) targets) with their per-chip
// route words, and the router entries a tree needs. Nothing here throws.
//
// The exact rules (docs/targets/spinnaker.md "Routing"):
// - Vector: the displacement (dx, dy) minimising the hex length over the
//   wraps (candidates tried in the order (+dx,+dy), (dx-W,+dy), (+dx,dy-H),
//   (dx-W,dy-H) with dx, dy taken modulo W, H; the first minimum wins, as
//   SpiNNMachine FullWrapMachine.get_vector), then minimised to (x, y, z)
//   with at most two non-zero components of opposite sign, z counting
//   diagonal steps: z > 0 = SW (-1,-1), z < 0 = NE (+1,+1).
// - LDF path: the dimensions in decreasing |magnitude|, ties in the order
//   x, y, z; x > 0 E, x < 0 W, y > 0 N, y < 0 S, z > 0 SW, z < 0 NE.
// - When a hop of the LDF path would reach an absent chip: a breadth-first
//   shortest path over present chips, links tried in the order 0..5.
// - Trees: targets sorted by chip; each path is grafted onto the tree at
//   the last of its chips already in the tree, so every chip has one
//   parent and every chip's depth is its shortest-path distance.
//===----------------------------------------------------------------------===//
#ifndef NMC_TARGET_SPINNAKER_ROUTING_H
#define NMC_TARGET_SPINNAKER_ROUTING_H

#include "nmc/Target/SpiNNaker/Machine.h"
#include "nmc/Target/SpiNNaker/RouterTable.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace nmc::spinn {

/// Hex length of a displacement: same signs -> max(|dx|, |dy|), else
/// |dx| + |dy|.
int32_t hexLength(int32_t dx, int32_t dy);

/// A minimal vector: at most two non-zero components, of opposite signs.
struct HexVector {
  int32_t x = 0, y = 0, z = 0;
  int32_t length() const;
  friend bool operator==(const HexVector &, const HexVector &) = default;
};

/// The shortest displacement from `a` to `b` (over the wraps).
std::pair<int32_t, int32_t> shortestDelta(const Machine &m, ChipXY a, ChipXY b);
/// Hops from `a` to `b` on the full mesh (absent chips ignored).
int32_t hexDistance(const Machine &m, ChipXY a, ChipXY b);
HexVector shortestVector(const Machine &m, ChipXY a, ChipXY b);

struct Hop {
  Link link;   ///< the link the packet leaves on
  ChipXY chip; ///< the chip it reaches
  friend bool operator==(const Hop &, const Hop &) = default;
};
using Path = std::vector<Hop>;

/// The longest-dimension-first path of shortestVector(a, b) on the full
/// mesh (may cross absent chips).
Path ldfPath(const Machine &m, ChipXY a, ChipXY b);

struct PathOrError {
  std::optional<Path> path;
  std::string error;
};

/// The LDF path, or the BFS shortest path when the LDF path crosses an
/// absent chip; an error when a chip is absent or b is unreachable.
PathOrError route(const Machine &m, ChipXY a, ChipXY b);

struct RouteTarget {
  ChipXY chip;
  int32_t core = 0;
};

struct TreeNode {
  uint32_t route = 0;            ///< links and cores it sends to
  std::optional<Link> arrivedOn; ///< none on the source chip
  /// Enter on L, leave on opposite(L) only, no core (§A.6).
  bool defaultable() const {
    return arrivedOn && route == linkRoute(opposite(*arrivedOn));
  }
};

struct MulticastTree {
  ChipXY source;
  std::map<ChipXY, TreeNode> nodes; ///< every chip the packets visit
};

struct TreeOrError {
  std::optional<MulticastTree> tree;
  std::string error;
};

/// The tree from a core on `source` to `targets` (cores on any chip,
/// including the source chip); duplicates are allowed.
TreeOrError buildTree(const Machine &m, ChipXY source,
                      const std::vector<RouteTarget> &targets);

/// Adds one entry {key, mask, route, defaultable, source} per tree chip to
/// `tables` (defaultable entries are kept: compressTable needs them; use
/// removeDefaultRoutes or compressTable to elide them).
void addTreeEntries(RoutingTables &tables, const MulticastTree &tree,
                    uint32_t key, uint32_t mask, uint32_t source = 0);

} // namespace nmc::spinn

#endif // NMC_TARGET_SPINNAKER_ROUTING_H
