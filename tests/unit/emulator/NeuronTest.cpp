//===- NeuronTest.cpp - Single-neuron traces against hand arithmetic ------===//
#include "PlainCheck.h"
#include "TestImages.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace nmc;
using namespace nmc::test;
using model::ContinuousParams;
using model::DiscreteCoeffs;
using model::Method;
using model::NeuronType;

namespace {

constexpr double kTol = 1e-12;

/// input(1) -> neuron(1) -> output, driven with x[t] at step t.
engine::RunResult runSingle(const DiscreteCoeffs &c, NeuronType type,
                            const std::vector<double> &x, bool subtract = false,
                            double dt = 1.0) {
  Image img;
  img.dt = dt;
  img.nodes = {inputNode("in", {1}),
               neuronNode("n", 1, c, model::hasSynapse(type),
                          model::isSpiking(type), subtract, from({0})),
               outputNode("out", {1}, from({1}))};
  engine::RunConfig cfg = singleNeuronRun(x);
  return runBothEngines(img, cfg);
}

void expectTrace(const std::vector<double> &got,
                 const std::vector<double> &want) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t t = 0; t < want.size(); ++t)
    EXPECT_NEAR(got[t], want[t], kTol) << "step " << t;
}

/// Integrates the CubaLI ODEs over one step with x held (RK4, fine steps):
/// an independent check of the exact discretization.
void integrateCuba(const ContinuousParams &p, double dt, double x, double &i,
                   double &v) {
  const int n = 2000;
  const double h = dt / n;
  auto f = [&](double ii, double vv, double &di, double &dv) {
    di = (-ii + p.wIn * x) / p.tauSyn;
    dv = (p.vLeak - vv + p.r * ii) / p.tauMem;
  };
  for (int k = 0; k < n; ++k) {
    double i1, v1, i2, v2, i3, v3, i4, v4;
    f(i, v, i1, v1);
    f(i + h / 2 * i1, v + h / 2 * v1, i2, v2);
    f(i + h / 2 * i2, v + h / 2 * v2, i3, v3);
    f(i + h * i3, v + h * v3, i4, v4);
    i += h / 6 * (i1 + 2 * i2 + 2 * i3 + i4);
    v += h / 6 * (v1 + 2 * v2 + 2 * v3 + v4);
  }
}

} // namespace

TEST(NeuronCoefficients, EulerLifIsOneMinusDtOverTau) {
  ContinuousParams p;
  p.tau = 10;
  p.r = 2;
  p.vLeak = 0.5;
  DiscreteCoeffs c = discretizeNeuron(NeuronType::LIF, p, 1.0, Method::Euler);
  EXPECT_NEAR(c.aMem, 0.9, kTol);
  EXPECT_NEAR(c.cMemIn, 0.1 * 2, kTol);
  EXPECT_NEAR(c.cMem0, 0.1 * 0.5, kTol);
}

TEST(NeuronCoefficients, ExactLifIsExponential) {
  ContinuousParams p;
  p.tau = 20;
  p.r = 1.5;
  p.vLeak = -0.2;
  DiscreteCoeffs c = discretizeNeuron(NeuronType::LIF, p, 1.0, Method::Exact);
  const double a = std::exp(-1.0 / 20);
  EXPECT_NEAR(c.aMem, a, kTol);
  EXPECT_NEAR(c.cMemIn, (1 - a) * 1.5, kTol);
  EXPECT_NEAR(c.cMem0, (1 - a) * -0.2, kTol);
}

TEST(NeuronCoefficients, ExactCubaSolvesTheOde) {
  ContinuousParams p;
  p.tauSyn = 5;
  p.tauMem = 12;
  p.r = 2;
  p.wIn = 3;
  p.vLeak = 0.1;
  const double dt = 0.7;
  DiscreteCoeffs c = discretizeNeuron(NeuronType::CubaLI, p, dt, Method::Exact);
  EXPECT_NEAR(c.aSyn, std::exp(-dt / 5), kTol);
  EXPECT_NEAR(c.aMem, std::exp(-dt / 12), kTol);
  EXPECT_NEAR(c.bSyn, (1 - std::exp(-dt / 5)) * 3, kTol);
  // One step from (I0, v0) with input x, against numerical integration.
  double i = 0.4, v = -0.3;
  const double x = 1.7;
  double wantI = i, wantV = v;
  integrateCuba(p, dt, x, wantI, wantV);
  double syn = i, mem = v;
  model::stepNeuron(c, true, false, model::ResetMode::ToValue, x, syn, mem);
  EXPECT_NEAR(syn, wantI, 1e-10);
  EXPECT_NEAR(mem, wantV, 1e-10);
}

