//===- RouterTableTest.cpp - Lookup, ordered covering, equivalence -------===//
//
// Hand-built tables with known minima (a table needs at least one entry per
// distinct non-defaultable route), equivalence checked by exhaustive
// lookup over small key spaces, and the exact checker cross-checked
// against that enumeration.
//===----------------------------------------------------------------------===//
#include "nmc/Target/SpiNNaker/RouterTable.h"
#include "nmc/Support/Random.h"

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <set>

using namespace nmc;
using namespace nmc::spinn;

namespace {

constexpr uint32_t kFull = 0xFFFFFFFF;
constexpr uint32_t A = 0x041, B = 0x082, C = 0x104; // link + core routes

RouterTable exact(std::initializer_list<std::pair<uint32_t, uint32_t>> kr) {
  RouterTable t;
  for (auto [k, r] : kr)
    t.push_back({k, kFull, r});
  return t;
}

/// Every key in [0, n): a key that matched a non-defaultable entry keeps
/// its route, one that matched a defaultable entry keeps it or falls to
/// default routing. Returns how many unmatched keys got captured.
size_t expectEquivalentOver(const RouterTable &before, const RouterTable &after,
                            uint32_t n) {
  size_t captured = 0;
  for (uint32_t k = 0; k < n; ++k) {
    auto i = lookup(before, k);
    auto j = lookup(after, k);
    if (!i) {
      captured += j.has_value();
      continue;
    }
    if (before[*i].defaultable && !j)
      continue;
    EXPECT_TRUE(j) << "key " << k << " lost its entry";
    if (j) {
      EXPECT_EQ(after[*j].route, before[*i].route) << "key " << k;
    }
  }
  return captured;
}

/// Exhaustive equivalence over [0, n) as a bool (for cross-checking).
bool equivalentOver(const RouterTable &before, const RouterTable &after,
                    uint32_t n) {
  for (uint32_t k = 0; k < n; ++k) {
    auto i = lookup(before, k);
    auto j = lookup(after, k);
    if (!i || (before[*i].defaultable && !j))
      continue;
    if (!j || after[*j].route != before[*i].route)
      return false;
  }
  return true;
}

} // namespace

TEST(SpinnRouterTable, FirstMatchAndDefaultRouting) {
  const RouterTable t = {{0x10, 0xF0, A}, {0x00, 0x00, B}};
  EXPECT_EQ(lookup(t, 0x13), 0u);
  EXPECT_EQ(lookup(t, 0x23), 1u);
  EXPECT_EQ(routeOf(t, 0x1F, Link::E), A);
  EXPECT_EQ(routeOf({}, 0x1F, Link::E), linkRoute(Link::W));
  EXPECT_EQ(routeOf({}, 0x1F, Link::NE), linkRoute(Link::SW));
  EXPECT_EQ(routeOf({}, 0x1F, std::nullopt), 0u);
  EXPECT_EQ(generality(0, 0), 32);
  EXPECT_EQ(generality(0, kFull), 0);
  EXPECT_EQ(generality(0x1, 0xFFFFFFF1), 3);
  EXPECT_TRUE(intersect(0b0000, 0b1100, 0b0010, 0b1110));
  EXPECT_FALSE(intersect(0b0000, 0b1100, 0b1100, 0b1100));
}

// Keys 0..6 -> A, 7 -> B. Without order the minimum is 4 (0XX, 10X, 110
// -> A; 111 -> B); ordered it is 2: 111 -> B above XXX -> A.
TEST(SpinnRouterTable, OrderedCoveringReachesTwo) {
  const RouterTable t =
      exact({{0, A}, {1, A}, {2, A}, {3, A}, {4, A}, {5, A}, {6, A}, {7, B}});
  CompressResult r =
      compressTable(t, std::nullopt, Compressor::OrderedCovering);
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.table, (RouterTable{{7, kFull, B}, {0, 0xFFFFFFF8, A}}));
  EXPECT_EQ(expectEquivalentOver(t, r.table, 1 << 12), 0u);
  EXPECT_EQ(checkEquivalent(t, r.table), "");
}

