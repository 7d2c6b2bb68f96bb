//===- SpinnRows.h - One neuron core's synaptic rows ------------*- C++ -*-===//
//
// Private to backends/spinn: what SpinnCores.cpp runs once per neuron core,
// on any worker thread. A core's result depends only on the Layout and the
// core, never on other cores or on which worker ran it, so the payload is
// the same for any thread count.
//===----------------------------------------------------------------------===//
#ifndef NMC_BACKENDS_SPINN_SPINNROWS_H
#define NMC_BACKENDS_SPINN_SPINNROWS_H

#include "nmc/Backends/SpinnLayout.h"
#include "nmc/Target/SpiNNaker/SpinnImage.h"

#include <cstdint>
#include <string>
#include <vector>

namespace nmc::spinn::layout::detail {

/// An explicit projection's synapses bucketed by the post slice they target
/// (sources ascending), one entry per projection (empty for connectors).
using ExplicitSynapses = std::vector<std::vector<std::vector<Synapse>>>;

/// Buffers one worker reuses from core to core: after the first few cores
/// a core costs no allocation but its own SDRAM (the expansion of a
/// full-scale PD14 core is ~1 M synapses; fresh buffers each time were
/// mostly page faults).
struct RowScratch {
  model::ExpandedConnector expanded;
  /// Per synapse of the core, in the order the rows receive them: its
  /// fixed word and the row (index into rowCount) it goes to.
  std::vector<uint32_t> words, rowOf;
  /// Per row of every block: synapses, then the fill cursor.
  std::vector<uint32_t> rowCount;
  /// Per row: the word its header starts at.
  std::vector<uint32_t> rowStart;
  /// Plastic synapses ("Plastic rows"), in the order the rows receive
  /// them: raw s16.15 weight, 16-bit control word and row; per row their
  /// count.
  std::vector<int32_t> plasticWeights;
  std::vector<uint16_t> plasticControls;
  std::vector<uint32_t> plasticRowOf, plasticCount;
  /// Per projection: its index into SpinnPayload::plastic, or -1.
  std::vector<int32_t> plasticIndex;
  struct Block {
    uint32_t key = 0, mask = 0, stage = 0;
    int32_t pre = 0;
    size_t slice = 0;
    uint32_t firstRow = 0, rows = 0;
    std::vector<int32_t> projections; ///< ascending, each once
    int32_t plastic = -1;             ///< PopTableEntry::plastic
  };
  std::vector<Block> blocks;
  std::vector<size_t> order;
  /// Per pre population: block index of (source slice, stage), or -1.
  std::vector<std::vector<int32_t>> blockOf;
};

/// What one core adds to the facts.
struct CoreCounts {
  int64_t synapses = 0, zeroed = 0, saturated = 0;
  int64_t plastic = 0; ///< of `synapses`, plastic ones
  /// Plastic synapses by index into SpinnPayload::plastic (empty or
  /// shorter: 0 for the rest).
  std::vector<int64_t> plasticOf;
};

/// Fills neuron core `c` (slice `s` of population `q`, its other fields
/// already set): row format, pop table and SDRAM rows, exactly as
/// sPyNNaker lays them out (SpinnCores.cpp). Returns "" or an error naming
/// the projection or core and the limit.
std::string buildNeuronRows(const Layout &layout, size_t q, size_t s,
                            const ExplicitSynapses &explicitSyn,
                            RowScratch &scratch, Core &c, CoreCounts &counts);

} // namespace nmc::spinn::layout::detail

#endif // NMC_BACKENDS_SPINN_SPINNROWS_H
