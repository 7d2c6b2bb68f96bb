//===- RingBufferShiftTest.cpp - sPyNNaker's ring-buffer shift -----------===//
//
// Expectations are worked by hand from the formulas of sPyNNaker's
// abstract_population_vertex.py (spinnaker.md §A.4), not from this code.
//===----------------------------------------------------------------------===//
#include "RingBufferShift.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace nmc::spinn;

TEST(RingBufferShift, PowersOfTwo) {
  // shift = max(0, ceil(log2 w)), + 1 when 2^shift <= w.
  EXPECT_EQ(ringBufferShift(0.0), 0);
  EXPECT_EQ(ringBufferShift(-1.0), 0);
  EXPECT_EQ(ringBufferShift(0.75), 0); // ceil(-0.415) -> 0, 1 > 0.75
  EXPECT_EQ(ringBufferShift(1.0), 1);  // 0, 2^0 <= 1
  EXPECT_EQ(ringBufferShift(6.0), 3);  // ceil(2.585) = 3, 8 > 6
  EXPECT_EQ(ringBufferShift(8.0), 4);  // 3, 2^3 <= 8
  EXPECT_EQ(ringBufferShift(3000.0), 12);
}

TEST(RingBufferShift, PoissonBoundWithoutWeightSpread) {
  // lambda = 2 * 30 / 1000 = 0.06; 0.06 * 1 + 5 * sqrt(0.06 * 1^2).
  EXPECT_NEAR(ringBufferUpperBound(1.0, 0.0, 30.0, 1000.0, 2.0, 5.0),
              1.284744871391589, 1e-12);
}

TEST(RingBufferShift, PoissonBoundWithWeightSpread) {
  // lambda = 100 * 10 / 1000 = 1, upper = round(1 + 3 * 1) = 4; weight
  // variance = lambda sd^2 e^-1 (1 + 1 + 1/2 + 1/6) = 0.25 * 0.98101184 =
  // 0.24525296; 1 + 5 * sqrt(1 + 0.24525296) = 6.579545144500941.
  EXPECT_NEAR(ringBufferUpperBound(1.0, 0.5, 10.0, 1000.0, 100.0, 5.0),
              6.579545144500941, 1e-9);
}

TEST(RingBufferShift, StatsCombineLikeRunningStats) {
  // Two projections of 2 synapses each, weights all 1 and all 3: combined
  // mean 2, sample variance (4 * 1) / (4 - 1) = 4/3; worst case
  // 1 * 1 * 2 + 1 * 3 * 2 = 8.
  SynapseTypeStats s;
  s.addProjection(1.0, 0.0, 1.0, 2, 0.0, 1.0);
  s.addProjection(3.0, 0.0, 3.0, 2, 0.0, 1.0);
  EXPECT_DOUBLE_EQ(s.n, 4.0);
  EXPECT_DOUBLE_EQ(s.mean, 2.0);
  EXPECT_DOUBLE_EQ(s.m2 / (s.n - 1.0), 4.0 / 3.0);
  EXPECT_DOUBLE_EQ(s.totalWeight, 8.0);
  EXPECT_DOUBLE_EQ(s.biggestWeight, 3.0);
  EXPECT_FALSE(s.delaysVary);
  // Equal delays: the worst case, max(8, 3).
  EXPECT_DOUBLE_EQ(expectedMaxWeight(s, 30.0, 1000.0, 5.0), 8.0);
}

TEST(RingBufferShift, VaryingDelaysUseTheCappedPoissonBound) {
  // As the lit test @poisson: 2 synapses of weight 1, delays 1 and 3
  // (variance 1): bound 1.2847 below the worst case 2, above max 1.
  SynapseTypeStats s;
  s.addProjection(1.0, 0.0, 1.0, 2, 1.0, 1.0);
  EXPECT_TRUE(s.delaysVary);
  EXPECT_NEAR(expectedMaxWeight(s, 30.0, 1000.0, 5.0), 1.284744871391589,
              1e-12);
  // A huge sigma is capped by the worst case 1 * 1 * 2.
  EXPECT_DOUBLE_EQ(expectedMaxWeight(s, 30.0, 1000.0, 500.0), 2.0);
}
