//===- ClockTree.cpp - sfq-clock-tree ------------------------------------===//
//
// The clock is a net like any other: one SFQ output, one load, so every
// clocked cell's clk comes through a splitter tree from the clock source
// (../shared/reference/sfq.md §3 "Clock distribution"). This pass rebuilds
// that tree balanced; skew is not modelled here.
//===----------------------------------------------------------------------===//
#include "Trees.h"
#include "nmc/SFQ/Passes.h"

namespace nmc {
#define GEN_PASS_DEF_SFQCLOCKTREE
#include "nmc/SFQ/Passes.h.inc"
} // namespace nmc

using namespace mlir;
using namespace nmc::sfq;

namespace {

/// The clock net below `clock`: its splitters (parents before children)
/// and the ports it drives that are not such splitters.
struct ClockNet {
  SmallVector<SplitterOp> splitters;
  SmallVector<OpOperand *> sinks;

  explicit ClockNet(Value clock) {
    SmallVector<Value> wires{clock};
    for (size_t k = 0; k < wires.size(); ++k)
      for (OpOperand &use : wires[k].getUses())
        if (auto split = dyn_cast<SplitterOp>(use.getOwner())) {
          splitters.push_back(split);
          wires.append({split.getL(), split.getR()});
        } else {
          sinks.push_back(&use);
        }
  }
};

struct ClockTreePass : nmc::impl::SFQClockTreeBase<ClockTreePass> {
  using SFQClockTreeBase::SFQClockTreeBase;

  void runOnOperation() override {
    CircuitOp circuit = getOperation();
    Block &body = circuit.getBodyBlock();
    auto clocks = body.getOps<ClockOp>();
    ClockOp clock = clocks.empty() ? ClockOp() : *clocks.begin();

    SmallVector<Operation *> unclocked;
    for (Operation &op : body) {
      if (!isClocked(&op))
        continue;
      OpOperand *clk = getClockOperand(&op);
      if (!clk) {
        unclocked.push_back(&op);
      } else if (!isClockNet(clk->get())) {
        op.emitError() << "sfq-clock-tree: clk of '" << getCellName(&op)
                       << "' is driven by '" << getWireName(clk->get())
                       << "', not by the clock";
        return signalPassFailure();
      }
    }
    if (!clock && unclocked.empty())
      return; // nothing clocked, no clock
    OpBuilder b(circuit.getContext());
    if (!clock) {
      if (!(periodPs > 0)) {
        circuit.emitError()
            << "sfq-clock-tree: period-ps must be > 0, got " << periodPs;
        return signalPassFailure();
      }
      b.setInsertionPointToStart(&body);
      clock = b.create<ClockOp>(
          circuit.getLoc(), b.getType<PulseType>(), b.getStringAttr(clockName),
          b.getF64FloatAttr(periodPs), b.getF64FloatAttr(0.0));
    }
    for (Operation *op : unclocked)
      setClock(op, clock);

    // Tear the old net down to its sinks, then rebuild it balanced.
    ClockNet net(clock);
    for (OpOperand *sink : net.sinks)
      sink->set(clock);
    for (SplitterOp split : llvm::reverse(net.splitters))
      split.erase();
    SmallVector<OpOperand *> sinks = usesInOrder(clock);
    b.setInsertionPointAfter(clock);
    SmallVector<Value> leaves =
        buildSplitterTree(b, clock.getLoc(), clock, sinks.size());
    for (auto [sink, leaf] : llvm::zip_equal(sinks, leaves))
      sink->set(leaf);
    dropDraftIfLegal(circuit);
  }
};

} // namespace
