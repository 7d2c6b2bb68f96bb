//===- SfqStochasticTest.cpp - Synapse, neuron, seeds and jitter ----------===//
//
// nmc's models of the seed paper's cells (docs/targets/sfq.md): synapse
// p(I) = 1 / (1 + exp(-(I - i50) / iWidth)), default i50 0.30 mA, iWidth
// 0.02 mA; neuron threshold N(I) = max(1, round(n0 * 0.70 mA / I)), default
// n0 4, delay 8.0 ps, busy 10 ps after firing.
//===----------------------------------------------------------------------===//
#include "SfqNets.h"

#include "nmc/Target/SFQ/BiasModels.h"

#include <cmath>

using namespace nmc::sfq;
using namespace nmc::sfq::test;

namespace {

RunResult synapseRun(double biasMA, int pulses, uint64_t seed,
                     bool jitter = false) {
  NetBuilder b;
  b.output(b.cell(CellKind::Synapse, "syn", {b.input("in")}, biasMA)[0]);
  std::vector<double> t;
  for (int i = 0; i < pulses; ++i)
    t.push_back(10.0 * i); // 10 ps apart, outside the 5 ps busy window
  RunOptions o;
  o.seed = seed;
  o.jitter = jitter;
  return runNet(b.n, {t}, o);
}

TEST(SfqSynapse, PassRateWithinThreeSigmaAtTwoBiases) {
  const int n = 100000;
  // I = i50 = 0.30 mA: p = 1 / (1 + e^0) = 0.5.
  // I = 0.30 + 0.02 ln 9 mA: p = 1 / (1 + 1/9) = 0.9.
  for (auto [bias, p] :
       {std::pair{0.30, 0.5}, {0.30 + 0.02 * std::log(9.0), 0.9}}) {
    const RunResult r = synapseRun(bias, n, 42);
    const double rate = double(out(r).size()) / n;
    const double sigma = std::sqrt(p * (1 - p) / n); // 0.00158, 0.00095
    EXPECT_NEAR(rate, p, 3 * sigma) << "bias " << bias;
    EXPECT_EQ(r.counters.synapsePassed, out(r).size());
    EXPECT_EQ(r.counters.synapsePassed + r.counters.synapseBlocked,
              uint64_t(n));
  }
}

TEST(SfqSynapse, PassedPulsesKeepTheirDelay) {
  const RunResult r = synapseRun(10.0, 3, 1); // p = 1 - e^-485: passes all
  expectTimes(out(r), {5, 15, 25});           // 10 i + 5.0
}

TEST(SfqSynapse, SameSeedSameOutputOtherSeedOther) {
  const RunResult a = synapseRun(0.30, 1000, 7), b = synapseRun(0.30, 1000, 7),
                  c = synapseRun(0.30, 1000, 8);
  EXPECT_EQ(out(a), out(b));
  EXPECT_NE(out(a), out(c));
}

TEST(SfqJitter, DelaysStayWithinTwentyPercentAndFollowTheSeed) {
  NetBuilder b;
  b.output(b.jtls(b.input("in"), 1, "j"));
  std::vector<double> t;
  for (int i = 0; i < 2000; ++i)
    t.push_back(100.0 * i);
  RunOptions o;
  o.jitter = true;
  o.seed = 3;
  const RunResult r1 = runNet(b.n, {t}, o), r2 = runNet(b.n, {t}, o);
  o.seed = 4;
  const RunResult r3 = runNet(b.n, {t}, o);
  EXPECT_EQ(out(r1), out(r2));
  EXPECT_NE(out(r1), out(r3));
  ASSERT_EQ(out(r1).size(), t.size());
  double sum = 0, sq = 0;
  for (size_t i = 0; i < t.size(); ++i) {
    const double d = out(r1)[i] - t[i];
    EXPECT_GE(d, 0.8 * 5.7 - 1e-9); // clamp: 4.56 .. 6.84 ps
    EXPECT_LE(d, 1.2 * 5.7 + 1e-9);
    sum += d;
    sq += d * d;
  }
  const double mean = sum / t.size(),
               sd = std::sqrt(sq / t.size() - mean * mean);
  // sigma = 0.2 x 5.7 / 3 = 0.38 ps; the mean's 3-sigma band: 3 x 0.38 /
  // sqrt(2000) = 0.0255 ps; the sample sigma within 10 %.
  EXPECT_NEAR(mean, 5.7, 0.0255);
  EXPECT_NEAR(sd, 0.38, 0.038);
}

NetBuilder neuronNet(double biasMA = __builtin_nan("")) {
  NetBuilder b;
  WireId exc = b.input("exc"), inh = b.input("inh");
  b.output(b.cell(CellKind::Neuron, "n", {exc, inh}, biasMA)[0]);
  return b;
}

CellLibrary withSettings(std::initializer_list<const char *> settings) {
  CellLibrary lib = defaultCellLibrary();
  for (const char *s : settings)
    applyCellSetting(lib, s);
  validate(lib);
  return lib;
}

TEST(SfqNeuron, ThresholdThreeFiresOnTheThirdExcitatoryPulse) {
  // n0 = 3 at the nominal bias: N = round(3 x 0.7 / 0.7) = 3
  const CellLibrary lib = withSettings({"neuron.n0=3"});
  const RunResult r =
      runNet(neuronNet().n, {{0, 20, 40, 60, 80, 100}}, {}, lib);
  // fires at the 3rd (40) and 6th (100) pulse: 40 + 8, 100 + 8
  expectTimes(out(r), {48, 108});
  EXPECT_EQ(r.counters.neuronFirings, 2u);
}

TEST(SfqNeuron, InhibitionCancelsAnExcitatoryPulse) {
  const CellLibrary lib = withSettings({"neuron.n0=3"});
  // exc 0, 20 -> n = 2; inh 30 -> 1; exc 40 -> 2; exc 60 -> 3: fire at 68
  const RunResult r = runNet(neuronNet().n, {{0, 20, 40, 60}, {30}}, {}, lib);
  expectTimes(out(r), {68});
  // inh on an empty store stays at 0: inh 0, exc 10, 20, 30 fires at 38
  const RunResult e = runNet(neuronNet().n, {{10, 20, 30}, {0}}, {}, lib);
  expectTimes(e.pulses[0].timesPs, {38});
}

TEST(SfqNeuron, BiasSetsTheThreshold) {
  // default n0 = 4; I = 1.4 mA: N = round(4 x 0.7 / 1.4) = 2
  const RunResult r = runNet(neuronNet(1.4).n, {{0, 20, 40, 60}});
  expectTimes(out(r), {28, 68}); // 2nd and 4th pulse + 8
}

TEST(SfqNeuron, LeakTicksAtMultiplesOfLeakPs) {
  const CellLibrary lib = withSettings({"neuron.n0=3", "neuron.leak_ps=25"});
  // exc 0 -> 1, exc 10 -> 2, leak tick at 25 -> 1, exc 30 -> 2, exc 35
  // -> 3: fire at 35 + 8 = 43 (without the leak it fires at 30 + 8)
  const RunResult r = runNet(neuronNet().n, {{0, 10, 30, 35}}, {}, lib);
  expectTimes(out(r), {43});
  const RunResult noLeak = runNet(neuronNet().n, {{0, 10, 30, 35}}, {},
                                  withSettings({"neuron.n0=3"}));
  expectTimes(noLeak.pulses[0].timesPs, {38});
}

TEST(SfqNeuron, BusyWindowAfterFiringIsAViolation) {
  const CellLibrary lib = withSettings({"neuron.n0=1"}); // N = 1
  // exc 0 fires (8), window [0, 10); exc 5 inside: busy, dropped; exc 10
  // fires (18)
  const RunResult r = runNet(neuronNet().n, {{0, 5, 10}}, {}, lib);
  expectTimes(out(r), {8, 18});
  ASSERT_EQ(r.violations.size(), 1u);
  EXPECT_EQ(r.violations[0].kind, ViolationKind::Busy);
  EXPECT_DOUBLE_EQ(r.violations[0].timePs, 5);
}

TEST(SfqBiasModels, FormulasAndInverses) {
  // p(i50) = 0.5; p(i50 + w ln 9) = 0.9; p(i50 - w ln 9) = 0.1
  EXPECT_DOUBLE_EQ(synapsePassProbability(0.3, 0.3, 0.02), 0.5);
  EXPECT_NEAR(synapsePassProbability(0.3 + 0.02 * std::log(9.0), 0.3, 0.02),
              0.9, 1e-15);
  EXPECT_NEAR(synapsePassProbability(0.3 - 0.02 * std::log(9.0), 0.3, 0.02),
              0.1, 1e-15);
  // I(0.9) = 0.3 + 0.02 ln 9 = 0.343944...
  EXPECT_NEAR(synapseBiasForProbability(0.9, 0.3, 0.02), 0.343944492, 1e-9);
  // N(0.7) = 4, N(1.4) = 2, N(0.5) = round(5.6) = 6, N(10) = max(1, 0) = 1
  EXPECT_EQ(neuronThreshold(0.7, 4, 0.7), 4);
  EXPECT_EQ(neuronThreshold(1.4, 4, 0.7), 2);
  EXPECT_EQ(neuronThreshold(0.5, 4, 0.7), 6);
  EXPECT_EQ(neuronThreshold(10, 4, 0.7), 1);
  EXPECT_DOUBLE_EQ(neuronBiasForThreshold(2, 4, 0.7), 1.4); // 2.8 / 2
  for (int64_t n = 1; n <= 200; ++n)
    EXPECT_EQ(neuronThreshold(neuronBiasForThreshold(n, 4, 0.7), 4, 0.7), n);
}

} // namespace