// Three routes, each on an aligned block: 0XX -> A, 10X -> B, 11X -> C;
// minimum 3 (one entry per route).
TEST(SpinnRouterTable, OrderedCoveringReachesThree) {
  const RouterTable t =
      exact({{4, B}, {0, A}, {6, C}, {1, A}, {5, B}, {2, A}, {7, C}, {3, A}});
  CompressResult r =
      compressTable(t, std::nullopt, Compressor::OrderedCovering);
  ASSERT_TRUE(r.ok) << r.error;
  ASSERT_EQ(r.table.size(), 3u);
  std::set<std::tuple<uint32_t, uint32_t, uint32_t>> got;
  for (const RouterEntry &e : r.table)
    got.insert({e.key, e.mask, e.route});
  EXPECT_EQ(got,
            (std::set<std::tuple<uint32_t, uint32_t, uint32_t>>{
                {0, 0xFFFFFFFC, A}, {4, 0xFFFFFFFE, B}, {6, 0xFFFFFFFE, C}}));
  expectEquivalentOver(t, r.table, 1 << 12);
  EXPECT_EQ(checkEquivalent(t, r.table), "");
  // A target of 6 stops after the first merge (A: 8 -> 5 entries).
  CompressResult six = compressTable(t, 6, Compressor::OrderedCovering);
  ASSERT_TRUE(six.ok) << six.error;
  EXPECT_EQ(six.table.size(), 5u);
  EXPECT_EQ(checkEquivalent(t, six.table), "");
}

// 0000..0011 -> A merge first to 00XX; then merging 0100 and 1000 (-> B)
// would give XX00 above 00XX, stealing key 0000: the down-check refuses.
TEST(SpinnRouterTable, DownCheckProtectsMergedKeys) {
  const RouterTable t = exact({{0, A}, {1, A}, {2, A}, {3, A}, {4, B}, {8, B}});
  CompressResult r =
      compressTable(t, std::nullopt, Compressor::OrderedCovering);
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.table,
            (RouterTable{{4, kFull, B}, {8, kFull, B}, {0, 0xFFFFFFFC, A}}));
  EXPECT_EQ(checkEquivalent(t, r.table), "");
  expectEquivalentOver(t, r.table, 1 << 12);
}

// A defaultable entry (key 3, in on S, out on N only) keeps its keys from
// being captured: merging 0, 1, 2 -> A gives 00XX, so 3 must stay above it.
// Dropping the defaultable entry first and then merging would send key 3
// to A.
TEST(SpinnRouterTable, DefaultableEntriesAreProtectedThenElided) {
  const uint32_t north = linkRoute(Link::N);
  RouterTable t = exact({{0, A}, {1, A}, {2, A}, {3, north}});
  t[3].defaultable = true;
  CompressResult r =
      compressTable(t, std::nullopt, Compressor::OrderedCovering);
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.table.size(), 2u);
  EXPECT_EQ(routeOf(r.table, 3, Link::S), north);
  EXPECT_EQ(checkEquivalent(t, r.table), "");
  // When nothing needs merging, the defaultable entry just goes.
  CompressResult fits = compressTable(t, 3, Compressor::OrderedCovering);
  ASSERT_TRUE(fits.ok) << fits.error;
  EXPECT_EQ(fits.table, exact({{0, A}, {1, A}, {2, A}}));
  EXPECT_EQ(routeOf(fits.table, 3, Link::S), north);
  EXPECT_EQ(checkEquivalent(t, fits.table), "");
  // The unsafe table is caught, naming the key and both routes.
  const RouterTable wrong = {{0, 0xFFFFFFFC, A}};
  EXPECT_FALSE(equivalentOver(t, wrong, 16));
  const std::string why = checkEquivalent(t, wrong);
  EXPECT_NE(why.find("key 0x00000003"), std::string::npos) << why;
  EXPECT_NE(why.find("0x00000041"), std::string::npos) << why;
}

// The pair compressor on the same hand tables: the same minima.
TEST(SpinnRouterTable, PairCompressionOnHandTables) {
  RouterTable withDefault = exact({{0, A}, {1, A}, {2, A}, {3, 0x4}});
  withDefault[3].defaultable = true;
  const std::vector<std::pair<RouterTable, size_t>> cases = {
      {exact({{0, A}, {1, A}, {2, A}, {3, A}, {4, A}, {5, A}, {6, A}, {7, B}}),
       2},
      {exact({{4, B}, {0, A}, {6, C}, {1, A}, {5, B}, {2, A}, {7, C}, {3, A}}),
       3},
      {exact({{0, A}, {1, A}, {2, A}, {3, A}, {4, B}, {8, B}}), 3},
      {withDefault, 2}};
  for (const auto &[t, size] : cases) {
    CompressResult r = compressTable(t, std::nullopt, Compressor::Pair);
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.table.size(), size);
    EXPECT_EQ(checkEquivalent(t, r.table), "");
    expectEquivalentOver(t, r.table, 1 << 12);
  }
  // Least frequent route first: B's entry sits above A's catch-all.
  EXPECT_EQ(compressTable(cases[0].first, std::nullopt, Compressor::Pair).table,
            (RouterTable{{7, kFull, B}, {0, 0xFFFFFFF8, A}}));
}

