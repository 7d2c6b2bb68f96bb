//===- PlainEngineTest.cpp - The plain loop and fixed-point images -------===//
//
// Fast == plain over every engine test network is checked by runBothEngines
// (PlainCheck.h) inside the other test files. Here: images with a
// number_format run the plain loop in fixed point, against traces computed
// by hand (see FixedPointTest.cpp, FixedNeuron.LifByHand, for the steps).
//===----------------------------------------------------------------------===//
#include "PlainCheck.h"
#include "TestImages.h"

#include <gtest/gtest.h>

using namespace nmc;
using namespace nmc::test;

namespace {

constexpr double kLsb = 1.0 / 32768; // s16.15

/// input -> LIF (a_mem = 29491, c_mem_in = 16384, threshold 1.0 in s16.15).
Image fixedLif(bool subtract) {
  model::DiscreteCoeffs c;
  c.aMem = 29491 * kLsb;
  c.cMemIn = 0.5;
  c.vThreshold = 1.0;
  Image img;
  img.numberFormat = "s16.15";
  img.nodes = {inputNode("in", {1}),
               neuronNode("lif", 1, c, false, true, subtract, from({0}))};
  return img;
}

engine::RunConfig everyStep(int64_t steps, double value) {
  engine::RunConfig cfg;
  cfg.steps = steps;
  std::vector<engine::Event> ev;
  for (int64_t t = 0; t < steps; ++t)
    ev.push_back({t, 0, value});
  cfg.inputs["in"] = {ev};
  cfg.traceNodes = {"lif"};
  return cfg;
}

std::vector<double> scaled(std::initializer_list<int64_t> raws) {
  std::vector<double> out;
  for (int64_t r : raws)
    out.push_back(double(r) * kLsb);
  return out;
}

} // namespace

TEST(FixedEngine, LifTraceByHand) {
  struct Case {
    bool subtract;
    model::Rounding rounding;
    std::vector<double> v;
  };
  const Case cases[] = {
      {false, model::Rounding::Nearest, scaled({16384, 31130, 0, 16384})},
      {false, model::Rounding::Truncate, scaled({16384, 31129, 0, 16384})},
      {true, model::Rounding::Nearest, scaled({16384, 31130, 11633, 26854})},
      {true, model::Rounding::Truncate, scaled({16384, 31129, 11631, 26851})}};
  for (const Case &c : cases) {
    SCOPED_TRACE(c.subtract);
    engine::RunConfig cfg = everyStep(4, 1.0);
    cfg.rounding = c.rounding;
    // Fast is asked for, but a fixed-point image always runs the plain loop.
    auto r = engine::Engine(fixedLif(c.subtract)).run(cfg);
    EXPECT_EQ(trace0(r, "lif", "v"), c.v) << toString(c.rounding);
    EXPECT_EQ(trace0(r, "lif", "out"), (std::vector<double>{0, 0, 1, 0}));
    ASSERT_EQ(r.find("lif")->spikes[0].size(), 1u);
    EXPECT_EQ(r.find("lif")->spikes[0][0].step, 2);
    EXPECT_EQ(r.saturations, 0);
  }
}

TEST(FixedEngine, ParametersAndInputsRoundToNearest) {
  // a_mem = 0.9 is stored as 29491.2 lsb (not quantized): the engine rounds
  // it to 29491, and the input 0.99999 (32767.67 lsb) to 32768 = 1.0.
  Image img = fixedLif(false);
  img.nodes[1].f["a_mem"] = {0.9};
  auto r = engine::Engine(img).run(everyStep(2, 0.99999));
  EXPECT_EQ(trace0(r, "lif", "v"), scaled({16384, 31130}));
}

TEST(FixedEngine, SumsSaturateAndAreCounted) {
  // Integrator v += x with x = 30000: 30000, 60000, then the top of s16.15
  // twice (two saturating additions).
  model::DiscreteCoeffs c;
  c.cMemIn = 1.0;
  Image img;
  img.numberFormat = "s16.15";
  img.nodes = {inputNode("in", {1}),
               neuronNode("lif", 1, c, false, false, false, from({0}))};
  auto r = engine::Engine(img).run(everyStep(4, 30000.0));
  const double top = 65535.999969482421875;
  EXPECT_EQ(trace0(r, "lif", "v"),
            (std::vector<double>{30000, 60000, top, top}));
  EXPECT_EQ(r.saturations, 2);
}

