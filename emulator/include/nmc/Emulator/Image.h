//===- Image.h - The reference-engine image (compiler -> engine contract) -===//
//
// The compiler writes a discretized network as an Image; the reference
// engines (float and fixed point) only read it. On disk it is an HDF5 file
// with the common image header (nmc/Image/Header.h) and one record per node
// (docs/image-format.md, ImageIO.h). In memory every node is a kind plus
// named arrays (nmc/Image/Schema.h), so the file needs no MLIR to read.
//
// The arrays of each kind are the schema table referenceSchema() (names in
// namespace `keys`); shapes exclude batch and time, all row-major:
// clang-format off
//   input, output, flatten  -
//   affine         f: weight (out*in, logical [out,in]), bias (out; optional)
//   sparse_affine  i: indptr (in+1), indices (nnz, target index)
//                  f: weight (nnz), bias (out; optional). CSR by *source*.
//                  i: delay_steps (nnz; optional): synapse k acts
//                     delay_steps[k] steps after its source spiked, in
//                     [0, 65535] (what a SpiNNaker image's `network` uses)
//   affine, sparse_affine (and connector) may be plastic (nmc/Model/
//                  Plasticity.h; all or none of these, one value each):
//                  s: stdp_pairing (all_pair | nearest_pair),
//                     stdp_dependence (additive | multiplicative)
//                  f: stdp_tau_plus, stdp_tau_minus (in steps: tau / dt),
//                     stdp_a_plus, stdp_a_minus, stdp_w_min, stdp_w_max
//                  i: stdp_post: index of the post neuron node (spiking,
//                     the only consumer of this node's output)
//                  i: stdp_delay (optional): the dendritic delay d in steps
//                     (Plasticity.h); absent = derived from the graph: the
//                     Delay nodes and delayed edges between the pre neuron
//                     node and this node, plus this node's own delay
//   scale          f: scale (N)
//   conv           f: weight (Cout, Cin/groups, k...), bias (Cout; optional)
//                  i: kernel_size (optional, else inferred), stride,
//                     dilation, pad_lo, pad_hi (one per spatial dim),
//                     groups (1). Zero padding, explicit per side.
//   sum_pool, avg_pool
//                  i: kernel_size, stride, padding (2 each)
//   delay          i: steps (N): output(t) = input(t - steps)
//   threshold      f: threshold (N): output = input > threshold
//   neuron         f: a_syn b_syn a_mem c_mem_syn c_mem_in c_mem_0
//                     v_threshold v_reset (N each; nmc/Model/NeuronModel.h)
//                  i: has_syn (1), spiking (1), reset_subtract (1)
//                  s: neuron_type = NIR type name (I, IF, LI, LIF, CubaLI,
//                     CubaLIF)
//                  optional (spiking types; absent = 0):
//                  i: ref_steps (N): refractory steps after a spike
//                  f: a_theta, d_theta (N each): adaptive threshold
//                     (nmc::model::stepNeuronExtWith)
//   connector      procedural synapses (nmc/Model/Connector.h), expanded by
//                  the engine when it loads the image; n_pre = in, n_post =
//                  out. s: rule, weight_distribution, delay_distribution
//                  (optional); f: weight, delay (optional; seconds), p
//                  (fixed_probability); i: n (fixed_number_pre /
//                  fixed_total_number), allow_self, with_replacement, seed
//                  (1 each). Delays become round(delay / dt) steps.
// clang-format on
//
// Edges: every node lists its inputs; inputs are summed. An input marked
// `delayed` reads the source's output of the previous step (zero at step 0):
// that is how recurrent edges (cycles) are executed. Nodes are stored in
// execution order; a non-delayed input always refers to an earlier node.
//===----------------------------------------------------------------------===//
#ifndef NMC_EMULATOR_IMAGE_H
#define NMC_EMULATOR_IMAGE_H

#include "nmc/Image/Header.h"
#include "nmc/Image/Schema.h"
#include "nmc/Model/Plasticity.h"

#include <cstdint>
#include <string>
#include <vector>

