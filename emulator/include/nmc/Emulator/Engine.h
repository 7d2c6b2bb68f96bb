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
// Errors (bad image, bad run configuration) throw std::runtime_error with a
// message naming the node at fault.
//===----------------------------------------------------------------------===//
#ifndef NMC_EMULATOR_ENGINE_H
#define NMC_EMULATOR_ENGINE_H

#include "nmc/Emulator/Image.h"
#include "nmc/Model/FixedPoint.h"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace nmc::engine {

/// One input or output event: element `neuron` (flat index into the node's
/// shape) carries `value` during step `step`.
struct Event {
  int64_t step = 0;
  int64_t neuron = 0;
  double value = 1.0;
};

/// Per-sample event lists: events[sample] (any order within a sample).
using EventBatch = std::vector<std::vector<Event>>;

/// Generates the values of an Input node step by step, so that long dense
/// drives (e.g. Poisson input to every neuron) need no event list in memory.
/// The engine calls begin(sample) before step 0 of each sample, then
/// fill(step, values) for step = 0, 1, ... in order.
class InputSource {
public:
  virtual ~InputSource() = default;
  /// Starts sample `sample`; a deterministic source restarts its stream here.
  virtual void begin(int64_t sample) = 0;
  /// Adds the values of `step` to `values` (node size, zeroed by the caller).
  virtual void fill(int64_t step, std::span<double> values) = 0;
  /// True if every value is 0 or 1 (then the node's output counts as spikes).
  virtual bool binary() const { return false; }
};

/// Which step loop runs the network. Both give the same results bit for bit
/// (tests/unit/emulator/PlainEngineTest.cpp); Plain is the definition, Fast
/// the optimized one (event lists, fusion, vector loops).
enum class EngineKind { Fast, Plain };

struct RunConfig {
  int64_t steps = 0;
  int64_t batch = 1;    ///< independent samples, run one after another
  bool float32 = false; ///< floating-point images only
  /// Images with a number_format always run the plain loop in that format.
  EngineKind engine = EngineKind::Fast;
  /// Fixed-point images: rounding of products and of average pooling's
  /// division (conversions of parameters and inputs round to nearest);
  /// stochastic rounding draws from `roundingSeed`, one stream per sample.
  model::Rounding rounding = model::Rounding::Nearest;
  uint64_t roundingSeed = 0;
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
  /// every node, plus "v" for neurons and "i" for neurons with a synapse.
  std::vector<std::string> traceNodes;
  /// Record spike events of spiking nodes (counts are always kept).
  bool recordSpikes = true;
  /// Called every 256 steps and once at the end; done/total count steps
  /// over all samples.
  std::function<void(int64_t done, int64_t total)> progress;
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
  EventBatch spikes;
  /// "out" / "v" / "i" -> batch x steps x size, row-major.
  std::map<std::string, std::vector<double>> traces;

  /// traces.at(var)[(sample * steps + step) * size + neuron].
  double trace(const std::string &var, int64_t sample, int64_t step,
               int64_t neuron, int64_t steps) const {
    return traces.at(var)[(sample * steps + step) * size + neuron];
  }
};

struct RunResult {
  std::vector<NodeResult> nodes; ///< execution order
  int64_t steps = 0, batch = 0;
  double dt = 0;
  /// Sum over weight nodes (affine, sparse_affine, conv) of nonzero inputs
  /// times their fan-out (the multiply-adds done), like Brian2's count of
  /// spikes x out-degree. Scale and pooling nodes are not counted.
  int64_t synapticEvents = 0;
  int64_t neuronUpdates = 0; ///< neuron elements x steps x samples
  /// Fixed-point images: results clamped to the format's range (parameters,
  /// inputs and arithmetic); 0 for floating point.
  int64_t saturations = 0;
  /// Fixed-point images: nonzero results that rounded to zero.
  int64_t roundedToZero = 0;
  double wallSeconds = 0; ///< time spent in run()

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
  /// Node names in execution order.
  std::vector<std::string> nodeNames() const;

private:
  std::unique_ptr<detail::Program> program;
};

} // namespace nmc::engine

#endif // NMC_EMULATOR_ENGINE_H
