//===- RtlImage.h - An xbar image as nmc_mesh memories ----------*- C++ -*-===//
//
// The image -> RTL writer (docs/rtl.md "RTL image"): from the same
// XbarPayload the emulator runs, the words the host loads into rtl/
// nmc_mesh.sv through its load port (digits per tile, tile and periphery
// configuration, LIF coefficients and initial membranes, router tables,
// the route and stage tables), plus what a harness needs to drive and read
// the mesh (input and output ports, where each neuron's membrane lives).
// On disk: one $readmemh file per memory and `mesh.txt` (parameters, the
// memories' load targets, the slot map). MLIR-free: the compiler writes it
// (`nmc compile --rtl-out`), the co-simulation harness reads it back.
//
// Scope: dense layers (`affine`) of any number of row and column blocks,
// each feeding IF/LIF neurons without synaptic current, one input node,
// one output node fed by a neuron node, no delayed edges; anything else is
// refused naming the node.
//===----------------------------------------------------------------------===//
#ifndef NMC_TARGET_XBAR_RTLIMAGE_H
#define NMC_TARGET_XBAR_RTLIMAGE_H

#include "nmc/Target/Xbar/XbarImage.h"

#include <cstdint>
#include <string>
#include <vector>

namespace nmc::xbar {

/// The parameters a verilated nmc_mesh was built with: its size and
/// capacities (an image must fit them) and the widths its words use.
struct RtlMeshParams {
  int64_t meshW = 2, meshH = 2;
  int64_t rows = 8, cols = 8; ///< logical rows, physical data columns
  int64_t slices = 1, levels = 16, digitW = 5;
  int64_t intBits = 16, fracBits = 15;
  int64_t pe = 16;     ///< periphery slots per node
  int64_t lanes = 4;   ///< neuron units per node
  int64_t entries = 8; ///< router table entries per node
  int64_t routes = 16, stages = 4, inputs = 16, peers = 3;
  int64_t linkRegs = 3; ///< largest cycles.hop is linkRegs + 1
  /// Key bits: route id, then the destination row.
  int64_t rowBits() const;
  int64_t routeBits() const;
};

/// Load-port selectors of nmc_mesh (ld_sel).
enum class RtlSel : int {
  Global = 0,
  Node = 1,
  Digit = 2,
  Slot = 3,
  Lif = 4,
  Router = 5,
  Route = 6,
  Stage = 7
};

/// One memory: `words[a]` is written to (sel, node, address a).
struct RtlMemory {
  std::string file; ///< e.g. "node1_digits.hex"
  RtlSel sel = RtlSel::Global;
  int64_t node = 0;
  std::vector<uint64_t> words;
};

/// Elements [begin, end) of `node` live in periphery slots slot.. of mesh
/// node `meshNode` (neurons: their membrane; outputs: their spike).
struct RtlSlice {
  std::string node;
  int64_t begin = 0, end = 0;
  int64_t meshNode = 0, slot = 0;
  bool neuron = true;
};

struct RtlImage {
  RtlMeshParams params;
  std::vector<RtlMemory> memories; ///< in load order
  std::vector<RtlSlice> slices;
  std::string input, output; ///< node names
  int64_t inputSize = 0, outputSize = 0;
  int64_t units = 1;  ///< neuron units in use (slot s is on unit s mod units)
  int64_t stages = 0; ///< crossbar layers

  RtlMemory *find(const std::string &file);
};

/// The memories of `payload` for a mesh built with `mesh`; throws
/// std::runtime_error ("rtl: ..." naming the node, tile or limit) if the
/// image is outside the RTL's scope or does not fit.
RtlImage buildRtlImage(const XbarPayload &payload, const RtlMeshParams &mesh);

/// Writes `dir`/mesh.txt and one $readmemh file per memory (creates dir).
void writeRtlImage(const RtlImage &image, const std::string &dir);
/// Reads what writeRtlImage wrote; throws naming the file and line.
RtlImage readRtlImage(const std::string &dir);

} // namespace nmc::xbar

#endif // NMC_TARGET_XBAR_RTLIMAGE_H
