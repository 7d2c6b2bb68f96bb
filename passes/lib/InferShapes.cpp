//===- InferShapes.cpp - snn-infer-shapes ---------------------------------===//
#include "nmc/Dialect/SNN/SNNUtils.h"
#include "nmc/Transforms/Passes.h"

using namespace mlir;
using namespace nmc::snn;

namespace nmc {
#define GEN_PASS_DEF_SNNINFERSHAPES
#include "nmc/Transforms/Passes.h.inc"
} // namespace nmc

namespace {

/// Shape the node computes from its (first ranked) input, if derivable.
std::optional<SmallVector<int64_t>> shapeFromInputs(Operation *op) {
  for (Value in : op->getOperands()) {
    auto shape = getShape(in.getType());
    if (!shape)
      continue;
    if (auto derived = inferOutputShape(op, *shape))
      return derived;
    // Elementwise nodes keep the shape of their input.
    if (isa<OutputOp, ScaleOp, DelayOp, ThresholdOp, DiscreteDelayOp>(op))
      return shape;
    return std::nullopt;
  }
  return std::nullopt;
}

/// One sweep over `body`; returns true if any type changed.
bool sweep(Block &body) {
  bool changed = false;
  for (Operation &op : body) {
    if (auto sub = dyn_cast<SubgraphOp>(&op)) {
      // The inner input node takes the shape of the outer operands.
      InputOp input = *sub.getBodyBlock().getOps<InputOp>().begin();
      if (!getShape(input.getType()))
        if (auto outer = shapeFromInputs(sub);
            outer || !sub.getInputs().empty())
          for (Value in : sub.getInputs())
            if (auto shape = getShape(in.getType())) {
              input.getOutput().setType(getEdgeType(op.getContext(), *shape));
              changed = true;
              break;
            }
      changed |= sweep(sub.getBodyBlock());
      OutputOp output = *sub.getBodyBlock().getOps<OutputOp>().begin();
      if (!getShape(sub.getType()) && getShape(output.getType())) {
        sub.getOutput().setType(output.getType());
        changed = true;
      }
      continue;
    }
    if (!isNode(&op)) // a target's annotation, e.g. spinn.mapping
      continue;
    Value result = op.getResult(0);
    if (getShape(result.getType()))
      continue;
    if (auto shape = shapeFromInputs(&op)) {
      result.setType(getEdgeType(op.getContext(), *shape));
      changed = true;
    }
  }
  return changed;
}

struct SNNInferShapesPass : nmc::impl::SNNInferShapesBase<SNNInferShapesPass> {
  void runOnOperation() override {
    GraphOp graph = getOperation();
    while (sweep(graph.getBodyBlock())) {
    }
    graph.walk([&](Operation *op) {
      if (!isNode(op) || getShape(op->getResult(0).getType()))
        return;
      op->emitError() << "node '" << getNodeName(op)
                      << "': cannot infer its output shape (no input with a "
                         "known shape, or parameters that do not fit it)";
      signalPassFailure();
    });
  }
};

} // namespace
