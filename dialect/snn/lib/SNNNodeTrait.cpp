//===- SNNNodeTrait.cpp - Rules shared by every NIR node op ---------------===//
#include "nmc/Dialect/SNN/SNNNodeTrait.h"
#include "nmc/Dialect/SNN/SNNOps.h"

using namespace mlir;

LogicalResult nmc::snn::OpTrait::verifySNNNode(Operation *op) {
  auto name = op->getAttrOfType<StringAttr>("name");
  if (!name || name.getValue().empty())
    return op->emitOpError("needs a non-empty NIR node name");
  if (!isa_and_nonnull<GraphOp, SubgraphOp>(op->getParentOp()))
    return op->emitOpError() << "node '" << name.getValue()
                             << "' must be inside snn.graph or snn.subgraph";
  // All edges into a node are summed, so they must carry one shape.
  Type first;
  for (Value in : op->getOperands()) {
    auto t = cast<TensorType>(in.getType());
    if (!t.hasRank())
      continue;
    if (!first) {
      first = t;
      continue;
    }
    if (t != first)
      return op->emitOpError() << "node '" << name.getValue()
                               << "': summed inputs have different types "
                               << first << " and " << t;
  }
  return success();
}
