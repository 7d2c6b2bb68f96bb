//===- SpinnLayout.h - The mapped network as plain data ---------*- C++ -*-===//
//
// What the SpiNNaker image builder needs from a graph that went through the
// whole spinn pipeline, read out of the spinn ops into MLIR-free structs
// (SpinnImageBuilder.cpp), so the row and core layout (buildSpinnCores) and
// the hardware-equivalent network (buildSpinnNetwork) are plain C++ that
// tests can drive directly, e.g. with connector-form projections.
//
// This header deliberately does not include SpinnImage.h: translation units
// that include the spinn dialect's SpinnOps.h (the MLIR reader) must not
// see SpinnImage.h's constants of the same names.
//===----------------------------------------------------------------------===//
#ifndef NMC_BACKENDS_SPINNLAYOUT_H
#define NMC_BACKENDS_SPINNLAYOUT_H

#include "nmc/Emulator/Image.h"
#include "nmc/Model/Connector.h"
#include "nmc/Model/Plasticity.h"
#include "nmc/Target/SpiNNaker/Machine.h"
#include "nmc/Target/SpiNNaker/RouterTable.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace nmc::spinn {
struct SpinnPayload;
}

namespace nmc::spinn::layout {

/// A spinn.slice with its placement, key and (neuron slices) ring-buffer
/// depth; `extension` when it is a source slice with a delay-extension core
/// (the ext_* attributes, spinn-common convention 4).
struct Slice {
  int64_t lo = 0, hi = 0;
  ChipXY chip;
  int32_t p = 0;
  uint32_t key = 0, mask = 0;
  int64_t delayBits = 0; ///< neuron slices: ring buffer of 2^delayBits slots
  int64_t dtcmBytes = 0, sdramBytes = 0;
  struct Extension {
    ChipXY chip;
    int32_t p = 0;
    int64_t stageTicks = 0;
    std::vector<uint32_t> keys; ///< one per stage, stage s = keys[s-1]
  };
  std::optional<Extension> extension;
};

struct Population {
  std::string name;
  bool source = false;
  int64_t size = 0;
  int64_t latency = 0;
  int32_t shiftExc = 0, shiftInh = 0;
  /// The LI nodes that are its exponential synapses (filter_exc,
  /// filter_inh), "" for a delta synapse type.
  std::array<std::string, 2> filters;
  std::vector<Slice> slices;
};

/// A spinn.projection: explicit CSR by source, or a connector.
struct Projection {
  std::string name;
  int32_t pre = 0, post = 0; ///< indices into Layout::populations
  int64_t nPre = 0, nPost = 0;
  /// The LI filter of the post population it feeds ("" none).
  std::string filter;
  // Explicit form.
  std::vector<int64_t> indptr, indices;
  std::vector<uint32_t> types, codes;
  std::vector<int64_t> delays; ///< hardware D: one for all, or per synapse
  int64_t zeroed = 0, saturated = 0;
  // Connector form: D = round(delay / dt) + delayOffset.
  std::optional<model::ConnectorSpec> connector;
  int64_t delayOffset = 0;
  // Plastic (issue 14): the rule with its taus in TICKS (tau / dt),
  // amplitudes and bounds in the weight unit. Explicit form: per synapse
  // the exact weight (s16.15 values; codes and types are 0, one delay for
  // all). Connector form: a constant delay (one D for all), every expanded
  // synapse kept (zero weights too) with raw weight round(w * 2^15). The
  // rows hold them as plastic words (SpinnImage.h "Plastic rows").
  std::optional<model::StdpParams> stdp;
  std::vector<double> weights;
};

struct RouterTableDesc {
  ChipXY chip;
  RouterTable entries;
  int64_t uncompressed = 0;
};

struct Layout {
  Machine machine;
  double dt = 1.0;
  std::vector<Population> populations; ///< mapping order
  std::vector<Projection> projections; ///< graph order
  std::vector<RouterTableDesc> tables;
  int64_t placementCost = 0, latencyClashes = 0;
};

/// One synapse as the hardware applies it.
struct Synapse {
  int64_t source = 0, target = 0; ///< population-wide indices
  uint32_t type = 0, code = 0;
  int64_t delay = 0; ///< hardware delay D in ticks
  /// A plastic synapse: its s16.15 weight, raw (round(w * 2^15)); type and
  /// code are 0.
  bool plastic = false;
  int32_t raw = 0;
};

/// Counts of one expansion.
struct Coding {
  int64_t zeroed = 0, saturated = 0;
};

/// The raw s16.15 word of a plastic weight: round(w * 2^15), ties away from
/// zero (|w| < 512 by convert-snn-to-spinn).
int32_t plasticRaw(double w);

/// The hardware delay D of every synapse of plastic projection `proj`:
/// the explicit form's one delay; a connector's round(delay / dt) +
/// delayOffset (its delay is constant, checked by buildSpinnCores).
int64_t plasticDelay(const Layout &layout, const Projection &proj);

/// The synapses of `proj` onto targets [lo, hi), sources ascending (a
/// plastic projection: every entry - a plastic connector's every expanded
/// synapse, zero weights too -, `plastic` set): the
/// explicit matrix filtered, or the connector expanded for exactly that
/// range (as the on-chip synapse expander would) and coded with the post
/// population's shifts (WeightCoding.h); code-0 synapses are dropped and
/// counted in `coding`. Returns "" or an error naming the projection.
std::string synapsesOnto(const Layout &layout, const Projection &proj,
                         int64_t lo, int64_t hi, std::vector<Synapse> &out,
                         Coding &coding);

/// Fills `out`'s machine, populations, cores (rows, pop tables), router
/// tables and facts. The neuron cores' rows are built on `threads` worker
/// threads (0 = one per hardware thread); the payload, or the error, is
/// the same for any count. Returns "" or an error naming the projection,
/// slice or core and the limit.
std::string buildSpinnCores(const Layout &layout, SpinnPayload &out,
                            int threads = 0);

/// The hardware-equivalent network (SpinnImage.h): `quantized`'s input,
/// population neuron and output records, one sparse_affine per projection
/// (applied weights, delayed input, delay_steps D - 1), s16.15. Above
/// kMaxNetworkSynapses synapses in all, the projection nodes are left
/// empty and `omitted` is the count (else 0). Returns "" or an error
/// naming the node or projection.
std::string buildSpinnNetwork(const Layout &layout,
                              const image::Image &quantized,
                              image::Image &network, int64_t &omitted);

/// Both: the whole payload but `reference`.
std::string buildSpinnPayload(const Layout &layout,
                              const image::Image &quantized, SpinnPayload &out,
                              int threads = 0);

} // namespace nmc::spinn::layout

#endif // NMC_BACKENDS_SPINNLAYOUT_H
