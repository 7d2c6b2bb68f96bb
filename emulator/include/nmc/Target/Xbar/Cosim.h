//===- Cosim.h - Lockstep co-simulation of xbar models ----------*- C++ -*-===//
//
// A per-timestep model interface (after Ibex's cosim interface: the
// reference model is stepped next to the RTL and asked the same questions)
// and the lockstep comparison of two of them (docs/rtl.md "Lockstep
// co-simulation"). Implemented by the xbar emulator (EmulatorStepModel,
// here) and by the verilated nmc_mesh (rtl/cosim). Every step compares the
// output spikes (address and step), the step's completion cycle (its
// latency: the cycles from the start of the step to the end of its last
// stage) and every neuron's membrane; the first mismatch stops the run.
//===----------------------------------------------------------------------===//
#ifndef NMC_TARGET_XBAR_COSIM_H
#define NMC_TARGET_XBAR_COSIM_H

#include "nmc/Emulator/Engine.h"
#include "nmc/Target/Xbar/RtlImage.h"
#include "nmc/Target/Xbar/XbarImage.h"

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace nmc::xbar {

/// One network run step by step.
class StepModel {
public:
  virtual ~StepModel() = default;
  virtual std::string name() const = 0;
  /// The input spikes of the next step (addresses into the input node).
  virtual void inject(std::span<const int64_t> addresses) = 0;
  /// Runs one timestep on the injected spikes.
  virtual void step() = 0;
  /// Output spikes of the last step (addresses into the output node),
  /// ascending.
  virtual std::vector<int64_t> outputSpikes() const = 0;
  /// Cycles the last step took (its latency).
  virtual int64_t stepCycles() const = 0;
  /// Raw fixed-point membrane of `element` of neuron node `node` after the
  /// last step.
  virtual int64_t membrane(const std::string &node, int64_t element) const = 0;
  /// The input spikes of every step to come (runLockstep announces them
  /// before the first step): a model may compute them ahead. Steps still
  /// take their inputs through inject().
  virtual void prepare(const std::vector<std::vector<int64_t>> & /*inputs*/) {}
};

/// The xbar emulator (the plain loop with the crossbar hook) as a
/// StepModel. The engine runs whole runs, not single steps: prepare() runs
/// the announced steps once and records each step's outputs, membranes
/// and latency, which step() then hands out (linear in the steps). Without
/// prepare(), or once a step's injected spikes differ from the announced
/// ones, each step() reruns the engine from step 0 on every spike injected
/// so far and keeps the last step (exact, quadratic in the steps).
class EmulatorStepModel : public StepModel {
public:
  explicit EmulatorStepModel(std::shared_ptr<const XbarPayload> payload);
  ~EmulatorStepModel() override;
  std::string name() const override { return "emulator"; }
  void inject(std::span<const int64_t> addresses) override;
  void step() override;
  std::vector<int64_t> outputSpikes() const override { return spikes; }
  int64_t stepCycles() const override { return cycles; }
  int64_t membrane(const std::string &node, int64_t element) const override;
  void prepare(const std::vector<std::vector<int64_t>> &inputs) override;

private:
  /// One engine run of `count` steps on `events`, recorded per step.
  void record(int64_t count);
  /// Step `t` of the recording as the last step.
  void replay(int64_t t);

  std::shared_ptr<const XbarPayload> payload;
  engine::Engine engine;
  std::string input, output;
  std::vector<std::string> neurons;
  int fracBits = 0;
  std::vector<sim::Event> events; ///< every step's input spikes so far
  int64_t steps = 0;
  std::vector<int64_t> spikes;
  int64_t cycles = 0;
  std::vector<std::vector<double>> v; ///< per neuron node, last step
  /// The recording: the announced inputs, and per step the output spikes,
  /// latency and (per neuron node, steps x size) membranes.
  std::vector<std::vector<int64_t>> planned;
  std::vector<std::vector<int64_t>> plannedSpikes;
  std::vector<int64_t> plannedCycles;
  std::vector<std::vector<double>> plannedV;
  std::vector<int64_t> sizes;   ///< per neuron node
  std::vector<int64_t> pending; ///< inject()ed for the coming step
};

/// The result of a lockstep run.
struct LockstepReport {
  bool ok = true;
  int64_t steps = 0;        ///< steps compared
  int64_t cycles = 0;       ///< sum of the steps' cycles
  int64_t outputSpikes = 0; ///< compared output events
  int64_t membranes = 0;    ///< compared membranes
  std::string mismatch;     ///< the first mismatch with its context
};

/// Steps `expected` and `actual` side by side on `inputs` (per step, the
/// input addresses), comparing after every step; `image` names the
/// neurons and where they live (mesh node, slot) for the report.
LockstepReport runLockstep(StepModel &expected, StepModel &actual,
                           const RtlImage &image,
                           const std::vector<std::vector<int64_t>> &inputs);

/// Random input spikes: `steps` lists of addresses in [0, size), each
/// address spiking with probability `rate`, from `seed`.
std::vector<std::vector<int64_t>> randomSpikes(int64_t steps, int64_t size,
                                               double rate, uint64_t seed);

} // namespace nmc::xbar

#endif // NMC_TARGET_XBAR_COSIM_H
