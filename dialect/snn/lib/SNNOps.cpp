//===- SNNOps.cpp - snn op verifiers and helpers -------------------------===//
//
// Every verifier names the NIR node at fault ("node 'lif1': ...") so errors
// from imported files point at the node a user knows.
//===----------------------------------------------------------------------===//
#include "nmc/Dialect/SNN/SNNOps.h"
#include "nmc/Dialect/SNN/SNNStdp.h"
#include "nmc/Dialect/SNN/SNNUtils.h"

#include "mlir/IR/OpImplementation.h"
#include "nmc/Model/NeuronModel.h"

#include "llvm/ADT/StringSet.h"

#include <cmath>
#include <cstdint>

using namespace mlir;
using namespace nmc::snn;

#define GET_OP_CLASSES
#include "nmc/Dialect/SNN/SNNOps.cpp.inc"

//===----------------------------------------------------------------------===//
// Shared checks
//===----------------------------------------------------------------------===//

static InFlightDiagnostic nodeError(Operation *op) {
  return op->emitOpError() << "node '" << getNodeName(op) << "': ";
}

static std::string shapeStr(ArrayRef<int64_t> shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i)
    s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + "]";
}

/// Shape of the (summed) input, if any input is ranked.
static std::optional<SmallVector<int64_t>> inputShape(Operation *op) {
  for (Value in : op->getOperands())
    if (auto shape = getShape(in.getType()))
      return shape;
  return std::nullopt;
}

static std::optional<SmallVector<int64_t>> outputShape(Operation *op) {
  return getShape(op->getResult(0).getType());
}

/// Elementwise nodes: input, output and every parameter share one shape.
static LogicalResult
verifyElementwise(Operation *op,
                  ArrayRef<std::pair<StringRef, ShapedType>> params) {
  auto out = outputShape(op);
  auto in = inputShape(op);
  if (in && out && *in != *out)
    return nodeError(op) << "input shape " << shapeStr(*in)
                         << " differs from output shape " << shapeStr(*out);
  std::optional<SmallVector<int64_t>> ref = out ? out : in;
  for (auto [name, type] : params) {
    if (!ref) {
      ref = SmallVector<int64_t>(type.getShape());
      continue;
    }
    if (type.getShape() != ArrayRef<int64_t>(*ref))
      return nodeError(op) << "parameter '" << name << "' has shape "
                           << shapeStr(type.getShape())
                           << " but the node shape is " << shapeStr(*ref);
  }
  return success();
}

template <typename OpT>
static SmallVector<std::pair<StringRef, ShapedType>> paramTypes(OpT op) {
  SmallVector<std::pair<StringRef, ShapedType>> result;
  for (StringRef name : OpT::getAttributeNames())
    if (auto attr = dyn_cast_or_null<DenseElementsAttr>(op->getAttr(name)))
      result.push_back({name, attr.getType()});
  return result;
}

static LogicalResult verifyShapeFollows(Operation *op) {
  auto in = inputShape(op);
  auto out = outputShape(op);
  if (!in || !out)
    return success();
  auto expected = inferOutputShape(op, *in);
  if (!expected)
    return nodeError(op) << "parameters do not fit input shape "
                         << shapeStr(*in);
  if (*expected != *out)
    return nodeError(op) << "output shape " << shapeStr(*out)
                         << " does not match " << shapeStr(*expected)
                         << " computed from input shape " << shapeStr(*in);
  return success();
}

/// Checks names are unique among the nodes of a graph body.
static LogicalResult verifyUniqueNames(Operation *graph, Block &body) {
  llvm::StringSet<> seen;
  for (Operation &op : body) {
    // A target's per-graph data (e.g. spinn.mapping) is an op of another
    // dialect with no operands and no results: it is not on any edge.
    if (Dialect *d = op.getDialect(); d && !isa<SNNDialect>(d) &&
                                      op.getNumOperands() == 0 &&
                                      op.getNumResults() == 0)
      continue;
    if (!isNode(&op))
      return op.emitOpError("is not a NIR node and cannot appear in a graph");
    if (!seen.insert(getNodeName(&op)).second)
      return op.emitOpError()
             << "duplicate node name '" << getNodeName(&op) << "' in graph";
  }
  (void)graph;
  return success();
}

//===----------------------------------------------------------------------===//
// Graph structure
//===----------------------------------------------------------------------===//