TEST(NeuronTrace, LifEuler) {
  ContinuousParams p;
  p.tau = 10;
  p.r = 2;
  p.vLeak = 0.5;
  p.vThreshold = 1;
  p.vReset = 0.2;
  DiscreteCoeffs c = discretizeNeuron(NeuronType::LIF, p, 1.0, Method::Euler);
  auto r = runSingle(c, NeuronType::LIF, {1, 0, 3, 0, 8, 0});
  // v = 0.9 v + 0.2 x + 0.05; spike when v > 1, then v = 0.2.
  double v0 = 0.9 * 0 + 0.2 * 1 + 0.05;  // 0.25
  double v1 = 0.9 * v0 + 0.05;           // 0.275
  double v2 = 0.9 * v1 + 0.2 * 3 + 0.05; // 0.8975
  double v3 = 0.9 * v2 + 0.05;           // 0.85775
  double v4 = 0.2;                       // 2.421975 > 1: reset
  double v5 = 0.9 * v4 + 0.05;           // 0.23
  expectTrace(trace0(r, "n", "v"), {v0, v1, v2, v3, v4, v5});
  expectTrace(trace0(r, "n", "out"), {0, 0, 0, 0, 1, 0});
  const engine::NodeResult *n = r.find("n");
  EXPECT_TRUE(n->spiking);
  ASSERT_EQ(n->spikes[0].size(), 1u);
  EXPECT_EQ(n->spikes[0][0].step, 4);
  EXPECT_EQ(r.find("out")->spikeCount, 1);
  EXPECT_EQ(r.neuronUpdates, 6);
}

// Legal NIR: a LIF with no incoming edge, driven by its leak alone (issue 9,
// defect 7). It was refused with "has no inputs".
TEST(NeuronTrace, LifWithoutInputsIsDrivenByItsLeak) {
  ContinuousParams p;
  p.tau = 10;
  p.vLeak = 2;
  p.vThreshold = 1;
  DiscreteCoeffs c = discretizeNeuron(NeuronType::LIF, p, 1.0, Method::Euler);
  Image img;
  img.nodes = {inputNode("in", {1}),
               neuronNode("n", 1, c, false, true, false, {}),
               outputNode("out", {1}, from({1}))};
  engine::RunConfig cfg;
  cfg.steps = 21;
  cfg.traceNodes = {"n"};
  engine::RunResult r = runBothEngines(img, cfg);
  // v = 0.9 v + 0.2 from 0: 0.2, 0.38, 0.542, 0.6878, 0.81902, 0.937118,
  // then 1.0434 > 1 at step 6: spike, reset to 0; period 7.
  double v = 0, expected[7];
  for (int t = 0; t < 7; ++t)
    expected[t] = v = 0.9 * v + 0.2;
  EXPECT_NEAR(expected[5], 0.937118, 1e-12);
  std::vector<double> trace = trace0(r, "n", "v");
  ASSERT_EQ(trace.size(), 21u);
  for (int t = 0; t < 21; ++t)
    EXPECT_NEAR(trace[t], t % 7 == 6 ? 0.0 : expected[t % 7], kTol)
        << "step " << t;
  const engine::NodeResult *n = r.find("n");
  ASSERT_EQ(n->spikes[0].size(), 3u);
  for (int k = 0; k < 3; ++k)
    EXPECT_EQ(n->spikes[0][k].step, 6 + 7 * k);
}

TEST(NeuronTrace, LifExact) {
  ContinuousParams p;
  p.tau = 20;
  p.r = 1.5;
  p.vLeak = -0.2;
  p.vThreshold = 10;
  DiscreteCoeffs c = discretizeNeuron(NeuronType::LIF, p, 1.0, Method::Exact);
  auto r = runSingle(c, NeuronType::LIF, {2, 0, 0});
  const double a = std::exp(-1.0 / 20);
  double v0 = a * 0 + (1 - a) * (-0.2 + 1.5 * 2);
  double v1 = a * v0 + (1 - a) * -0.2;
  double v2 = a * v1 + (1 - a) * -0.2;
  expectTrace(trace0(r, "n", "v"), {v0, v1, v2});
}

