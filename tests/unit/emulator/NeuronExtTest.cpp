//===- NeuronExtTest.cpp - Refractory period, adaptive threshold ----------===//
//
// Traces of single neurons with the nmc extensions against values worked
// out by hand (in the comments), in float (fast and plain loops) and in
// s16.15 fixed point (raw values).
//===----------------------------------------------------------------------===//
#include "PlainCheck.h"
#include "TestImages.h"

#include <gtest/gtest.h>

using namespace nmc;
using namespace nmc::test;
using model::DiscreteCoeffs;

namespace {

constexpr double kTol = 1e-12;
constexpr double kLsb = 1.0 / 32768; // s16.15

struct Ext {
  int64_t refSteps = 0;
  double aTheta = 0, dTheta = 0;
};

/// input(1) -> spiking neuron(1) with `ext`, x[t] at step t, traced.
engine::RunResult runExt(const DiscreteCoeffs &c, bool hasSyn, const Ext &ext,
                         const std::vector<double> &x,
                         const std::string &format = "") {
  Image img;
  img.numberFormat = format;
  Node n = neuronNode("n", 1, c, hasSyn, true, false, from({0}));
  n.i["ref_steps"] = {ext.refSteps};
  if (ext.dTheta != 0) {
    n.f["a_theta"] = std::vector<double>{ext.aTheta};
    n.f["d_theta"] = std::vector<double>{ext.dTheta};
  }
  img.nodes = {inputNode("in", {1}), n};
  engine::RunConfig cfg = singleNeuronRun(x);
  if (!format.empty())
    return engine::Engine(img).run(cfg); // fixed point: the plain loop
  return runBothEngines(img, cfg);
}

std::vector<int64_t> spikeSteps(const engine::RunResult &r) {
  std::vector<int64_t> steps;
  for (const engine::Event &e : r.find("n")->spikes[0])
    steps.push_back(e.step);
  return steps;
}

void expectTrace(const std::vector<double> &got,
                 const std::vector<double> &want) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t t = 0; t < want.size(); ++t)
    EXPECT_NEAR(got[t], want[t], kTol) << "step " << t;
}

/// LIF v' = 0.5 v + x, threshold 1, reset 0.
DiscreteCoeffs halfLeak() {
  DiscreteCoeffs c;
  c.aMem = 0.5;
  c.cMemIn = 1;
  c.vThreshold = 1;
  return c;
}

/// IF v' = v + x, threshold 1, reset 0.
DiscreteCoeffs plainIf() {
  DiscreteCoeffs c;
  c.cMemIn = 1;
  c.vThreshold = 1;
  return c;
}

/// CubaLIF I' = 0.5 I + x, v' = v + I (old I), threshold 1, reset 0.
DiscreteCoeffs cuba() {
  DiscreteCoeffs c;
  c.aSyn = 0.5;
  c.bSyn = 1;
  c.cMemSyn = 1;
  c.vThreshold = 1;
  return c;
}

} // namespace

// x = 0.6 every step: v = 0.6, 0.9, 1.05 -> spike at step 2, then again
// three steps later. k refractory steps hold v at 0 for the k steps after
// each spike step, so the period is 3 + k.
TEST(NeuronRefractory, LifZeroOneThreeSteps) {
  const std::vector<double> x(12, 0.6);
  auto r0 = runExt(halfLeak(), false, {0}, x);
  EXPECT_EQ(spikeSteps(r0), (std::vector<int64_t>{2, 5, 8, 11}));
  expectTrace(trace0(r0, "n", "v"),
              {0.6, 0.9, 0, 0.6, 0.9, 0, 0.6, 0.9, 0, 0.6, 0.9, 0});
  auto r1 = runExt(halfLeak(), false, {1}, x);
  EXPECT_EQ(spikeSteps(r1), (std::vector<int64_t>{2, 6, 10}));
  expectTrace(trace0(r1, "n", "v"),
              {0.6, 0.9, 0, 0, 0.6, 0.9, 0, 0, 0.6, 0.9, 0, 0});
  auto r3 = runExt(halfLeak(), false, {3}, x);
  EXPECT_EQ(spikeSteps(r3), (std::vector<int64_t>{2, 8}));
  expectTrace(trace0(r3, "n", "v"),
              {0.6, 0.9, 0, 0, 0, 0, 0.6, 0.9, 0, 0, 0, 0});
}

