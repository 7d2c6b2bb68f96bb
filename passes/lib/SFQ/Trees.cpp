//===- Trees.cpp - Balanced splitter and merger trees --------------------===//
#include "Trees.h"

#include "nmc/Dialect/SFQ/SFQOps.h"

using namespace mlir;

namespace nmc::sfq {

SmallVector<Value> buildSplitterTree(OpBuilder &b, Location loc, Value root,
                                     size_t n) {
  if (n <= 1)
    return {root};
  Type pulse = b.getType<PulseType>();
  auto split = b.create<SplitterOp>(loc, pulse, pulse, root, StringAttr());
  SmallVector<Value> leaves =
      buildSplitterTree(b, loc, split.getL(), (n + 1) / 2);
  leaves.append(buildSplitterTree(b, loc, split.getR(), n / 2));
  return leaves;
}

Value buildMergerTree(OpBuilder &b, Location loc, ValueRange wires) {
  assert(!wires.empty() && "a merger tree needs a driver");
  if (wires.size() == 1)
    return wires.front();
  const size_t half = (wires.size() + 1) / 2;
  Value a = buildMergerTree(b, loc, wires.take_front(half));
  Value c = buildMergerTree(b, loc, wires.drop_front(half));
  return b.create<MergerOp>(loc, b.getType<PulseType>(), a, c, StringAttr());
}

SmallVector<OpOperand *> usesInOrder(Value wire) {
  SmallVector<OpOperand *> uses;
  for (OpOperand &use : wire.getUses())
    uses.push_back(&use);
  llvm::sort(uses, [](OpOperand *x, OpOperand *y) {
    if (x->getOwner() == y->getOwner())
      return x->getOperandNumber() < y->getOperandNumber();
    return x->getOwner()->isBeforeInBlock(y->getOwner());
  });
  return uses;
}

} // namespace nmc::sfq
