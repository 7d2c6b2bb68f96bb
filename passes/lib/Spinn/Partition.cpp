//===- Partition.cpp - spinn-partition -----------------------------------===//
//
// PACMAN's splitter for SpiNNaker 1: every population becomes slices of at
// most N neurons, one per core; a neuron population's slice size is halved
// until the core's DTCM holds it. The byte counts follow sPyNNaker's data
// structures (spinnaker.md §A.5); neuron state sizes are [assumed].
//===----------------------------------------------------------------------===//
#include "DelayExtension.h"
#include "Reach.h"

#include "nmc/Dialect/SNN/SNNUtils.h"
#include "nmc/Dialect/Spinn/SpinnOps.h"
#include "nmc/Spinn/SpinnPasses.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/MathExtras.h"

using namespace mlir;
using namespace nmc::snn;
using namespace nmc::spinn;

namespace nmc {
#define GEN_PASS_DEF_SPINNPARTITION
#include "nmc/Spinn/SpinnPasses.h.inc"
} // namespace nmc

namespace {

constexpr StringLiteral kPass = "spinn-partition";

constexpr int64_t kBytesPerWord = 4;
/// spinnaker.md §A.5: incoming_spike_buffer_size = 256 keys of one word.
constexpr int64_t kInputBufferBytes = 256 * kBytesPerWord;
/// spinnaker.md §A.5: N_DMA_BUFFERS 2, each one synaptic row of at most
/// 256 synapses (§A.3) plus N_SYNAPSE_ROW_HEADER_WORDS 3.
constexpr int64_t kRowHeaderWords = 3;
constexpr int64_t kDmaBufferBytes = 2 * (kRowHeaderWords + 256) * kBytesPerWord;
/// spinnaker.md §A.5: a master population table entry (20 B) and its
/// address-list entry (4 B) per incoming source slice.
constexpr int64_t kPopTableEntryBytes = 20 + 4;
/// spinnaker.md §A.5: ring-buffer entries of 2 B (MAX_RING_BUFFER_BITS =
/// 14 = n + t + d is kMaxRingBufferBits in SpinnOps.h).
constexpr int64_t kRingEntryBytes = 2;
/// t = ceil(log2(2 synapse types)).
constexpr int64_t kSynapseTypeBits = 1;
/// Plastic synapses (SpinnImage.h "Plastic rows"): a signed 32-bit ring
/// entry per (slot, neuron) beside the 16-bit ones, and per plastic
/// projection into the slice a post-spike history per neuron of
/// kMaxPostEvents = 16 entries (§A.4 MAX_POST_SYNAPTIC_EVENTS; SpinnImage.h
/// kMaxPostEvents) of 8 B (tick, trace) plus 8 B (count, last trace)
/// [assumed: sPyNNaker's post_event_history_t, 16-bit times and traces
/// there, 32-bit here].
constexpr int64_t kPlasticRingEntryBytes = 4;
constexpr int64_t kMaxPostEvents = 16;
constexpr int64_t kPostHistoryBytes = kMaxPostEvents * 8 + 8;
/// A plastic row's pre-trace header (SpinnImage.h kPreTraceWords).
constexpr int64_t kPreTraceWords = 2;

/// [assumed] DTCM per neuron, from sPyNNaker's IF_curr_* state structs
/// (mem, not checked against a primary source): LIF model 8 words (V,
/// V_rest, R, exp_TC, I_offset, refract_timer, V_reset, T_refract) + static
/// threshold 1 word + synapse state: delta 1 word per type (IF, LIF: the
/// input jumps), exponential 3 words per type (CubaLIF: decay, init, input).
int64_t neuronBytes(NeuronType type) {
  const int64_t perType = type == NeuronType::CubaLIF ? 3 : 1;
  return (8 + 1 + perType * 2) * kBytesPerWord;
}

int64_t ceilLog2(int64_t n) { return n <= 1 ? 0 : llvm::Log2_64_Ceil(n); }

/// The DTCM of one slice, by part.
struct Dtcm {
  int64_t neurons = 0, ring = 0, popTable = 0;
  /// Plastic ring and post-spike histories (0 without plastic input).
  int64_t plastic = 0;
  int64_t delayBits = 1;
  bool needsDelayExtension = false;
  /// The index and type bits leave no delay bit in the 14 ring-buffer bits.
  bool tooManyNeurons = false;
  /// A plastic projection's delay exceeds the on-core maximum (plastic
  /// synapses cannot use a delay extension): fewer neurons, more delay bits.
  bool plasticTooLong = false;
  int64_t total() const {
    return neurons + ring + kInputBufferBytes + kDmaBufferBytes + popTable +
           plastic;
  }
};

/// Convention 2 (SpinnImage.h): n = max(1, ceil(log2 size)) index bits, one
/// type bit, d = ceil(log2(max D + 1)) delay bits (at least 1, D >= 1)
/// capped so that n + t + d <= 14; a capped d needs a delay extension.
Dtcm estimateDtcm(int64_t sliceSize, int64_t perNeuron, int64_t maxDelay,
                  int64_t sourceSlices, int64_t plasticProjections,
                  int64_t maxPlasticDelay) {
  Dtcm d;
  d.neurons = sliceSize * perNeuron;
  const int64_t n = rowIndexBits(sliceSize);
  d.delayBits = std::max<int64_t>(1, ceilLog2(maxDelay + 1));
  const int64_t room = kMaxRingBufferBits - n - kSynapseTypeBits;
  if (room < 1) {
    d.tooManyNeurons = true;
    d.delayBits = 1;
  } else if (d.delayBits > room) {
    d.delayBits = room;
    d.needsDelayExtension = true;
  }
  d.ring =
      (int64_t(1) << (n + kSynapseTypeBits + d.delayBits)) * kRingEntryBytes;
  d.popTable = sourceSlices * kPopTableEntryBytes;
  d.plasticTooLong = maxPlasticDelay > (int64_t(1) << d.delayBits) - 1;
  if (plasticProjections > 0)
    d.plastic =
        kPlasticRingEntryBytes * (int64_t(1) << d.delayBits) * sliceSize +
        plasticProjections * sliceSize * kPostHistoryBytes;
  return d;
}

int64_t numSlices(int64_t size, int64_t sliceSize) {
  return (size + sliceSize - 1) / sliceSize;
}

struct SpinnPartitionPass : nmc::impl::SpinnPartitionBase<SpinnPartitionPass> {
  using SpinnPartitionBase::SpinnPartitionBase;

