//===- Compressors.h - The table compressors behind compressTable -*- C++
//-*-===//
//
// Internal to nmc_spinn_machine. Both take an orthogonal table with its
// defaultable entries and return an equivalent ordered table that still
// holds them (compressTable removes them afterwards).
//===----------------------------------------------------------------------===//
#ifndef NMC_SPINN_COMPRESSORS_H
#define NMC_SPINN_COMPRESSORS_H

#include "nmc/Target/SpiNNaker/RouterTable.h"

namespace nmc::spinn::detail {

/// Ordered covering until `target` entries or no merge is left.
RouterTable orderedCovering(const RouterTable &input,
                            std::optional<size_t> target);

/// PACMAN's ordered pair compression.
RouterTable pairCompress(const RouterTable &input);

} // namespace nmc::spinn::detail

#endif // NMC_SPINN_COMPRESSORS_H
