//===- CosimTest.cpp - Lockstep emulator == verilated nmc_mesh ------------===//
#include "VerilatedMesh.h"

#include "RtlNets.h"

#include <gtest/gtest.h>

using namespace nmc;
using namespace nmc::test;
using namespace nmc::xbar;

namespace {

/// The single-tile example's input spikes: step 0 in0 and in1, step 1 in2,
/// step 2 none, step 3 in3.
const std::vector<std::vector<int64_t>> kHandInputs = {{0, 1}, {2}, {}, {3}};

/// Hand values (RtlNets.h weights = level x 0.25; v' = 0.875 v + x, spike
/// and reset to 0 above 1):
///   step 0: x = w(in0) + w(in1) = [1.5, 0.75, -0.5]: neuron 0 spikes;
///           v = [0, 0.75, -0.5]
///   step 1: x = w(in2) = [0, 1, 1]: v = [0, 1.65625 -> spike -> 0, 0.5625]
///   step 2: x = 0: v = [0, 0, 0.4921875]
///   step 3: x = w(in3) = [0.25] x 3: v = [0.25, 0.25, 0.6806640625]
/// in raw s16.15 (x 32768). Cycles: a read of 1 plane = row drive 2 +
/// column read 10 + 3 rounds (3 columns, 1 ADC) x 1 + shift-add 1 = 16;
/// transport of P packets over 0 hops = P + 1; periphery ceil(6 / 32) x 1
/// = 1: steps 0..3 = (3 + 16 + 1), (2 + 16 + 1), 1, (2 + 16 + 1).
const std::vector<std::vector<int64_t>> kHandV = {
    {0, 24576, -16384}, {0, 0, 18432}, {0, 0, 16128}, {8192, 8192, 22304}};
const std::vector<std::vector<int64_t>> kHandSpikes = {{0}, {1}, {}, {}};
const std::vector<int64_t> kHandCycles = {20, 19, 1, 19};

void expectHand(StepModel &m) {
  for (size_t t = 0; t < kHandInputs.size(); ++t) {
    m.inject(kHandInputs[t]);
    m.step();
    EXPECT_EQ(m.outputSpikes(), kHandSpikes[t]) << m.name() << " step " << t;
    EXPECT_EQ(m.stepCycles(), kHandCycles[t]) << m.name() << " step " << t;
    for (int64_t n = 0; n < 3; ++n)
      EXPECT_EQ(m.membrane("lif", n), kHandV[t][size_t(n)])
          << m.name() << " step " << t << " neuron " << n;
  }
}

TEST(Cosim, SingleTileEmulatorEqualsHand) {
  EmulatorStepModel emulator(singleTileExample());
  expectHand(emulator);
}

TEST(Cosim, SingleTileRtlEqualsHand) {
  VerilatedMesh mesh(buildRtlImage(*singleTileExample(), RtlMeshParams{}));
  expectHand(mesh);
}

TEST(Cosim, SingleTileLockstep) {
  auto payload = singleTileExample();
  const RtlImage img = buildRtlImage(*payload, RtlMeshParams{});
  EmulatorStepModel emulator(payload);
  VerilatedMesh mesh(img);
  const LockstepReport r =
      runLockstep(emulator, mesh, img, randomSpikes(60, 4, 0.4, 7));
  EXPECT_TRUE(r.ok) << r.mismatch;
  EXPECT_EQ(r.steps, 60);
  EXPECT_GT(r.outputSpikes, 10); // the run does spike
}

/// A flipped weight digit in the RTL's memory image is caught at the first
/// step that reads it, naming the neuron it feeds.
TEST(Cosim, FlippedDigitIsReported) {
  auto payload = singleTileExample();
  RtlImage img = buildRtlImage(*payload, RtlMeshParams{});
  // Row in2, column 2 (neuron 2) at 2 x COLS 8 + 2: level 4 -> 5.
  img.find("node0_digits.hex")->words[18] ^= 1;
  EmulatorStepModel emulator(payload);
  VerilatedMesh mesh(img);
  const LockstepReport r = runLockstep(emulator, mesh, img, kHandInputs);
  ASSERT_FALSE(r.ok);
  EXPECT_EQ(r.steps, 1); // step 0 (in0, in1) does not read row in2
  // Step 1: v of neuron 2 = 0.875 x -0.5 + 5 x 0.25 = 0.8125, not 0.5625.
  EXPECT_NE(r.mismatch.find("mismatch at step 1: membrane of 'lif' neuron 2 "
                            "(tile at mesh node 0, slot 2): expected 0.5625 "
                            "(raw 18432), actual 0.8125 (raw 26624)"),
            std::string::npos)
      << r.mismatch;
  EXPECT_NE(r.mismatch.find("step 1: input spikes 2"), std::string::npos)
      << r.mismatch;
}

} // namespace