RegionKind GraphOp::getRegionKind(unsigned) { return RegionKind::Graph; }
RegionKind SubgraphOp::getRegionKind(unsigned) { return RegionKind::Graph; }

LogicalResult GraphOp::verify() {
  if (getBody().empty())
    return emitOpError("needs a body block");
  return verifyUniqueNames(*this, getBodyBlock());
}

LogicalResult SubgraphOp::verify() {
  if (getBody().empty())
    return emitOpError("needs a body block");
  if (failed(verifyUniqueNames(*this, getBodyBlock())))
    return failure();
  SmallVector<InputOp> inputs(getBodyBlock().getOps<InputOp>());
  SmallVector<OutputOp> outputs(getBodyBlock().getOps<OutputOp>());
  if (inputs.size() != 1 || outputs.size() != 1)
    return nodeError(*this)
           << "a nested graph needs exactly one input and one output node "
              "(NIR has no subgraph port notation), found "
           << inputs.size() << " and " << outputs.size();
  // NIR's output node ends the graph: nothing inside may read it (inlining
  // would otherwise leave a dangling use).
  if (!outputs.front()->use_empty())
    return nodeError(*this)
           << "output node '" << getNodeName(outputs.front())
           << "' feeds node '"
           << getNodeName(*outputs.front()->getUsers().begin())
           << "' inside the nested graph; an output node can have no users";
  auto inner = getShape(inputs.front().getType());
  auto outer = inputShape(*this);
  if (inner && outer && *inner != *outer)
    return nodeError(*this)
           << "input shape " << shapeStr(*outer)
           << " differs from its input node's shape " << shapeStr(*inner);
  auto innerOut = getShape(outputs.front().getType());
  auto out = outputShape(*this);
  if (innerOut && out && *innerOut != *out)
    return nodeError(*this)
           << "result shape " << shapeStr(*out)
           << " differs from its output node's shape " << shapeStr(*innerOut);
  return success();
}

LogicalResult InputOp::verify() {
  if (!getInputs().empty())
    return nodeError(*this) << "an input node takes no operands";
  if (!outputShape(*this))
    return nodeError(*this) << "an input node needs a known shape";
  return success();
}

LogicalResult OutputOp::verify() { return verifyElementwise(*this, {}); }

//===----------------------------------------------------------------------===//
// Weights
//===----------------------------------------------------------------------===//

/// Affine/Linear: weight (..., out, in); input (..., in); output (..., out).
static LogicalResult verifyMatmul(Operation *op, DenseFPElementsAttr weight,
                                  DenseFPElementsAttr bias) {
  auto w = weight.getType().getShape();
  if (w.size() < 2)
    return nodeError(op) << "weight must have rank >= 2 (out, in), got shape "
                         << shapeStr(w);
  ArrayRef<int64_t> batch = w.drop_back(2);
  int64_t outDim = w[w.size() - 2], inDim = w.back();
  if (bias && bias.getType().getShape() != ArrayRef<int64_t>{outDim})
    return nodeError(op) << "bias has shape "
                         << shapeStr(bias.getType().getShape())
                         << " but weight has " << outDim << " outputs";
  SmallVector<int64_t> expectIn(batch), expectOut(batch);
  expectIn.push_back(inDim);
  expectOut.push_back(outDim);
  if (auto in = inputShape(op); in && *in != expectIn)
    return nodeError(op) << "input shape " << shapeStr(*in)
                         << " does not match weight shape " << shapeStr(w)
                         << " (expects " << shapeStr(expectIn) << ")";
  if (auto out = outputShape(op); out && *out != expectOut)
    return nodeError(op) << "output shape " << shapeStr(*out)
                         << " does not match weight shape " << shapeStr(w)
                         << " (expects " << shapeStr(expectOut) << ")";
  return success();
}

LogicalResult AffineOp::verify() {
  if (failed(verifyMatmul(*this, getWeight(), getBias())))
    return failure();
  return verifyPlasticNode(*this);
}
LogicalResult LinearOp::verify() {
  if (failed(verifyMatmul(*this, getWeight(), nullptr)))
    return failure();
  return verifyPlasticNode(*this);
}

