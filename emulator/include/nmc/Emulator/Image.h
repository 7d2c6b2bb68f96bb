//===- Image.h - The reference-engine image (compiler -> engine contract) -===//
//
// The compiler writes a discretized network as an Image; the reference engine
// only reads it. On disk it is an HDF5 file (see docs/image-format.md and
// ImageIO.h). In memory every node is a kind plus named arrays, so the file
// format is a plain mapping of this struct and needs no MLIR to read.
//
// Node arrays, by kind (shapes exclude batch and time; all row-major):
//   input        -
//   output       -
//   affine       f: weight (out*in, logical shape [out,in]), bias (out;
//   optional) sparse_affine  i: indptr (in+1), indices (nnz, target index)
//                f: weight (nnz), bias (out; optional). CSR by *source*.
//   scale        f: scale (N)
//   conv         f: weight (Cout, Cin/groups, k...), bias (Cout; optional)
//                i: kernel_size, stride, dilation, pad_lo, pad_hi (one per
//                   spatial dim; kernel_size optional, else inferred),
//                   groups (1). Zero padding; pad_lo/pad_hi are explicit per
//                   side ("same"/"valid" are resolved by the compiler).
//   sum_pool / avg_pool
//                i: kernel_size, stride, padding (2 each)
//   flatten      - (reshape only; in/out shapes say how)
//   delay        i: steps (N): output(t) = input(t - steps)
//   threshold    f: threshold (N): output = input > threshold
//   neuron       f: a_syn b_syn a_mem c_mem_syn c_mem_in c_mem_0 v_threshold
//                   v_reset (N each; see nmc/Model/NeuronModel.h)
//                i: has_syn (1), spiking (1), reset_subtract (1)
//                s: "neuron_type" = NIR type name (I, IF, LI, LIF, CubaLI,
//                CubaLIF)
//
// Edges: every node lists its inputs; inputs are summed. An input marked
// `delayed` reads the source's output of the previous step (zero at step 0):
// that is how recurrent edges (cycles) are executed. Nodes are stored in
// execution order; a non-delayed input always refers to an earlier node.
//===----------------------------------------------------------------------===//
#ifndef NMC_EMULATOR_IMAGE_H
#define NMC_EMULATOR_IMAGE_H

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace nmc::image {

/// Version of the on-disk layout. Bump on incompatible change.
inline constexpr int64_t kFormatVersion = 1;
inline constexpr const char *kFormatName = "nmc-reference-image";

struct InputEdge {
  uint32_t source = 0;  ///< index into Image::nodes
  bool delayed = false; ///< reads the source's previous-step output
};

struct Node {
  std::string name; ///< NIR node name (inlined subgraph nodes: "graph.node")
  std::string kind; ///< one of the kinds in the file comment
  std::vector<int64_t> inShape, outShape;
  std::vector<InputEdge> inputs;
  std::map<std::string, std::vector<double>> f;  ///< float arrays
  std::map<std::string, std::vector<int64_t>> i; ///< integer arrays
  std::map<std::string, std::string> s;          ///< strings
};

struct Image {
  double dt = 1.0;       ///< time step, in the NIR file's time unit
  std::string method;    ///< "euler" | "exact" (informational)
  std::string resetMode; ///< "value" | "subtract" (informational)
  std::string source;    ///< file the image was compiled from
  /// Fixed-point format of every number ("s16.15", see nmc/Model/
  /// FixedPoint.h); "" = floating point.
  std::string numberFormat;
  std::vector<Node> nodes; ///< execution order
};

} // namespace nmc::image

#endif // NMC_EMULATOR_IMAGE_H
