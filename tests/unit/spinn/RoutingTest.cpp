//===- RoutingTest.cpp - Hex distances, LDF paths, detours, trees --------===//
//
// Every expected path, distance and route word is worked out by hand in the
// comments from the rules in Routing.h (links: 0 E (+1,0), 1 NE (+1,+1),
// 2 N (0,+1), 3 W, 4 SW, 5 S; route bit of link l = 1 << l, of core c =
// 1 << (c + 6)).
//===----------------------------------------------------------------------===//
#include "nmc/Target/SpiNNaker/Routing.h"
#include "nmc/Target/SpiNNaker/MachineJson.h"

#include <gtest/gtest.h>

using namespace nmc::spinn;

namespace {

Machine get(const std::string &name) { return *preset(name).machine; }

Machine torus(int w, int h) {
  Machine m = get("spin3");
  m.geometry = {w, h, true, true, {}};
  return m;
}

Path pathOf(const Machine &m, ChipXY a, ChipXY b) {
  PathOrError p = route(m, a, b);
  EXPECT_TRUE(p.path) << p.error;
  return p.path ? *p.path : Path{};
}

/// Each hop follows a real link between present chips from `a` to `b`.
void expectValidPath(const Machine &m, ChipXY a, const Path &p, ChipXY b) {
  ChipXY at = a;
  for (const Hop &h : p) {
    auto n = m.neighbour(at, h.link);
    ASSERT_TRUE(n) << "no link " << linkName(h.link) << " from " << at.x << ","
                   << at.y;
    EXPECT_EQ(*n, h.chip);
    at = h.chip;
  }
  EXPECT_EQ(at, b);
}

} // namespace

TEST(SpinnRouting, HexLength) {
  EXPECT_EQ(hexLength(0, 0), 0);
  EXPECT_EQ(hexLength(3, 2), 3); // same signs: max
  EXPECT_EQ(hexLength(-3, -2), 3);
  EXPECT_EQ(hexLength(3, -2), 5); // opposite signs: sum
  EXPECT_EQ(hexLength(-2, 5), 7);
  EXPECT_EQ(hexLength(0, -4), 4);
}

TEST(SpinnRouting, DistancesOnBoardAndTori) {
  const Machine board = get("spin5");
  EXPECT_EQ(hexDistance(board, {0, 0}, {7, 7}), 7);
  EXPECT_EQ(hexDistance(board, {0, 3}, {4, 0}), 7); // (4,-3): 4 + 3
  EXPECT_EQ(hexDistance(board, {4, 0}, {0, 3}), 7);
  // 3x3 torus: (2,2) is one SW step away from (0,0).
  const Machine t3 = torus(3, 3);
  EXPECT_EQ(hexDistance(t3, {0, 0}, {2, 2}), 1);
  // (0,0)->(2,1): (2,1) 2, (-1,1) 2, (2,-2) 4, (-1,-2) 2 -> 2.
  EXPECT_EQ(hexDistance(t3, {0, 0}, {2, 1}), 2);
  // 12x12: (0,0)->(11,5): (11,5) 11, (-1,5) 6, (11,-7) 18, (-1,-7) 7.
  const Machine t12 = get("spin5:1x1");
  EXPECT_EQ(hexDistance(t12, {0, 0}, {11, 5}), 6);
  EXPECT_EQ(shortestDelta(t12, {0, 0}, {11, 5}), std::make_pair(-1, 5));
  // No chip of a 2x2 torus is more than one hop away.
  const Machine t2 = get("spin3");
  for (ChipXY a : t2.chips())
    for (ChipXY b : t2.chips())
      EXPECT_EQ(hexDistance(t2, a, b), a == b ? 0 : 1);
}

