//===- CosimTest.cpp - Lockstep emulator == verilated nmc_mesh ------------===//
#include "VerilatedMesh.h"

#include "RtlNets.h"
#include "nmc/Image/OpenImage.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdlib>

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
/// transport of P packets over 0 hops = P + 1; periphery ceil(6 elements
/// / 4 units) x 1 = 2: steps 0..3 = (3 + 16 + 2), (2 + 16 + 2), 2,
/// (2 + 16 + 2).
const std::vector<std::vector<int64_t>> kHandV = {
    {0, 24576, -16384}, {0, 0, 18432}, {0, 0, 16128}, {8192, 8192, 22304}};
const std::vector<std::vector<int64_t>> kHandSpikes = {{0}, {1}, {}, {}};
const std::vector<int64_t> kHandCycles = {21, 20, 2, 20};

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

/// The emulator runs the announced steps once (StepModel::prepare) and
/// hands them out: still the hand values.
TEST(Cosim, SingleTilePreparedEmulatorEqualsHand) {
  EmulatorStepModel emulator(singleTileExample());
  emulator.prepare(kHandInputs);
  expectHand(emulator);
}

/// Steps whose injected spikes leave the announced ones fall back to
/// rerunning the engine: the values of the inputs actually injected.
TEST(Cosim, PreparedEmulatorFollowsOtherInputs) {
  auto payload = meshExample();
  const auto announced = randomSpikes(30, 4, 0.5, 3);
  auto injected = announced;
  injected[12] = {0, 1, 2, 3};
  injected[13] = {};
  EmulatorStepModel prepared(payload), plain(payload);
  prepared.prepare(announced);
  for (size_t t = 0; t < injected.size(); ++t) {
    prepared.inject(injected[t]);
    plain.inject(injected[t]);
    prepared.step();
    plain.step();
    EXPECT_EQ(prepared.outputSpikes(), plain.outputSpikes()) << "step " << t;
    EXPECT_EQ(prepared.stepCycles(), plain.stepCycles()) << "step " << t;
    for (auto [node, size] : {std::pair{"lif1", 6}, std::pair{"lif2", 2}})
      for (int64_t n = 0; n < size; ++n)
        EXPECT_EQ(prepared.membrane(node, n), plain.membrane(node, n))
            << "step " << t << " " << node << " " << n;
  }
}

TEST(Cosim, SingleTileRtlEqualsHand) {
  VerilatedMesh mesh(buildRtlImage(*singleTileExample(), RtlMeshParams{}));
  expectHand(mesh);
}

/// The emulator on `payload` and the RTL on `img` in lockstep; the RTL's
/// registers and memories start random from `randomInitSeed` (nonzero).
LockstepReport lockstep(std::shared_ptr<XbarPayload> payload,
                        const RtlImage &img,
                        const std::vector<std::vector<int64_t>> &inputs,
                        uint32_t randomInitSeed = 0) {
  EmulatorStepModel emulator(std::move(payload));
  VerilatedMesh mesh(img, "", randomInitSeed);
  return runLockstep(emulator, mesh, img, inputs);
}