// Zero refractory steps is the plain neuron: same trace as without arrays.
TEST(NeuronRefractory, ZeroStepsEqualsNoExtension) {
  const std::vector<double> x = {0.6, 0.7, 0.2, 0.9, 0.1, 1.3, 0.4};
  Image img;
  img.nodes = {inputNode("in", {1}),
               neuronNode("n", 1, halfLeak(), false, true, false, from({0}))};
  auto plain = runBothEngines(img, singleNeuronRun(x));
  auto ext = runExt(halfLeak(), false, {0}, x);
  expectSameResults(plain, ext);
}

// The model function itself: without a period or adaptation it is
// stepNeuronWith exactly (CubaLIF, subtract reset, values that spike).
TEST(NeuronRefractory, ExtStepWithoutExtensionsIsStepNeuron) {
  DiscreteCoeffs c = cuba();
  c.aMem = 0.9;
  c.cMemIn = 0.3;
  c.cMem0 = 0.01;
  model::NeuronExt e;
  model::NeuronExtState<double> s;
  double syn1 = 0, v1 = 0, syn2 = 0, v2 = 0;
  model::NativeArith<double> ar;
  int spikes = 0;
  for (double x : {0.7, 1.9, 0.0, 0.3, 2.5, 0.1, 0.0, 1.1}) {
    const double z1 = model::stepNeuron(
        c, true, true, model::ResetMode::Subtract, x, syn1, v1);
    const double z2 = model::stepNeuronExtWith(
        ar, c, e, true, false, model::ResetMode::Subtract, x, syn2, v2, s);
    EXPECT_EQ(z1, z2);
    EXPECT_EQ(syn1, syn2);
    EXPECT_EQ(v1, v2);
    spikes += z1 != 0;
  }
  EXPECT_GT(spikes, 0);
}

// IF with 2 refractory steps: the spike at step 0 clamps steps 1 and 2, so
// the inputs of 5 there are ignored (without the period both would spike);
// then 0.4 per step reaches 1.2 > 1 at step 5.
TEST(NeuronRefractory, IfIgnoresInputWhileRefractory) {
  const std::vector<double> x = {2, 5, 5, 0.4, 0.4, 0.4, 0};
  auto r = runExt(plainIf(), false, {2}, x);
  EXPECT_EQ(spikeSteps(r), (std::vector<int64_t>{0, 5}));
  expectTrace(trace0(r, "n", "v"), {0, 0, 0, 0.4, 0.8, 0, 0});
  auto none = runExt(plainIf(), false, {0}, x);
  EXPECT_EQ(spikeSteps(none), (std::vector<int64_t>{0, 1, 2, 5}));
}

// CubaLIF, 2 refractory steps. The current keeps decaying and integrating
// while v is clamped:
//   t  x  I            v (old I)          spike
//   0  4  4            0                  -
//   1  0  2            4 > 1 -> 0         yes (steps 2, 3 clamped)
//   2  2  0.5*2+2 = 3  0 (held)
//   3  0  1.5          0 (held)
//   4  0  0.75         1.5 > 1 -> 0       yes (steps 5, 6 clamped)
//   5  0  0.375        0
//   6  0  0.1875       0
//   7  0  0.09375      0.1875
const std::vector<double> kCubaX = {4, 0, 2, 0, 0, 0, 0, 0};
const std::vector<double> kCubaI = {4, 2, 3, 1.5, 0.75, 0.375, 0.1875, 0.09375};
const std::vector<double> kCubaV = {0, 0, 0, 0, 0, 0, 0, 0.1875};

