//===- SpinnImage.h - The SpiNNaker image (compiler -> emulator) -*- C++
//-*-===//
//
// What `nmc compile --target spinnaker` produces and the SpiNNaker emulator
// runs (format "nmc-spinnaker-image", docs/targets/spinnaker.md "Image"):
// the machine, every used core with what sPyNNaker would load into it
// (neuron slice, master population table, synaptic rows in SDRAM, ring-buffer
// shifts), every chip's router table, and two reference networks.
//
// Time. SpiNNaker applies a spike sent in tick t at tick t + D with D >= 1
// (a ring-buffer slot), while a forward edge of the discrete graph acts
// within the same step (docs/semantics.md) and a recurrent one a step later.
// convert-snn-to-spinn therefore gives every population a latency L in
// ticks: 0 for inputs; for a neuron population the largest
// L(u) + max(0, 1 - dmin) over the populations u feeding it through forward
// edges, dmin being the smallest graph delay of that edge's synapses (0
// when no forward edge feeds it: such a population computes its step T
// in tick T from its own initial state): an edge whose synapses all wait >= 1
// step adds no latency, so a network whose delays are all >= 1 step (PD14)
// keeps every L = 0. A synapse u -> v with
// graph delay d gets the hardware delay
//     D = d + L(v) - L(u)          on a forward edge,
//     D = d + 1 + L(v) - L(u)      on a recurrent (cycle-closing) edge.
// Whenever every D >= 1 the machine computes exactly what the reference
// computes, each population's spikes L ticks later. A recurrent edge whose
// D would be < 1 gets D = 1 and a warning naming it (the machine then
// differs from the reference: not bit-exact with the *original* network,
// but still with `network` below).
//
// `network` is the hardware-equivalent network in the fixed-point format
// s16.15, as reference-image nodes run by the reference-fixed engine in
// hardware ticks: the graph's input nodes, one `sparse_affine` per
// projection (CSR by source; `weight` = the weights the hardware applies,
// ±code·2^(shift−15); its input edge marked `delayed`, i.e. reading the pre
// population's previous tick, plus a per-synapse `delay_steps` of D − 1),
// the neuron nodes (their records as the quantized network has them; inputs:
// their projections), and the output nodes. The emulator's spikes equal this
// network's spikes bit for bit, tick for tick, whenever no packet was
// dropped or late and no ring-buffer entry saturated.
//
// Synapse filters. An LI node between weight nodes and an IF/LIF neuron
// is that neuron's exponential synapse of one type (the sign of its
// weights): its gain c_mem_in is folded into the weights, and `network`
// holds it as an LI node (its c_mem_in set to 1, c_mem_0 = 0) between the
// type's projections and the neuron: I(T) = (a*I(T-1)) + x(T), the neuron
// reading the sum of its filters (in its input order) in the same tick.
// The emulator computes the same (ring-buffer input of the type, then the
// filter, then the neuron with stepNeuronExtWith), so bit-exactness holds
// as above.
//
// `reference` is the float network the image was compiled from (what the
// `reference` target runs), for the agreement figures; its outputs lead the
// machine's by the output populations' latencies.
//===----------------------------------------------------------------------===//
#ifndef NMC_TARGET_SPINNAKER_SPINNIMAGE_H
#define NMC_TARGET_SPINNAKER_SPINNIMAGE_H

#include "nmc/Emulator/Image.h"
#include "nmc/Image/OpenImage.h"
#include "nmc/Model/FixedPoint.h"
#include "nmc/Model/Plasticity.h"
#include "nmc/Target/SpiNNaker/Machine.h"
#include "nmc/Target/SpiNNaker/RouterTable.h"

#include <cstdint>
#include <string>
#include <vector>