  void runOnOperation() override {
    GraphOp graph = getOperation();
    auto mappings = graph.getBodyBlock().getOps<MappingOp>();
    if (mappings.empty()) {
      graph.emitError() << kPass << ": graph '" << graph.getSymName()
                        << "' has no spinn.mapping; run convert-snn-to-spinn "
                           "first";
      return signalPassFailure();
    }
    MappingOp mapping = *mappings.begin();
    if (neuronsPerCore < 1 || sourceNeuronsPerCore < 1 || dtcmBytes < 1 ||
        sdramBytes < 1) {
      graph.emitError() << kPass << ": neurons-per-core, "
                        << "source-neurons-per-core, dtcm-bytes and "
                           "sdram-bytes must be >= 1";
      return signalPassFailure();
    }

    llvm::StringMap<Operation *> nodes;
    for (Operation &op : graph.getBodyBlock())
      if (isNode(&op))
        nodes[getNodeName(&op)] = &op;
    llvm::StringMap<SmallVector<ProjectionOp>> incoming;
    for (auto projection : graph.getBodyBlock().getOps<ProjectionOp>()) {
      for (StringRef name : {projection.getPre(), projection.getPost()})
        if (!mapping.lookupPopulation(name)) {
          projection.emitError()
              << kPass << ": projection '" << projection.getName()
              << "' names population '" << name
              << "', which the mapping does not have";
          return signalPassFailure();
        }
      // Slicing reads the matrix by the populations' sizes.
      PopulationOp pre = mapping.lookupPopulation(projection.getPre());
      PopulationOp post = mapping.lookupPopulation(projection.getPost());
      if (projection.getNPre() != pre.getSize() ||
          projection.getNPost() != post.getSize()) {
        projection.emitError()
            << kPass << ": projection '" << projection.getName()
            << "': n_pre x n_post = " << projection.getNPre() << " x "
            << projection.getNPost() << " differs from the sizes of '"
            << pre.getName() << "' and '" << post.getName() << "'";
        return signalPassFailure();
      }
      if (post.getKind() != PopulationKind::Neuron) {
        projection.emitError()
            << kPass << ": projection '" << projection.getName()
            << "' ends at source population '" << post.getName() << "'";
        return signalPassFailure();
      }
      incoming[projection.getPost()].push_back(projection);
    }

    // Slice sizes: the limit, then halved until the largest slice fits
    // DTCM. Halving a source of others' projections adds population table
    // entries to them, so repeat until nothing changes (sizes only shrink).
    SmallVector<PopulationOp> populations(
        mapping.getBodyBlock().getOps<PopulationOp>());
    llvm::StringMap<int64_t> sliceSize;
    const llvm::StringMap<SmallVector<ProjectionOp>> oneToOne =
        oneToOneSources(graph, mapping);
    for (PopulationOp pop : populations)
      sliceSize[pop.getName()] =
          std::min(pop.getSize(), pop.getKind() == PopulationKind::Source
                                      ? int64_t(sourceNeuronsPerCore)
                                      : int64_t(neuronsPerCore));
    for (bool changed = true; changed;) {
      changed = false;
      // A source population whose projections are all one-to-one is sliced
      // as its targets (the smallest of their slices): routing keys are per
      // source slice, so a larger source slice would send every target core
      // the spikes of the whole slice, most of them to rows without
      // synapses, each one a packet the core receives and looks up. Aligned
      // slices send each core only its own neurons' inputs ([assumed]: as
      // sPyNNaker slices a Poisson source feeding one population one to
      // one with that population; the default 256 for both aligns anyway).
      for (const auto &source : oneToOne) {
        int64_t &size = sliceSize[source.getKey()];
        for (ProjectionOp projection : source.getValue())
          if (sliceSize[projection.getPost()] < size) {
            size = sliceSize[projection.getPost()];
            changed = true;
          }
      }
      for (PopulationOp pop : populations) {
        if (pop.getKind() != PopulationKind::Neuron)
          continue;
        int64_t &size = sliceSize[pop.getName()];
        for (;;) {
          FailureOr<Dtcm> d = dtcmOf(pop, size, nodes, incoming, sliceSize);
          if (failed(d))
            return signalPassFailure();
          if (d->total() <= dtcmBytes && !d->tooManyNeurons &&
              !d->plasticTooLong)
            break;
          if (size == 1 && d->plasticTooLong) {
            plasticTooLong(pop, 1, *d, incoming);
            return signalPassFailure();
          }
          if (size == 1) {
            pop.emitError()
                << kPass << ": population '" << pop.getName()
                << "': one neuron needs " << d->total()
                << " B of DTCM (neuron state " << d->neurons
                << ", ring buffers " << d->ring << ", input buffer "
                << kInputBufferBytes << ", DMA buffers " << kDmaBufferBytes
                << ", population table " << d->popTable
                << "), above dtcm-bytes " << int64_t(dtcmBytes);
            return signalPassFailure();
          }
          size /= 2;
          changed = true;
        }
      }
    }

    for (PopulationOp pop : populations)
      if (failed(makeSlices(pop, sliceSize[pop.getName()], nodes, incoming,
                            sliceSize)))
        return signalPassFailure();

    // Delay extensions (convention 4): S on every source slice some of
    // whose synapses exceed their target core's on-core maximum.
    SmallVector<SliceRef> slices = collectSlices(mapping);
    FailureOr<DelayPlan> plan = planDelayExtensions(graph, slices, kPass);
    if (failed(plan))
      return signalPassFailure();
    OpBuilder b(&getContext());
    for (size_t i = 0; i < slices.size(); ++i)
      if (plan->stageTicks[i] > 0)
        slices[i].slice->setAttr("ext_stage_ticks",
                                 b.getI64IntegerAttr(plan->stageTicks[i]));
  }