TEST(NeuronRefractory, CubaCurrentKeepsIntegrating) {
  auto r = runExt(cuba(), true, {2}, kCubaX);
  EXPECT_EQ(spikeSteps(r), (std::vector<int64_t>{1, 4}));
  expectTrace(trace0(r, "n", "i"), kCubaI);
  expectTrace(trace0(r, "n", "v"), kCubaV);
}

// s16.15: every value above is a multiple of 2^-15, so the raw values are
// value * 32768 exactly: I = 131072, 65536, 98304, 49152, 24576, 12288,
// 6144, 3072; v = 0 ... 0, 6144.
TEST(NeuronRefractory, CubaFixedPointRaw) {
  auto r = runExt(cuba(), true, {2}, kCubaX, "s16.15");
  EXPECT_EQ(spikeSteps(r), (std::vector<int64_t>{1, 4}));
  const std::vector<int64_t> rawI = {131072, 65536, 98304, 49152,
                                     24576,  12288, 6144,  3072};
  const std::vector<int64_t> rawV = {0, 0, 0, 0, 0, 0, 0, 6144};
  std::vector<double> i = trace0(r, "n", "i"), v = trace0(r, "n", "v");
  for (size_t t = 0; t < rawI.size(); ++t) {
    EXPECT_EQ(i[t] / kLsb, double(rawI[t])) << "step " << t;
    EXPECT_EQ(v[t] / kLsb, double(rawV[t])) << "step " << t;
  }
}

// IF, x = 0.75 per step, theta' = 0.5 theta (+1 on a spike):
//   t  v     threshold  spike  theta after
//   0  0.75  1          -      0
//   1  1.5   1          yes    1
//   2  0.75  2          -      0.5
//   3  1.5   1.5        - (strict >)  0.25
//   4  2.25  1.25       yes    1.125
//   5  0.75  2.125      -      0.5625
//   6  1.5   1.5625     -      0.28125
//   7  2.25  1.28125    yes    1.140625
TEST(NeuronAdaptiveThreshold, IfTrace) {
  const std::vector<double> x(8, 0.75);
  auto r = runExt(plainIf(), false, {0, 0.5, 1}, x);
  EXPECT_EQ(spikeSteps(r), (std::vector<int64_t>{1, 4, 7}));
  expectTrace(trace0(r, "n", "v"), {0.75, 0, 0.75, 1.5, 0, 0.75, 1.5, 0});
  // The same neuron without adaptation fires every other step.
  EXPECT_EQ(spikeSteps(runExt(plainIf(), false, {0}, x)),
            (std::vector<int64_t>{1, 3, 5, 7}));
}

// Both extensions on one neuron: refractory 1 after each spike, then the
// raised threshold. x = 0.75: spike at 1 (theta 1), 2 clamped (theta 0.5),
// v 0.75 at 3 (thr 1.5, theta 0.25), 1.5 at 4 > 1.25 spike (theta 1.125),
// 5 clamped (0.5625), 0.75 at 6 (thr 1.5625; 0.28125), 1.5 at 7 > 1.28125.
TEST(NeuronAdaptiveThreshold, WithRefractory) {
  const std::vector<double> x(8, 0.75);
  auto r = runExt(plainIf(), false, {1, 0.5, 1}, x);
  EXPECT_EQ(spikeSteps(r), (std::vector<int64_t>{1, 4, 7}));
  expectTrace(trace0(r, "n", "v"), {0.75, 0, 0, 0.75, 0, 0, 0.75, 0});
}

