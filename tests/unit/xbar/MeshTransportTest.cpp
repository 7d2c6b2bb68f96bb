//===- MeshTransportTest.cpp - Route transport cycles by hand -------------===//
#include "../../../emulator/xbar/MeshTransport.h"

#include <gtest/gtest.h>

using namespace nmc::xbar;

namespace {

TEST(MeshTransport, RouteCyclesByHand) {
  Cycles c; // hop = 2
  // No packet: the route is skipped.
  EXPECT_EQ(routeTransportCycles(3, 0, c), 0);
  // A local route (source tile = destination tile, or the host port into
  // tile 0 at (0, 0)): one packet enters the router, leaves it next cycle.
  EXPECT_EQ(routeTransportCycles(0, 1, c), 2);
  // 5 packets over 0 links: one per cycle, the last leaves at cycle 5.
  EXPECT_EQ(routeTransportCycles(0, 5, c), 6);
  // 3 packets over 2 links of 2 cycles: the first reaches the destination
  // router at cycle 4, the last at 6, and leaves it at 7.
  EXPECT_EQ(routeTransportCycles(2, 3, c), 2 * 2 + 3 + 1);
  c.hop = 1; // a link without a register: one router stage per hop
  EXPECT_EQ(routeTransportCycles(3, 1, c), 5);
}

} // namespace