TEST(SpinnRouterTable, ImpossibleTargetFailsWithNumbers) {
  const RouterTable t =
      exact({{4, B}, {0, A}, {6, C}, {1, A}, {5, B}, {2, A}, {7, C}, {3, A}});
  CompressResult r = compressTable(t, 2);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.table.size(), 3u);
  EXPECT_NE(r.error.find("8 entries"), std::string::npos) << r.error;
  EXPECT_NE(r.error.find("at best 3"), std::string::npos) << r.error;
  EXPECT_NE(r.error.find("the 2 available"), std::string::npos) << r.error;

  RoutingTables tables;
  tables[{1, 2}] = t;
  for (RouterEntry &e : tables[{1, 2}])
    e.source = e.route == A ? 10 : 11;
  tables[{0, 0}] = exact({{0, A}});
  TablesResult all = compressTables(tables, 2, [](uint32_t s) {
    return s == 10 ? std::string("pop a -> pop b") : "pop c -> pop d";
  });
  EXPECT_FALSE(all.ok);
  ASSERT_EQ(all.errors.size(), 1u);
  const std::string &line = all.errors[0];
  for (const char *w : {"chip (1, 2)", "8 entries", "at best 3", "2 available",
                        "pop a -> pop b (4)", "pop c -> pop d (4)"})
    EXPECT_NE(line.find(w), std::string::npos) << w << " not in " << line;
  EXPECT_EQ(all.tables.at({0, 0}).size(), 1u);
}

TEST(SpinnRouterTable, RejectsBadInput) {
  const RouterTable overlapping = {{0, 0xFFFFFFFC, A}, {1, kFull, B}};
  CompressResult r = compressTable(overlapping, std::nullopt);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("not orthogonal"), std::string::npos) << r.error;
  CompressResult k = compressTable({{0x3, 0x1, A}}, std::nullopt);
  EXPECT_FALSE(k.ok);
  EXPECT_NE(k.error.find("outside its mask"), std::string::npos) << k.error;
}

namespace {

/// An orthogonal table over 10-bit keys: disjoint blocks of 1, 2 or 4 keys
/// with routes from `nRoutes`, some entries defaultable.
RouterTable randomTable(uint64_t seed, int nRoutes) {
  Xoshiro256 rng(seed);
  RouterTable t;
  for (uint32_t base = 0; base < 1024; base += 4) {
    const uint64_t shape = rng.next() % 4;
    if (shape == 0)
      continue; // unused keys
    const uint32_t size = shape == 1 ? 4 : shape == 2 ? 2 : 1;
    for (uint32_t k = base; k < base + 4; k += size) {
      if (rng.next() % 3 == 0)
        continue;
      const uint32_t route = uint32_t(1 + rng.next() % nRoutes) << 3;
      const bool defaultable = rng.next() % 8 == 0;
      t.push_back({k, kFull & ~(size - 1), defaultable ? linkRoute(2) : route,
                   defaultable});
    }
  }
  return t;
}

} // namespace

// Random tables: exhaustive equivalence over all 2^12 keys, the exact
// checker agrees with it, and a deliberately broken table is caught by both.
TEST(SpinnRouterTable, RandomTablesStayEquivalent) {
  for (uint64_t seed = 1; seed <= 6; ++seed) {
    const RouterTable t = randomTable(seed, 1 + seed % 5);
    ASSERT_EQ(checkOrthogonal(t), "");
    for (Compressor how :
         {Compressor::OrderedCovering, Compressor::Pair, Compressor::Auto}) {
      CompressResult r = compressTable(t, std::nullopt, how);
      ASSERT_TRUE(r.ok) << r.error;
      EXPECT_LT(r.table.size(), t.size());
      expectEquivalentOver(t, r.table, 1 << 12);
      EXPECT_EQ(checkEquivalent(t, r.table), "") << "seed " << seed;
      // Same seed, same bytes.
      EXPECT_EQ(compressTable(t, std::nullopt, how).table, r.table);
      // Break one entry's route: both checks must notice.
      RouterTable broken = r.table;
      for (RouterEntry &e : broken)
        if (!e.defaultable) {
          e.route ^= 0x400;
          break;
        }
      EXPECT_FALSE(equivalentOver(t, broken, 1 << 12));
      EXPECT_NE(checkEquivalent(t, broken), "");
    }
  }
}