// theta in s16.15 with a_theta = 0.3 (raw 9830, rounded from 9830.4) and
// d_theta = 1 (raw 32768), nearest rounding, stepped through the model:
//   spike at t1: theta = 32768
//   t2: 32768 * 9830 / 2^15 = 9830 exactly; thr = 42598, v = 49152 spikes
//   t3 -> theta = round(9830 * 9830 / 2^15) + 32768 = round(2948.88) + 32768
//      = 35717
//   t4: round(35717 * 9830 / 2^15) = round(10714.66) = 10715
TEST(NeuronAdaptiveThreshold, FixedPointRawTheta) {
  model::FixedContext ctx;
  ctx.format = *model::parseFixedFormat("s16.15");
  model::FixedContextScope scope(ctx);
  using F = model::DynamicFixed;
  model::FixedArith ar(ctx);
  model::DiscreteCoeffsT<F> c = model::convertCoeffs<F>(plainIf());
  model::NeuronExtT<F> e;
  e.aTheta = model::fromDouble<F>(0.3);
  e.dTheta = model::fromDouble<F>(1.0);
  ASSERT_EQ(e.aTheta.raw(), 9830);
  model::NeuronExtState<F> s;
  F syn{}, v{};
  const F x = F::fromRaw(24576); // 0.75
  std::vector<int64_t> theta, spikes;
  for (int t = 0; t < 5; ++t) {
    F z = model::stepNeuronExtWith(ar, c, e, false, true,
                                   model::ResetMode::ToValue, x, syn, v, s);
    theta.push_back(s.theta.raw());
    if (z.raw())
      spikes.push_back(t);
  }
  EXPECT_EQ(spikes, (std::vector<int64_t>{1, 3}));
  EXPECT_EQ(theta, (std::vector<int64_t>{0, 32768, 9830, 35717, 10715}));
}

TEST(NeuronExtImage, RejectsBadArrays) {
  Image img;
  Node n = neuronNode("n", 1, plainIf(), false, true, false, from({0}));
  n.i["ref_steps"] = {-1};
  img.nodes = {inputNode("in", {1}), n};
  EXPECT_THROW(engine::Engine{img}, std::runtime_error);
  img.nodes[1].i["ref_steps"] = {1};
  img.nodes[1].i["spiking"] = {0};
  EXPECT_THROW(engine::Engine{img}, std::runtime_error);
  img.nodes[1].i["spiking"] = {1};
  img.nodes[1].f["d_theta"] = std::vector<double>{1.0};
  EXPECT_THROW(engine::Engine{img}, std::runtime_error); // no a_theta
}

// Two summed inputs (the fast loop's x0 + x1 path), per-neuron refractory
// steps 0..3 and thresholds increments, a synaptic current: the fast and
// plain loops agree (runBothEngines), and no neuron spikes again within
// its refractory steps.
TEST(NeuronRefractory, TwoInputsPerNeuronParameters) {
  const int64_t n = 4, steps = 60;
  Image img;
  Node neuron = neuronNode("n", n, cuba(), true, true, false, from({0, 1}));
  neuron.i["ref_steps"] = {0, 1, 2, 3};
  neuron.f["a_theta"] = std::vector<double>{0.9, 0.8, 0.7, 0.6};
  neuron.f["d_theta"] = std::vector<double>{0.0, 0.25, 0.5, 0.125};
  img.nodes = {inputNode("a", {n}), inputNode("b", {n}), neuron};
  engine::RunConfig cfg;
  cfg.steps = steps;
  std::vector<engine::Event> a, b;
  for (int64_t t = 0; t < steps; ++t)
    for (int64_t i = 0; i < n; ++i) {
      if ((t + i) % 2 == 0)
        a.push_back({t, i, 0.375});
      if ((t * 7 + i) % 5 == 0)
        b.push_back({t, i, 0.5});
    }
  cfg.inputs["a"] = {a};
  cfg.inputs["b"] = {b};
  cfg.traceNodes = {"n"};
  auto r = runBothEngines(img, cfg);
  std::vector<int64_t> last(n, -100);
  int64_t total = 0;
  for (const engine::Event &e : r.find("n")->spikes[0]) {
    EXPECT_GT(e.step - last[e.neuron], e.neuron) // refSteps = neuron
        << "neuron " << e.neuron << " step " << e.step;
    last[e.neuron] = e.step;
    ++total;
  }
  EXPECT_GT(total, 8); // the inputs drive every neuron
}
