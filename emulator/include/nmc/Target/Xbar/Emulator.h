//===- Emulator.h - The xbar target's engine --------------------*- C++ -*-===//
//
// Runs an XbarPayload: the digital periphery is the fixed-point reference's
// plain loop on `payload.network` (nmc::engine with a WeightHook), and every
// weight node is computed by its crossbar tiles (TileModel: devices with
// their effects, bit-plane reads, ADC, shift-add, partial sums). Each step's
// cycles and energy are counted as docs/targets/xbar.md ("Cycles and
// energy") defines them; lastStats() holds the totals of the last run.
//===----------------------------------------------------------------------===//
#ifndef NMC_TARGET_XBAR_EMULATOR_H
#define NMC_TARGET_XBAR_EMULATOR_H

#include "nmc/Emulator/Engine.h"
#include "nmc/Sim/Report.h"
#include "nmc/Sim/Simulator.h"
#include "nmc/Target/Xbar/XbarImage.h"

#include <cstdint>
#include <memory>
#include <optional>

namespace nmc::xbar {

struct EmulatorOptions {
  /// Replaces the image's hardware for this run (the --hw / --hw-set keys
  /// that may change at run time: ADC, cycles, energy, effects, read
  /// voltage and pulse). The mapping keys (isCompileTimeKey) must equal the
  /// image's, else construction throws naming the key.
  std::optional<Hardware> hardware;
  /// Rounding of the periphery's products (RunConfig::rounding).
  model::Rounding rounding = model::Rounding::Nearest;
  uint64_t roundingSeed = 0;
};

/// Energy in pJ, by component.
struct XbarEnergy {
  double rowDrive = 0, cellRead = 0, adc = 0, digitalAdd = 0, neuron = 0,
         hop = 0;
  double total() const {
    return rowDrive + cellRead + adc + digitalAdd + neuron + hop;
  }
  XbarEnergy &operator+=(const XbarEnergy &o);
  /// Every component divided by n (0 for n = 0).
  XbarEnergy per(int64_t n) const;
};

/// Totals of one run (all samples).
struct XbarStats {
  int64_t steps = 0;   ///< steps per sample
  int64_t samples = 0; ///< inferences
  double clockMHz = 0;
  /// Per step: interval (slowest pipeline stage) and latency (sum of the
  /// stages), in cycles, max and mean over every step of every sample.
  int64_t intervalMax = 0, latencyMax = 0;
  double intervalMean = 0, latencyMean = 0;
  /// Per inference: its steps' intervals plus the last step's drain
  /// (latency - interval), max and mean over samples.
  int64_t inferenceCyclesMax = 0;
  double inferenceCyclesMean = 0;
  XbarEnergy energy; ///< whole run
  int64_t reads = 0; ///< tile reads (each of all its bit planes)
  int64_t adcConversions = 0, adcSaturations = 0;
  int64_t tilesUsed = 0, tilesAvailable = 0;
  /// Devices holding weights / devices of the used tiles.
  double utilization = 0;
  int64_t clippedWeights = 0, zeroedWeights = 0;

  XbarEnergy energyPerStep() const { return energy.per(steps * samples); }
  XbarEnergy energyPerInference() const { return energy.per(samples); }
};

/// The xbar engine behind the common Simulator interface.
class XbarSimulator : public sim::Simulator {
public:
  /// Checks the payload (network in fixed point, a layer for every weight
  /// node, tiles inside their layers); throws std::runtime_error naming
  /// what is wrong.
  XbarSimulator(std::shared_ptr<const XbarPayload> payload,
                const EmulatorOptions &options);
  ~XbarSimulator() override;

  std::vector<sim::NodeInfo> nodes() const override;
  /// Outputs only to config.sink (nothing collected).
  sim::RunStats run(const sim::RunConfig &config) override;
  /// The engine's own run (collects spikes and traces if config.collect);
  /// the weight hook and rounding are the emulator's.
  engine::RunResult runEngine(const engine::RunConfig &config);

  /// Adds the section "xbar" of the last run (addXbarSection).
  void addReport(sim::Report &report) const override;

  /// Cycles, energy and ADC counts of the last run.
  const XbarStats &lastStats() const { return stats; }
  const Hardware &hardware() const { return hw; }

private:
  std::shared_ptr<const XbarPayload> payload;
  Hardware hw;
  EmulatorOptions options;
  engine::Engine engine;
  XbarStats stats;
};

std::unique_ptr<XbarSimulator>
makeXbarSimulator(std::shared_ptr<const XbarPayload> payload,
                  const EmulatorOptions &options);

/// Adds the section "xbar" (tiles, cycles, latency, energy by component per
/// step and per inference, ADC saturations, mapping losses) to `report`.
void addXbarSection(sim::Report &report, const XbarStats &stats);

} // namespace nmc::xbar

#endif // NMC_TARGET_XBAR_EMULATOR_H