namespace nmc::spinn {

inline constexpr const char *kImageFormatName = "nmc-spinnaker-image";
/// Bump on an incompatible change of the layout.
inline constexpr int64_t kImageFormatVersion = 1;

/// The number format of neuron state and `network`: GCC's `accum`, s16.15
/// (spinnaker.md §A.4), as a format and as the name images store.
inline constexpr model::FixedFormat kNumberFormat{true, 16, 15};
inline constexpr const char *kNumberFormatName = "s16.15";

/// Synapse types of a row word (sPyNNaker's current-based exp synapses).
inline constexpr uint32_t kExcitatory = 0, kInhibitory = 1;

/// Header words of a row: plastic-region size N, number of fixed words,
/// number of plastic control words (spinnaker.md §A.5,
/// N_SYNAPSE_ROW_HEADER_WORDS 3). A static row has N = 0, so its fixed
/// count is word 1 and its fixed words start at word 3.
inline constexpr uint32_t kRowHeaderWords = 3;
inline constexpr uint32_t kRowFixedCountWord = 1;

// Plastic rows (issue 14; §A.5 synapse_row.h, §A.4 STDP). A row of a
// pop-table entry with `plastic >= 0` is laid out as sPyNNaker's:
//   word 0            N = kPreTraceWords + P (0 when the row has no plastic
//                     synapse: then it is a static row)
//   words 1 .. N      plastic region: the pre-trace header, word 1 = the
//                     pre neuron's last emission tick T_last (int32,
//                     kNeverSpiked before its first spike), word 2 = its
//                     trace x (s16.15 raw); then P plastic weights, one
//                     s16.15 raw int32 per word, in control-word order
//   word N + 1        F, the number of fixed words
//   word N + 2        P, the number of plastic control words
//   F fixed words     (static synapses of the same source, RowFormat)
//   ceil(P / 2) words P 16-bit control words `delay | type | index` (the
//                     low 16 bits of RowFormat::encode(0, D, 0, index)),
//                     control k in the low half of word k / 2 for even k,
//                     the high half for odd k
// [deviation] sPyNNaker packs 16-bit plastic weights in ring-buffer units,
// two per word, and computes STDP in 16-bit fixed point with 11
// fractional bits; nmc keeps each plastic weight as an s16.15 word and
// runs the rule in s16.15 (nmc/Model/Plasticity.h), so the machine's
// updates are the fixed reference's bit for bit. Plastic synapses add
// their s16.15 weight into a signed 32-bit ring buffer per (slot, neuron)
// beside the 16-bit ones (a 4-byte DTCM entry), which the neuron reads
// with the exc/inh input: input = (exc << shiftExc) - (inh << shiftInh)
// + plastic. The type field of a control word is 0.
inline constexpr uint32_t kPreTraceWords = 2;
inline constexpr int32_t kNeverSpiked = INT32_MIN;
/// Post-spike history per neuron (§A.4 MAX_POST_SYNAPTIC_EVENTS): the
/// emulator keeps the newest 16 post spikes per (plastic projection,
/// neuron) and counts the updates that needed an older one.
inline constexpr uint32_t kMaxPostEvents = 16;
/// A row holds at most 256 synapses (§A.3 POP_TABLE_MAX_ROW_LENGTH).
inline constexpr uint32_t kMaxRowSynapses = 256;

/// The parts of a row (static or plastic) of `stride` words: a view, or
/// an error text when the counts do not fit the stride or disagree.
struct RowParts {
  uint32_t plasticWords = 0; ///< N
  uint32_t fixed = 0;        ///< F
  uint32_t plastic = 0;      ///< P
  /// Word offsets inside the row.
  uint32_t fixedAt() const { return kRowHeaderWords + plasticWords; }
  uint32_t controlsAt() const { return fixedAt() + fixed; }
  uint32_t words() const { return controlsAt() + (plastic + 1) / 2; }
};
/// Plastic control word k of a row, its control words starting at
/// `controls` (two per word, the low half first).
inline uint32_t plasticControl(const uint32_t *controls, uint32_t k) {
  return (controls[k / 2] >> (16 * (k & 1))) & 0xFFFF;
}
/// Stores plastic control word k (the words start zeroed).
inline void setPlasticControl(uint32_t *controls, uint32_t k,
                              uint32_t control) {
  controls[k / 2] |= (control & 0xFFFF) << (16 * (k & 1));
}
inline const char *rowParts(const uint32_t *row, uint32_t stride,
                            RowParts &out) {
  if (stride < kRowHeaderWords)
    return "a stride below the 3 header words";
  out.plasticWords = row[0];
  if (out.plasticWords > stride - kRowHeaderWords)
    return "a plastic region longer than the row";
  out.fixed = row[out.plasticWords + 1];
  out.plastic = row[out.plasticWords + 2];
  if (out.fixed > kMaxRowSynapses || out.plastic > kMaxRowSynapses ||
      out.words() > stride)
    return "more words than its stride";
  if (out.plasticWords != (out.plastic ? kPreTraceWords + out.plastic : 0))
    return "a plastic region that does not hold its plastic synapses";
  return nullptr;
}

/// A fixed synaptic word, `weight:16 | delay:d | type:t | index:n` from the
/// most significant bit down (index in the lowest bits), d + t + n <= 16,
/// chosen per neuron core (§A.5 synapse_row.h).
struct RowFormat {
  uint32_t indexBits = 8, typeBits = 1, delayBits = 4;