TEST(SpinnRouting, MinimalVectors) {
  const Machine board = get("spin5");
  // (4,3): x > y > 0 -> (x - y, 0, -y) = (1, 0, -3): 1 E + 3 NE.
  EXPECT_EQ(shortestVector(board, {0, 0}, {4, 3}), (HexVector{1, 0, -3}));
  // (1,3): 0 < x < y -> (0, y - x, -x) = (0, 2, -1).
  EXPECT_EQ(shortestVector(board, {0, 0}, {1, 3}), (HexVector{0, 2, -1}));
  // (-1,-3): x > y, both < 0 -> (0, y - x, -x) = (0, -2, 1): 1 SW + 2 S.
  EXPECT_EQ(shortestVector(board, {1, 3}, {0, 0}), (HexVector{0, -2, 1}));
  // Opposite signs stay as they are.
  EXPECT_EQ(shortestVector(board, {4, 0}, {0, 3}), (HexVector{-4, 3, 0}));
  EXPECT_EQ(shortestVector(board, {4, 0}, {0, 3}).length(), 7);
}

// 3x3 torus, checked hop by hop.
TEST(SpinnRouting, LdfOnTorus3x3) {
  const Machine t3 = torus(3, 3);
  // (0,0)->(2,1): delta (2,1) -> (1,0,-1); |x| = |z| = 1 tie -> x first:
  // E to (1,0), then NE to (2,1).
  EXPECT_EQ(pathOf(t3, {0, 0}, {2, 1}),
            (Path{{Link::E, {1, 0}}, {Link::NE, {2, 1}}}));
  // (1,1)->(0,2): delta (-1,1) mod 3 -> candidates (2,1) 2, (-1,1) 2,
  // (2,-2) 4, (-1,-2) 2: the first, (2,1) -> (1,0,-1): E to (2,1), then NE
  // across the x wrap to (0,2).
  EXPECT_EQ(pathOf(t3, {1, 1}, {0, 2}),
            (Path{{Link::E, {2, 1}}, {Link::NE, {0, 2}}}));
  // (0,0)->(2,0): (-1, 0) is shorter than (2, 0): one hop W over the wrap.
  EXPECT_EQ(pathOf(t3, {0, 0}, {2, 0}), (Path{{Link::W, {2, 0}}}));
  // (0,0)->(1,2): candidates (1,2) 2, (-2,2) 4, (1,-1) 2, (-2,-1) 2 -> (1,2)
  // -> (0,1,-1): tie y, z -> y first: N to (0,1), NE to (1,2).
  EXPECT_EQ(pathOf(t3, {0, 0}, {1, 2}),
            (Path{{Link::N, {0, 1}}, {Link::NE, {1, 2}}}));
  EXPECT_TRUE(pathOf(t3, {1, 1}, {1, 1}).empty());
}

TEST(SpinnRouting, LdfOnBoard) {
  const Machine board = get("spin5");
  // (0,0)->(3,1): (2,0,-1): E, E, NE.
  EXPECT_EQ(pathOf(board, {0, 0}, {3, 1}),
            (Path{{Link::E, {1, 0}}, {Link::E, {2, 0}}, {Link::NE, {3, 1}}}));
  // (0,0)->(1,3): (0,2,-1): N, N, NE.
  EXPECT_EQ(pathOf(board, {0, 0}, {1, 3}),
            (Path{{Link::N, {0, 1}}, {Link::N, {0, 2}}, {Link::NE, {1, 3}}}));
  // (4,0)->(0,3): (-4,3,0): 4 W then 3 N along the board's lower-left edge.
  EXPECT_EQ(pathOf(board, {4, 0}, {0, 3}), (Path{{Link::W, {3, 0}},
                                                 {Link::W, {2, 0}},
                                                 {Link::W, {1, 0}},
                                                 {Link::W, {0, 0}},
                                                 {Link::N, {0, 1}},
                                                 {Link::N, {0, 2}},
                                                 {Link::N, {0, 3}}}));
  // (7,7)->(3,3): (0,0,4): 4 SW.
  EXPECT_EQ(pathOf(board, {7, 7}, {3, 3}).size(), 4u);
  for (const Hop &h : pathOf(board, {7, 7}, {3, 3}))
    EXPECT_EQ(h.link, Link::SW);
}

