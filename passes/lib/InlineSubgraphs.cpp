//===- InlineSubgraphs.cpp - snn-inline-subgraphs -------------------------===//
#include "nmc/Dialect/SNN/SNNUtils.h"
#include "nmc/Transforms/Passes.h"

#include "llvm/ADT/StringSet.h"

using namespace mlir;
using namespace nmc::snn;

namespace nmc {
#define GEN_PASS_DEF_SNNINLINESUBGRAPHS
#include "nmc/Transforms/Passes.h.inc"
} // namespace nmc

namespace {

LogicalResult inlineSubgraph(SubgraphOp sub) {
  Block &inner = sub.getBodyBlock();
  InputOp input = *inner.getOps<InputOp>().begin();
  OutputOp output = *inner.getOps<OutputOp>().begin();
  // The verifier refuses this; checked again because erasing a used output
  // would leave a dangling use.
  if (!output->use_empty())
    return sub.emitOpError() << "node '" << sub.getName()
                             << "': its output node is read inside it";
  std::string prefix = (sub.getName() + ".").str();

  llvm::StringSet<> taken;
  for (Operation &op : *sub->getBlock())
    if (&op != sub.getOperation())
      taken.insert(getNodeName(&op));

  // Users of the input node read the subgraph's operands (summed); users of
  // the subgraph read what fed the output node.
  replaceBySum(input.getOutput(), sub.getInputs());
  replaceBySum(sub.getOutput(), output.getInputs());

  OpBuilder builder(sub);
  for (Operation &op : llvm::make_early_inc_range(inner)) {
    if (&op == input.getOperation() || &op == output.getOperation())
      continue;
    std::string name = prefix + getNodeName(&op).str();
    if (taken.contains(name))
      return sub.emitOpError()
             << "inlining renames node '" << getNodeName(&op) << "' to '"
             << name << "', which already exists in the parent";
    op.setAttr("name", builder.getStringAttr(name));
    op.moveBefore(sub);
  }
  output->dropAllReferences();
  output.erase();
  input.erase();
  sub.erase();
  return success();
}

struct SNNInlineSubgraphsPass
    : nmc::impl::SNNInlineSubgraphsBase<SNNInlineSubgraphsPass> {
  void runOnOperation() override {
    // Post-order: innermost subgraphs first, so their nodes move outwards
    // and are renamed once per enclosing level.
    SmallVector<SubgraphOp> subs;
    getOperation().walk([&](SubgraphOp sub) { subs.push_back(sub); });
    for (SubgraphOp sub : subs)
      if (failed(inlineSubgraph(sub)))
        return signalPassFailure();
  }
};

} // namespace
