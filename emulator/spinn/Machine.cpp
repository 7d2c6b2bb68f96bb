//===- Machine.cpp - Chip presence and neighbours on the mesh ------------===//
#include "nmc/Target/SpiNNaker/Machine.h"

#include <algorithm>

namespace nmc::spinn {

const char *linkName(Link l) {
  static const char *const names[kNumLinks] = {"E", "NE", "N", "W", "SW", "S"};
  return names[static_cast<int>(l)];
}

bool Machine::isPresent(ChipXY c) const {
  const Geometry &g = geometry;
  if (c.x < 0 || c.y < 0 || c.x >= g.width || c.y >= g.height)
    return false;
  return !std::binary_search(g.absentChips.begin(), g.absentChips.end(), c);
}

std::vector<ChipXY> Machine::chips() const {
  std::vector<ChipXY> out;
  for (int32_t x = 0; x < geometry.width; ++x)
    for (int32_t y = 0; y < geometry.height; ++y)
      if (isPresent({x, y}))
        out.push_back({x, y});
  return out;
}

int64_t Machine::numChips() const {
  int64_t absentInside = 0;
  for (ChipXY c : geometry.absentChips)
    absentInside +=
        c.x >= 0 && c.y >= 0 && c.x < geometry.width && c.y < geometry.height;
  return int64_t(geometry.width) * geometry.height - absentInside;
}

std::optional<ChipXY> Machine::neighbour(ChipXY c, Link link) const {
  const auto [dx, dy] = kLinkDelta[static_cast<int>(link)];
  ChipXY n{c.x + dx, c.y + dy};
  const Geometry &g = geometry;
  if (g.wrapX)
    n.x = (n.x + g.width) % g.width;
  if (g.wrapY)
    n.y = (n.y + g.height) % g.height;
  if (!isPresent(c) || !isPresent(n))
    return std::nullopt;
  return n;
}

std::vector<std::pair<Link, ChipXY>> Machine::neighbours(ChipXY c) const {
  std::vector<std::pair<Link, ChipXY>> out;
  for (int l = 0; l < kNumLinks; ++l)
    if (auto n = neighbour(c, static_cast<Link>(l)))
      out.push_back({static_cast<Link>(l), *n});
  return out;
}

} // namespace nmc::spinn
