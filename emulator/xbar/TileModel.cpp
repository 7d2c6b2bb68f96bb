//===- TileModel.cpp - One crossbar tile, clock by clock ------------------===//
#include "nmc/Target/Xbar/TileModel.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <stdexcept>

// The integer column loops, also compiled for AVX2 and picked at run time
// (the project itself targets baseline x86-64).
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define NMC_XBAR_CLONES [[gnu::target_clones("avx2", "default")]]
#else
#define NMC_XBAR_CLONES
#endif

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
  exact.assign(dev.cols, 0);
  stale = false;
  analog.assign(dev.dataCols, 0);
  exactAnalog.assign(dev.dataCols, 0);

  // Slice s of a weight counts levels^s (exact in both forms: < 2^53).
  sliceWeight.assign(dev.slices, 1.0);
  sliceFactor.assign(dev.slices, 1);
  for (int64_t s = 1; s < dev.slices; ++s) {
    sliceWeight[s] = sliceWeight[s - 1] * double(hw->device.levels);
    sliceFactor[s] = sliceFactor[s - 1] * hw->device.levels;
  }

  // Integer reads: ideal devices, int32 column sums, results below 2^52.
  columnBound = 0;
  std::vector<int64_t> colSum(dev.dataCols, 0);
  for (size_t i = 0; i < dev.digits.size(); ++i)
    colSum[i % dev.dataCols] += std::abs(int64_t(dev.digits[i]));
  for (int64_t v : colSum)
    columnBound = std::max(columnBound, v);
  exactPlanes_ = 0;
  if (dev.exact && adc->exactIntegers() &&
      columnBound <= std::numeric_limits<int32_t>::max())
    while (exactPlanes_ < 63 && resultBound(exactPlanes_ + 1) < 0x1p52)
      ++exactPlanes_;
  phase = Phase::Idle;
}

double TileModel::resultBound(int64_t planeCount) const {
  // |ADC output| <= |analog| + LSB; planes and slices add up shifted.
  const double q = double(columnBound) + (adc->bits() ? adc->lsb() : 0.0);
  double slicesSum = 0;
  for (double w : sliceWeight)
    slicesSum += w;
  return q * (std::ldexp(1.0, int(planeCount)) - 1) * slicesSum;
}

int64_t TileModel::cyclesPerRead(int64_t planeCount) const {
  const Cycles &c = hw->cycles;
  return planeCount *
             (c.rowDrive + c.columnRead + rounds_ * hw->adcConversionCycles()) +
         c.shiftAdd;
}

std::span<const double> TileModel::columnResults() const {
  if (stale)
    std::transform(exact.begin(), exact.end(), results.begin(),
                   [](int64_t v) { return double(v); });
  stale = false;
  return results;
}

bool TileModel::begin(std::span<const int64_t> values) {
  // Branch-free compaction of the nonzero rows; the OR of the magnitudes
  // has the bit width of the largest.
  active.resize(values.size());
  activeValue.resize(values.size());
  size_t n = 0;
  uint64_t magnitudes = 0;
  for (size_t r = 0; r < values.size(); ++r) {
    active[n] = int32_t(r);
    activeValue[n] = values[r];
    n += values[r] != 0;
    magnitudes |= uint64_t(std::abs(values[r]));
  }
  active.resize(n);
  activeValue.resize(n);
  return beginActive(magnitudes);
}

bool TileModel::beginActive(uint64_t magnitudes) {
  last = {};
  phase = Phase::Idle;
  planes = std::bit_width(magnitudes);
  integerRead = planes <= exactPlanes_;
  if (integerRead) {
    std::fill(exact.begin(), exact.end(), 0);
    stale = true;
  } else {
    std::fill(results.begin(), results.end(), 0.0);
    stale = false;
  }
  if (magnitudes == 0)
    return false;
  last.planes = planes;
  last.cycles = cyclesPerRead(planes);
  last.adds = dev.cols * (dev.slices * planes - 1);
  plane = 0;
  return true;
}

bool TileModel::startRead(std::span<const int64_t> inputs) {
  // begin() copies the nonzero inputs: `inputs` need not outlive the call.
  if (!begin(inputs))
    return false;
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
  if (!begin(inputs))
    return 0;
  readPlanes();
  return last.cycles;
}