// A dead chip on the straight path: every 4-hop path from (0,0) to (4,0)
// is E,E,E,E (x must grow by 4 in 4 hops, so only E or NE, and any NE
// would need an S or SW, which do not grow x), so the detour takes 5.
TEST(SpinnRouting, DetourAroundDeadChip) {
  Machine board = get("spin5");
  board.geometry.absentChips.push_back({2, 0});
  std::sort(board.geometry.absentChips.begin(),
            board.geometry.absentChips.end());
  ASSERT_EQ(validate(board), "");
  EXPECT_EQ(ldfPath(board, {0, 0}, {4, 0}).size(), 4u);
  const Path p = pathOf(board, {0, 0}, {4, 0});
  EXPECT_EQ(p.size(), 5u);
  expectValidPath(board, {0, 0}, p, {4, 0});
  for (const Hop &h : p)
    EXPECT_NE(h.chip, (ChipXY{2, 0}));
  // Errors name the chips.
  PathOrError bad = route(board, {0, 0}, {2, 0});
  EXPECT_FALSE(bad.path);
  EXPECT_NE(bad.error.find("(2, 0)"), std::string::npos) << bad.error;
  // An island: (0,0)'s three neighbours dead.
  Machine island = get("spin5");
  for (ChipXY c : {ChipXY{1, 0}, ChipXY{1, 1}, ChipXY{0, 1}})
    island.geometry.absentChips.push_back(c);
  std::sort(island.geometry.absentChips.begin(),
            island.geometry.absentChips.end());
  PathOrError none = route(island, {0, 0}, {3, 3});
  EXPECT_FALSE(none.path);
  EXPECT_NE(none.error.find("no path"), std::string::npos) << none.error;
}

// Every pair of chips on the board and on a 12x12 torus: the route is a
// valid walk whose length is the hex distance (no chip is missing inside
// the hexagonal board, so LDF paths are shortest there).
TEST(SpinnRouting, AllPairsAreShortest) {
  for (const char *name : {"spin5", "spin5:1x1"}) {
    const Machine m = get(name);
    for (ChipXY a : m.chips())
      for (ChipXY b : m.chips()) {
        const Path p = pathOf(m, a, b);
        ASSERT_EQ(int(p.size()), hexDistance(m, a, b));
        expectValidPath(m, a, p, b);
      }
  }
}

// Source core 1 on (0,0), targets (2,0) core 3, (2,1) core 4, (0,0) core 5.
// Paths: (0,0)->(2,0) = E, E; (0,0)->(2,1) = (1,0,-1) = E, NE. Tree:
//   (0,0): link E + core 5           = 0x001 | 1 << 11 = 0x801, no input
//   (1,0): links E and NE            = 0x003, arrived on W
//   (2,0): core 3 = 1 << 9           = 0x200, arrived on W
//   (2,1): core 4 = 1 << 10          = 0x400, arrived on SW
TEST(SpinnRouting, MulticastTreeRouteWords) {
  const Machine board = get("spin5");
  TreeOrError t = buildTree(
      board, {0, 0}, {{{2, 1}, 4}, {{2, 0}, 3}, {{0, 0}, 5}, {{2, 0}, 3}});
  ASSERT_TRUE(t.tree) << t.error;
  const auto &n = t.tree->nodes;
  ASSERT_EQ(n.size(), 4u);
  EXPECT_EQ(n.at({0, 0}).route, 0x801u);
  EXPECT_FALSE(n.at({0, 0}).arrivedOn);
  EXPECT_EQ(n.at({1, 0}).route, 0x003u);
  EXPECT_EQ(n.at({1, 0}).arrivedOn, Link::W);
  EXPECT_EQ(n.at({2, 0}).route, 0x200u);
  EXPECT_EQ(n.at({2, 0}).arrivedOn, Link::W);
  EXPECT_EQ(n.at({2, 1}).route, 0x400u);
  EXPECT_EQ(n.at({2, 1}).arrivedOn, Link::SW);
  for (const auto &[chip, node] : n)
    EXPECT_FALSE(node.defaultable());
}

