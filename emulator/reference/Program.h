//===- Program.h - The validated, prepared form of an image -----*- C++ -*-===//
//
// Built once per Engine from an image::Image (Prepare.cpp); holds every array
// in the layout the step loop wants (transposed dense weights, int32 sparse
// targets, coefficient arrays collapsed when uniform). Values stay in double;
// the float32 and fixed-point runners convert their copy at run time.
//===----------------------------------------------------------------------===//
#ifndef NMC_ENGINE_PROGRAM_H
#define NMC_ENGINE_PROGRAM_H

#include "nmc/Emulator/Image.h"
#include "nmc/Emulator/WeightHook.h"
#include "nmc/Model/FixedPoint.h"
#include "nmc/Model/Plasticity.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace nmc::engine::detail {

enum class Kind {
  Input,
  Output,
  Affine,
  SparseAffine,
  Scale,
  Conv,
  SumPool,
  AvgPool,
  Flatten,
  Delay,
  Threshold,
  Neuron
};

/// 2-D geometry shared by conv and pooling (1-D conv uses h = 1); public
/// because weight hooks are told it (WeightHook.h).
using Geometry = ConvGeometry;

/// Neuron coefficient arrays, in the order of NeuronModel.h.
enum Coef { ASyn, BSyn, AMem, CMemSyn, CMemIn, CMem0, VThreshold, VReset };
inline constexpr int kNumCoefs = image::keys::kNumCoefs;
inline constexpr int64_t kNarrowTargets = 65536;

struct NodeSpec {
  std::string name, kindName;
  Kind kind = Kind::Input;
  std::vector<int64_t> outShape;
  int64_t inSize = 0, outSize = 0;
  std::vector<image::InputEdge> inputs;
  bool spiking = false;       ///< static part; inputs decide at run time
  bool delayedSource = false; ///< some edge reads its previous output
  /// Some delayed reader runs at or after this node in a step, so the
  /// previous output is kept in a second buffer (NodeState::prev). When
  /// every delayed reader runs earlier, they read `cur` before this node
  /// overwrites it, and no copy is needed.
  bool doubleBuffered = false;

  // affine: weightT is in-major (in x out) so one input adds one row.
  // sparse_affine: CSR by source.
  std::vector<double> weight;
  std::vector<double> bias; ///< empty = no bias
  std::vector<int64_t> indptr;
  /// Targets: 16-bit (`narrowIndices`) when the output has at most
  /// kNarrowTargets neurons, which halves the memory the event loop
  /// streams (CUBA's 320 k synapses then fit in L2); else `indices`.
  std::vector<int32_t> indices;
  std::vector<uint16_t> narrowIndices;
  /// sparse_affine whose every source row has one weight (typical of
  /// generated networks): rowWeight[source] replaces `weight`, and the
  /// event loop streams only target indices.
  std::vector<double> rowWeight;
  /// sparse_affine expanded from a connector whose synapses have delays:
  /// one delay in steps per synapse (empty = none), the largest in
  /// maxDelay. Such nodes run on the plain loop (Engine::run).
  std::vector<uint16_t> synDelay;

  /// A plastic affine / sparse_affine / connector (nmc/Model/Plasticity.h):
  /// its rule with taus in steps, and the index of its post neuron node.
  /// Plastic nodes have no synDelay: one delay for all synapses becomes
  /// `preDelay`, the steps by which its input spikes are held back before
  /// they reach the synapses (transmission and the rule's pre time alike).
  /// `stdpDelay` is the dendritic delay d (Plasticity.h): the image's
  /// stdp_delay, else derived from the graph (Delay nodes and delayed edges
  /// back to the pre node, plus preDelay) by prepareProgram.
  std::optional<model::StdpParams> stdp;
  size_t stdpPost = 0;
  int32_t preDelay = 0;
  int64_t stdpDelay = -1;

  // scale (factors) / threshold (thresholds).
  std::vector<double> values;
  bool allNonNegative = false; ///< threshold: zeros never fire

  // conv / pooling.
  Geometry geom;
  std::vector<int32_t> fanout; ///< conv: outputs reached per input element

  // delay.
  std::vector<int32_t> delaySteps;
  int32_t maxDelay = 0;
  bool uniformDelay = true;

  // neuron: coef[k] has outSize entries, or 1 if uniform.
  std::array<std::vector<double>, kNumCoefs> coef;
  bool uniformCoefs = false, hasSyn = false, spikingNeuron = false,
       resetSubtract = false;
  /// The optional extensions (NeuronModel.h NeuronExtT), outSize entries
  /// each, or empty when the image has none or all zero. `extended` nodes
  /// run the scalar stepNeuronExtWith loop; the others keep the fast paths.
  std::vector<int32_t> refSteps;
  std::vector<double> aTheta, dTheta; ///< empty unless `adaptive`
  bool extended = false, adaptive = false;
};

struct Program {
  double dt = 1;
  std::string source; ///< the model the image was compiled from
  /// The image's number format; empty = floating point.
  std::optional<model::FixedFormat> fixed;
  std::vector<NodeSpec> nodes;
  /// Some node has per-synapse delays (NodeSpec::synDelay).
  bool synapticDelays = false;
  /// Some node is plastic (NodeSpec::stdp); such images run the plain loop.
  bool plastic = false;
};

/// Validates `image` and prepares it; throws std::runtime_error naming the
/// node at fault.
Program prepareProgram(const image::Image &image);

} // namespace nmc::engine::detail

#endif // NMC_ENGINE_PROGRAM_H