TEST(FixedEngine, UnitIfTraceByHand) {
  // a_mem = c_mem_in = 1 (an IF with r = 1, dt = 1; nearest and truncate
  // take a shortcut, stochastic the general loop): v = v + x + 0.25 with
  // x = 1, threshold 2.5 (2.5 itself does not spike). Value reset to -0.5:
  // 1.25, 2.5, 3.75 -> -0.5, 0.75, 2.0. Subtract: 3.75 -> 1.25, then 2.5,
  // 3.75 -> 1.25 again.
  model::DiscreteCoeffs c;
  c.aMem = 1.0;
  c.cMemIn = 1.0;
  c.cMem0 = 0.25;
  c.vThreshold = 2.5;
  c.vReset = -0.5;
  for (bool subtract : {false, true})
    for (model::Rounding rounding :
         {model::Rounding::Nearest, model::Rounding::Truncate,
          model::Rounding::Stochastic}) {
      SCOPED_TRACE(subtract);
      Image img;
      img.numberFormat = "s16.15";
      img.nodes = {inputNode("in", {1}),
                   neuronNode("if", 1, c, false, true, subtract, from({0}))};
      engine::RunConfig cfg = everyStep(5, 1.0);
      cfg.traceNodes = {"if"};
      cfg.rounding = rounding;
      auto r = engine::Engine(img).run(cfg);
      const std::vector<double> v =
          subtract ? std::vector<double>{1.25, 2.5, 1.25, 2.5, 1.25}
                   : std::vector<double>{1.25, 2.5, -0.5, 0.75, 2.0};
      const std::vector<double> out = subtract
                                          ? std::vector<double>{0, 0, 1, 0, 1}
                                          : std::vector<double>{0, 0, 1, 0, 0};
      EXPECT_EQ(trace0(r, "if", "v"), v) << toString(rounding);
      EXPECT_EQ(trace0(r, "if", "out"), out) << toString(rounding);
      EXPECT_EQ(r.saturations, 0);
    }
}

TEST(FixedEngine, WeightsAndPoolingInFixedPoint) {
  // in(2) -> affine W = [[0.1, -0.25]] (0.1 -> 3277 lsb) -> output. Input
  // (3, 1): 3277 * 3 = 9831 lsb, -0.25 * 1 = -8192 lsb: 1639 lsb.
  Image img;
  img.numberFormat = "s16.15";
  img.nodes = {inputNode("in", {2}),
               affineNode("w", 2, 1, {0.1, -0.25}, {}, from({0})),
               outputNode("out", {1}, from({1}))};
  engine::RunConfig cfg;
  cfg.steps = 1;
  cfg.inputs["in"] = {{{0, 0, 3.0}, {0, 1, 1.0}}};
  cfg.traceNodes = {"out"};
  auto r = engine::Engine(img).run(cfg);
  EXPECT_EQ(trace0(r, "out", "out"), scaled({1639}));
  EXPECT_EQ(r.synapticEvents, 2);
}

TEST(FixedEngine, StochasticRoundingIsSeeded) {
  // a_mem = 0.9: its products are inexact, so stochastic runs differ by
  // seed and repeat exactly for one seed.
  Image img = fixedLif(true);
  auto run = [&](uint64_t seed) {
    engine::RunConfig cfg = everyStep(200, 0.3);
    cfg.rounding = model::Rounding::Stochastic;
    cfg.roundingSeed = seed;
    return trace0(engine::Engine(img).run(cfg), "lif", "v");
  };
  EXPECT_EQ(run(1), run(1));
  EXPECT_NE(run(1), run(2));
}

TEST(FixedEngine, BadFormatAndFloat32AreRefused) {
  Image img = fixedLif(false);
  img.numberFormat = "q15";
  try {
    engine::Engine e(img);
    FAIL() << "expected an error";
  } catch (const std::runtime_error &e) {
    EXPECT_NE(std::string(e.what()).find("number_format 'q15'"),
              std::string::npos)
        << e.what();
  }
  engine::RunConfig cfg = everyStep(2, 1.0);
  cfg.float32 = true;
  EXPECT_THROW(engine::Engine(fixedLif(false)).run(cfg), std::runtime_error);
}

TEST(PlainEngine, AgreesOnAMixedNetwork) {
  // Every node kind in one float network: input -> affine -> scale ->
  // threshold -> delay, and a LIF summing the affine, the delay and its own
  // previous output; fast and plain must agree in float64 and float32.
  model::DiscreteCoeffs lif;
  lif.aMem = 0.8;
  lif.cMemIn = 0.7;
  lif.vThreshold = 0.5;
  Image img;
  Node delay = makeNode("d", "delay", {3}, {3}, from({3}));
  delay.i["steps"] = {0, 2, 5};
  Node scale = makeNode("s", "scale", {3}, {3}, from({1}));
  scale.f["scale"] = {1.5, -2.0, 0.25};
  Node th = makeNode("th", "threshold", {3}, {3}, from({2}));
  th.f["threshold"] = {0.1, -0.2, 0.0};
  img.nodes = {inputNode("in", {4}),
               affineNode("a", 4, 3,
                          {0.1, 0.2, -0.3, 0.4, 0.5, -0.6, 0.7, 0.8, 0.9, -1.0,
                           1.1, 0.05},
                          {0.01, 0, -0.02}, from({0})),
               scale,
               th,
               delay,
               neuronNode("lif", 3, lif, false, true, false,
                          {{1, false}, {4, false}, {5, true}}),
               outputNode("out", {3}, from({5}))};
  engine::RunConfig cfg;
  cfg.steps = 30;
  std::vector<engine::Event> ev;
  for (int64_t t = 0; t < 30; ++t)
    ev.push_back({t, t % 4, 0.5 + 0.25 * (t % 3)});
  cfg.inputs["in"] = {ev};
  cfg.traceNodes = {"a", "s", "th", "d", "lif", "out"};
  for (bool f32 : {false, true}) {
    cfg.float32 = f32;
    auto r = runBothEngines(img, cfg);
    EXPECT_GT(r.find("lif")->spikeCount, 0);
    EXPECT_GT(r.find("d")->spikeCount, 0);
  }
}