LogicalResult SparseAffineOp::verify() {
  auto in = inputShape(*this);
  auto out = outputShape(*this);
  if ((in && in->size() != 1) || (out && out->size() != 1))
    return nodeError(*this) << "sparse_affine maps vectors to vectors";
  if (getIndptr().getType().getRank() != 1 ||
      getIndices().getType().getRank() != 1 ||
      getWeight().getType().getRank() != 1)
    return nodeError(*this) << "indptr, indices and weight must be rank 1";
  int64_t nnz = getIndices().getNumElements();
  if (getWeight().getNumElements() != nnz)
    return nodeError(*this) << "has " << nnz << " indices but "
                            << getWeight().getNumElements() << " weights";
  if (in && getIndptr().getNumElements() != (*in)[0] + 1)
    return nodeError(*this)
           << "indptr has " << getIndptr().getNumElements()
           << " entries, expected inputs + 1 = " << (*in)[0] + 1;
  if (getIndptr().getNumElements() > 0) {
    int64_t last = getIndptr()
                       .getValues<APInt>()[getIndptr().getNumElements() - 1]
                       .getSExtValue();
    if (last != nnz)
      return nodeError(*this) << "indptr ends at " << last << " but there are "
                              << nnz << " indices";
  }
  if (auto bias = getBias();
      bias && out && bias->getType().getShape() != ArrayRef<int64_t>{(*out)[0]})
    return nodeError(*this) << "bias shape does not match output shape";
  return verifyPlasticNode(*this);
}

std::string ConnectorOp::getSpec(nmc::model::ConnectorSpec &spec) {
  namespace model = nmc::model;
  spec = model::ConnectorSpec{};
  spec.rule = toModel(getRule());
  spec.nPre = getNPre();
  spec.nPost = getNPost();
  if (spec.rule == model::ConnectorRule::FixedProbability) {
    if (!getP())
      return "fixed_probability needs the attribute p";
    spec.p = getP()->convertToDouble();
  }
  if (spec.rule == model::ConnectorRule::FixedNumberPre ||
      spec.rule == model::ConnectorRule::FixedTotalNumber) {
    if (!getN())
      return std::string(model::toString(spec.rule)) + " needs the attribute n";
    spec.n = static_cast<int64_t>(*getN());
  }
  spec.allowSelf = getAllowSelf();
  spec.withReplacement = getWithReplacement();
  std::vector<double> w(getWeight().begin(), getWeight().end());
  if (std::string e = model::makeDistribution(toModel(getWeightDistribution()),
                                              w, "weight", spec.weight);
      !e.empty())
    return e;
  if (getDelayDistribution() || getDelay()) {
    if (!getDelayDistribution() || !getDelay())
      return "delay and delay_distribution go together";
    std::vector<double> d(getDelay()->begin(), getDelay()->end());
    if (std::string e = model::makeDistribution(
            toModel(*getDelayDistribution()), d, "delay", spec.delay);
        !e.empty())
      return e;
  }
  spec.seed = static_cast<uint64_t>(getSeed());
  return "";
}

LogicalResult ConnectorOp::verify() {
  nmc::model::ConnectorSpec spec;
  std::string why = getSpec(spec);
  if (why.empty())
    why = nmc::model::validateConnector(spec);
  if (!why.empty())
    return nodeError(*this) << why;
  auto in = inputShape(*this);
  auto out = outputShape(*this);
  if ((in && in->size() != 1) || (out && out->size() != 1))
    return nodeError(*this) << "connector maps vectors to vectors";
  if (in && (*in)[0] != spec.nPre)
    return nodeError(*this)
           << "input has " << (*in)[0] << " elements but n_pre = " << spec.nPre;
  if (out && (*out)[0] != spec.nPost)
    return nodeError(*this) << "output has " << (*out)[0]
                            << " elements but n_post = " << spec.nPost;
  return verifyPlasticNode(*this);
}

LogicalResult ScaleOp::verify() {
  return verifyElementwise(*this, paramTypes(*this));
}

/// The sliding window of a conv or pool fits its padded input along
/// spatial dim `d` (the node's own error, not its consumer's).
static LogicalResult verifyWindow(Operation *op, size_t d, int64_t in,
                                  int64_t kernel, int64_t stride, int64_t padLo,
                                  int64_t padHi, int64_t dilation) {
  std::string why;
  if (!convOutputSize(in, kernel, stride, padLo, padHi, dilation, &why))
    return nodeError(op) << why << " along spatial dim " << d;
  return success();
}

