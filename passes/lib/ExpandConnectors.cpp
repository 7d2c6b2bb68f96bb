//===- ExpandConnectors.cpp - snn-expand-connectors -----------------------===//
//
// Targets without procedural connectivity get the connector's synapses as a
// sparse_affine. Only these targets expand in the compiler: NIR files and
// the snn graph otherwise keep the rule and the seed.
//===----------------------------------------------------------------------===//
#include "nmc/Dialect/SNN/SNNOps.h"
#include "nmc/Dialect/SNN/SNNUtils.h"
#include "nmc/Model/Connector.h"
#include "nmc/Transforms/ExpandConnector.h"
#include "nmc/Transforms/Passes.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/StringSet.h"

#include <cmath>
#include <optional>

using namespace mlir;
using namespace nmc::snn;
namespace model = nmc::model;

namespace nmc {
#define GEN_PASS_DEF_SNNEXPANDCONNECTORS
#include "nmc/Transforms/Passes.h.inc"
} // namespace nmc

namespace {

/// The one value a distribution can take, if it is degenerate.
std::optional<double> constantOf(const model::Distribution &d) {
  switch (d.kind) {
  case model::Distribution::Kind::Constant:
    return d.a;
  case model::Distribution::Kind::Uniform:
    return d.a == d.b ? std::optional<double>(d.a) : std::nullopt;
  case model::Distribution::Kind::NormalClipped:
    return d.b == 0 ? std::optional<double>(d.a) : std::nullopt;
  case model::Distribution::Kind::Choice:
    for (double v : d.values)
      if (v != d.values.front())
        return std::nullopt;
    return d.values.front();
  }
  return std::nullopt;
}

std::string uniqueName(llvm::StringSet<> &taken, std::string name) {
  std::string candidate = name;
  for (int k = 1; taken.contains(candidate); ++k)
    candidate = name + std::to_string(k);
  taken.insert(candidate);
  return candidate;
}

struct SNNExpandConnectorsPass
    : nmc::impl::SNNExpandConnectorsBase<SNNExpandConnectorsPass> {
  void runOnOperation() override {
    GraphOp graph = getOperation();
    SmallVector<ConnectorOp> connectors(
        graph.getBodyBlock().getOps<ConnectorOp>());
    if (connectors.empty())
      return;
    llvm::StringSet<> taken;
    for (Operation &op : graph.getBodyBlock())
      taken.insert(getNodeName(&op));
    for (ConnectorOp conn : connectors)
      if (failed(nmc::expandConnectorOp(conn, taken)))
        return signalPassFailure();
  }
};

} // namespace

FailureOr<SparseAffineOp> nmc::expandConnectorOp(ConnectorOp conn,
                                                 llvm::StringSet<> &taken) {
  auto graph = conn->getParentOfType<GraphOp>();
  auto err = [&]() {
    return conn.emitError() << "node '" << conn.getName() << "': ";
  };
  model::ConnectorSpec spec;
  if (std::string why = conn.getSpec(spec); !why.empty())
    return err() << why;
  // A plastic connector keeps its rule on the sparse node; its delay (one
  // for all synapses, checked by the verifier) becomes a Delay node before
  // it, so pre spikes count when they reach the synapse (Plasticity.h).
  std::optional<double> delay = constantOf(spec.delay);
  if (!delay)
    return err() << "its delays are drawn from a "
                 << model::toString(spec.delay.kind)
                 << " distribution, one per synapse; this target has one "
                    "delay per input (use a constant delay)";
  // Synapses without delays: dt only converts delays, handled below.
  spec.delay = model::Distribution{};
  model::ExpandedConnector e;
  if (std::string why = model::expandConnector(spec, 0, spec.nPost, 1.0, e);
      !why.empty())
    return err() << why;

  OpBuilder b(conn);
  MLIRContext *ctx = b.getContext();
  SmallVector<Value> inputs(conn.getInputs());
  const std::optional<double> dt =
      graph.getDt() ? std::optional<double>(graph.getDt()->convertToDouble())
                    : std::nullopt;
  if (*delay != 0) {
    const std::string name = uniqueName(taken, conn.getName().str() + ".delay");
    auto preType = getEdgeType(ctx, {spec.nPre});
    Operation *d = nullptr;
    if (dt) {
      const double steps = std::round(*delay / *dt);
      if (!(steps <= 9007199254740992.0)) // 2^53, as snn-discretize
        return err() << "delay " << *delay << " is " << steps
                     << " steps of dt = " << *dt;
      auto type = RankedTensorType::get({spec.nPre}, b.getI64Type());
      d = b.create<DiscreteDelayOp>(
          conn.getLoc(), preType, b.getStringAttr(name), inputs,
          DenseIntElementsAttr::get(
              type, SmallVector<int64_t>(spec.nPre, int64_t(steps))));
    } else {
      auto type = RankedTensorType::get({spec.nPre}, b.getF64Type());
      d = b.create<DelayOp>(conn.getLoc(), preType, b.getStringAttr(name),
                            inputs,
                            DenseFPElementsAttr::get(
                                type, SmallVector<double>(spec.nPre, *delay)));
    }
    inputs.assign({d->getResult(0)});
  }
  const int64_t nnz = static_cast<int64_t>(e.indices.size());
  auto indptr = DenseIntElementsAttr::get(
      RankedTensorType::get({spec.nPre + 1}, b.getI64Type()),
      ArrayRef<int64_t>(e.indptr));
  auto indices =
      DenseIntElementsAttr::get(RankedTensorType::get({nnz}, b.getI32Type()),
                                ArrayRef<int32_t>(e.indices));
  auto weight = DenseFPElementsAttr::get(
      RankedTensorType::get({nnz}, b.getF32Type()), ArrayRef<float>(e.weights));
  auto sparse = b.create<SparseAffineOp>(
      conn.getLoc(), conn.getOutput().getType(), conn.getNameAttr(), inputs,
      indptr, indices, weight, DenseFPElementsAttr(), conn.getStdpAttr());
  if (auto md = conn->getAttr("nir.metadata"))
    sparse->setAttr("nir.metadata", md);
  conn.getOutput().replaceAllUsesWith(sparse.getOutput());
  conn.erase();
  return sparse;
}
