//===- Simulator.h - What every target engine offers a command --*- C++ -*-===//
//
// A run is configured the same way whatever the engine (RunConfig: steps,
// batch, inputs, initial states, traced nodes, the sink that receives the
// outputs) and reports the same totals (RunStats). Each target's engine
// implements Simulator; the driver gets one from the target registry.
//===----------------------------------------------------------------------===//
#ifndef NMC_SIM_SIMULATOR_H
#define NMC_SIM_SIMULATOR_H

#include "nmc/Sim/Events.h"
#include "nmc/Sim/Sink.h"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace nmc::sim {

struct Report;

struct RunConfig {
  int64_t steps = 0;
  int64_t batch = 1; ///< independent samples, run one after another
  /// Input node name -> events per sample. One list is used for every
  /// sample; otherwise there must be `batch` lists. Events at steps >= steps
  /// are ignored; input nodes not named here receive zeros.
  std::map<std::string, EventBatch> inputs;
  /// Input node name -> streaming source (added to `inputs` events if both).
  std::map<std::string, std::shared_ptr<InputSource>> sources;
  /// Neuron node name -> initial membrane v (node size, or 1 = same for all).
  /// Default 0 (docs/semantics.md).
  std::map<std::string, std::vector<double>> initialV;
  /// Nodes whose state is recorded every step: "out" (the node output) for
  /// every node, plus "v" for neurons and "i" for neurons with a synapse,
  /// and "w" (the weights after the step's updates, in storage order) for
  /// plastic nodes.
  std::vector<std::string> traceNodes;
  /// Receives spikes and traces as they are produced (Sink.h): begin ...
  /// endSample are called by the engine; finish() is the caller's.
  Sink *sink = nullptr;
  /// Called every 256 steps and once at the end; done/total count steps
  /// over all samples.
  std::function<void(int64_t done, int64_t total)> progress;
  /// The command's --seed, for engines with randomness of their own (the
  /// sfq target's stochastic synapses); the reference engines ignore it.
  uint64_t seed = 1;
};

/// Totals of a run, for the summary.
struct RunStats {
  int64_t steps = 0, batch = 0;
  double dt = 0;
  double wallSeconds = 0;
  /// Multiply-adds of weighted edges (nonzero inputs times fan-out).
  int64_t synapticEvents = 0;
  int64_t neuronUpdates = 0; ///< neuron elements x steps x samples
  /// The run computed in fixed point (then the two counts below apply).
  bool fixedPoint = false;
  /// Fixed point: results clamped to the format's range (parameters,
  /// inputs and arithmetic).
  int64_t saturations = 0;
  /// Fixed point: nonzero results that rounded to zero.
  int64_t roundedToZero = 0;
  /// STDP (nmc/Model/Plasticity.h): synapse visits of the weight updates,
  /// one per synapse of each arriving pre spike (its row: the pending
  /// potentiations and the depression); event-driven, so never synapses x
  /// steps.
  int64_t plasticUpdates = 0;
};

/// The weights of one plastic node (nmc/Model/Plasticity.h) at the end of
/// a run, in the image's storage order (affine: [out, in] row-major;
/// sparse_affine: CSR order), in the graph's weight unit. Each sample of a
/// batch starts from the image's weights; these are the last sample's.
struct LearnedWeights {
  std::string node;
  std::vector<double> weights;
};

class Simulator {
public:
  virtual ~Simulator() = default;
  /// Nodes in execution order (what --record and --init-v may name):
  /// name, kind, shape and size.
  virtual std::vector<NodeInfo> nodes() const = 0;
  /// Runs; throws std::runtime_error naming the node or input at fault.
  virtual RunStats run(const RunConfig &config) = 0;
  /// Adds the target's own sections about the last run (cycles, energy,
  /// device counters) to the run summary; the reference engines add none.
  virtual void addReport(Report &report) const {}
  /// The plastic nodes' weights after the last run (none by default; what
  /// `nmc run --save-weights` writes back to a NIR file).
  virtual std::vector<LearnedWeights> learnedWeights() const { return {}; }
};

} // namespace nmc::sim

#endif // NMC_SIM_SIMULATOR_H