namespace {

double seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since)
      .count();
}

} // namespace

// PACMAN-style zoned keys: 300 populations x 5 slices, key = pop << 14 |
// slice << 11 (mask 0xFFFFF800); a population's slices share its route
// (one of 40, skewed) except 1 in 10, which takes another. 1500 entries
// must fit in 1023; the results are checked exactly and the ratios of
// both compressors printed.
TEST(SpinnRouterTable, CompressesAZonedTableTo1023) {
  Xoshiro256 rng(42);
  RouterTable t;
  auto randomRoute = [&] {
    const double u = rng.uniform(); // index ~ floor(40 u^2): skewed
    return (uint32_t(40 * u * u) + 1) << 6;
  };
  for (uint32_t pop = 0; pop < 300; ++pop) {
    const uint32_t route = randomRoute();
    for (uint32_t slice = 0; slice < 5; ++slice) {
      const uint32_t r = rng.next() % 10 == 0 ? randomRoute() : route;
      t.push_back({pop << 14 | slice << 11, 0xFFFFF800, r, false, pop});
    }
  }
  auto start = std::chrono::steady_clock::now();
  CompressResult r = compressTable(t, 1023);
  const double toTarget = seconds(start);
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_LE(r.table.size(), 1023u);
  EXPECT_EQ(checkEquivalent(t, r.table), "");
  start = std::chrono::steady_clock::now();
  CompressResult best =
      compressTable(t, std::nullopt, Compressor::OrderedCovering);
  const double toMin = seconds(start);
  ASSERT_TRUE(best.ok);
  EXPECT_EQ(checkEquivalent(t, best.table), "");
  start = std::chrono::steady_clock::now();
  CompressResult pair = compressTable(t, std::nullopt, Compressor::Pair);
  const double toPair = seconds(start);
  ASSERT_TRUE(pair.ok);
  EXPECT_EQ(checkEquivalent(t, pair.table), "");
  std::printf("[ratio] zoned: 1500 entries -> %zu for target 1023 (%.3f s); "
              "ordered covering as small as possible %zu (%.1fx, %.3f s); pair "
              "%zu (%.1fx, "
              "%.3f s)\n",
              r.table.size(), toTarget, best.table.size(),
              double(t.size()) / best.table.size(), toMin, pair.table.size(),
              double(t.size()) / pair.table.size(), toPair);
}

// Independent random routes on consecutive keys hardly merge (two
// neighbouring keys share a route with probability sum p_i^2); ordered
// covering can still turn the most frequent route into one catch-all
// entry at the bottom. A measurement: the result must be equivalent and
// smaller by at least that route's count - 1.
TEST(SpinnRouterTable, RandomRoutesMeasurement) {
  Xoshiro256 rng(7);
  RouterTable t;
  std::map<uint32_t, size_t> count;
  for (uint32_t p = 0; p < 1500; ++p) {
    const double u = rng.uniform();
    const uint32_t route = (uint32_t(40 * u * u) + 1) << 6;
    ++count[route];
    t.push_back({p << 11, 0xFFFFF800, route, false, p});
  }
  size_t largest = 0;
  for (auto [route, n] : count)
    largest = std::max(largest, n);
  const auto start = std::chrono::steady_clock::now();
  CompressResult r = compressTable(t, 1023);
  const double took = seconds(start);
  EXPECT_EQ(checkEquivalent(t, r.table), "");
  EXPECT_LE(r.table.size(), t.size() - (largest - 1));
  if (!r.ok) {
    EXPECT_NE(
        r.error.find("1500 entries, at best " + std::to_string(r.table.size())),
        std::string::npos)
        << r.error;
  }
  CompressResult pair = compressTable(t, std::nullopt, Compressor::Pair);
  EXPECT_EQ(checkEquivalent(t, pair.table), "");
  std::printf("[ratio] random routes: 1500 entries (largest route %zu) -> "
              "%zu (%.3f s); pair %zu\n",
              largest, r.table.size(), took, pair.table.size());
}
