//===- Engine.h - The reference engine (golden model) -----------*- C++ -*-===//
//
// Runs a compiled network (image::Image) step by step in float64 (or float32
// on request), or in the image's fixed-point format (number_format). Every
// hardware target is checked against it, so it follows docs/semantics.md
// literally; the neuron update is nmc::model::stepNeuron (NeuronModel.h).
//
// Two step loops: the plain loop (EngineKind::Plain) applies the node
// operations element by element over dense arrays, in any number type; the
// fast loop, described below, gives the same results bit for bit.
//
// It is event-driven where data are sparse: every node output is a dense
// array plus, when known, the list of its nonzero positions; weight nodes
// (affine, sparse_affine, conv) only visit nonzero inputs, and delays keep
// rings of events. Summation orders do not depend on which path is taken,
// so sparse and dense inputs give bit-identical results.
//
// Plastic nodes (STDP, nmc/Model/Plasticity.h) run on the plain loop, which
// updates them event by event at the end of each step (PlasticNode.h).
//
// Errors (bad image, bad run configuration) throw std::runtime_error with a
// message naming the node at fault.
//===----------------------------------------------------------------------===//
#ifndef NMC_EMULATOR_ENGINE_H
#define NMC_EMULATOR_ENGINE_H

#include "nmc/Emulator/Image.h"
#include "nmc/Emulator/WeightHook.h"
#include "nmc/Model/FixedPoint.h"
#include "nmc/Sim/Simulator.h"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace nmc::engine {

using sim::Event;
using sim::EventBatch;
using sim::InputSource;

/// Which step loop runs the network. Both give the same results bit for bit
/// (tests/unit/emulator/PlainEngineTest.cpp); Plain is the definition, Fast
/// the optimized one (event lists, fusion, vector loops).
enum class EngineKind { Fast, Plain };

/// The common run configuration (Simulator.h) plus the reference engine's
/// own choices.
struct RunConfig : sim::RunConfig {
  bool float32 = false; ///< floating-point images only
  /// Images with a number_format always run the plain loop in that format.
  EngineKind engine = EngineKind::Fast;
  /// Fixed-point images: rounding of products and of average pooling's
  /// division (conversions of parameters and inputs round to nearest);
  /// stochastic rounding draws from `roundingSeed`, one stream per sample.
  model::Rounding rounding = model::Rounding::Nearest;
  uint64_t roundingSeed = 0;
  /// Keep spike events and traces in the RunResult (NodeResult::spikes,
  /// ::traces), e.g. for tests. Off, memory does not grow with the run:
  /// outputs then go only to `sink` (counts are always kept).
  bool collect = true;
  /// Fixed-point images only: computes the weight nodes (affine,
  /// sparse_affine, conv) instead of the plain loop (WeightHook.h). Not
  /// owned; null = the reference's own arithmetic.
  WeightHook *weightHook = nullptr;
};

struct NodeResult {
  std::string name, kind;
  std::vector<int64_t> shape; ///< output shape
  int64_t size = 0;           ///< elements of the output
  /// The output is a spike train: spiking neurons, threshold nodes, input
  /// nodes fed only by unit events or binary sources, and output / flatten /
  /// delay nodes whose inputs are all spiking.
  bool spiking = false;
  int64_t spikeCount = 0; ///< nonzero outputs over all steps and samples
  /// spikes[sample], ordered by (step, neuron); value = output value.
  /// Filled only when RunConfig::collect.
  EventBatch spikes;
  /// "out" / "v" / "i" -> batch x steps x size, row-major (collect only);
  /// a plastic node's "w" -> batch x steps x synapses (storage order), the
  /// weights at the end of each step.
  std::map<std::string, std::vector<double>> traces;

  /// traces.at(var)[(sample * steps + step) * size + neuron].
  double trace(const std::string &var, int64_t sample, int64_t step,
               int64_t neuron, int64_t steps) const {
    return traces.at(var)[(sample * steps + step) * size + neuron];
  }
};

/// Totals (RunStats; synapticEvents counts weight nodes: affine,
/// sparse_affine and conv, like Brian2's spikes x out-degree; scale and
/// pooling are not counted) and, per node, counts and collected outputs.
struct RunResult : sim::RunStats {
  std::vector<NodeResult> nodes; ///< execution order
  /// Plastic nodes (nmc/Model/Plasticity.h), execution order: the last
  /// sample's weights after the last step, storage order, as double.
  std::vector<sim::LearnedWeights> learnedWeights;

  /// The node called `name`, or nullptr.
  const NodeResult *find(std::string_view name) const;
};

namespace detail {
struct Program;
}

/// A validated, prepared network. Construction checks the whole image
/// (kinds, array sizes against shapes, input counts and sizes) and throws
/// naming the node at fault. run() is const and may be called repeatedly.
class Engine {
public:
  explicit Engine(const image::Image &image);
  ~Engine();
  Engine(Engine &&) noexcept;
  Engine &operator=(Engine &&) noexcept;

  RunResult run(const RunConfig &config) const;

  double dt() const;
  /// Nodes in execution order: name, kind, shape, size.
  std::vector<sim::NodeInfo> nodes() const;
  /// The geometry of conv or pooling node `name` as the runs use it (1-D
  /// conv as height 1, the kernel from the weights where the image has no
  /// kernel_size), or nullopt for any other node.
  std::optional<ConvGeometry> geometry(std::string_view name) const;

private:
  std::unique_ptr<detail::Program> program;
};

/// Options of the reference engine as a target (Simulator.h).
struct SimulatorOptions {
  bool float32 = false;
  EngineKind engine = EngineKind::Fast;
  model::Rounding rounding = model::Rounding::Nearest;
  uint64_t roundingSeed = 0;
};

/// The reference engine behind the common Simulator interface: outputs go
/// only to the config's sink (nothing is collected). Throws like Engine.
std::unique_ptr<sim::Simulator> makeSimulator(const image::Image &image,
                                              const SimulatorOptions &options);

} // namespace nmc::engine

#endif // NMC_EMULATOR_ENGINE_H
