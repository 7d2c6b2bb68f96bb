//===- AllocateKeys.cpp - spinn-allocate-keys ----------------------------===//
//
// PACMAN's ZonedRoutingInfoAllocator (spinnaker.md §B.2): a key is
// [population | slice | neuron], with one field split for every slice, so
// all slices share one mask and tables compress well. Field widths are
// ceil(log2) of the population count, the most slices of one population and
// the largest slice; neuron i of a slice sends (slice key | i).
//===----------------------------------------------------------------------===//
#include "DelayExtension.h"
#include "MachineOption.h"

#include "nmc/Spinn/SpinnPasses.h"

#include "mlir/IR/Builders.h"
#include "llvm/Support/MathExtras.h"

using namespace mlir;
using namespace nmc::spinn;

namespace nmc {
#define GEN_PASS_DEF_SPINNALLOCATEKEYS
#include "nmc/Spinn/SpinnPasses.h.inc"
} // namespace nmc

namespace {

constexpr StringLiteral kPass = "spinn-allocate-keys";

int64_t bitsFor(int64_t n) { return n <= 1 ? 0 : llvm::Log2_64_Ceil(n); }

struct SpinnAllocateKeysPass
    : nmc::impl::SpinnAllocateKeysBase<SpinnAllocateKeysPass> {
  using SpinnAllocateKeysBase::SpinnAllocateKeysBase;

  void runOnOperation() override {
    FailureOr<MappingOp> mapping = getMapping(getOperation(), kPass);
    if (failed(mapping))
      return signalPassFailure();
    SmallVector<PopulationOp> populations(
        mapping->getBodyBlock().getOps<PopulationOp>());
    int64_t mostSlices = 0, largestSlice = 0;
    for (PopulationOp pop : populations) {
      int64_t n = 0;
      for (SliceOp slice : pop.getSlices()) {
        ++n;
        largestSlice = std::max(largestSlice, slice.getHi() - slice.getLo());
      }
      if (n == 0) {
        pop.emitError() << kPass << ": population '" << pop.getName()
                        << "' has no slices; run spinn-partition first";
        return signalPassFailure();
      }
      mostSlices = std::max(mostSlices, n);
    }
    if (populations.empty())
      return; // nothing sends spikes
    // Delay-extension stage keys (convention 4) take population-field
    // values after the real populations: population p's stage t is value
    // #populations + (stages of the populations before p with extensions)
    // + t - 1, with the source slice's slice field; unique by construction.
    SmallVector<SliceRef> slices = collectSlices(*mapping);
    std::vector<int64_t> stages(slices.size(), 0);
    if (llvm::any_of(slices, [](SliceRef s) {
          return s.slice.getExtStageTicks().has_value();
        })) {
      FailureOr<DelayPlan> plan =
          planDelayExtensions(getOperation(), slices, kPass);
      if (failed(plan))
        return signalPassFailure();
      for (size_t i = 0; i < slices.size(); ++i)
        if (SliceOp(slices[i].slice).getExtStageTicks())
          stages[i] = plan->stages[i];
    }
    std::vector<int64_t> stageBase(populations.size(), 0);
    int64_t fieldValues = int64_t(populations.size());
    for (size_t p = 0, i = 0; p < populations.size(); ++p) {
      int64_t most = 0;
      for (; i < slices.size() && slices[i].populationIndex == int64_t(p); ++i)
        most = std::max(most, stages[i]);
      stageBase[p] = fieldValues;
      fieldValues += most;
    }
    const int64_t popBits = bitsFor(fieldValues);
    const int64_t sliceBits = bitsFor(mostSlices);
    const int64_t neuronBits = bitsFor(largestSlice);
    if (popBits + sliceBits + neuronBits > 32) {
      mapping->emitError() << kPass << ": routing keys need "
                           << popBits + sliceBits + neuronBits
                           << " bits, more than 32: population " << popBits
                           << " (" << populations.size() << " populations, "
                           << fieldValues - int64_t(populations.size())
                           << " delay stage keys) + slice " << sliceBits
                           << " (up to " << mostSlices << " slices) + neuron "
                           << neuronBits << " (slices of up to " << largestSlice
                           << " neurons)";
      return signalPassFailure();
    }
    OpBuilder b(&getContext());
    const uint64_t mask = (0xFFFFFFFFull << neuronBits) & 0xFFFFFFFFull;
    size_t i = 0;
    for (auto [p, pop] : llvm::enumerate(populations)) {
      uint64_t s = 0;
      for (SliceOp slice : pop.getSlices()) {
        auto keyOf = [&](uint64_t field) {
          return int64_t((field << (sliceBits + neuronBits)) |
                         (s << neuronBits));
        };
        slice->setAttr("key", b.getI64IntegerAttr(keyOf(p)));
        slice->setAttr("mask", b.getI64IntegerAttr(int64_t(mask)));
        slice->removeAttr("ext_keys");
        if (stages[i] > 0) {
          SmallVector<int64_t> keys;
          for (int64_t t = 1; t <= stages[i]; ++t)
            keys.push_back(keyOf(uint64_t(stageBase[p] + t - 1)));
          slice->setAttr("ext_keys", b.getDenseI64ArrayAttr(keys));
        }
        ++s;
        ++i;
      }
    }
    mapping->setKeyFieldsAttr(
        b.getDenseI64ArrayAttr({popBits, sliceBits, neuronBits}));
  }
};

} // namespace