  uint32_t encode(uint32_t weight, uint32_t delay, uint32_t type,
                  uint32_t index) const {
    return weight << 16 | delay << (typeBits + indexBits) | type << indexBits |
           index;
  }
  uint32_t weight(uint32_t word) const { return word >> 16; }
  uint32_t delay(uint32_t word) const {
    return (word >> (typeBits + indexBits)) & ((1u << delayBits) - 1);
  }
  uint32_t type(uint32_t word) const {
    return (word >> indexBits) & ((1u << typeBits) - 1);
  }
  uint32_t index(uint32_t word) const { return word & ((1u << indexBits) - 1); }
  friend bool operator==(const RowFormat &, const RowFormat &) = default;
};

/// One master-population-table entry (§A.5): packets whose key matches
/// (`(packetKey & mask) == key`) come from a source slice of `neurons`
/// neurons; the row of source neuron i = packetKey & ~mask starts at word
/// `address + i * rowStride` of the core's `sdram` and is `rowStride` words
/// long (3 header words + the block's longest row; shorter rows are padded,
/// the DMA reads all `rowStride` words, the core processes the row's own
/// count of fixed words).
struct PopTableEntry {
  uint32_t key = 0, mask = 0;
  uint32_t address = 0;
  uint32_t rowStride = kRowHeaderWords;
  uint32_t neurons = 0;
  /// 0: spikes sent by the source slice itself; s > 0: the same spikes
  /// re-sent by its delay-extension core s * Core::stageTicks later.
  uint32_t delayStage = 0;
  /// Index into SpinnPayload::plastic of the projection whose synapses are
  /// these rows' plastic ones (rows laid out as "Plastic rows" above), or
  /// -1: static rows only. Only delayStage 0 entries are plastic.
  int32_t plastic = -1;
  friend bool operator==(const PopTableEntry &,
                         const PopTableEntry &) = default;
};

enum class CoreKind : uint8_t {
  /// Replays the host's spikes of an input node's slice (a SpikeSourceArray).
  Source,
  /// A slice of a neuron population: ring buffers, neuron update, spikes.
  Neuron,
  /// Re-sends a source slice's spikes after 1..stages stages of stageTicks
  /// ticks, each stage under its own key (§A.5 delay extension).
  DelayExtension,
};

struct Core {
  CoreKind kind = CoreKind::Neuron;
  ChipXY chip;
  int32_t p = 0; ///< core number on the chip (application cores only)
  /// Index into SpinnPayload::populations and the slice [lo, hi) of it this
  /// core runs (DelayExtension: the source slice whose spikes it delays).
  int32_t population = 0;
  int64_t lo = 0, hi = 0;
  /// Neuron lo + i sends its spikes with key `key | i`; `mask` covers the
  /// population and slice fields (spinn-allocate-keys).
  uint32_t key = 0, mask = 0;

  // Neuron cores.
  /// Ring-buffer left shifts per synapse type (§A.4): the input of a tick is
  /// (exc << shiftExc) − (inh << shiftInh) in s16.15 raw units.
  int32_t shiftExc = 0, shiftInh = 0;
  RowFormat row;
  /// The ring buffer has 2^delayBits slots per (type, neuron): on-core
  /// delays are 1 .. 2^delayBits − 1 ticks (row.delayBits == this).
  std::vector<PopTableEntry> popTable; ///< sorted by key
  std::vector<uint32_t> sdram;         ///< this core's synaptic rows

  // DelayExtension cores.
  int32_t stages = 0;     ///< at most 8 (§A.5 MAX_SLOTS)
  int32_t stageTicks = 0; ///< ticks per stage
  /// Stage s (1-based) re-sends neuron lo + i with key stageKeys[s-1] | i.
  std::vector<uint32_t> stageKeys;

