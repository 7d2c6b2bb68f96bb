//===- Devices.h - Tile conductances and device effects ---------*- C++ -*-===//
//
// The conductances a tile's devices hold during a run (docs/targets/xbar.md,
// "Device effects"), computed once per run from the tile's levels:
//   differential: logical row r is the physical pair (2r: G+, 2r+1: G-);
//     a level's base-`levels` digit d of slice s sits on physical column
//     col*slices + s as G = gMin + d*dG on the device of its sign, gMin on
//     the other (dG = (gMax - gMin) / (levels - 1));
//   offset: one device per weight at gMin + (mid + level)*dG, mid =
//     (levels-1)/2, and one reference device per row at gMin + mid*dG in the
//     column after the data columns.
// Effects, in this order: random forming (replaces the levels of weight
// devices; the reference column keeps its value), programming noise, drift,
// stuck-at; then IR drop is folded in as a per-device factor. Conductances
// never go below 0. Each effect draws from its own stream of effects.seed.
//===----------------------------------------------------------------------===//
#ifndef NMC_TARGET_XBAR_DEVICES_H
#define NMC_TARGET_XBAR_DEVICES_H

#include "nmc/Support/Random.h"
#include "nmc/Target/Xbar/Hardware.h"
#include "nmc/Target/Xbar/XbarImage.h"

#include <cstdint>
#include <vector>

namespace nmc::xbar {

/// A standard normal draw: Box-Muller from two uniforms (portable, unlike
/// std::normal_distribution).
double standardNormal(Xoshiro256 &rng);

/// The independent random streams, one per effect.
enum class EffectStream : uint64_t {
  ProgrammingNoise = 1,
  ReadNoise,
  Drift,
  StuckAt,
  RandomForming
};
/// The stream of `effect` (and sub-stream `sub`, e.g. a sample) of `seed`.
Xoshiro256 effectStream(uint64_t seed, EffectStream effect, uint64_t sub = 0);

/// Programming noise sigma (µS) at conductance g: the polynomial of g/gMax,
/// times programmingScale, never negative.
double programmingSigma(const Hardware &hw, double gUS);
/// Drift factor (t / t0)^-nu.
double driftFactor(double nu, double timeS, double t0S);
/// First-order IR drop factor at (0-based) column c of a row whose devices
/// total `rowTotalUS`: 1 / (1 + wireOhm * (c + 1) * G_row).
double irDropFactor(double wireOhm, int64_t column, double rowTotalUS);

/// Draws the persistent effects for one device of nominal conductance g.
class DeviceEffects {
public:
  explicit DeviceEffects(const Hardware &hw);
  /// A randomly formed device (forming stream).
  double formed();
  /// g after programming noise, drift and stuck-at, as switched on.
  double program(double gUS);

private:
  const Hardware &hw;
  Xoshiro256 programming, drift, stuck, forming;
};

/// A tile's devices for one run.
struct TileDevices {
  int64_t rows = 0, cols = 0; ///< logical
  int64_t slices = 1;
  int64_t dataCols = 0; ///< physical data columns: cols * slices
  bool differential = true;
  /// Every device sits exactly at its level (no effect): reads use the
  /// integer `digits` and are exact.
  bool exact = true;
  /// rows x dataCols signed digits (differential: sign * digit of |level|;
  /// offset: the level).
  std::vector<int32_t> digits;
  /// Effective conductances (µS, IR drop folded in), rows x dataCols:
  /// differential G+ / G-; offset the weight device / (rows x 1) the
  /// reference device. Empty when `exact`.
  std::vector<double> gPos, gNeg;
  /// Per logical row: the devices one read of it drives, and their total
  /// conductance (µS), for the cell-read energy.
  int64_t cellsPerRow = 0;
  std::vector<double> rowConductance;
  /// ADC full scale of this tile (level units).
  double adcFullScale = 0;
  int64_t physicalColumns() const { return dataCols + (differential ? 0 : 1); }
};

/// Programs `tile` for a run: levels to conductances, then the effects the
/// hardware switches on (`formed`: this tile's layer is randomly formed).
TileDevices programTile(const Tile &tile, const Hardware &hw, bool formed,
                        DeviceEffects &effects);

} // namespace nmc::xbar

#endif // NMC_TARGET_XBAR_DEVICES_H