TEST(NeuronTrace, IfIntegratesWithoutLeak) {
  ContinuousParams p;
  p.r = 2;
  p.vThreshold = 2.5;
  DiscreteCoeffs c = discretizeNeuron(NeuronType::IF, p, 0.5, Method::Euler);
  EXPECT_NEAR(c.aMem, 1, kTol);
  EXPECT_NEAR(c.cMemIn, 0.5 * 2, kTol);
  auto r = runSingle(c, NeuronType::IF, {1, 1, 1, 0, 0.5}, false, 0.5);
  // v += 1 * x: 1, 2, 3 > 2.5 -> reset 0, 0, 0.5.
  expectTrace(trace0(r, "n", "v"), {1, 2, 0, 0, 0.5});
  expectTrace(trace0(r, "n", "out"), {0, 0, 1, 0, 0});
}

TEST(NeuronTrace, IntegratorOutputsV) {
  ContinuousParams p;
  p.r = 3;
  DiscreteCoeffs c = discretizeNeuron(NeuronType::I, p, 0.5, Method::Exact);
  auto r = runSingle(c, NeuronType::I, {1, 0, -2}, false, 0.5);
  expectTrace(trace0(r, "n", "v"), {1.5, 1.5, -1.5});
  expectTrace(trace0(r, "n", "out"), {1.5, 1.5, -1.5});
  EXPECT_FALSE(r.find("n")->spiking);
}

TEST(NeuronTrace, LiExact) {
  ContinuousParams p;
  p.tau = 4;
  DiscreteCoeffs c = discretizeNeuron(NeuronType::LI, p, 1.0, Method::Exact);
  auto r = runSingle(c, NeuronType::LI, {4, 0, 0});
  const double a = std::exp(-0.25);
  double v0 = (1 - a) * 4, v1 = a * v0, v2 = a * v1;
  expectTrace(trace0(r, "n", "out"), {v0, v1, v2});
}

TEST(NeuronTrace, CubaLifEulerUsesPreviousCurrent) {
  ContinuousParams p;
  p.tauSyn = 5;
  p.tauMem = 10;
  p.r = 2;
  p.wIn = 3;
  p.vThreshold = 0.25;
  DiscreteCoeffs c =
      discretizeNeuron(NeuronType::CubaLIF, p, 1.0, Method::Euler);
  EXPECT_NEAR(c.aSyn, 0.8, kTol);
  EXPECT_NEAR(c.bSyn, 0.2 * 3, kTol);
  EXPECT_NEAR(c.cMemSyn, 0.1 * 2, kTol);
  auto r = runSingle(c, NeuronType::CubaLIF, {1, 0, 0, 0, 0});
  // I = 0.8 I + 0.6 x;  v = 0.9 v + 0.2 I_old.
  double i0 = 0.6, i1 = 0.8 * i0, i2 = 0.8 * i1, i3 = 0.8 * i2, i4 = 0.8 * i3;
  double v0 = 0;
  double v1 = 0.9 * v0 + 0.2 * i0; // 0.12
  double v2 = 0.9 * v1 + 0.2 * i1; // 0.204
  double v3 = 0;                   // 0.2604 > 0.25: spike, reset 0
  double v4 = 0.9 * v3 + 0.2 * i3; // 0.06144
  expectTrace(trace0(r, "n", "i"), {i0, i1, i2, i3, i4});
  expectTrace(trace0(r, "n", "v"), {v0, v1, v2, v3, v4});
  expectTrace(trace0(r, "n", "out"), {0, 0, 0, 1, 0});
}

TEST(NeuronTrace, CubaLiExactFollowsTheOde) {
  ContinuousParams p;
  p.tauSyn = 3;
  p.tauMem = 8;
  p.r = 1.2;
  p.wIn = 0.9;
  p.vLeak = 0.05;
  const double dt = 0.5;
  DiscreteCoeffs c = discretizeNeuron(NeuronType::CubaLI, p, dt, Method::Exact);
  std::vector<double> x = {2, 0, -1, 0, 0, 3};
  auto r = runSingle(c, NeuronType::CubaLI, x, false, dt);
  std::vector<double> wantI, wantV;
  double i = 0, v = 0;
  for (double xt : x) {
    integrateCuba(p, dt, xt, i, v);
    wantI.push_back(i);
    wantV.push_back(v);
  }
  auto gotV = trace0(r, "n", "out");
  auto gotI = trace0(r, "n", "i");
  for (size_t t = 0; t < x.size(); ++t) {
    EXPECT_NEAR(gotI[t], wantI[t], 1e-10) << "step " << t;
    EXPECT_NEAR(gotV[t], wantV[t], 1e-10) << "step " << t;
  }
}

