//===- ImageFacts.h - What a SpiNNaker image uses of its machine -*- C++
//-*-===//
//
// The static half of the SpiNNaker report (issue 11, "Driver and report"):
// chips and cores used, neurons and synapses per core, router entries per
// chip before and after compression (max, median), DTCM/SDRAM estimates.
// Computed from the image alone; the emulator adds the run's half (cycles,
// packets, provenance, energy).
//===----------------------------------------------------------------------===//
#ifndef NMC_TARGET_SPINNAKER_IMAGEFACTS_H
#define NMC_TARGET_SPINNAKER_IMAGEFACTS_H

#include "nmc/Sim/Report.h"
#include "nmc/Target/SpiNNaker/SpinnImage.h"

#include <cstdint>

namespace nmc::spinn {

struct ImageFacts {
  int64_t chips = 0; ///< chips with at least one used core
  int64_t sourceCores = 0, neuronCores = 0, delayCores = 0;
  int64_t neurons = 0;  ///< neurons on neuron cores
  int64_t synapses = 0; ///< fixed synaptic words over all rows
  int64_t maxNeuronsPerCore = 0, maxSynapsesPerCore = 0;
  double meanSynapsesPerCore = 0; ///< over neuron cores
  int64_t maxTableEntries = 0, maxTableEntriesUncompressed = 0;
  double medianTableEntries = 0, medianTableEntriesUncompressed = 0;
  int64_t maxDtcmBytes = 0, maxSdramBytesPerChip = 0;
  int64_t maxLatency = 0; ///< largest population latency, ticks
};

/// Counts the facts of `payload` (rows are decoded with each core's
/// header words, so padding is not counted as synapses).
ImageFacts imageFacts(const SpinnPayload &payload);

/// Adds section "spinnaker-image" with the facts to `report`.
void addImageFacts(const SpinnPayload &payload, sim::Report &report);

} // namespace nmc::spinn

#endif // NMC_TARGET_SPINNAKER_IMAGEFACTS_H