template <typename ConvOp>
static LogicalResult verifyConv(ConvOp op, size_t spatial) {
  auto w = op.getWeight().getType().getShape();
  if (w.size() != spatial + 2)
    return nodeError(op) << "weight must have rank " << spatial + 2
                         << " (Cout, Cin/groups, k...), got " << shapeStr(w);
  if (op.getBias().getType().getShape() != ArrayRef<int64_t>{w[0]})
    return nodeError(op) << "bias must have shape [" << w[0] << "]";
  if (op.getStride().size() != spatial || op.getDilation().size() != spatial)
    return nodeError(op) << "stride and dilation need " << spatial
                         << " entries";
  for (int64_t s : op.getStride())
    if (s < 1)
      return nodeError(op) << "stride must be >= 1";
  for (int64_t d : op.getDilation())
    if (d < 1)
      return nodeError(op) << "dilation must be >= 1";
  SmallVector<int64_t> lo, hi;
  if (failed(resolvePadding(op.getPadding(), w.drop_front(2), op.getDilation(),
                            lo, hi))) {
    if (auto str = dyn_cast<StringAttr>(op.getPadding());
        str && str.getValue() == "same")
      return nodeError(op) << "padding \"same\" for kernel "
                           << shapeStr(w.drop_front(2)) << " with dilation "
                           << shapeStr(op.getDilation()) << " overflows int64";
    return nodeError(op) << "padding must be " << spatial
                         << " sizes or \"same\"/\"valid\"";
  }
  int64_t groups = static_cast<int64_t>(op.getGroups());
  if (groups < 1 || w[0] % groups != 0)
    return nodeError(op) << "groups " << groups << " must divide Cout " << w[0];
  if (auto in = inputShape(op)) {
    if (in->size() != spatial + 1 || (*in)[0] != w[1] * groups)
      return nodeError(op) << "input shape " << shapeStr(*in)
                           << " does not fit weight " << shapeStr(w)
                           << " with groups " << groups;
    if (auto declared = op.getInputShape();
        declared && *declared != ArrayRef<int64_t>(*in).drop_front())
      return nodeError(op) << "input_shape " << shapeStr(*declared)
                           << " differs from the incoming shape "
                           << shapeStr(*in);
    for (size_t d = 0; d < spatial; ++d)
      if (failed(verifyWindow(op, d, (*in)[d + 1], w[d + 2], op.getStride()[d],
                              lo[d], hi[d], op.getDilation()[d])))
        return failure();
  }
  return verifyShapeFollows(op);
}

LogicalResult Conv1dOp::verify() { return verifyConv(*this, 1); }
LogicalResult Conv2dOp::verify() { return verifyConv(*this, 2); }

LogicalResult FlattenOp::verify() {
  auto in = inputShape(*this);
  if (auto declared = getInputType();
      in && declared && *declared != ArrayRef<int64_t>(*in))
    return nodeError(*this)
           << "input_type " << shapeStr(*declared)
           << " differs from the incoming shape " << shapeStr(*in);
  return verifyShapeFollows(*this);
}

template <typename PoolOp> static LogicalResult verifyPool(PoolOp op) {
  if (op.getKernelSize().size() != 2 || op.getStride().size() != 2 ||
      op.getPadding().size() != 2)
    return nodeError(op) << "kernel_size, stride and padding need 2 entries";
  for (int64_t k : op.getKernelSize())
    if (k < 1)
      return nodeError(op) << "kernel_size must be >= 1";
  for (int64_t s : op.getStride())
    if (s < 1)
      return nodeError(op) << "stride must be >= 1";
  if (auto in = inputShape(op); in && in->size() == 3)
    for (size_t d = 0; d < 2; ++d)
      if (failed(verifyWindow(op, d, (*in)[d + 1], op.getKernelSize()[d],
                              op.getStride()[d], op.getPadding()[d],
                              op.getPadding()[d], 1)))
        return failure();
  return verifyShapeFollows(op);
}

LogicalResult SumPool2dOp::verify() { return verifyPool(*this); }
LogicalResult AvgPool2dOp::verify() { return verifyPool(*this); }

LogicalResult DelayOp::verify() {
  for (APFloat d : getDelay().getValues<APFloat>())
    if (d.isNegative() || d.isNaN())
      return nodeError(*this) << "delay must be >= 0";
  return verifyElementwise(*this, paramTypes(*this));
}

