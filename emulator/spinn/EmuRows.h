//===- EmuRows.h - Where the emulator keeps the synaptic rows ----*- C++
//-*-===//
//
// Every neuron core's rows are copied once from its SDRAM image into one
// arena, without padding and header words (a row = its fixed words), on
// 2 MB pages where the OS gives them. Only the host's copy changes: the
// cost model still charges the DMA of the whole padded row
// (PopTableEntry::rowStride). A packet's row is a random read, so this
// is what the emulator's packet phase waits for. The arena is ordered by
// packet key: the rows (and RowRefs) of one source neuron on all the cores
// it reaches are adjacent, and a multicast packet is handled by all those
// cores in the same phase, so they share cache lines. The CUBA bench's
// 11 MB of padded rows are 4 MB here, and 2 MB pages spare most TLB misses
// (costly in a virtual machine's nested page tables).
//===----------------------------------------------------------------------===//
#ifndef NMC_SPINN_EMUROWS_H
#define NMC_SPINN_EMUROWS_H

#include "nmc/Target/SpiNNaker/SpinnImage.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace nmc::spinn::emu {

/// A row: `count` fixed words at word `offset` of the arena.
struct RowRef {
  uint32_t offset = 0, count = 0;
};

class RowStore {
public:
  /// Copies the rows of the payload's neuron cores (checked before: every
  /// row inside its core's SDRAM, counts within the stride).
  explicit RowStore(const SpinnPayload &payload);
  ~RowStore();
  RowStore(const RowStore &) = delete;
  RowStore &operator=(const RowStore &) = delete;

  const uint32_t *words() const { return arena; }
  /// The row of source neuron i of pop-table entry `entry` of core `core`
  /// is rows(core, entry)[i * stride(core, entry)].
  const RowRef *rows(size_t core, size_t entry) const {
    return refs + first[core][entry].first;
  }
  size_t stride(size_t core, size_t entry) const {
    return first[core][entry].second;
  }

private:
  uint32_t *arena = nullptr; ///< words, then the RowRefs
  const RowRef *refs = nullptr;
  void *mapping = nullptr;
  size_t mappedBytes = 0;
  /// [core][entry] -> (first RowRef, RowRefs from one neuron to the next)
  std::vector<std::vector<std::pair<size_t, size_t>>> first;
};

} // namespace nmc::spinn::emu

#endif // NMC_SPINN_EMUROWS_H
