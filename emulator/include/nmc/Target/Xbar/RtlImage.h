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
// Scope: dense layers (`affine`) and 1-D and 2-D convolutions (`conv`, one
// group) of any number of row and column blocks, each feeding IF/LIF neurons
// without synaptic current; sum pooling of a neuron node's spikes and
// flatten in the periphery; one input node, one output node fed by a
// neuron node, no delayed edges; anything else is refused naming the node.
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
  int64_t linkRegs = 3;  ///< largest cycles.hop is linkRegs + 1
  int64_t buffer = 8;    ///< input buffer elements per node (>= rows)
  int64_t positions = 1; ///< conv output positions per node
  int64_t valueBits = 1; ///< bits of a packet's value (pool counts)
  /// Key bits: route id, then the destination element, then the value.
  int64_t rowBits() const; ///< of the destination element
  int64_t routeBits() const;
  bool operator==(const RtlMeshParams &) const = default;
};

/// The nmc_mesh configurations rtl/cosim verilates, smallest first
/// (RtlMeshConfigs.def, which its CMakeLists.txt reads too):
/// RtlMeshParams{} (dense networks on 2 x 2 nodes) and the conv mesh
/// (4 x 2 nodes of 32 x 8 tiles, 200 inputs, 16 positions, 80 slots).
std::vector<RtlMeshParams> rtlMeshConfigs();

/// Load-port selectors of nmc_mesh (ld_sel).
enum class RtlSel : int {
  Global = 0,
  Node = 1,
  Digit = 2,
  Slot = 3,
  Lif = 4,
  Router = 5,
  Route = 6,
  Stage = 7,
  Table = 8 ///< im2col: per position and tile row, the buffer element
};

/// One memory: `words[a]` is written to (sel, node, address a).
struct RtlMemory {
  std::string file; ///< e.g. "node1_digits.hex"
  RtlSel sel = RtlSel::Global;
  int64_t node = 0;
  std::vector<uint64_t> words;
};

/// What the slots of a slice hold (the slot word's kind bit).
enum class RtlSliceKind : int {
  Neuron,  ///< a membrane and its spike
  Output,  ///< the spike of a neuron slot, sent to the host
  Pool,    ///< the spike count of a window of neuron slots
  Flatten, ///< the value of a neuron or pool slot, passed on
};

/// Elements [begin, end) of `node` live in periphery slots slot.. of mesh
/// node `meshNode`.
struct RtlSlice {
  std::string node;
  int64_t begin = 0, end = 0;
  int64_t meshNode = 0, slot = 0;
  RtlSliceKind kind = RtlSliceKind::Neuron;
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
/// buildRtlImage for the first of rtlMeshConfigs() the image fits; throws
/// the last configuration's error if it fits none.
RtlImage buildRtlImage(const XbarPayload &payload);

/// Writes `dir`/mesh.txt and one $readmemh file per memory (creates dir).
void writeRtlImage(const RtlImage &image, const std::string &dir);
/// Reads what writeRtlImage wrote; throws naming the file and line.
RtlImage readRtlImage(const std::string &dir);

} // namespace nmc::xbar

#endif // NMC_TARGET_XBAR_RTLIMAGE_H
