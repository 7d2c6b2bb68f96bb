//===- TileModel.h - One crossbar tile, clock by clock ----------*- C++ -*-===//
//
// A tile reads its logical rows driven by integer inputs (docs/targets/
// xbar.md): |x| up to 2^P - 1 is applied as P bit planes, its sign as the
// read polarity. One read of one plane takes row_drive cycles, then
// column_read cycles (the analog column values settle), then `rounds` ADC
// conversions of adc_conversion cycles each (rounds = physical columns /
// ADCs, the ADCs being shared by columns_per_adc columns); after the last
// plane, shift_add cycles recombine slices and planes into one value per
// logical column (level units):
//   cycles = planes * (row_drive + column_read + rounds * adc) + shift_add.
//
// Interface for a cycle-level co-simulation (as Ibex's cosim drives its
// ISS): load() the devices, startRead(), tick() once per clock until it
// returns false, then columnResults(). read() does the same work at once
// and returns the same cycle count (the emulator's per-step path).
//
// With ideal devices (no effect on) a tile computes in integers: int32
// column accumulators over the signed digits, the ADC by shifts, int64
// shift-add (exactColumnResults()); the values equal the floating-point
// path's, which the effects need, bit for bit.
//===----------------------------------------------------------------------===//
#ifndef NMC_TARGET_XBAR_TILEMODEL_H
#define NMC_TARGET_XBAR_TILEMODEL_H

#include "nmc/Support/Random.h"
#include "nmc/Target/Xbar/Adc.h"
#include "nmc/Target/Xbar/Devices.h"
#include "nmc/Target/Xbar/Hardware.h"

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace nmc::xbar {

/// What the last read did (for cycles and energy).
struct ReadCounters {
  int64_t planes = 0;
  int64_t cycles = 0;
  int64_t drivenRows = 0;         ///< physical rows driven, summed over planes
  int64_t activeCells = 0;        ///< devices read, summed over planes
  double activeConductanceUS = 0; ///< their conductance, summed
  int64_t conversions = 0;
  int64_t saturations = 0;
  int64_t adds = 0; ///< digital adds recombining slices and planes
};

class TileModel {
public:
  /// Takes the tile's devices and the hardware; `readNoise` is the stream
  /// read noise draws from (used only if effects.read_noise; not owned).
  void load(const Hardware &hw, TileDevices devices,
            Xoshiro256 *readNoise = nullptr);

  /// Starts a read of the logical rows with integer `inputs` (one per row).
  /// False (and nothing to do) if every input is 0.
  bool startRead(std::span<const int64_t> inputs);
  /// One clock cycle of the started read; false once the read is done
  /// (the call that finishes it returns false).
  bool tick();
  /// startRead, then every phase at once; the cycles it takes (0 if no row
  /// is active).
  int64_t read(std::span<const int64_t> inputs);
  /// read() of inputs given sparsely: row rows[k] - firstRow has the input
  /// values[k], every other row 0; `rows` ascending and inside the tile
  /// (else std::logic_error). The same results, counters and cycles as
  /// read() of the dense inputs, without a pass over the tile's rows.
  int64_t readSparse(std::span<const int32_t> rows,
                     std::span<const int64_t> values, int32_t firstRow = 0);

  /// Per logical column after the read: the shift-added ADC outputs.
  std::span<const double> columnResults() const;
  /// The same as integers after a read of at most exactPlanes() planes.
  std::span<const int64_t> exactColumnResults() const { return exact; }
  /// Reads of up to this many bit planes compute in integers (0 unless
  /// every device is ideal): their results stay below 2^52.
  int64_t exactPlanes() const { return exactPlanes_; }
  /// An upper bound of |columnResults()| after a read of `planes` planes
  /// of ideal devices.
  double resultBound(int64_t planes) const;
  const ReadCounters &counters() const { return last; }
  /// Cycles of one read of `planes` bit planes.
  int64_t cyclesPerRead(int64_t planes) const;
  /// ADC conversion rounds per plane.
  int64_t rounds() const { return rounds_; }
  const TileDevices &devices() const { return dev; }

private:
  enum class Phase { Idle, Drive, Read, Convert, ShiftAdd };
  bool begin(std::span<const int64_t> values); ///< false if all are 0
  /// The part of begin() after `active` and `activeValue` are set;
  /// `magnitudes` is the OR of the |inputs|.
  bool beginActive(uint64_t magnitudes);
  void readPlanes();    ///< every phase of a begun read at once
  void settleColumns(); ///< analog values of plane `plane`
  void settleExact();
  void convertRound(); ///< ADC round `round` of plane `plane`
  void convertColumns(int64_t begin, int64_t end);
  void enter(Phase p, int64_t cycles);
  void finishPhase();

  const Hardware *hw = nullptr;
  TileDevices dev;
  Xoshiro256 *noise = nullptr;
  std::optional<AdcModel> adc;
  double dG = 1;
  int64_t rounds_ = 1, adcs = 1;
  int64_t exactPlanes_ = 0;
  int64_t columnBound = 0;          ///< largest Σ|digit| of a data column
  std::vector<double> sliceWeight;  ///< levels^s
  std::vector<int64_t> sliceFactor; ///< levels^s

  std::vector<int32_t> active;      ///< rows with a nonzero input
  std::vector<int64_t> activeValue; ///< their inputs (a copy)
  std::vector<double> analog;
  mutable std::vector<double> results; ///< from `exact` when stale
  mutable bool stale = false;
  std::vector<int32_t> exactAnalog;
  std::vector<int64_t> exact;
  int64_t planes = 0, plane = 0, round = 0;
  bool integerRead = false; ///< this read computes in integers
  Phase phase = Phase::Idle;
  int64_t remaining = 0; ///< cycles left in the phase
  ReadCounters last;
};

} // namespace nmc::xbar

#endif // NMC_TARGET_XBAR_TILEMODEL_H
