//===- Routing.cpp - Hex vectors, LDF paths, BFS detours, trees ----------===//
//
// The rules are stated in Routing.h and docs/targets/spinnaker.md.
//===----------------------------------------------------------------------===//
#include "nmc/Target/SpiNNaker/Routing.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <string>

namespace nmc::spinn {
namespace {

std::string str(ChipXY c) {
  // snprintf: GCC 12 warns falsely (-Wrestrict) on the string concatenation.
  char buf[32];
  std::snprintf(buf, sizeof buf, "(%d, %d)", int(c.x), int(c.y));
  return buf;
}

int32_t mod(int32_t a, int32_t n) { return ((a % n) + n) % n; }

/// One step over `link` by raw wrap arithmetic (presence not checked).
ChipXY step(const Machine &m, ChipXY c, Link link) {
  const auto [dx, dy] = kLinkDelta[static_cast<int>(link)];
  ChipXY n{c.x + dx, c.y + dy};
  if (m.geometry.wrapX)
    n.x = mod(n.x, m.geometry.width);
  if (m.geometry.wrapY)
    n.y = mod(n.y, m.geometry.height);
  return n;
}

/// SpiNNMachine machine.py _minimize_vector.
HexVector minimise(int32_t x, int32_t y) {
  if (x > 0 && y > 0)
    return x > y ? HexVector{x - y, 0, -y} : HexVector{0, y - x, -x};
  if (x <= 0 && y <= 0)
    return x > y ? HexVector{0, y - x, -x} : HexVector{x - y, 0, -y};
  return {x, y, 0};
}

/// Breadth-first shortest path over present chips, links in order 0..5.
std::optional<Path> bfs(const Machine &m, ChipXY a, ChipXY b) {
  const int32_t w = m.geometry.width, h = m.geometry.height;
  auto index = [w](ChipXY c) { return size_t(c.y) * w + c.x; };
  std::vector<int8_t> via(size_t(w) * h, -1); // link used to reach the chip
  std::deque<ChipXY> queue{a};
  via[index(a)] = kNumLinks; // the start
  while (!queue.empty() && via[index(b)] < 0) {
    const ChipXY c = queue.front();
    queue.pop_front();
    for (auto [link, n] : m.neighbours(c)) {
      if (via[index(n)] >= 0)
        continue;
      via[index(n)] = static_cast<int8_t>(link);
      queue.push_back(n);
    }
  }
  if (via[index(b)] < 0)
    return std::nullopt;
  Path path;
  for (ChipXY c = b; c != a;) {
    const Link l = static_cast<Link>(via[index(c)]);
    path.push_back({l, c});
    c = step(m, c, opposite(l));
  }
  std::reverse(path.begin(), path.end());
  return path;
}

} // namespace

int32_t hexLength(int32_t dx, int32_t dy) {
  if ((dx >= 0) == (dy >= 0))
    return std::max(std::abs(dx), std::abs(dy));
  return std::abs(dx) + std::abs(dy);
}

int32_t HexVector::length() const {
  return std::abs(x) + std::abs(y) + std::abs(z);
}

std::pair<int32_t, int32_t> shortestDelta(const Machine &m, ChipXY a,
                                          ChipXY b) {
  const Geometry &g = m.geometry;
  int32_t dx = b.x - a.x, dy = b.y - a.y;
  std::vector<int32_t> xs{dx}, ys{dy};
  if (g.wrapX)
    xs = {mod(dx, g.width), mod(dx, g.width) - g.width};
  if (g.wrapY)
    ys = {mod(dy, g.height), mod(dy, g.height) - g.height};
  std::pair<int32_t, int32_t> best{xs[0], ys[0]};
  int32_t bestLength = hexLength(xs[0], ys[0]);
  for (int32_t y : ys) // order: (+x,+y), (-x,+y), (+x,-y), (-x,-y)
    for (int32_t x : xs)
      if (int32_t l = hexLength(x, y); l < bestLength) {
        best = {x, y};
        bestLength = l;
      }
  return best;
}

int32_t hexDistance(const Machine &m, ChipXY a, ChipXY b) {
  auto [dx, dy] = shortestDelta(m, a, b);
  return hexLength(dx, dy);
}

HexVector shortestVector(const Machine &m, ChipXY a, ChipXY b) {
  auto [dx, dy] = shortestDelta(m, a, b);
  return minimise(dx, dy);
}

Path ldfPath(const Machine &m, ChipXY a, ChipXY b) {
  const HexVector v = shortestVector(m, a, b);
  // (dimension, magnitude), longest first, ties in the order x, y, z.
  std::vector<std::pair<int, int32_t>> dims{{0, v.x}, {1, v.y}, {2, v.z}};
  std::stable_sort(dims.begin(), dims.end(), [](auto p, auto q) {
    return std::abs(p.second) > std::abs(q.second);
  });
  static const Link positive[3] = {Link::E, Link::N, Link::SW};
  static const Link negative[3] = {Link::W, Link::S, Link::NE};
  Path path;
  ChipXY c = a;
  for (auto [dim, mag] : dims) {
    const Link l = mag > 0 ? positive[dim] : negative[dim];
    for (int32_t i = 0; i < std::abs(mag); ++i) {
      c = step(m, c, l);
      path.push_back({l, c});
    }
  }
  return path;
}

PathOrError route(const Machine &m, ChipXY a, ChipXY b) {
  PathOrError r;
  if (!m.isPresent(a) || !m.isPresent(b)) {
    r.error = "route " + str(a) + " -> " + str(b) + ": chip " +
              str(m.isPresent(a) ? b : a) + " is not in the machine";
    return r;
  }
  Path ldf = ldfPath(m, a, b);
  if (std::all_of(ldf.begin(), ldf.end(),
                  [&](const Hop &h) { return m.isPresent(h.chip); })) {
    r.path = std::move(ldf);
    return r;
  }
  r.path = bfs(m, a, b);
  if (!r.path)
    r.error = "route " + str(a) + " -> " + str(b) +
              ": no path over the present chips";
  return r;
}

TreeOrError buildTree(const Machine &m, ChipXY source,
                      const std::vector<RouteTarget> &targets) {
  TreeOrError r;
  if (!m.isPresent(source)) {
    r.error =
        "multicast tree: source chip " + str(source) + " is not in the machine";
    return r;
  }
  const int32_t maxCore = std::min(m.chip.cores, kMaxRouteCores);
  for (const RouteTarget &t : targets)
    if (t.core < 0 || t.core >= maxCore) {
      r.error = "multicast tree: target core " + std::to_string(t.core) +
                " on chip " + str(t.chip) + " is out of range (0.." +
                std::to_string(maxCore - 1) +
                (m.chip.cores > kMaxRouteCores
                     ? "; a 32-bit route word addresses 26 cores)"
                     : ")");
      return r;
    }
  std::vector<RouteTarget> sorted = targets;
  std::sort(sorted.begin(), sorted.end(), [](auto &p, auto &q) {
    return std::tie(p.chip, p.core) < std::tie(q.chip, q.core);
  });
  MulticastTree tree;
  tree.source = source;
  tree.nodes[source] = {};
  for (const RouteTarget &t : sorted) {
    if (!tree.nodes.count(t.chip)) {
      PathOrError p = route(m, source, t.chip);
      if (!p.path) {
        r.error = "multicast tree: " + p.error;
        return r;
      }
      // Graft at the last chip of the path already in the tree.
      const Path &path = *p.path;
      size_t start = path.size();
      while (start > 0 && !tree.nodes.count(path[start - 1].chip))
        --start;
      ChipXY prev = start ? path[start - 1].chip : source;
      for (size_t i = start; i < path.size(); ++i) {
        tree.nodes[prev].route |= linkRoute(path[i].link);
        tree.nodes[path[i].chip] = {0, opposite(path[i].link)};
        prev = path[i].chip;
      }
    }
    tree.nodes[t.chip].route |= coreRoute(t.core);
  }
  r.tree = std::move(tree);
  return r;
}

void addTreeEntries(RoutingTables &tables, const MulticastTree &tree,
                    uint32_t key, uint32_t mask, uint32_t source) {
  for (const auto &[chip, node] : tree.nodes)
    tables[chip].push_back(
        {key & mask, mask, node.route, node.defaultable(), source});
}

} // namespace nmc::spinn