int64_t TileModel::readSparse(std::span<const int32_t> rows,
                              std::span<const int64_t> values,
                              int32_t firstRow) {
  if (rows.size() != values.size())
    throw std::logic_error("TileModel::readSparse: rows and values differ");
  active.resize(rows.size());
  activeValue.assign(values.begin(), values.end());
  uint64_t magnitudes = 0;
  int64_t previous = -1;
  for (size_t k = 0; k < rows.size(); ++k) {
    const int64_t r = int64_t(rows[k]) - firstRow;
    if (r <= previous || r >= dev.rows)
      throw std::logic_error("TileModel::readSparse: rows not ascending "
                             "inside the tile");
    previous = r;
    active[k] = int32_t(r);
    magnitudes |= uint64_t(std::abs(values[k]));
  }
  if (!beginActive(magnitudes))
    return 0;
  readPlanes();
  return last.cycles;
}

void TileModel::readPlanes() {
  // The rounds convert the data columns in ascending order: all at once.
  for (plane = 0; plane < planes; ++plane) {
    settleColumns();
    convertColumns(0, dev.dataCols);
  }
  phase = Phase::Idle;
}

NMC_XBAR_CLONES void TileModel::settleExact() {
  std::fill(exactAnalog.begin(), exactAnalog.end(), 0);
  int32_t *a = exactAnalog.data();
  const int64_t n = dev.dataCols;
  for (size_t k = 0; k < active.size(); ++k) {
    const int32_t r = active[k];
    const int64_t v = activeValue[k];
    if (!((uint64_t(std::abs(v)) >> plane) & 1))
      continue;
    last.drivenRows += dev.differential ? 2 : 1;
    last.activeCells += dev.cellsPerRow;
    last.activeConductanceUS += dev.rowConductance[r];
    const int32_t *d = dev.digits.data() + r * n;
    if (v < 0)
      for (int64_t c = 0; c < n; ++c)
        a[c] -= d[c];
    else
      for (int64_t c = 0; c < n; ++c)
        a[c] += d[c];
  }
}

void TileModel::settleColumns() {
  if (integerRead) {
    settleExact();
    return;
  }
  std::fill(analog.begin(), analog.end(), 0.0);
  const bool readNoise = hw->effects.readNoise && noise;
  const double sigma = hw->effects.readSigma;
  auto noisy = [&](double g) {
    return readNoise ? g * (1.0 + sigma * standardNormal(*noise)) : g;
  };
  double refSum = 0; // offset scheme: the reference column's current
  for (size_t k = 0; k < active.size(); ++k) {
    const int32_t r = active[k];
    const uint64_t mag = uint64_t(std::abs(activeValue[k]));
    if (!((mag >> plane) & 1))
      continue;
    const double sign = activeValue[k] < 0 ? -1.0 : 1.0;
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
  convertColumns(begin, std::min(begin + adcs, dev.dataCols));
}

NMC_XBAR_CLONES void TileModel::convertColumns(int64_t begin, int64_t end) {
  if (begin >= end)
    return;
  last.conversions += end - begin;
  const AdcModel &a = *adc;
  const int64_t slices = dev.slices;
  if (integerRead) {
    const int64_t planeFactor = int64_t(1) << plane;
    const int32_t *analogIn = exactAnalog.data();
    int64_t *out = exact.data();
    int64_t saturations = 0; // a local: the loop keeps it in a register
    if (slices == 1)
      for (int64_t c = begin; c < end; ++c)
        out[c] += a.convertExact(analogIn[c], saturations) * planeFactor;
    else
      for (int64_t c = begin; c < end; ++c)
        out[c / slices] += a.convertExact(analogIn[c], saturations) *
                           planeFactor * sliceFactor[c % slices];
    last.saturations += saturations;
    return;
  }
  const double planeWeight = std::ldexp(1.0, int(plane));
  for (int64_t c = begin; c < end; ++c)
    results[c / slices] += a.convert(analog[c], last.saturations) *
                           (planeWeight * sliceWeight[c % slices]);
}

} // namespace nmc::xbar
