//===- Devices.cpp - Tile conductances and device effects -----------------===//
#include "nmc/Target/Xbar/Devices.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>

namespace nmc::xbar {

double standardNormal(Xoshiro256 &rng) {
  const double u1 = 1.0 - rng.uniform(); // (0, 1]: log is finite
  const double u2 = rng.uniform();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

Xoshiro256 effectStream(uint64_t seed, EffectStream effect, uint64_t sub) {
  return Xoshiro256::forStream(
      Xoshiro256::forStream(seed, uint64_t(effect)).next(), sub);
}

double programmingSigma(const Hardware &hw, double gUS) {
  const double x = gUS / hw.device.gMaxUS;
  double sigma = 0, power = 1;
  for (double c : hw.effects.programmingSigmaUS) {
    sigma += c * power;
    power *= x;
  }
  return std::max(0.0, sigma * hw.effects.programmingScale);
}

double driftFactor(double nu, double timeS, double t0S) {
  return std::pow(timeS / t0S, -nu);
}

double irDropFactor(double wireOhm, int64_t column, double rowTotalUS) {
  return 1.0 / (1.0 + wireOhm * double(column + 1) * rowTotalUS * 1e-6);
}

DeviceEffects::DeviceEffects(const Hardware &hw)
    : hw(hw), programming(effectStream(hw.effects.seed,
                                       EffectStream::ProgrammingNoise)),
      drift(effectStream(hw.effects.seed, EffectStream::Drift)),
      stuck(effectStream(hw.effects.seed, EffectStream::StuckAt)),
      forming(effectStream(hw.effects.seed, EffectStream::RandomForming)) {}

double DeviceEffects::formed() {
  const Effects &e = hw.effects;
  if (forming.uniform() < e.formingSparsity)
    return hw.device.gMinUS; // unformed
  const double g = e.formingMeanUS + e.formingSigmaUS * standardNormal(forming);
  return std::clamp(g, hw.device.gMinUS, hw.device.gMaxUS);
}

double DeviceEffects::program(double g) {
  const Effects &e = hw.effects;
  if (e.programmingNoise)
    g += programmingSigma(hw, g) * standardNormal(programming);
  if (e.drift)
    g *= driftFactor(e.driftNu + e.driftNuSigma * standardNormal(drift),
                     e.driftTimeSeconds, e.driftT0Seconds);
  if (e.stuckAt) {
    const double u = stuck.uniform();
    if (u < e.stuckAtGMinRate)
      g = hw.device.gMinUS;
    else if (u < e.stuckAtGMinRate + e.stuckAtGMaxRate)
      g = hw.device.gMaxUS;
  }
  return std::max(g, 0.0);
}

namespace {

/// Signed physical digits of the tile's levels; throws for a level out of
/// range.
std::vector<int32_t> tileDigits(const Tile &tile, const Hardware &hw,
                                int64_t slices, bool differential) {
  const int64_t maxLevel = hw.maxLevel();
  std::vector<int32_t> digits(tile.rows * tile.cols * slices, 0);
  for (int64_t r = 0; r < tile.rows; ++r)
    for (int64_t c = 0; c < tile.cols; ++c) {
      const int32_t level = tile.levels[r * tile.cols + c];
      if (std::abs(level) > maxLevel)
        throw std::runtime_error(
            "xbar tile of layer " + std::to_string(tile.layer) + " at row " +
            std::to_string(tile.rowStart + r) + ", column " +
            std::to_string(tile.colStart + c) + ": level " +
            std::to_string(level) + " exceeds the top level " +
            std::to_string(maxLevel));
      int32_t *out = &digits[(r * tile.cols + c) * slices];
      if (!differential) {
        out[0] = level;
        continue;
      }
      int64_t mag = std::abs(level);
      for (int64_t s = 0; s < slices; ++s, mag /= hw.device.levels)
        out[s] = int32_t(mag % hw.device.levels) * (level < 0 ? -1 : 1);
    }
  return digits;
}

double calibratedFullScale(const TileDevices &d) {
  double best = 0;
  for (int64_t c = 0; c < d.dataCols; ++c) {
    double sum = 0;
    for (int64_t r = 0; r < d.rows; ++r)
      sum += std::abs(d.digits[r * d.dataCols + c]);
    best = std::max(best, sum);
  }
  return best;
}

} // namespace

TileDevices programTile(const Tile &tile, const Hardware &hw, bool formed,
                        DeviceEffects &effects) {
  if (int64_t(tile.levels.size()) != tile.rows * tile.cols)
    throw std::runtime_error(
        "xbar tile of layer " + std::to_string(tile.layer) + ": " +
        std::to_string(tile.levels.size()) + " levels for " +
        std::to_string(tile.rows) + "x" + std::to_string(tile.cols) + " cells");
  const Effects &e = hw.effects;
  TileDevices d;
  d.rows = tile.rows;
  d.cols = tile.cols;
  d.differential = hw.mapping.sign == SignScheme::Differential;
  d.slices = d.differential ? hw.mapping.slices : 1;
  d.dataCols = d.cols * d.slices;
  d.exact = !(formed || e.programmingNoise || e.drift || e.stuckAt ||
              e.irDrop || e.readNoise);
  d.digits = tileDigits(tile, hw, d.slices, d.differential);
  d.cellsPerRow = d.differential ? 2 * d.dataCols : d.dataCols + 1;
  if (hw.adc.range == AdcRange::Fixed)
    d.adcFullScale = hw.adc.fullScale;
  else
    d.adcFullScale =
        tile.adcFullScale > 0 ? tile.adcFullScale : calibratedFullScale(d);

  const double gMin = hw.device.gMinUS;
  const double dG = (hw.device.gMaxUS - gMin) / double(hw.device.levels - 1);
  const int64_t mid = (hw.device.levels - 1) / 2;
  const int64_t n = d.rows * d.dataCols;
  d.gPos.assign(n, gMin);
  d.gNeg.assign(d.differential ? n : d.rows, gMin + double(mid) * dG);
  for (int64_t r = 0; r < d.rows; ++r) {
    for (int64_t c = 0; c < d.dataCols; ++c) {
      const int64_t i = r * d.dataCols + c;
      const int32_t digit = d.digits[i];
      double &gp = d.gPos[i];
      if (d.differential) {
        double &gn = d.gNeg[i];
        gp = formed ? effects.formed() : gMin + double(std::max(digit, 0)) * dG;
        gn =
            formed ? effects.formed() : gMin + double(std::max(-digit, 0)) * dG;
        gp = effects.program(gp);
        gn = effects.program(gn);
      } else {
        gp = formed ? effects.formed() : gMin + double(mid + digit) * dG;
        gp = effects.program(gp);
      }
    }
    if (!d.differential)
      d.gNeg[r] = effects.program(d.gNeg[r]);
  }

  // IR drop, from each physical row's total; and the rows' totals.
  d.rowConductance.assign(d.rows, 0);
  for (int64_t r = 0; r < d.rows; ++r) {
    double *gp = &d.gPos[r * d.dataCols];
    double *gn = d.differential ? &d.gNeg[r * d.dataCols] : &d.gNeg[r];
    const int64_t negCount = d.differential ? d.dataCols : 1;
    double totalPos = 0, totalNeg = 0;
    for (int64_t c = 0; c < d.dataCols; ++c)
      totalPos += gp[c];
    for (int64_t c = 0; c < negCount; ++c)
      totalNeg += gn[c];
    if (!d.differential) // one physical row: data and reference devices
      totalPos = totalNeg = totalPos + totalNeg;
    if (e.irDrop) {
      for (int64_t c = 0; c < d.dataCols; ++c)
        gp[c] *= irDropFactor(e.wireOhm, c, totalPos);
      for (int64_t c = 0; c < negCount; ++c)
        gn[c] *=
            irDropFactor(e.wireOhm, d.differential ? c : d.dataCols, totalNeg);
    }
    for (int64_t c = 0; c < d.dataCols; ++c)
      d.rowConductance[r] += gp[c];
    for (int64_t c = 0; c < negCount; ++c)
      d.rowConductance[r] += gn[c];
  }
  if (d.exact) {
    d.gPos.clear();
    d.gNeg.clear();
  }
  return d;
}

} // namespace nmc::xbar