LogicalResult ThresholdOp::verify() {
  return verifyElementwise(*this, paramTypes(*this));
}

//===----------------------------------------------------------------------===//
// Neurons
//===----------------------------------------------------------------------===//

template <typename OpT>
static SmallVector<std::pair<StringRef, DenseFPElementsAttr>>
neuronParams(OpT op) {
  SmallVector<std::pair<StringRef, DenseFPElementsAttr>> result;
  for (StringRef name : OpT::getAttributeNames())
    if (auto attr = dyn_cast_or_null<DenseFPElementsAttr>(op->getAttr(name)))
      result.push_back({name, attr});
  return result;
}

/// Every element of `attr` satisfies `ok`; else names the first that fails.
static LogicalResult checkEach(Operation *op, StringRef name,
                               DenseFPElementsAttr attr, StringRef rule,
                               function_ref<bool(double)> ok) {
  if (!attr)
    return success();
  int64_t i = 0;
  for (APFloat a : attr.getValues<APFloat>()) {
    double x = a.convertToDouble();
    if (!ok(x))
      return nodeError(op) << "'" << name << "' must be " << rule << ", got "
                           << x << " (element " << i << ")";
    ++i;
  }
  return success();
}

/// The nmc extensions of spiking neurons (refractory period, adaptive
/// threshold): finite, t_ref >= 0, tau_theta > 0, d_theta with tau_theta.
static LogicalResult verifySpikingExt(Operation *op, DenseFPElementsAttr tRef,
                                      DenseFPElementsAttr dTheta,
                                      DenseFPElementsAttr tauTheta) {
  auto finite = [](double x) { return std::isfinite(x); };
  if (failed(checkEach(op, "t_ref", tRef, "finite and >= 0",
                       [](double x) { return std::isfinite(x) && x >= 0; })) ||
      failed(checkEach(op, "d_theta", dTheta, "finite", finite)) ||
      failed(checkEach(op, "tau_theta", tauTheta, "finite and > 0",
                       [](double x) { return std::isfinite(x) && x > 0; })))
    return failure();
  if (!dTheta != !tauTheta)
    return nodeError(op) << "'d_theta' and 'tau_theta' (adaptive threshold) "
                            "must be given together";
  return success();
}

#define NMC_NEURON_OP(OP, EXT)                                                 \
  SmallVector<std::pair<StringRef, DenseFPElementsAttr>>                       \
  OP::getNeuronParams() {                                                      \
    return neuronParams(*this);                                                \
  }                                                                            \
  LogicalResult OP::verify() {                                                 \
    if (failed(EXT))                                                           \
      return failure();                                                        \
    return verifyElementwise(*this, paramTypes(*this));                        \
  }
#define NMC_SPIKING_EXT                                                        \
  verifySpikingExt(*this, getTRefAttr(), getDThetaAttr(), getTauThetaAttr())
NMC_NEURON_OP(IOp, success())
NMC_NEURON_OP(IFOp, NMC_SPIKING_EXT)
NMC_NEURON_OP(LIOp, success())
NMC_NEURON_OP(LIFOp, NMC_SPIKING_EXT)
NMC_NEURON_OP(CubaLIOp, success())
NMC_NEURON_OP(CubaLIFOp, NMC_SPIKING_EXT)
#undef NMC_SPIKING_EXT
#undef NMC_NEURON_OP

LogicalResult DiscreteNeuronOp::verify() {
  const bool ext = getRefSteps() || getATheta() || getDTheta();
  if (ext && !model::isSpiking(toModel(getNeuronType())))
    return nodeError(*this) << "ref_steps, a_theta and d_theta apply to "
                               "spiking neuron types only";
  if (!getATheta() != !getDTheta())
    return nodeError(*this) << "'a_theta' and 'd_theta' must be given "
                               "together";
  if (auto steps = getRefSteps())
    for (const APInt &s : steps->getValues<APInt>())
      if (s.isNegative() || s.getSExtValue() > INT32_MAX)
        return nodeError(*this) << "ref_steps must be in [0, 2^31)";
  return verifyElementwise(*this, paramTypes(*this));
}

LogicalResult DiscreteDelayOp::verify() {
  for (const APInt &s : getSteps().getValues<APInt>())
    if (s.isNegative())
      return nodeError(*this) << "steps must be >= 0";
  return verifyElementwise(*this, paramTypes(*this));
}