  /// Plastic synapses are never delayed by an extension core: their delay
  /// must fit the slice's ring (SpinnImage.h PlasticProjection). The error
  /// names the projection, its delay and what a slice of `size` holds.
  static void
  plasticTooLong(PopulationOp pop, int64_t size, const Dtcm &d,
                 llvm::StringMap<SmallVector<ProjectionOp>> &incoming) {
    const int64_t onCore = (int64_t(1) << d.delayBits) - 1;
    for (ProjectionOp projection : incoming[pop.getName()])
      if (projection.getStdp() && projection.getMaxDelay() > onCore) {
        projection.emitError()
            << kPass << ": plastic projection '" << projection.getName()
            << "' has hardware delay " << projection.getMaxDelay()
            << " but a slice of " << size << " neuron(s) of '" << pop.getName()
            << "' holds at most " << onCore << " ticks on-core (" << d.delayBits
            << " delay bits); plastic synapses cannot use a delay extension";
        return;
      }
  }

  FailureOr<Dtcm> dtcmOf(PopulationOp pop, int64_t size,
                         llvm::StringMap<Operation *> &nodes,
                         llvm::StringMap<SmallVector<ProjectionOp>> &incoming,
                         llvm::StringMap<int64_t> &sliceSize) {
    auto neuron = dyn_cast_or_null<DiscreteNeuronOp>(nodes[pop.getName()]);
    if (!neuron) {
      pop.emitError() << kPass << ": population '" << pop.getName()
                      << "' has no snn.discrete_neuron node of that name";
      return failure();
    }
    int64_t maxDelay = 0, sourceSlices = 0, plastic = 0, plasticDelay = 0;
    for (ProjectionOp projection : incoming[pop.getName()]) {
      maxDelay = std::max(maxDelay, projection.getMaxDelay());
      StringRef pre = projection.getPre();
      sourceSlices += numSlices(projection.getNPre(), sliceSize[pre]);
      if (projection.getStdp()) {
        ++plastic;
        plasticDelay = std::max(plasticDelay, projection.getMaxDelay());
      }
    }
    return estimateDtcm(size, neuronBytes(neuron.getNeuronType()), maxDelay,
                        sourceSlices, plastic, plasticDelay);
  }

