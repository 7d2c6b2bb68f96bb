//===- Hardware.h - The crossbar (xbar) hardware description ----*- C++ -*-===//
//
// What the `xbar` compiler maps onto and what its emulator models: RRAM
// crossbar tiles on a mesh, their device physics, the ADC periphery, cycle
// and energy costs, and the device effects a run may switch on. MLIR-free and
// plain data, so the passes (as pass options), the image and the emulator
// share it. Defaults and presets are sourced in ../shared/reference/
// crossbar.md (cited per field as [§n]); values marked [assumed] are nmc's
// own choices where no source gives a number. JSON form and presets:
// HardwareJson.h; every field is documented in docs/targets/xbar.md.
//===----------------------------------------------------------------------===//
#ifndef NMC_TARGET_XBAR_HARDWARE_H
#define NMC_TARGET_XBAR_HARDWARE_H

#include <cstdint>
#include <string>
#include <vector>

namespace nmc::xbar {

/// How a signed weight is held by devices (crossbar.md §4.1).
enum class SignScheme {
  /// G+ and G- on two adjacent rows driven with opposite read voltages, so
  /// the column current is already V*(G+ - G-) (NeuRRAM). A tile of R rows
  /// holds R/2 logical inputs.
  Differential,
  /// One device per weight at G = Gmid + k*W; one reference column per tile
  /// at Gmid is read and subtracted digitally (CrossSim OFFSET,
  /// UNIT_COLUMN). A tile of C columns holds C-1 logical outputs.
  Offset
};

/// How the ADC full scale is set (crossbar.md §2.2 CALIBRATED / MAX).
enum class AdcRange {
  /// Per tile: the largest |column sum| its programmed levels can produce
  /// with every row active (data-free calibration at compile time).
  Calibrated,
  /// Every tile: `Adc::fullScale` level units.
  Fixed
};

struct TileGeometry {
  int64_t rows = 256; ///< physical rows (word lines) [§3 NeuRRAM 256x256]
  int64_t cols = 256; ///< physical columns (bit lines)
};

struct Device {
  double gMinUS = 1.0;      ///< µS [§3 NeuRRAM 1-40 µS]
  double gMaxUS = 40.0;     ///< µS
  int64_t levels = 16;      ///< programmable levels per device (4 bit) [§3 #7]
  double readVoltage = 0.2; ///< V across the cell [§3 Yao 2020: 0.2 V]
  double readPulseNs = 10;  ///< ns [§2.4 NeuroSim readPulseWidth]
};

struct Mapping {
  SignScheme sign = SignScheme::Differential;
  /// Weight slices over adjacent columns (bit slicing, §4.2): a weight
  /// magnitude is written in base `levels` with this many digits, one per
  /// column, recombined by shift-add. 1 = no slicing.
  int64_t slices = 1;
  /// |W| at this percentile of a layer's nonzero weights maps to the top
  /// level; larger weights clip (NeuRRAM maps the 95th percentile, §4.1).
  double clipPercentile = 100.0;
};

struct Adc {
  /// Bits of the signed column ADC; 0 = ideal (no quantization, no clip).
  int64_t bits = 5; ///< [§2.4 NeuroSim 5-bit MLSA]
  AdcRange range = AdcRange::Calibrated;
  double fullScale = 0;      ///< level units, for AdcRange::Fixed
  int64_t columnsPerAdc = 8; ///< column mux [§2.4 numColMuxed, §2.5 SpikeSim]
};

/// Cycle costs, in clock cycles of `clockMHz`.
struct Cycles {
  double clockMHz = 1000;  ///< [§2.4 NeuroSim clkFreq 1 GHz]
  int64_t rowDrive = 2;    ///< word-line switch matrix [assumed]
  int64_t columnRead = 10; ///< one read pulse, 10 ns at 1 GHz [§2.4]
  /// One ADC conversion; 0 = bits+1 (SAR, (N+1) ns at 1 GHz [§3]).
  int64_t adcConversion = 0;
  int64_t shiftAdd = 1;     ///< slice/partial recombination [assumed]
  int64_t digitalAdd = 1;   ///< adding one row block's partial sums [assumed]
  int64_t neuronUpdate = 1; ///< one neuron unit updates one neuron [assumed]
  int64_t neuronUnits = 32; ///< neuron units per tile periphery [assumed]
  int64_t hop = 2;          ///< one spike packet over one mesh link [assumed]
};

/// Energy costs in pJ.
struct Energy {
  double rowDrivePJ = 0.1; ///< per driven row (WL C*V^2) [assumed]
  /// Per cell read; 0 = computed from the device: V^2 * G * readPulse.
  double cellReadPJ = 0;
  double adcConversionPJ = 2.03; ///< per conversion [§2.5 SpikeSim ADC]
  double digitalAddPJ = 0.05;    ///< per add [assumed]
  double neuronUpdatePJ = 1.274; ///< per neuron [§2.5 SpikeSim neuron]
  double hopPJ = 1.0;            ///< per packet per link [assumed]
};

/// Tiles on a 2-D mesh, row-major positions (x, y); one chip.
struct Mesh {
  int64_t width = 8, height = 6; ///< 48 tiles [§3 NeuRRAM 48 cores]
  int64_t tiles() const { return width * height; }
};

/// Device effects (crossbar.md §2, §5). Each is off unless enabled; all
/// draw from `seed` (one stream per effect), so a seed gives the same run.
struct Effects {
  uint64_t seed = 1;
  /// Programming error, persistent: G += N(0, sigma), sigma in µS a
  /// polynomial of g = G/gMax: sigma = c0 + c1 g + c2 g^2 + ...
  bool programmingNoise = false;
  std::vector<double> programmingSigmaUS = {0.26348, 1.9650, -1.1731};
  ///< aihwkit PCMLikeNoiseModel coefficients [§2.1], as a default shape
  double programmingScale = 1.0; ///< multiplies sigma (sweeps: 0..)
  /// Read noise, redrawn on every read: G * (1 + N(0, readSigma)).
  bool readNoise = false;
  double readSigma = 0.01; ///< aihwkit advises w_noise ~ 0.01 [§2.1]
  /// Drift: G * (t / t0)^-nu, nu ~ N(driftNu, driftNuSigma) per device.
  bool drift = false;
  double driftNu = 0.05, driftNuSigma = 0.01; ///< [§2.1 PCM ranges]
  double driftT0Seconds = 20;                 ///< [§2.1 t0 = 20 s]
  double driftTimeSeconds = 3600;             ///< time since programming
  /// Stuck-at faults: devices stuck at gMin or gMax at these rates.
  bool stuckAt = false;
  double stuckAtGMinRate = 0.001, stuckAtGMaxRate = 0.001; ///< [§2.5 MNSIM]
  /// First-order IR drop: a row's contribution at column c of a tile is
  /// scaled by 1 / (1 + wireOhm * (c + 1) * G_row_total) [assumed form].
  bool irDrop = false;
  double wireOhm = 0.35; ///< per cell segment [§2.1 aihwkit ir_drop]
  /// Random forming (the seed LSM, §1.2): every device of the listed layers
  /// (all if empty) gets G ~ N(mean, sigma) clipped to [gMin, gMax],
  /// except a `sparsity` fraction left unformed at gMin; programmed levels
  /// are ignored.
  bool randomForming = false;
  double formingMeanUS = 14.2473, formingSigmaUS = 2.4624; ///< [§1.2 ESGNN]
  double formingSparsity = 0.0;
  std::vector<std::string> formingLayers;
};

struct Hardware {
  std::string name = "rram-256"; ///< preset or file it came from
  TileGeometry tile;
  Device device;
  Mapping mapping;
  Adc adc;
  Cycles cycles;
  Energy energy;
  Mesh mesh;
  /// Digital periphery number format (neurons, biases, delays, partial
  /// sums), as the fixed-point reference (FixedPoint.h).
  std::string numberFormat = "s16.15";
  Effects effects;

  /// Logical inputs (matrix rows) and outputs (columns) one tile holds.
  int64_t logicalRows() const {
    return mapping.sign == SignScheme::Differential ? tile.rows / 2 : tile.rows;
  }
  int64_t logicalCols() const {
    const int64_t usable =
        mapping.sign == SignScheme::Offset ? tile.cols - 1 : tile.cols;
    return usable / mapping.slices;
  }
  /// Largest |level| a weight can take: levels^slices - 1 (differential),
  /// (levels - 1) / 2 (offset, which allows one slice only).
  int64_t maxLevel() const {
    if (mapping.sign == SignScheme::Offset)
      return (device.levels - 1) / 2;
    int64_t m = 1;
    for (int64_t s = 0; s < mapping.slices; ++s)
      m *= device.levels;
    return m - 1;
  }
  int64_t adcConversionCycles() const {
    return cycles.adcConversion ? cycles.adcConversion : adc.bits + 1;
  }
};

} // namespace nmc::xbar

#endif // NMC_TARGET_XBAR_HARDWARE_H