TEST(NeuronReset, ToValueAndSubtract) {
  DiscreteCoeffs c;
  c.aMem = 1;
  c.cMemIn = 1;
  c.vThreshold = 1;
  c.vReset = 0.25;
  auto byValue = runSingle(c, NeuronType::IF, {1.5, 0.1});
  expectTrace(trace0(byValue, "n", "v"), {0.25, 0.35});
  auto bySubtract = runSingle(c, NeuronType::IF, {1.5, 0.1}, true);
  expectTrace(trace0(bySubtract, "n", "v"), {1.5 - 1, 1.5 - 1 + 0.1});
  expectTrace(trace0(bySubtract, "n", "out"), {1, 0});
}

TEST(NeuronReset, ThresholdIsStrict) {
  DiscreteCoeffs c;
  c.aMem = 1;
  c.cMemIn = 1;
  c.vThreshold = 1;
  auto r = runSingle(c, NeuronType::IF, {1.0, 0, 0.5});
  // v == threshold does not fire; 1.5 does.
  expectTrace(trace0(r, "n", "out"), {0, 0, 1});
  expectTrace(trace0(r, "n", "v"), {1, 1, 0});
}

TEST(NeuronTrace, PopulationMatchesStepNeuronBitForBit) {
  // Per-neuron coefficients (non-uniform arrays) in every flag combination.
  const int64_t n = 37;
  for (int variant = 0; variant < 8; ++variant) {
    const bool hasSyn = variant & 1, spiking = variant & 2,
               subtract = variant & 4;
    Image img;
    img.nodes = {inputNode("in", {n})};
    Node node = neuronNode("n", n, DiscreteCoeffs{}, hasSyn, spiking, subtract,
                           from({0}));
    std::vector<DiscreteCoeffs> cs(n);
    for (int64_t i = 0; i < n; ++i) {
      DiscreteCoeffs &c = cs[i];
      c.aSyn = 0.7 + 0.005 * i;
      c.bSyn = 0.3 + 0.01 * i;
      c.aMem = 0.95 - 0.003 * i;
      c.cMemSyn = 0.2 + 0.001 * i;
      c.cMemIn = 0.1 + 0.002 * i;
      c.cMem0 = 0.01 * (i % 5);
      c.vThreshold = 0.8 + 0.01 * i;
      c.vReset = -0.1 * (i % 3);
    }
    auto column = [&](double DiscreteCoeffs::*field) {
      std::vector<double> v;
      for (const DiscreteCoeffs &c : cs)
        v.push_back(c.*field);
      return v;
    };
    node.f["a_syn"] = column(&DiscreteCoeffs::aSyn);
    node.f["b_syn"] = column(&DiscreteCoeffs::bSyn);
    node.f["a_mem"] = column(&DiscreteCoeffs::aMem);
    node.f["c_mem_syn"] = column(&DiscreteCoeffs::cMemSyn);
    node.f["c_mem_in"] = column(&DiscreteCoeffs::cMemIn);
    node.f["c_mem_0"] = column(&DiscreteCoeffs::cMem0);
    node.f["v_threshold"] = column(&DiscreteCoeffs::vThreshold);
    node.f["v_reset"] = column(&DiscreteCoeffs::vReset);
    img.nodes.push_back(node);
    engine::RunConfig cfg;
    cfg.steps = 40;
    std::vector<engine::Event> ev;
    for (int64_t t = 0; t < cfg.steps; ++t)
      for (int64_t i = 0; i < n; ++i)
        if ((t * 7 + i * 3) % 5 == 0)
          ev.push_back({t, i, 0.5 + 0.1 * ((t + i) % 4)});
    cfg.inputs["in"] = {ev};
    cfg.traceNodes = {"n"};
    auto r = runBothEngines(img, cfg);
    std::vector<double> syn(n, 0), v(n, 0), x(n);
    size_t e = 0;
    const auto &vt = r.find("n")->traces.at("v");
    const auto &ot = r.find("n")->traces.at("out");
    for (int64_t t = 0; t < cfg.steps; ++t) {
      std::fill(x.begin(), x.end(), 0);
      for (; e < ev.size() && ev[e].step == t; ++e)
        x[ev[e].neuron] += ev[e].value;
      for (int64_t i = 0; i < n; ++i) {
        double out = model::stepNeuron(cs[i], hasSyn, spiking,
                                       subtract ? model::ResetMode::Subtract
                                                : model::ResetMode::ToValue,
                                       x[i], syn[i], v[i]);
        ASSERT_EQ(vt[t * n + i], v[i]) << "variant " << variant;
        ASSERT_EQ(ot[t * n + i], out) << "variant " << variant;
      }
    }
  }
}