  /// Bytes of the synaptic rows of every incoming projection onto each
  /// slice: per source neuron with synapses onto the slice, 3 header words
  /// + one word per synapse (spinnaker.md §A.5).
  /// Connector form: the expected rows of every source slice onto the
  /// slice (Reach.h connectorRowWords).
  std::vector<int64_t> sdramOf(int64_t nSlices, int64_t size, int64_t popSize,
                               ArrayRef<ProjectionOp> projections,
                               llvm::StringMap<int64_t> &sliceSize) {
    std::vector<int64_t> bytes(nSlices, 0), count(nSlices, 0);
    for (ProjectionOp projection : projections) {
      if (projection.isConnector()) {
        nmc::model::ConnectorSpec spec;
        (void)projection.getConnectorSpec(spec); // verified
        const int64_t preSize = sliceSize[projection.getPre()];
        for (int64_t a = 0; a < projection.getNPre(); a += preSize)
          for (int64_t s = 0; s < nSlices; ++s)
            bytes[s] +=
                connectorRowWords(spec, a,
                                  std::min(projection.getNPre(), a + preSize),
                                  s * size, std::min(popSize, (s + 1) * size),
                                  bool(projection.getStdp())) *
                kBytesPerWord;
        continue;
      }
      auto indptr = projection.getIndptr()->getValues<int64_t>();
      auto indices = projection.getIndices()->getValues<int64_t>();
      const bool plastic = bool(projection.getStdp());
      for (int64_t i = 0; i < projection.getNPre(); ++i) {
        std::fill(count.begin(), count.end(), 0);
        for (int64_t k = indptr[i]; k < indptr[i + 1]; ++k)
          ++count[indices[k] / size];
        // A plastic row: the pre-trace header, one weight word and half
        // a control word per synapse (SpinnImage.h "Plastic rows").
        for (int64_t s = 0; s < nSlices; ++s)
          if (count[s])
            bytes[s] += (kRowHeaderWords + count[s] +
                         (plastic ? kPreTraceWords + (count[s] + 1) / 2 : 0)) *
                        kBytesPerWord;
      }
    }
    return bytes;
  }

  LogicalResult makeSlices(PopulationOp pop, int64_t size,
                           llvm::StringMap<Operation *> &nodes,
                           llvm::StringMap<SmallVector<ProjectionOp>> &incoming,
                           llvm::StringMap<int64_t> &sliceSize) {
    Block &body = pop.getBodyBlock();
    while (!body.empty())
      body.back().erase();
    OpBuilder b = OpBuilder::atBlockEnd(&body);
    const bool neuron = pop.getKind() == PopulationKind::Neuron;
    const int64_t nSlices = numSlices(pop.getSize(), size);
    std::vector<int64_t> sdram = sdramOf(nSlices, size, pop.getSize(),
                                         incoming[pop.getName()], sliceSize);
    for (int64_t s = 0; s < nSlices; ++s) {
      const int64_t lo = s * size, hi = std::min(pop.getSize(), lo + size);
      SmallVector<NamedAttribute> attrs{
          b.getNamedAttr("lo", b.getI64IntegerAttr(lo)),
          b.getNamedAttr("hi", b.getI64IntegerAttr(hi))};
      if (neuron) {
        FailureOr<Dtcm> d = dtcmOf(pop, hi - lo, nodes, incoming, sliceSize);
        if (failed(d))
          return failure();
        attrs.push_back(
            b.getNamedAttr("dtcm_bytes", b.getI64IntegerAttr(d->total())));
        attrs.push_back(b.getNamedAttr("needs_delay_extension",
                                       b.getBoolAttr(d->needsDelayExtension)));
        attrs.push_back(
            b.getNamedAttr("delay_bits", b.getI64IntegerAttr(d->delayBits)));
        if (d->plasticTooLong) {
          plasticTooLong(pop, hi - lo, *d, incoming);
          return failure();
        }
        if (sdram[s] > sdramBytes)
          return pop.emitError()
                 << kPass << ": population '" << pop.getName() << "': slice ["
                 << lo << ", " << hi << ") needs " << sdram[s]
                 << " B of synaptic rows, above one chip's sdram-bytes "
                 << int64_t(sdramBytes);
      }
      attrs.push_back(
          b.getNamedAttr("sdram_bytes", b.getI64IntegerAttr(sdram[s])));
      b.create<SliceOp>(pop.getLoc(), TypeRange{}, ValueRange{}, attrs);
    }
    return success();
  }
};

} // namespace
