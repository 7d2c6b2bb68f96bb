//===- InsertSplitters.cpp - sfq-insert-splitters ------------------------===//
//
// An SFQ output drives one input; n loads need a tree of n - 1 splitters
// (../shared/reference/sfq.md §0, §3). The clock net is sfq-clock-tree's.
//===----------------------------------------------------------------------===//
#include "Trees.h"
#include "nmc/SFQ/Passes.h"

namespace nmc {
#define GEN_PASS_DEF_SFQINSERTSPLITTERS
#include "nmc/SFQ/Passes.h.inc"
} // namespace nmc

using namespace mlir;
using namespace nmc::sfq;

namespace {

struct InsertSplittersPass
    : nmc::impl::SFQInsertSplittersBase<InsertSplittersPass> {
  void runOnOperation() override {
    CircuitOp circuit = getOperation();
    SmallVector<Value> wires;
    for (Operation &op : circuit.getBodyBlock())
      for (Value wire : op.getResults())
        if (!wire.use_empty() && !wire.hasOneUse() && !isClockNet(wire))
          wires.push_back(wire);
    for (Value wire : wires) {
      SmallVector<OpOperand *> uses = usesInOrder(wire);
      Operation *driver = wire.getDefiningOp();
      OpBuilder b(driver->getContext());
      b.setInsertionPointAfter(driver);
      SmallVector<Value> leaves =
          buildSplitterTree(b, driver->getLoc(), wire, uses.size());
      for (auto [use, leaf] : llvm::zip_equal(uses, leaves))
        use->set(leaf);
    }
    dropDraftIfLegal(circuit);
  }
};

} // namespace
