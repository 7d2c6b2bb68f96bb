//===- TileModel.cpp - One crossbar tile, clock by clock ------------------===//
#include "nmc/Target/Xbar/TileModel.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdlib>

namespace nmc::xbar {

void TileModel::load(const Hardware &hardware, TileDevices devices,
                     Xoshiro256 *readNoise) {
  hw = &hardware;
  dev = std::move(devices);
  noise = readNoise;
  adc.emplace(hw->adc.bits, dev.adcFullScale);
  dG = (hw->device.gMaxUS - hw->device.gMinUS) / double(hw->device.levels - 1);
  adcs = std::max<int64_t>(1, hw->tile.cols / hw->adc.columnsPerAdc);
  rounds_ = (dev.physicalColumns() + adcs - 1) / adcs;
  results.assign(dev.cols, 0);
  phase = Phase::Idle;
}

int64_t TileModel::cyclesPerRead(int64_t planeCount) const {
  const Cycles &c = hw->cycles;
  return planeCount *
             (c.rowDrive + c.columnRead + rounds_ * hw->adcConversionCycles()) +
         c.shiftAdd;
}

bool TileModel::startRead(std::span<const int64_t> inputs) {
  x.assign(inputs.begin(), inputs.end());
  std::fill(results.begin(), results.end(), 0.0);
  last = {};
  phase = Phase::Idle;
  uint64_t maxMag = 0;
  for (int64_t v : x)
    maxMag = std::max<uint64_t>(maxMag, uint64_t(std::abs(v)));
  if (maxMag == 0)
    return false;
  planes = std::bit_width(maxMag);
  last.planes = planes;
  last.cycles = cyclesPerRead(planes);
  last.adds = dev.cols * (dev.slices * planes - 1);
  plane = 0;
  enter(Phase::Drive, hw->cycles.rowDrive);
  return true;
}

void TileModel::enter(Phase p, int64_t cycles) {
  phase = p;
  remaining = cycles;
  // Phases that take no cycle complete at once.
  while (phase != Phase::Idle && remaining == 0)
    finishPhase();
}

void TileModel::finishPhase() {
  switch (phase) {
  case Phase::Idle:
    return;
  case Phase::Drive:
    phase = Phase::Read;
    remaining = hw->cycles.columnRead;
    return;
  case Phase::Read:
    settleColumns();
    round = 0;
    phase = Phase::Convert;
    remaining = hw->adcConversionCycles();
    return;
  case Phase::Convert:
    convertRound();
    remaining = hw->adcConversionCycles();
    if (++round < rounds_)
      return;
    if (++plane < planes) {
      phase = Phase::Drive;
      remaining = hw->cycles.rowDrive;
    } else {
      phase = Phase::ShiftAdd;
      remaining = hw->cycles.shiftAdd;
    }
    return;
  case Phase::ShiftAdd:
    phase = Phase::Idle;
    return;
  }
}

bool TileModel::tick() {
  if (phase == Phase::Idle)
    return false;
  if (--remaining == 0)
    enter(phase, 0); // finishes this phase and any empty ones after it
  return phase != Phase::Idle;
}

int64_t TileModel::read(std::span<const int64_t> inputs) {
  if (!startRead(inputs))
    return 0;
  for (plane = 0; plane < planes; ++plane) {
    settleColumns();
    for (round = 0; round < rounds_; ++round)
      convertRound();
  }
  phase = Phase::Idle;
  return last.cycles;
}

void TileModel::settleColumns() {
  analog.assign(dev.dataCols, 0.0);
  const bool readNoise = hw->effects.readNoise && noise;
  const double sigma = hw->effects.readSigma;
  auto noisy = [&](double g) {
    return readNoise ? g * (1.0 + sigma * standardNormal(*noise)) : g;
  };
  double refSum = 0; // offset scheme: the reference column's current
  for (int64_t r = 0; r < dev.rows; ++r) {
    const uint64_t mag = uint64_t(std::abs(x[r]));
    if (!((mag >> plane) & 1))
      continue;
    const double sign = x[r] < 0 ? -1.0 : 1.0;
    last.drivenRows += dev.differential ? 2 : 1;
    last.activeCells += dev.cellsPerRow;
    last.activeConductanceUS += dev.rowConductance[r];
    const int64_t base = r * dev.dataCols;
    if (dev.exact) {
      for (int64_t c = 0; c < dev.dataCols; ++c)
        analog[c] += sign * double(dev.digits[base + c]);
      continue;
    }
    for (int64_t c = 0; c < dev.dataCols; ++c) {
      double g = noisy(dev.gPos[base + c]);
      if (dev.differential)
        g -= noisy(dev.gNeg[base + c]);
      analog[c] += sign * g;
    }
    if (!dev.differential)
      refSum += sign * noisy(dev.gNeg[r]);
  }
  if (!dev.exact)
    for (double &a : analog)
      a = (a - refSum) / dG;
}

void TileModel::convertRound() {
  const int64_t begin = round * adcs;
  const int64_t end = std::min(begin + adcs, dev.dataCols);
  for (int64_t c = begin; c < end; ++c) {
    const double q = adc->convert(analog[c], last.saturations);
    ++last.conversions;
    double weight = std::ldexp(1.0, int(plane));
    for (int64_t s = 0; s < c % dev.slices; ++s)
      weight *= double(hw->device.levels);
    results[c / dev.slices] += q * weight;
  }
}

} // namespace nmc::xbar
