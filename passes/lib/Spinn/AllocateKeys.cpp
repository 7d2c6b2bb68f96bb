//===- AllocateKeys.cpp - spinn-allocate-keys ----------------------------===//
//
// PACMAN's ZonedRoutingInfoAllocator (spinnaker.md §B.2): a key is
// [population | slice | neuron], with one field split for every slice, so
// all slices share one mask and tables compress well. Field widths are
// ceil(log2) of the population count, the most slices of one population and
// the largest slice; neuron i of a slice sends (slice key | i).
//===----------------------------------------------------------------------===//
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
    const int64_t popBits = bitsFor(populations.size());
    const int64_t sliceBits = bitsFor(mostSlices);
    const int64_t neuronBits = bitsFor(largestSlice);
    if (popBits + sliceBits + neuronBits > 32) {
      mapping->emitError() << kPass << ": routing keys need "
                           << popBits + sliceBits + neuronBits
                           << " bits, more than 32: population " << popBits
                           << " (" << populations.size()
                           << " populations) + slice " << sliceBits
                           << " (up to " << mostSlices << " slices) + neuron "
                           << neuronBits << " (slices of up to " << largestSlice
                           << " neurons)";
      return signalPassFailure();
    }
    OpBuilder b(&getContext());
    const uint64_t mask = (0xFFFFFFFFull << neuronBits) & 0xFFFFFFFFull;
    for (auto [p, pop] : llvm::enumerate(populations)) {
      uint64_t s = 0;
      for (SliceOp slice : pop.getSlices()) {
        const uint64_t key =
            (uint64_t(p) << (sliceBits + neuronBits)) | (s++ << neuronBits);
        slice->setAttr("key", b.getI64IntegerAttr(int64_t(key)));
        slice->setAttr("mask", b.getI64IntegerAttr(int64_t(mask)));
      }
    }
    mapping->setKeyFieldsAttr(
        b.getDenseI64ArrayAttr({popBits, sliceBits, neuronBits}));
  }
};

} // namespace
