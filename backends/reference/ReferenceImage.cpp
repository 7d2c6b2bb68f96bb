//===- ReferenceImage.cpp - Discretized snn graph -> engine image -------===//
#include "nmc/Backends/ReferenceImage.h"
#include "nmc/Dialect/SNN/SNNStdp.h"
#include "nmc/Dialect/SNN/SNNUtils.h"
#include "nmc/Model/Connector.h"
#include "nmc/Model/NeuronModel.h"

#include "llvm/ADT/DenseMap.h"

#include <algorithm>
#include <optional>

using namespace mlir;
using namespace nmc::snn;
namespace keys = nmc::image::keys;

namespace nmc {
namespace {

std::vector<int64_t> ints(ArrayRef<int64_t> a) {
  return std::vector<int64_t>(a.begin(), a.end());
}

LogicalResult fillNode(Operation *op, image::Node &node,
                       const std::shared_ptr<const void> &owner,
                       NodeFiller fillOther) {
  auto floats = [&](DenseFPElementsAttr attr) {
    return getFloatArray(attr, owner);
  };
  auto err = [&]() {
    return op->emitError() << "node '" << getNodeName(op) << "': ";
  };
  if (isa<InputOp>(op)) {
    node.kind = "input";
  } else if (isa<OutputOp>(op)) {
    node.kind = "output";
  } else if (auto affine = dyn_cast<AffineOp>(op)) {
    if (affine.getWeight().getType().getRank() != 2)
      return err() << "batched Affine weights are not supported by the "
                      "reference engine";
    node.kind = "affine";
    node.f[keys::kWeight] = floats(affine.getWeight());
    node.f[keys::kBias] = floats(affine.getBias());
  } else if (auto linear = dyn_cast<LinearOp>(op)) {
    if (linear.getWeight().getType().getRank() != 2)
      return err() << "batched Linear weights are not supported by the "
                      "reference engine";
    node.kind = "affine";
    node.f[keys::kWeight] = floats(linear.getWeight());
  } else if (auto sparse = dyn_cast<SparseAffineOp>(op)) {
    node.kind = "sparse_affine";
    node.i[keys::kIndptr] = getIntArray(sparse.getIndptr(), owner);
    node.i[keys::kIndices] = getIntArray(sparse.getIndices(), owner);
    node.f[keys::kWeight] = floats(sparse.getWeight());
    if (auto bias = sparse.getBias())
      node.f[keys::kBias] = floats(*bias);
    int64_t out = node.outShape.empty() ? 0 : node.outShape[0];
    std::optional<int64_t> bad = node.i[keys::kIndices].visit(
        [&](auto targets) -> std::optional<int64_t> {
          for (int64_t target : targets)
            if (target < 0 || target >= out)
              return target;
          return std::nullopt;
        });
    if (bad)
      return err() << "sparse index " << *bad << " outside [0, " << out << ")";
  } else if (auto conn = dyn_cast<ConnectorOp>(op)) {
    // The rule travels; the engine expands it when it loads the image.
    model::ConnectorSpec spec;
    if (std::string why = conn.getSpec(spec); !why.empty())
      return err() << why;
    node.kind = "connector";
    node.s[keys::kRule] = std::string(model::toString(spec.rule));
    if (spec.rule == model::ConnectorRule::FixedProbability)
      node.f[keys::kP] = std::vector<double>{spec.p};
    if (spec.rule == model::ConnectorRule::FixedNumberPre ||
        spec.rule == model::ConnectorRule::FixedTotalNumber)
      node.i[keys::kN] = {spec.n};
    node.i[keys::kAllowSelf] = {spec.allowSelf ? 1 : 0};
    node.i[keys::kWithReplacement] = {spec.withReplacement ? 1 : 0};
    node.i[keys::kSeed] = {static_cast<int64_t>(spec.seed)};
    node.s[keys::kWeightDistribution] =
        std::string(model::toString(spec.weight.kind));
    node.f[keys::kWeight] = model::distributionParams(spec.weight);
    if (conn.getDelayDistribution()) {
      node.s[keys::kDelayDistribution] =
          std::string(model::toString(spec.delay.kind));
      node.f[keys::kDelay] = model::distributionParams(spec.delay);
    }
  } else if (auto scale = dyn_cast<ScaleOp>(op)) {
    node.kind = "scale";
    node.f[keys::kScale] = floats(scale.getScale());
  } else if (isa<Conv1dOp, Conv2dOp>(op)) {
    auto weight = op->getAttrOfType<DenseFPElementsAttr>("weight");
    auto dilation = op->getAttrOfType<DenseI64ArrayAttr>("dilation");
    ArrayRef<int64_t> kernel = weight.getType().getShape().drop_front(2);
    SmallVector<int64_t> lo, hi;
    if (failed(
            resolvePadding(op->getAttr("padding"), kernel, dilation, lo, hi)))
      return err() << "invalid padding";
    setConvGeometry(node, kernel,
                    op->getAttrOfType<DenseI64ArrayAttr>("stride"), dilation,
                    lo, hi, op->getAttrOfType<IntegerAttr>("groups").getInt());
    node.f[keys::kWeight] = floats(weight);
    node.f[keys::kBias] =
        floats(op->getAttrOfType<DenseFPElementsAttr>("bias"));
  } else if (isa<FlattenOp>(op)) {
    node.kind = "flatten";
  } else if (isa<SumPool2dOp, AvgPool2dOp>(op)) {
    node.kind = isa<SumPool2dOp>(op) ? "sum_pool" : "avg_pool";
    node.i[keys::kKernelSize] =
        ints(op->getAttrOfType<DenseI64ArrayAttr>("kernel_size"));
    node.i[keys::kStride] =
        ints(op->getAttrOfType<DenseI64ArrayAttr>("stride"));
    node.i[keys::kPadding] =
        ints(op->getAttrOfType<DenseI64ArrayAttr>("padding"));
  } else if (auto delay = dyn_cast<DiscreteDelayOp>(op)) {
    node.kind = "delay";
    node.i[keys::kSteps] = getIntArray(delay.getSteps(), owner);
  } else if (auto threshold = dyn_cast<ThresholdOp>(op)) {
    node.kind = "threshold";
    node.f[keys::kThreshold] = floats(threshold.getThreshold());
  } else if (auto neuron = dyn_cast<DiscreteNeuronOp>(op)) {
    node.kind = "neuron";
    model::NeuronType type = toModel(neuron.getNeuronType());
    node.s[keys::kNeuronType] = model::toString(type);
    // The op's coefficient attributes carry the image's key names.
    for (const char *key : keys::kCoefs)
      node.f[key] = floats(op->getAttrOfType<DenseFPElementsAttr>(key));
    node.i[keys::kHasSyn] = {model::hasSynapse(type) ? 1 : 0};
    node.i[keys::kSpiking] = {model::isSpiking(type) ? 1 : 0};
    node.i[keys::kResetSubtract] = {
        neuron.getReset() == ResetMode::Subtract ? 1 : 0};
    if (auto steps = neuron.getRefSteps())
      node.i[keys::kRefSteps] = getIntArray(*steps, owner);
    if (auto a = neuron.getATheta())
      node.f[keys::kATheta] = floats(cast<DenseFPElementsAttr>(*a));
    if (auto d = neuron.getDTheta())
      node.f[keys::kDTheta] = floats(cast<DenseFPElementsAttr>(*d));
  } else if (isa<SubgraphOp>(op)) {
    return err() << "nested graphs must be inlined first "
                    "(snn-inline-subgraphs)";
  } else if (std::optional<LogicalResult> filled =
                 fillOther ? fillOther(op, node) : std::nullopt) {
    return *filled;
  } else {
    return err() << op->getName()
                 << " must be discretized first (snn-discretize)";
  }
  return success();
}

/// The stdp_* arrays of a plastic node (nmc/Emulator/Image.h): taus in
/// steps of dt, amplitudes and bounds as the graph has them (rounded to the
/// number format by snn-quantize), and the image index of the post neuron.
LogicalResult fillStdp(Operation *op, StdpAttr stdp, double dt,
                       const llvm::DenseMap<Operation *, uint32_t> &index,
                       image::Node &node) {
  std::string why;
  Operation *post = getPlasticPost(op, why);
  if (!post)
    return op->emitError() << "node '" << getNodeName(op) << "': " << why;
  image::setStdpKeys(node, model::stdpInSteps(stdp.toModel(), dt),
                     static_cast<int64_t>(index.lookup(post)));
  return success();
}

} // namespace

void setConvGeometry(image::Node &node, ArrayRef<int64_t> kernel,
                     ArrayRef<int64_t> stride, ArrayRef<int64_t> dilation,
                     ArrayRef<int64_t> padLo, ArrayRef<int64_t> padHi,
                     int64_t groups) {
  node.kind = "conv";
  node.i[keys::kKernelSize] = ints(kernel);
  node.i[keys::kStride] = ints(stride);
  node.i[keys::kDilation] = ints(dilation);
  node.i[keys::kPadLo] = ints(padLo);
  node.i[keys::kPadHi] = ints(padHi);
  node.i[keys::kGroups] = {groups};
}

LogicalResult buildReferenceImage(GraphOp graph, image::Image &image,
                                  std::shared_ptr<const void> contextOwner,
                                  NodeFiller fillOther) {
  if (!graph.getDt())
    return graph.emitError("graph is not discretized; run snn-discretize");
  image.dt = graph.getDtAttr().getValueAsDouble();
  auto method = graph.getMethod();
  auto reset = graph.getReset();
  image.method = method ? model::toString(toModel(*method)) : "";
  image.resetMode = reset ? model::toString(toModel(*reset)) : "";
  // Set by snn-quantize; absent = floating point.
  if (auto format = graph->getAttrOfType<StringAttr>("number_format"))
    image.numberFormat = format.str();
  image.nodes.clear();

  std::vector<Operation *> order = executionOrder(graph.getBodyBlock());
  llvm::DenseMap<Operation *, uint32_t> index;
  for (Operation *op : order)
    index[op] = index.size();

  for (Operation *op : order) {
    image::Node node;
    node.name = getNodeName(op).str();
    auto out = getShape(op->getResult(0).getType());
    if (!out)
      return op->emitError()
             << "node '" << node.name << "': unknown output shape";
    node.outShape = ints(*out);
    node.inShape = node.outShape;
    for (Value in : op->getOperands()) {
      if (auto shape = getShape(in.getType()))
        node.inShape = ints(*shape);
      Operation *src = in.getDefiningOp();
      uint32_t s = index.lookup(src);
      node.inputs.push_back({s, s >= index[op]});
    }
    if (failed(fillNode(op, node, contextOwner, fillOther)))
      return failure();
    if (StdpAttr stdp = getStdp(op))
      if (failed(fillStdp(op, stdp, image.dt, index, node)))
        return failure();
    image.nodes.push_back(std::move(node));
  }
  return success();
}

} // namespace nmc