TEST(Cosim, SingleTileLockstep) {
  auto payload = singleTileExample();
  const LockstepReport r =
      lockstep(payload, buildRtlImage(*payload, RtlMeshParams{}),
               randomSpikes(60, 4, 0.4, 7));
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
  const LockstepReport r = lockstep(payload, img, kHandInputs);
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

TEST(Cosim, MeshLockstep) {
  auto payload = meshExample();
  ASSERT_EQ(payload->tiles.size(), 4u);
  const LockstepReport r =
      lockstep(payload, buildRtlImage(*payload, RtlMeshParams{}),
               randomSpikes(80, 4, 0.5, 11));
  EXPECT_TRUE(r.ok) << r.mismatch;
  EXPECT_EQ(r.steps, 80);
  EXPECT_GT(r.outputSpikes, 5); // lif1's spikes crossed the mesh to lif2
}

/// A flipped digit on tile 2 (fc2's first row block, at mesh node 3) shows
/// in lif2 (at mesh node 2, where the partial sums meet) at the first step
/// where it matters: the step and neuron at which the emulator on the same
/// flipped level first differs from the emulator on the image.
TEST(Cosim, MeshFlippedDigitIsReported) {
  auto payload = meshExample();
  RtlImage img = buildRtlImage(*payload, RtlMeshParams{});
  // Tile 2: row 1, column 0 (COLS 8): address 8.
  RtlMemory *digits = img.find("node3_digits.hex");
  ASSERT_NE(digits, nullptr);
  const int32_t level = payload->tiles[2].levels[1 * 2 + 0];
  const int32_t flipped = level ^ 2;
  digits->words[8] = uint64_t(flipped) & 31;
  auto bad = std::make_shared<XbarPayload>(*payload);
  bad->tiles[2].levels[1 * 2 + 0] = flipped;
  const auto inputs = randomSpikes(80, 4, 0.5, 11);

  EmulatorStepModel good(payload), wrong(bad);
  int64_t step = -1, neuron = -1;
  for (size_t t = 0; t < inputs.size() && step < 0; ++t) {
    good.inject(inputs[t]);
    wrong.inject(inputs[t]);
    good.step();
    wrong.step();
    for (int64_t n = 0; n < 2 && step < 0; ++n)
      if (good.membrane("lif2", n) != wrong.membrane("lif2", n)) {
        step = int64_t(t);
        neuron = n;
      }
  }
  ASSERT_GE(step, 0) << "the flipped level never matters";

  const LockstepReport r = lockstep(payload, img, inputs);
  ASSERT_FALSE(r.ok);
  EXPECT_EQ(r.steps, step);
  EXPECT_NE(r.mismatch.find(fmt::format(
                "mismatch at step {}: membrane of 'lif2' neuron {} (tile at "
                "mesh node 2, slot {})",
                step, neuron, neuron)),
            std::string::npos)
      << r.mismatch;
}

/// Conv with stride, its neurons pooled, flattened and read as 2-bit
/// counts by a dense layer, on the conv mesh: 80 random steps identical.
TEST(Cosim, ConvPoolFlattenLockstep) {
  auto payload = convPoolExample();
  const RtlImage img = buildRtlImage(*payload);
  const LockstepReport r = lockstep(payload, img, randomSpikes(80, 16, 0.5, 3));
  EXPECT_TRUE(r.ok) << r.mismatch;
  EXPECT_EQ(r.steps, 80);
  EXPECT_EQ(r.membranes, 80 * (8 + 1));
  EXPECT_GT(r.outputSpikes, 5); // pool counts drove "fc" to fire "m"
}

/// The mesh must not depend on power-up values: with every register and
/// memory starting random (what the load port does not write included,
/// e.g. the im2col table of positions a conv does not have), the runs
/// above are still identical.
TEST(Cosim, LockstepFromRandomInitialState) {
  for (uint32_t seed : {1u, 2u}) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    auto conv = convPoolExample();
    LockstepReport r = lockstep(conv, buildRtlImage(*conv),
                                randomSpikes(40, 16, 0.5, 3), seed);
    EXPECT_TRUE(r.ok) << r.mismatch;
    EXPECT_EQ(r.steps, 40);
    auto mesh = meshExample();
    r = lockstep(mesh, buildRtlImage(*mesh, RtlMeshParams{}),
                 randomSpikes(40, 4, 0.5, 11), seed);
    EXPECT_TRUE(r.ok) << r.mismatch;
    EXPECT_EQ(r.steps, 40);
  }
}

/// A Conv1d (C, L) on the conv mesh: 60 random steps identical.
TEST(Cosim, Conv1dLockstep) {
  auto payload = conv1dExample();
  const RtlImage img = buildRtlImage(*payload);
  EXPECT_EQ(img.params, rtlMeshConfigs().at(1));
  const LockstepReport r = lockstep(payload, img, randomSpikes(60, 10, 0.4, 9));
  EXPECT_TRUE(r.ok) << r.mismatch;
  EXPECT_EQ(r.steps, 60);
  EXPECT_EQ(r.membranes, 60 * 10);
  EXPECT_GT(r.outputSpikes, 10); // the conv's neurons fire
}