namespace nmc::image {

/// Version of the on-disk layout. Bump on incompatible change.
/// 2: common image header (target, /io ports), number_format.
/// 3: /nodes as column datasets instead of a group per node.
inline constexpr int64_t kFormatVersion = 3;
inline constexpr const char *kFormatName = "nmc-reference-image";

/// Array names of the reference payload, defined once for the compiler
/// (writer), the schema table and the engine (reader).
namespace keys {
inline constexpr const char *kWeight = "weight", *kBias = "bias",
                            *kIndptr = "indptr", *kIndices = "indices",
                            *kScale = "scale", *kKernelSize = "kernel_size",
                            *kStride = "stride", *kDilation = "dilation",
                            *kPadLo = "pad_lo", *kPadHi = "pad_hi",
                            *kGroups = "groups", *kPadding = "padding",
                            *kSteps = "steps", *kThreshold = "threshold",
                            *kHasSyn = "has_syn", *kSpiking = "spiking",
                            *kResetSubtract = "reset_subtract",
                            *kNeuronType = "neuron_type",
                            *kRefSteps = "ref_steps", *kATheta = "a_theta",
                            *kDTheta = "d_theta", *kRule = "rule", *kP = "p",
                            *kN = "n", *kAllowSelf = "allow_self",
                            *kWithReplacement = "with_replacement",
                            *kWeightDistribution = "weight_distribution",
                            *kDelayDistribution = "delay_distribution",
                            *kDelay = "delay", *kSeed = "seed",
                            *kDelaySteps = "delay_steps",
                            *kStdpPairing = "stdp_pairing",
                            *kStdpDependence = "stdp_dependence",
                            *kStdpTauPlus = "stdp_tau_plus",
                            *kStdpTauMinus = "stdp_tau_minus",
                            *kStdpAPlus = "stdp_a_plus",
                            *kStdpAMinus = "stdp_a_minus",
                            *kStdpWMin = "stdp_w_min",
                            *kStdpWMax = "stdp_w_max", *kStdpPost = "stdp_post",
                            *kStdpDelay = "stdp_delay";
/// Neuron coefficients, in the order of nmc::model::DiscreteCoeffs.
inline constexpr int kNumCoefs = 8;
inline constexpr const char *kCoefs[kNumCoefs] = {
    "a_syn",    "b_syn",   "a_mem",       "c_mem_syn",
    "c_mem_in", "c_mem_0", "v_threshold", "v_reset"};
} // namespace keys

/// The reference payload's kinds and arrays (ImageSchema.cpp).
const PayloadSchema &referenceSchema();

struct InputEdge {
  uint32_t source = 0;  ///< index into Image::nodes
  bool delayed = false; ///< reads the source's previous-step output
};

/// A node: name, kind and arrays (Record) plus its place in the graph.
struct Node : Record {
  std::vector<int64_t> inShape, outShape;
  std::vector<InputEdge> inputs;
};

/// Writes the stdp_* arrays of a plastic node (keys above): `rule` with
/// its taus already in steps (model::stdpInSteps), `post` the image index
/// of its post neuron node, `delay` the optional stdp_delay (< 0: none).
inline void setStdpKeys(Node &node, const model::StdpParams &rule, int64_t post,
                        int64_t delay = -1) {
  node.s[keys::kStdpPairing] = std::string(model::toString(rule.pairing));
  node.s[keys::kStdpDependence] = std::string(model::toString(rule.dependence));
  node.f[keys::kStdpTauPlus] = std::vector<double>{rule.tauPlus};
  node.f[keys::kStdpTauMinus] = std::vector<double>{rule.tauMinus};
  node.f[keys::kStdpAPlus] = std::vector<double>{rule.aPlus};
  node.f[keys::kStdpAMinus] = std::vector<double>{rule.aMinus};
  node.f[keys::kStdpWMin] = std::vector<double>{rule.wMin};
  node.f[keys::kStdpWMax] = std::vector<double>{rule.wMax};
  node.i[keys::kStdpPost] = std::vector<int64_t>{post};
  if (delay >= 0)
    node.i[keys::kStdpDelay] = std::vector<int64_t>{delay};
}

struct Image {
  std::string target = "reference"; ///< target registry name
  double dt = 1.0;                  ///< time step, in the NIR file's time unit
  std::string method;               ///< "euler" | "exact" (informational)
  std::string resetMode;            ///< "value" | "subtract" (informational)
  std::string numberFormat; ///< "" = float; else fixed point, e.g. "s16.15"
  std::string source;       ///< file the image was compiled from
  std::vector<Node> nodes;  ///< execution order
};

/// The common header of `image`: format, version, target, dt, source, and
/// its input and output nodes (execution order) with their sizes.
Header makeHeader(const Image &image);

} // namespace nmc::image

#endif // NMC_EMULATOR_IMAGE_H