  /// Partition's estimates (spinn.slice dtcm_bytes, sdram_bytes).
  int64_t dtcmBytes = 0, sdramBytes = 0;
};

struct Population {
  std::string name; ///< the snn node; `network` has a node of this name
  bool source = false;
  int64_t size = 0;
  /// Ticks this population's spikes lag the reference's (see "Time").
  int64_t latency = 0;
  /// Its Source/Neuron cores, one per slice in slice order (indices into
  /// SpinnPayload::cores).
  std::vector<int32_t> cores;
  /// Exponential synapses (sPyNNaker's IF_curr_exp): per synapse type
  /// (kExcitatory, kInhibitory) the index of the `network` LI node that is
  /// that type's synaptic current, or -1 (delta: the ring-buffer input goes
  /// to the membrane directly). See "Synapse filters" above.
  int32_t filter[2] = {-1, -1};
};

/// A plastic projection (its synapses are the plastic ones of the rows of
/// the pop-table entries that name it). `network` holds it as the
/// sparse_affine node `name` with the same rule (stdp_* keys, taus in
/// ticks) and stdp_delay = delay.
struct PlasticProjection {
  std::string name;          ///< the snn weight node = the `network` node
  int32_t pre = 0, post = 0; ///< indices into SpinnPayload::populations
  /// The rule: taus in ticks (tau / dt), amplitudes and bounds in the
  /// weight unit, as the image's stdp_* keys.
  model::StdpParams rule;
  /// The hardware delay D of every synapse (1 .. 2^delayBits - 1: plastic
  /// synapses are never delayed by an extension core); the rule's
  /// dendritic delay d = D (nmc/Model/Plasticity.h).
  int64_t delay = 1;
  /// Its synapses (in all rows), for the report.
  int64_t synapses = 0;
};

/// The router table of one chip as loaded (after compression), plus the
/// entry count before compression (for the report).
struct ChipTable {
  ChipXY chip;
  RouterTable entries;
  int64_t uncompressed = 0;
};

/// What the compiler decided, for the report.
struct CompileFacts {
  /// Synapses written into rows: fixed words plus plastic synapses.
  int64_t synapses = 0;
  /// Of those, plastic synapses (one weight word + half a control word
  /// each, "Plastic rows").
  int64_t plasticSynapses = 0;
  int64_t zeroedWeights = 0, saturatedWeights = 0;
  int64_t placementCost = 0; ///< spinn.mapping placement_cost
  /// Recurrent edges clamped to D = 1 (see "Time"): not bit-exact with the
  /// original network.
  int64_t latencyClashes = 0;
  /// Synapses `network` does not hold: above kMaxNetworkSynapses its
  /// projection nodes are left without synapses (no bit-exact reference;
  /// the machine's own rows are complete). 0 = `network` is whole.
  int64_t networkSynapsesOmitted = 0;
};

/// Largest synapse count `network` is built with (its CSR and per-synapse
/// delays take ~16 B per synapse, next to the 4 B rows): the full-scale
/// Potjans-Diesmann microcircuit (0.3 G synapses) compiles in < 4 GB
/// without one.
inline constexpr int64_t kMaxNetworkSynapses = 20'000'000;

struct SpinnPayload : image::Payload {
  Machine machine;
  image::Image network;   ///< hardware-equivalent, s16.15 (see above)
  image::Image reference; ///< float original; empty if not kept
  std::vector<Population> populations;
  std::vector<Core> cores;
  std::vector<ChipTable> tables; ///< one per chip with a nonempty table
  std::vector<PlasticProjection> plastic;
  CompileFacts facts;
};

/// The common header of a SpiNNaker image (inputs/outputs of `network`).
image::Header makeSpinnHeader(const SpinnPayload &payload);

/// Reads the SpiNNaker payload of an open image file (the imageFormats()
/// entry); nullptr and `error` (HDF5 path and what is wrong) on failure.
/// Checks what the emulator relies on: core/population indices, slices,
/// row formats, pop-table addresses and strides inside `sdram`.
std::shared_ptr<const image::Payload>
readSpinnPayload(hid_t file, const image::Header &header, std::string &error);

/// Writes `payload` as an image file; false and `error` on failure.
bool writeSpinnImage(const std::string &path, const SpinnPayload &payload,
                     std::string &error);

} // namespace nmc::spinn

#endif // NMC_TARGET_SPINNAKER_SPINNIMAGE_H