/// The reduced paper CNN (nmc-rtl-gen-cnn: 2 x 10 x 10 -> conv 4 -> IF ->
/// conv 4 -> IF -> pool -> conv 4 -> IF -> pool -> flatten -> 8 -> IF -> 4
/// -> IF) as ctest's fixture compiles it (32-row tiles: each conv in two
/// row blocks, 4 x 2 mesh); NMC_RTL_CNN_IMAGE names the image.
std::shared_ptr<XbarPayload> cnnPayload() {
  const char *path = std::getenv("NMC_RTL_CNN_IMAGE");
  if (!path)
    return nullptr;
  const image::LoadedImage loaded = image::openImage(path);
  const auto *payload = loaded.as<XbarPayload>();
  return payload ? std::make_shared<XbarPayload>(*payload) : nullptr;
}

TEST(Cosim, CnnLockstep) {
  auto payload = cnnPayload();
  if (!payload)
    GTEST_SKIP() << "NMC_RTL_CNN_IMAGE names no xbar image";
  ASSERT_EQ(payload->tiles.size(), 8u);
  const RtlImage img = buildRtlImage(*payload);
  EXPECT_EQ(img.params, rtlMeshConfigs().at(1)); // the conv mesh
  const LockstepReport r =
      lockstep(payload, img, randomSpikes(60, 200, 0.3, 5));
  EXPECT_TRUE(r.ok) << r.mismatch;
  EXPECT_EQ(r.steps, 60);
  EXPECT_EQ(r.membranes, 60 * (64 + 64 + 16 + 8 + 4));
  EXPECT_GT(r.outputSpikes, 5); // spikes crossed every layer
}

/// A flipped digit in the second convolution's first row block (tile 2)
/// shows at the step and neuron where the emulator on the same flipped
/// level first differs from the emulator on the image, compared in the
/// lockstep's order (periphery slices, elements ascending).
TEST(Cosim, CnnFlippedDigitIsReported) {
  auto payload = cnnPayload();
  if (!payload)
    GTEST_SKIP() << "NMC_RTL_CNN_IMAGE names no xbar image";
  RtlImage img = buildRtlImage(*payload);
  const Tile &tile = payload->tiles.at(2);
  ASSERT_EQ(tile.layer, 1); // conv '2', rows 0-31
  const int64_t row = 5, col = 1, mesh = tile.y * img.params.meshW + tile.x;
  RtlMemory *digits = img.find(fmt::format("node{}_digits.hex", mesh));
  ASSERT_NE(digits, nullptr);
  const int32_t level = tile.levels[size_t(row * tile.cols + col)];
  const int32_t flipped = level ^ 2;
  digits->words[size_t(row * img.params.cols + col)] = uint64_t(flipped) & 31;
  auto bad = std::make_shared<XbarPayload>(*payload);
  bad->tiles[2].levels[size_t(row * tile.cols + col)] = flipped;
  const auto inputs = randomSpikes(60, 200, 0.3, 5);

  EmulatorStepModel good(payload), wrong(bad);
  good.prepare(inputs);
  wrong.prepare(inputs);
  int64_t step = -1;
  std::string where;
  for (size_t t = 0; t < inputs.size() && step < 0; ++t) {
    good.inject(inputs[t]);
    wrong.inject(inputs[t]);
    good.step();
    wrong.step();
    for (const RtlSlice &s : img.slices)
      for (int64_t e = s.begin;
           s.kind == RtlSliceKind::Neuron && e < s.end && step < 0; ++e)
        if (good.membrane(s.node, e) != wrong.membrane(s.node, e)) {
          step = int64_t(t);
          where = fmt::format("membrane of '{}' neuron {} (tile at mesh "
                              "node {}, slot {})",
                              s.node, e, s.meshNode, s.slot + e - s.begin);
        }
  }
  ASSERT_GE(step, 0) << "the flipped level never matters";

  const LockstepReport r = lockstep(payload, img, inputs);
  ASSERT_FALSE(r.ok);
  EXPECT_EQ(r.steps, step);
  EXPECT_NE(
      r.mismatch.find(fmt::format("mismatch at step {}: {}", step, where)),
      std::string::npos)
      << r.mismatch;
  // Conv '2' feeds IF '3' (on the home tile 3 of its row blocks).
  EXPECT_NE(where.find("'3'"), std::string::npos) << where;
}

} // namespace
