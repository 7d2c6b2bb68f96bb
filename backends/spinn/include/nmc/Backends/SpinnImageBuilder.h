//===- SpinnImageBuilder.h - Mapped spinn graph -> payload -----*- C++ -*-===//
#ifndef NMC_BACKENDS_SPINNIMAGEBUILDER_H
#define NMC_BACKENDS_SPINNIMAGEBUILDER_H

#include "nmc/Emulator/Image.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Support/LogicalResult.h"

namespace nmc::spinn {
struct SpinnPayload; // nmc/Target/SpiNNaker/SpinnImage.h
}

namespace nmc {

/// Translates a module whose graph went through the whole spinn pipeline
/// (populateSpinnPipeline: populations with `latency`, placed and keyed
/// slices with `delay_bits` and optional delay extensions, projections with
/// hardware delays, router tables) into the SpiNNaker payload
/// (SpinnImage.h): one core per slice plus the delay-extension cores, their
/// synaptic rows and population tables, router tables, facts, and
/// `network`, the hardware-equivalent network built from `quantized` (the
/// reference image of the s16.15 graph before convert-snn-to-spinn: its
/// input, neuron and output records). `reference` is left to the caller.
/// Fails with an error on the op at fault naming the projection, slice or
/// core and the limit. `threads` builds the cores' rows in parallel (0 =
/// one per hardware thread; the payload does not depend on it).
mlir::LogicalResult buildSpinnPayload(mlir::ModuleOp module,
                                      const image::Image &quantized,
                                      spinn::SpinnPayload &out,
                                      int threads = 0);

} // namespace nmc

#endif // NMC_BACKENDS_SPINNIMAGEBUILDER_H
