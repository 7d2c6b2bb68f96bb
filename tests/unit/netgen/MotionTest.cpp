//===- MotionTest.cpp - nmc gen motion: delays and stimulus by hand -------===//
#include "Networks.h"

#include <gtest/gtest.h>

using namespace nmc;

TEST(Motion, DelaysAlignEachKindsBar) {
  netgen::MotionOptions o;
  o.lines = 2;
  nir::Model m = netgen::makeMotion(o);
  // Kind 0: speed 1 rightward, pixel p delayed 15 - p steps of 1 ms.
  const nir::Node *d0 = m.graph.find("delay_v1_right");
  ASSERT_NE(d0, nullptr);
  std::vector<double> s0 = d0->params.at("delay").floats.values();
  ASSERT_EQ(s0.size(), 32u);
  EXPECT_NEAR(s0[0], 15e-3, 1e-12);
  EXPECT_NEAR(s0[15], 0.0, 1e-12);
  EXPECT_NEAR(s0[16 + 3], 12e-3, 1e-12); // line 1, pixel 3
  // Kind 7: speed 4 leftward, pixel p delayed 4 p steps: 0..60.
  std::vector<double> s7 =
      m.graph.find("delay_v4_left")->params.at("delay").floats.values();
  EXPECT_NEAR(s7[0], 0.0, 1e-12);
  EXPECT_NEAR(s7[15], 60e-3, 1e-12);
  // Pixel p of line l feeds detector l * 8 + kind only.
  const nir::Node *w = m.graph.find("w_v4_left");
  ASSERT_NE(w, nullptr);
  std::vector<int64_t> idx = w->params.at("indices").ints.values();
  EXPECT_EQ(idx[0], 7);
  EXPECT_EQ(idx[31], 15);
}

TEST(Motion, StimulusBarsArriveTogetherAtTheirDetector) {
  netgen::MotionOptions o;
  o.lines = 9;
  // Line 3: kind 3 (speed 2, leftward) enters at step 5: pixel 15 at 5,
  // pixel 14 at 7, ..., pixel 0 at 35; detection at 5 + 15 * 2 = 35.
  std::vector<netgen::MotionEvent> e = netgen::motionStimulus(o);
  ASSERT_EQ(e.size(), 9u * 16u);
  int64_t seen = 0;
  for (const netgen::MotionEvent &ev : e) {
    if (ev.neuron / 16 != 3)
      continue;
    const int64_t pixel = ev.neuron % 16;
    EXPECT_EQ(ev.step, 5 + (15 - pixel) * 2);
    // Arrival = step + delay (pixel * 2 for kind 3) is the same for all.
    EXPECT_EQ(ev.step + netgen::motionDelaySteps(o, 3, pixel), 35);
    ++seen;
  }
  EXPECT_EQ(seen, 16);
  EXPECT_EQ(netgen::motionDetectionStep(o, 3), 35);
  // Line 8: kind 0 again (speed 1, rightward), entering at 2 + 8 % 5 = 5.
  EXPECT_EQ(netgen::motionDetectionStep(o, 8), 5 + 15);
}
