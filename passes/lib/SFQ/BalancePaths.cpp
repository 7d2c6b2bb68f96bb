//===- BalancePaths.cpp - sfq-balance-paths ------------------------------===//
//
// Gate-level pipelining: a clocked gate combines the pulses that arrived
// since its last clock, so both data inputs must come from the same
// clocked stage; shorter paths get DFFs (../shared/reference/sfq.md §3,
// PBMap's path balancing, done here per edge, without sharing DFFs between
// loads of one wire).
//===----------------------------------------------------------------------===//
#include "nmc/SFQ/Passes.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

namespace nmc {
#define GEN_PASS_DEF_SFQBALANCEPATHS
#include "nmc/SFQ/Passes.h.inc"
} // namespace nmc

using namespace mlir;
using namespace nmc::sfq;

namespace {

/// Logic levels of every op of a circuit (all results of an op share it).
class Levels {
public:
  /// Computes every level; fails with an error on a cycle.
  LogicalResult compute(Block &body) {
    for (Operation &op : body)
      if (failed(visit(&op)))
        return failure();
    return success();
  }
  int64_t of(Value wire) const { return level.lookup(wire.getDefiningOp()); }

private:
  /// Iterative depth-first post-order over data edges (clk excluded).
  LogicalResult visit(Operation *root) {
    if (level.count(root))
      return success();
    SmallVector<std::pair<Operation *, unsigned>> stack{{root, 0}};
    onStack.insert(root);
    while (!stack.empty()) {
      auto &[op, next] = stack.back();
      OperandRange data = getDataOperands(op);
      if (next < data.size()) {
        Operation *def = data[next++].getDefiningOp();
        if (level.count(def))
          continue;
        if (onStack.count(def))
          return def->emitError()
                 << "sfq-balance-paths: cell '" << getCellName(def)
                 << "' is on a cycle; path balancing needs acyclic data "
                    "paths";
        onStack.insert(def);
        stack.push_back({def, 0});
        continue;
      }
      int64_t l = 0;
      for (Value in : data)
        l = std::max(l, level.lookup(in.getDefiningOp()));
      level[op] = l + (isClocked(op) ? 1 : 0);
      onStack.erase(op);
      stack.pop_back();
    }
    return success();
  }

  llvm::DenseMap<Operation *, int64_t> level;
  llvm::DenseSet<Operation *> onStack;
};

/// Delays `use` by `stages` DFFs (without clk: sfq-clock-tree adds it).
void delay(OpOperand &use, int64_t stages) {
  OpBuilder b(use.getOwner());
  Type pulse = b.getType<PulseType>();
  Value wire = use.get();
  for (int64_t k = 0; k < stages; ++k)
    wire = b.create<DffOp>(use.getOwner()->getLoc(), pulse, wire, Value(),
                           StringAttr());
  use.set(wire);
}

/// Brings every use in `uses` to the largest level among them.
bool align(ArrayRef<OpOperand *> uses, const Levels &levels) {
  int64_t top = 0;
  for (OpOperand *use : uses)
    top = std::max(top, levels.of(use->get()));
  bool changed = false;
  for (OpOperand *use : uses)
    if (int64_t missing = top - levels.of(use->get()); missing > 0) {
      delay(*use, missing);
      changed = true;
    }
  return changed;
}

struct BalancePathsPass : nmc::impl::SFQBalancePathsBase<BalancePathsPass> {
  using SFQBalancePathsBase::SFQBalancePathsBase;

  void runOnOperation() override {
    CircuitOp circuit = getOperation();
    Block &body = circuit.getBodyBlock();
    if (llvm::none_of(body, [](Operation &op) { return isClocked(&op); }))
      return;
    Levels levels;
    if (failed(levels.compute(body)))
      return signalPassFailure();
    // Collect first: the DFFs added below are not to be balanced again.
    SmallVector<SmallVector<OpOperand *>> groups;
    SmallVector<OpOperand *> outputs;
    for (Operation &op : body) {
      if (isa<OutputOp>(op))
        outputs.push_back(&op.getOpOperand(0));
      if (!isClocked(&op) || getDataOperands(&op).size() < 2)
        continue;
      SmallVector<OpOperand *> &group = groups.emplace_back();
      for (unsigned i = 0, e = getDataOperands(&op).size(); i < e; ++i)
        group.push_back(&op.getOpOperand(i));
    }
    if (balanceOutputs)
      groups.push_back(outputs);
    bool changed = false;
    for (ArrayRef<OpOperand *> group : groups)
      changed |= align(group, levels);
    if (changed)
      circuit.setDraft(true);
  }
};

} // namespace
