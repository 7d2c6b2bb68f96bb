//===- XbarDeviceTest.cpp - ADC, device effects and their statistics ------===//
//
// Statistical checks draw 10^5 samples and accept the model's mean within
// 3 standard errors (sigma / sqrt(n)) and its sigma within 3 standard
// errors of a normal sample's sigma (sigma / sqrt(2n)).
//===----------------------------------------------------------------------===//
#include "XbarNets.h"

#include "nmc/Target/Xbar/Adc.h"
#include "nmc/Target/Xbar/Devices.h"
#include "nmc/Target/Xbar/TileModel.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <functional>

using namespace nmc;
using namespace nmc::test;
using namespace nmc::xbar;

namespace {

constexpr int kDraws = 100000;

struct Moments {
  double mean = 0, sigma = 0;
};

Moments moments(const std::function<double()> &draw, int n = kDraws) {
  double sum = 0, sum2 = 0;
  for (int i = 0; i < n; ++i) {
    const double v = draw();
    sum += v;
    sum2 += v * v;
  }
  const double mean = sum / n;
  return {mean, std::sqrt(sum2 / n - mean * mean)};
}

void expectNormalMoments(const Moments &m, double mean, double sigma,
                         int n = kDraws) {
  EXPECT_NEAR(m.mean, mean, 3 * sigma / std::sqrt(double(n)));
  EXPECT_NEAR(m.sigma, sigma, 3 * sigma / std::sqrt(2.0 * n));
}

TEST(XbarAdc, HandComputedCodes) {
  // 5 bits: codeMax 15. Full scale 60: LSB 15 < 60, 30 < 60, 60 >= 60 -> 4.
  AdcModel adc(5, 60);
  EXPECT_EQ(adc.codeMax(), 15);
  EXPECT_EQ(adc.lsb(), 4);
  int64_t sat = 0;
  EXPECT_EQ(adc.convert(10, sat), 12);   // 2.5 -> 3 (tie away from zero)
  EXPECT_EQ(adc.convert(-10, sat), -12); // -2.5 -> -3
  EXPECT_EQ(adc.convert(9.9, sat), 8);   // 2.475 -> 2
  EXPECT_EQ(adc.convert(61, sat), 60);   // 15.25 -> 15, in range
  EXPECT_EQ(sat, 0);
  EXPECT_EQ(adc.convert(70, sat), 60); // 17.5 -> 18, clamped
  EXPECT_EQ(adc.convert(-70, sat), -60);
  EXPECT_EQ(sat, 2);
  // Full scale within codeMax: LSB 1. 61 -> 16 would need codeMax 16.
  AdcModel fine(5, 15);
  EXPECT_EQ(fine.lsb(), 1);
  EXPECT_EQ(fine.convert(7.5, sat), 8);
  EXPECT_EQ(fine.convert(16, sat), 15);
  EXPECT_EQ(sat, 3);
  // Full scale 61 on 5 bits: 60 < 61, so LSB 8.
  EXPECT_EQ(AdcModel(5, 61).lsb(), 8);
  // Ideal: no quantization, no clamp.
  AdcModel ideal(0, 1);
  EXPECT_EQ(ideal.convert(1e6 + 0.3, sat), 1e6 + 0.3);
  EXPECT_EQ(sat, 3);
  EXPECT_THROW(AdcModel(1, 10), std::runtime_error);
}

Hardware effectsHardware() {
  Hardware hw;
  hw.effects.seed = 42;
  return hw;
}

TEST(XbarEffects, StandardNormal) {
  Xoshiro256 rng(3);
  expectNormalMoments(moments([&] { return standardNormal(rng); }), 0, 1);
}

TEST(XbarEffects, ProgrammingNoise) {
  Hardware hw = effectsHardware();
  hw.effects.programmingNoise = true;
  hw.effects.programmingScale = 2;
  // sigma(20 µS): g = 20/40 = 0.5: 0.26348 + 1.9650 * 0.5 - 1.1731 * 0.25
  // = 0.952705 µS, times the scale 2.
  const double sigma = 2 * 0.952705;
  EXPECT_NEAR(programmingSigma(hw, 20), sigma, 1e-12);
  DeviceEffects fx(hw);
  expectNormalMoments(moments([&] { return fx.program(20); }), 20, sigma);
  hw.effects.programmingNoise = false;
  DeviceEffects off(hw);
  EXPECT_EQ(off.program(20), 20);
}

/// A tile of one logical row, `cols` columns all at the top level 15.
Tile topLevelRow(int64_t cols) {
  Tile t;
  t.rows = 1;
  t.cols = cols;
  t.levels.assign(cols, 15);
  return t;
}

TEST(XbarEffects, ReadNoiseOfOneColumn) {
  // One logical row, one column at level 15: G+ = 40 µS, G- = 1 µS,
  // dG = 39/15 = 2.6. Read noise multiplies each device by 1 + N(0, s):
  // a = (40 (1 + n1) - (1 + n2)) / 2.6, mean 15, sigma s sqrt(1601) / 2.6.
  Hardware hw = effectsHardware();
  hw.adc.bits = 0;
  hw.effects.readNoise = true;
  hw.effects.readSigma = 0.02;
  const Tile t = topLevelRow(1);
  DeviceEffects fx(hw);
  Xoshiro256 noise = effectStream(hw.effects.seed, EffectStream::ReadNoise);
  TileModel tile;
  tile.load(hw, programTile(t, hw, false, fx), &noise);
  const std::vector<int64_t> x = {1};
  expectNormalMoments(moments([&] {
                        tile.read(x);
                        return tile.columnResults()[0];
                      }),
                      15, 0.02 * std::sqrt(1601.0) / 2.6);
}

TEST(XbarEffects, StuckAtRates) {
  Hardware hw = effectsHardware();
  hw.effects.stuckAt = true;
  hw.effects.stuckAtGMinRate = 0.01;
  hw.effects.stuckAtGMaxRate = 0.03;
  DeviceEffects fx(hw);
  int atMin = 0, atMax = 0;
  for (int i = 0; i < kDraws; ++i) {
    const double g = fx.program(20);
    atMin += g == hw.device.gMinUS;
    atMax += g == hw.device.gMaxUS;
  }
  auto near = [](int count, double p) {
    EXPECT_NEAR(count / double(kDraws), p, 3 * std::sqrt(p * (1 - p) / kDraws));
  };
  near(atMin, 0.01);
  near(atMax, 0.03);
}

TEST(XbarEffects, RandomForming) {
  Hardware hw = effectsHardware();
  hw.effects.randomForming = true;
  hw.effects.formingSparsity = 0.25;
  DeviceEffects fx(hw);
  int unformed = 0;
  double sum = 0, sum2 = 0;
  for (int i = 0; i < kDraws; ++i) {
    const double g = fx.formed();
    if (g == hw.device.gMinUS) {
      ++unformed;
      continue;
    }
    sum += g;
    sum2 += g * g;
  }
  const double p = 0.25;
  EXPECT_NEAR(unformed / double(kDraws), p,
              3 * std::sqrt(p * (1 - p) / kDraws));
  // Formed devices: N(14.2473, 2.4624), clipping to [1, 40] is > 5 sigma
  // away.
  const int n = kDraws - unformed;
  const double mean = sum / n;
  expectNormalMoments({mean, std::sqrt(sum2 / n - mean * mean)}, 14.2473,
                      2.4624, n);
}

TEST(XbarEffects, DriftPowerLaw) {
  // G(t) = G0 (t / t0)^-nu: from two times, nu = ln(G1 / G2) / ln(t2 / t1).
  Hardware hw = effectsHardware();
  hw.effects.drift = true;
  hw.effects.driftNu = 0.05;
  hw.effects.driftNuSigma = 0;
  auto at = [&](double t) {
    Hardware h = hw;
    h.effects.driftTimeSeconds = t;
    return DeviceEffects(h).program(30);
  };
  const double t1 = 100, t2 = 1e5;
  EXPECT_NEAR(at(20), 30, 1e-12); // t = t0
  EXPECT_NEAR(std::log(at(t1) / at(t2)) / std::log(t2 / t1), 0.05, 1e-12);
  // nu per device ~ N(0.05, 0.01): the fitted exponents' mean and sigma.
  hw.effects.driftNuSigma = 0.01;
  Hardware h1 = hw, h2 = hw;
  h1.effects.driftTimeSeconds = t1;
  h2.effects.driftTimeSeconds = t2;
  DeviceEffects f1(h1), f2(h2); // same seed: same nu per device
  expectNormalMoments(moments([&] {
                        return std::log(f1.program(30) / f2.program(30)) /
                               std::log(t2 / t1);
                      }),
                      0.05, 0.01);
}

TEST(XbarEffects, IrDropReducesFarColumns) {
  // One logical row, three columns at level 15: G+ = 40 µS, G- = 1 µS.
  // Row totals 120 µS (G+ row) and 3 µS (G- row); wire 1000 ohm:
  // a_c = (40 / (1 + 1000 (c+1) 120e-6) - 1 / (1 + 1000 (c+1) 3e-6)) / 2.6.
  Hardware hw = effectsHardware();
  hw.adc.bits = 0;
  hw.effects.irDrop = true;
  hw.effects.wireOhm = 1000;
  const Tile t = topLevelRow(3);
  DeviceEffects fx(hw);
  TileModel tile;
  tile.load(hw, programTile(t, hw, false, fx));
  tile.read(std::vector<int64_t>{1});
  const double want[3] = {(40 / 1.12 - 1 / 1.003) / 2.6,
                          (40 / 1.24 - 1 / 1.006) / 2.6,
                          (40 / 1.36 - 1 / 1.009) / 2.6};
  for (int c = 0; c < 3; ++c)
    EXPECT_NEAR(tile.columnResults()[c], want[c], 1e-12) << c;
  EXPECT_LT(tile.columnResults()[2], tile.columnResults()[0]);
}

/// A small network run with every effect on.
std::pair<engine::RunResult, XbarStats> noisyRun(uint64_t seed) {
  Hardware hw = smallHardware();
  hw.adc.bits = 6;
  Effects &e = hw.effects;
  e.seed = seed;
  e.programmingNoise = e.readNoise = e.drift = e.stuckAt = e.irDrop = true;
  e.stuckAtGMinRate = e.stuckAtGMaxRate = 0.05;
  auto p = newPayload(hw);
  p->network.nodes = {
      inputNode("in", {10}),
      denseLayer(*p, "fc", 10, 7, pseudoLevels(70, 15), 0.0625, {}, from({0})),
      lifNode("lif", 7, from({1})), outputNode("out", {7}, from({2}))};
  XbarSimulator sim(p, {});
  engine::RunConfig cfg;
  cfg.steps = 30;
  cfg.batch = 2;
  std::vector<engine::Event> ev;
  for (int64_t t = 0; t < cfg.steps; ++t)
    for (int64_t i = 0; i < 10; ++i)
      if ((t * 7 + i * 3) % 4 == 0)
        ev.push_back({t, i, 1.0});
  cfg.inputs["in"] = {ev};
  cfg.traceNodes = {"fc", "lif"};
  engine::RunResult r = sim.runEngine(cfg);
  return {std::move(r), sim.lastStats()};
}

TEST(XbarEffects, SameSeedSameBytes) {
  auto [a, sa] = noisyRun(5);
  auto [b, sb] = noisyRun(5);
  auto [c, sc] = noisyRun(6);
  EXPECT_EQ(a.find("fc")->traces, b.find("fc")->traces);
  EXPECT_EQ(a.find("lif")->traces, b.find("lif")->traces);
  EXPECT_EQ(a.find("lif")->spikeCount, b.find("lif")->spikeCount);
  EXPECT_EQ(std::memcmp(&sa.energy, &sb.energy, sizeof sa.energy), 0);
  EXPECT_EQ(sa.adcSaturations, sb.adcSaturations);
  EXPECT_EQ(sa.intervalMax, sb.intervalMax);
  EXPECT_NE(a.find("fc")->traces, c.find("fc")->traces);
  // The two samples see different read noise.
  const std::vector<double> &fc = a.find("fc")->traces.at("out");
  const size_t half = fc.size() / 2;
  EXPECT_FALSE(std::equal(fc.begin(), fc.begin() + half, fc.begin() + half));
}

} // namespace