// Source (0,0) to (3,0) core 2: (1,0) and (2,0) enter on W and leave on E
// only: defaultable, so their entries are elided.
TEST(SpinnRouting, DefaultableEntriesElided) {
  const Machine board = get("spin5");
  TreeOrError t = buildTree(board, {0, 0}, {{{3, 0}, 2}});
  ASSERT_TRUE(t.tree) << t.error;
  EXPECT_TRUE(t.tree->nodes.at({1, 0}).defaultable());
  EXPECT_TRUE(t.tree->nodes.at({2, 0}).defaultable());
  EXPECT_FALSE(t.tree->nodes.at({0, 0}).defaultable());
  EXPECT_FALSE(t.tree->nodes.at({3, 0}).defaultable());
  RoutingTables tables;
  addTreeEntries(tables, *t.tree, 0x10000, 0xFFFF0000, 7);
  ASSERT_EQ(tables.size(), 4u);
  EXPECT_EQ(tables.at({1, 0}),
            (RouterTable{{0x10000, 0xFFFF0000, 0x1, true, 7}}));
  for (auto &[chip, table] : tables) {
    const RouterTable kept = removeDefaultRoutes(table);
    const bool relay = chip == ChipXY{1, 0} || chip == ChipXY{2, 0};
    EXPECT_EQ(kept.size(), relay ? 0u : 1u);
    // Default routing still sends the packet on: in on W, out on E.
    if (relay) {
      EXPECT_EQ(routeOf(kept, 0x10005, Link::W), linkRoute(Link::E));
    }
  }
  EXPECT_EQ(routeOf(tables.at({3, 0}), 0x10005, Link::W), coreRoute(2));
  EXPECT_EQ(routeOf(tables.at({3, 0}), 0x20005, std::nullopt), 0u);
}

// Trees on the torus: one parent per chip, depth = hex distance, every
// target reached.
TEST(SpinnRouting, TreeToManyTargetsOnTorus) {
  const Machine t12 = get("spin5:1x1");
  std::vector<RouteTarget> targets;
  for (int i = 0; i < 30; ++i)
    targets.push_back({{(i * 7) % 12, (i * 5 + 3) % 12}, i % 16 + 1});
  TreeOrError t = buildTree(t12, {5, 5}, targets);
  ASSERT_TRUE(t.tree) << t.error;
  for (const auto &[chip, node] : t.tree->nodes) {
    if (chip == ChipXY{5, 5})
      continue;
    // Walk back to the source through the arrival links.
    ChipXY at = chip;
    int depth = 0;
    while (at != ChipXY{5, 5}) {
      const TreeNode &here = t.tree->nodes.at(at);
      ASSERT_TRUE(here.arrivedOn);
      const ChipXY parent = *t12.neighbour(at, *here.arrivedOn);
      EXPECT_TRUE(t.tree->nodes.at(parent).route &
                  linkRoute(opposite(*here.arrivedOn)));
      at = parent;
      ASSERT_LT(++depth, 100);
    }
    EXPECT_EQ(depth, hexDistance(t12, {5, 5}, chip));
  }
  for (const RouteTarget &r : targets)
    EXPECT_TRUE(t.tree->nodes.at(r.chip).route & coreRoute(r.core));
}

TEST(SpinnRouting, TreeErrors) {
  const Machine board = get("spin5");
  TreeOrError a = buildTree(board, {7, 0}, {{{1, 1}, 1}});
  EXPECT_FALSE(a.tree);
  EXPECT_NE(a.error.find("(7, 0)"), std::string::npos) << a.error;
  TreeOrError b = buildTree(board, {0, 0}, {{{1, 1}, 18}});
  EXPECT_FALSE(b.tree);
  EXPECT_NE(b.error.find("core 18"), std::string::npos) << b.error;
  TreeOrError c = buildTree(get("spin2"), {0, 0}, {{{1, 1}, 40}});
  EXPECT_FALSE(c.tree);
  EXPECT_NE(c.error.find("26 cores"), std::string::npos) << c.error;
}
