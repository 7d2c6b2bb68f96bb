//===- SNNCanonicalize.cpp - Remove identity-like nodes -------------------===//
//
// A Scale by 1, a Delay of 0 and a Flatten that keeps the shape do nothing.
// Because node inputs are summed, such a node is removed by feeding its
// inputs straight to its users.
//===----------------------------------------------------------------------===//
#include "nmc/Dialect/SNN/SNNOps.h"
#include "nmc/Dialect/SNN/SNNUtils.h"

#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace nmc::snn;

namespace {

/// True if every user is a node whose inputs can take the replacement.
bool usersAreNodes(Operation *op) {
  for (Operation *user : op->getUsers())
    if (!isNode(user) || user == op)
      return false;
  return true;
}

template <typename OpT> struct RemoveIdentityNode : OpRewritePattern<OpT> {
  using OpRewritePattern<OpT>::OpRewritePattern;
  LogicalResult matchAndRewrite(OpT op,
                                PatternRewriter &rewriter) const override {
    if (!isIdentity(op) || !usersAreNodes(op))
      return failure();
    replaceBySum(op.getOutput(), op.getInputs(), &rewriter);
    rewriter.eraseOp(op);
    return success();
  }
  static bool allEqual(DenseFPElementsAttr attr, double value) {
    for (double v : getFloatValues(attr))
      if (v != value)
        return false;
    return true;
  }
  static bool isIdentity(ScaleOp op) { return allEqual(op.getScale(), 1.0); }
  static bool isIdentity(DelayOp op) { return allEqual(op.getDelay(), 0.0); }
  static bool isIdentity(FlattenOp op) {
    for (Value in : op.getInputs())
      if (in.getType() != op.getOutput().getType() ||
          !isa<RankedTensorType>(in.getType()))
        return false;
    return !op.getInputs().empty();
  }
};

} // namespace

void ScaleOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                          MLIRContext *context) {
  results.add<RemoveIdentityNode<ScaleOp>>(context);
}
void DelayOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                          MLIRContext *context) {
  results.add<RemoveIdentityNode<DelayOp>>(context);
}
void FlattenOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                            MLIRContext *context) {
  results.add<RemoveIdentityNode<FlattenOp>>(context);
}
