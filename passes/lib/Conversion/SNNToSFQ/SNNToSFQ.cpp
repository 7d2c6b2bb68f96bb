//===- SNNToSFQ.cpp - convert-snn-to-sfq ---------------------------------===//
//
// A discretized snn.graph becomes a draft sfq.circuit, rate-coded after the
// seed paper (../shared/reference/sfq.md §1.2, §1.3): one sfq.neuron per
// neuron element, one stochastic sfq.synapse per nonzero weight whose bias
// sets p = |w| / wmax, on the neuron's exc or inh port by the weight's
// sign. Fan-out and fan-in are left to sfq-insert-splitters/-mergers.
//===----------------------------------------------------------------------===//
#include "nmc/Dialect/SNN/SNNOps.h"
#include "nmc/Dialect/SNN/SNNStdp.h"
#include "nmc/Dialect/SNN/SNNUtils.h"
#include "nmc/SFQ/Passes.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringSet.h"

#include <cmath>
#include <tuple>

namespace nmc {
#define GEN_PASS_DEF_CONVERTSNNTOSFQ
#include "nmc/SFQ/Passes.h.inc"
} // namespace nmc

using namespace mlir;
using namespace nmc::sfq;
namespace snn = nmc::snn;

namespace {

/// The smallest pulse count n >= 1 with n * step > vth, computed in the
/// same products the comparison makes (vth / step alone rounds 2.4 / 0.8
/// to 2.9999999999999996). Without a step (no weight) the neuron never
/// fires from its inputs: 1, as any count would do.
long firingCount(double vth, double step) {
  if (!(step > 0))
    return 1;
  double guess = std::floor(vth / step) + 1;
  if (!(guess < 2147483647.0))
    return 2147483647L;
  long n = std::max(1L, long(guess));
  while (n > 1 && double(n - 1) * step > vth)
    --n;
  while (!(double(n) * step > vth))
    ++n;
  return n;
}

constexpr StringLiteral kPass = "convert-snn-to-sfq: ";

/// A weight node's nonzero entries (out, in, w) and sizes.
struct Weights {
  int64_t outs = 0, ins = 0;
  SmallVector<std::tuple<int64_t, int64_t, double>> entries;
  double maxAbs = 0;

  void add(int64_t out, int64_t in, double w) {
    if (w == 0)
      return;
    entries.push_back({out, in, w});
    maxAbs = std::max(maxAbs, std::abs(w));
  }
};

/// For f32 and f64 attributes alike.
bool allZero(DenseElementsAttr attr) {
  return llvm::all_of(attr.getValues<APFloat>(),
                      [](const APFloat &v) { return v.isZero(); });
}

InFlightDiagnostic nodeError(Operation *op) {
  return op->emitError() << kPass << "node '" << snn::getNodeName(op) << "' ("
                         << op->getName() << "): ";
}

/// Reads affine (zero bias only), linear and sparse_affine weights.
FailureOr<Weights> readWeights(Operation *op) {
  Weights weights;
  auto dense = [&](DenseFPElementsAttr w) -> LogicalResult {
    auto shape = w.getType().getShape();
    if (shape.size() != 2)
      return nodeError(op) << "weight of rank " << shape.size()
                           << "; only matrices map to synapses";
    weights.outs = shape[0];
    weights.ins = shape[1];
    std::vector<double> values = snn::getFloatValues(w);
    for (int64_t o = 0; o < weights.outs; ++o)
      for (int64_t i = 0; i < weights.ins; ++i)
        weights.add(o, i, values[o * weights.ins + i]);
    return success();
  };
  auto zeroBias = [&](std::optional<DenseFPElementsAttr> bias) {
    if (bias && !allZero(*bias))
      return LogicalResult(nodeError(op)
                           << "a nonzero bias has no SFQ mapping (it would "
                              "need an always-on pulse source)");
    return success();
  };
  if (auto affine = dyn_cast<snn::AffineOp>(op)) {
    if (failed(zeroBias(affine.getBias())) || failed(dense(affine.getWeight())))
      return failure();
  } else if (auto linear = dyn_cast<snn::LinearOp>(op)) {
    if (failed(dense(linear.getWeight())))
      return failure();
  } else {
    auto sparse = cast<snn::SparseAffineOp>(op);
    if (failed(zeroBias(sparse.getBias())))
      return failure();
    // CSR by source: input j feeds outputs indices[indptr[j] .. indptr[j+1]).
    SmallVector<int64_t> indptr, indices;
    for (const APInt &v : sparse.getIndptr().getValues<APInt>())
      indptr.push_back(v.getSExtValue());
    for (const APInt &v : sparse.getIndices().getValues<APInt>())
      indices.push_back(v.getSExtValue());
    std::vector<double> values = snn::getFloatValues(sparse.getWeight());
    auto outShape = snn::getShape(sparse.getType());
    if (!outShape)
      return nodeError(op) << "unknown output shape";
    weights.outs = snn::numElements(*outShape);
    weights.ins = int64_t(indptr.size()) - 1;
    for (int64_t j = 0; j < weights.ins; ++j)
      for (int64_t k = indptr[j]; k < indptr[j + 1]; ++k)
        weights.add(indices[k], j, values[k]);
  }
  return weights;
}

class GraphConverter {
public:
  GraphConverter(snn::GraphOp graph, const BiasMapping &mapping, double pMin)
      : graph(graph), mapping(mapping), pMin(pMin) {}

  LogicalResult run() {
    OpBuilder outer(graph);
    circuit = outer.create<CircuitOp>(graph.getLoc(), graph.getSymName());
    circuit.setDraft(true);
    b = OpBuilder::atBlockEnd(&circuit.getBodyBlock());
    pulse = b.getType<PulseType>();
    if (failed(checkNodeKinds()) || failed(createSources()))
      return failure();
    for (Operation &op : graph.getBodyBlock())
      if (auto neuron = dyn_cast<snn::DiscreteNeuronOp>(op))
        if (failed(connectNeuron(neuron)))
          return failure();
    for (auto output : graph.getBodyBlock().getOps<snn::OutputOp>())
      if (failed(connectOutput(output)))
        return failure();
    removeDeadCells();
    graph.erase();
    return success();
  }

  /// Erases the partial circuit after an error.
  void abandon() {
    if (circuit)
      circuit.erase();
  }

private:
  std::string unique(const std::string &base) {
    std::string name = base;
    for (int k = 1; !names.insert(name).second; ++k)
      name = base + "#" + std::to_string(k);
    return name;
  }
  static std::string element(StringRef node, int64_t i) {
    return (node + "[" + Twine(i) + "]").str();
  }
  FailureOr<int64_t> elements(Operation *op) {
    auto shape = snn::getShape(op->getResult(0).getType());
    if (!shape)
      return nodeError(op) << "unknown shape (run snn-lower first)";
    return snn::numElements(*shape);
  }

  /// Inputs and neurons (their wires), weights.
  LogicalResult createSources() {
    for (Operation &op : graph.getBodyBlock()) {
      if (isa<snn::InputOp>(op)) {
        FailureOr<int64_t> n = elements(&op);
        if (failed(n))
          return failure();
        auto &wires = sources[&op];
        for (int64_t i = 0; i < *n; ++i)
          wires.push_back(b.create<InputOp>(
              op.getLoc(), pulse,
              b.getStringAttr(unique(element(snn::getNodeName(&op), i)))));
      } else if (auto neuron = dyn_cast<snn::DiscreteNeuronOp>(op)) {
        if (failed(checkNeuron(neuron)))
          return failure();
        FailureOr<int64_t> n = elements(&op);
        if (failed(n))
          return failure();
        auto &cells = neurons[&op];
        auto &wires = sources[&op];
        for (int64_t o = 0; o < *n; ++o) {
          cells.push_back(b.create<NeuronOp>(
              op.getLoc(), pulse, ValueRange(), ValueRange(),
              b.getF64FloatAttr(mapping.neuronBias(1)),
              b.getStringAttr(unique(element(neuron.getName(), o)))));
          wires.push_back(cells.back().getQ());
        }
      } else if (isa<snn::AffineOp, snn::LinearOp, snn::SparseAffineOp>(op)) {
        for (Operation *user : op.getUsers())
          if (!isa<snn::DiscreteNeuronOp>(user))
            return nodeError(&op)
                   << "feeds '" << snn::getNodeName(user) << "' ("
                   << user->getName()
                   << "): weighted sums can only drive neurons on SFQ";
        FailureOr<Weights> w = readWeights(&op);
        if (failed(w))
          return failure();
        weights[&op] = std::move(*w);
      }
    }
    return success();
  }

  /// Every node is one the conversion knows (checked before the others, so
  /// an unknown node is named as the culprit rather than its neighbours).
  LogicalResult checkNodeKinds() {
    for (Operation &op : graph.getBodyBlock()) {
      if (isa<snn::InputOp, snn::OutputOp, snn::DiscreteNeuronOp, snn::AffineOp,
              snn::LinearOp, snn::SparseAffineOp>(op))
        continue;
      auto diag = nodeError(&op) << "has no SFQ mapping";
      if (isa<snn::IOp, snn::IFOp, snn::LIOp, snn::LIFOp, snn::CubaLIOp,
              snn::CubaLIFOp, snn::DelayOp>(op))
        diag << " (run snn-lower first: it discretizes neurons)";
      return failure();
    }
    return success();
  }

  LogicalResult checkNeuron(snn::DiscreteNeuronOp neuron) {
    using snn::NeuronType;
    NeuronType type = neuron.getNeuronType();
    if (type != NeuronType::IF && type != NeuronType::LIF)
      return nodeError(neuron)
             << "neuron type " << snn::stringifyNeuronType(type)
             << " has no SFQ mapping (IF and LIF only)";
    if (neuron.getReset() == snn::ResetMode::ToValue &&
        !allZero(neuron.getVReset()))
      return nodeError(neuron) << "reset to v_reset != 0 has no SFQ mapping "
                                  "(the SFQ neuron restarts its count at 0)";
    if (neuron.getRefSteps() || neuron.getATheta() || neuron.getDTheta())
      return nodeError(neuron) << "refractory steps and adaptive thresholds "
                                  "have no SFQ mapping";
    if (!allZero(neuron.getCMem_0()))
      return nodeError(neuron) << "a constant drive (c_mem_0 != 0, e.g. "
                                  "v_leak) has no SFQ mapping";
    if (llvm::any_of(neuron.getCMemIn().getValues<double>(),
                     [](double c) { return !(c > 0); }))
      return nodeError(neuron) << "c_mem_in must be > 0";
    if (llvm::any_of(neuron.getAMem().getValues<double>(),
                     [](double a) { return a != 1; }))
      neuron.emitWarning() << kPass << "node '" << neuron.getName()
                           << "': LIF leak ignored (a_mem != 1); the SFQ "
                              "neuron keeps its count between pulses";
    return success();
  }

  /// Synapses from every weight node feeding `node` into its neurons.
  LogicalResult connectNeuron(snn::DiscreteNeuronOp node) {
    SmallVector<NeuronOp> &cells = neurons[node];
    const int64_t n = cells.size();
    double wmax = 0;
    for (Value in : node.getInputs()) {
      Operation *def = in.getDefiningOp();
      auto it = weights.find(def);
      if (it == weights.end())
        return nodeError(node) << "input from '" << snn::getNodeName(def)
                               << "' (" << def->getName()
                               << ") is not a weight node; SFQ neurons take "
                                  "pulses through synapses only";
      if (it->second.outs != n)
        return nodeError(def)
               << it->second.outs << " outputs feed " << n << " neurons";
      wmax = std::max(wmax, it->second.maxAbs);
    }
    SmallVector<SmallVector<Value>> exc(n), inh(n);
    for (Value in : node.getInputs()) {
      Operation *weightNode = in.getDefiningOp();
      const Weights &w = weights[weightNode];
      for (Value src : weightNode->getOperands()) {
        Operation *srcNode = src.getDefiningOp();
        auto it = sources.find(srcNode);
        if (it == sources.end())
          return nodeError(weightNode)
                 << "input from '" << snn::getNodeName(srcNode) << "' ("
                 << srcNode->getName() << ") is neither an input nor a neuron";
        if (int64_t(it->second.size()) != w.ins)
          return nodeError(weightNode)
                 << "weight has " << w.ins << " inputs but '"
                 << snn::getNodeName(srcNode) << "' has " << it->second.size()
                 << " elements";
        for (auto [o, i, value] : w.entries) {
          const double p = std::clamp(std::abs(value) / wmax, pMin, 1 - pMin);
          auto synapse = b.create<SynapseOp>(
              weightNode->getLoc(), pulse, it->second[i],
              b.getF64FloatAttr(mapping.synapseBias(p)),
              b.getStringAttr(unique((snn::getNodeName(weightNode) + "[" +
                                      Twine(o) + "," + Twine(i) + "]")
                                         .str())));
          (value > 0 ? exc : inh)[o].push_back(synapse.getQ());
        }
      }
    }
    auto vth = node.getVThreshold().getValues<double>();
    auto cin = node.getCMemIn().getValues<double>();
    for (int64_t o = 0; o < n; ++o) {
      NeuronOp cell = cells[o];
      // A passed pulse stands for wmax of input, i.e. wmax * c_mem_in of
      // membrane potential; the reference fires when v > v_threshold, so
      // the SFQ neuron fires on the first count n with n * step > v_th.
      const long threshold = firingCount(vth[o], wmax * cin[o]);
      cell.setBiasMaAttr(b.getF64FloatAttr(mapping.neuronBias(threshold)));
      cell.getExcMutable().assign(exc[o]);
      cell.getInhMutable().assign(inh[o]);
      cell->moveBefore(&circuit.getBodyBlock(),
                       circuit.getBodyBlock().end()); // after its synapses
    }
    return success();
  }

  LogicalResult connectOutput(snn::OutputOp output) {
    if (output.getInputs().size() != 1)
      return nodeError(output) << "an output must be fed by exactly one node "
                                  "(got "
                               << output.getInputs().size() << ")";
    Operation *srcNode = output.getInputs()[0].getDefiningOp();
    auto it = sources.find(srcNode);
    if (it == sources.end())
      return nodeError(output) << "fed by '" << snn::getNodeName(srcNode)
                               << "' (" << srcNode->getName()
                               << "); outputs carry spikes of neurons or "
                                  "inputs";
    for (auto [o, wire] : llvm::enumerate(it->second))
      b.create<OutputOp>(output.getLoc(),
                         b.getStringAttr(unique(element(output.getName(), o))),
                         wire);
    return success();
  }

  /// Cells nobody reads (a neuron whose spikes go nowhere, then its
  /// synapses) and input elements without a synapse are not hardware.
  void removeDeadCells() {
    Block &body = circuit.getBodyBlock();
    SmallVector<Operation *> dead;
    for (Operation &op : body)
      if (getCellKind(&op) && op.use_empty())
        dead.push_back(&op);
    while (!dead.empty()) {
      Operation *op = dead.pop_back_val();
      SmallVector<Operation *> drivers;
      for (Value in : op->getOperands())
        drivers.push_back(in.getDefiningOp());
      op->erase();
      for (Operation *driver : drivers)
        if (getCellKind(driver) && driver->use_empty() &&
            !llvm::is_contained(dead, driver))
          dead.push_back(driver);
    }
    for (auto input : llvm::make_early_inc_range(body.getOps<InputOp>()))
      if (input->use_empty())
        input.erase();
  }

  snn::GraphOp graph;
  const BiasMapping &mapping;
  double pMin;
  CircuitOp circuit;
  OpBuilder b{graph.getContext()};
  Type pulse;
  llvm::StringSet<> names;
  llvm::DenseMap<Operation *, SmallVector<Value>> sources;
  llvm::DenseMap<Operation *, SmallVector<NeuronOp>> neurons;
  llvm::DenseMap<Operation *, Weights> weights;
};

struct ConvertSNNToSFQPass
    : nmc::impl::ConvertSNNToSFQBase<ConvertSNNToSFQPass> {
  using ConvertSNNToSFQBase::ConvertSNNToSFQBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (failed(nmc::snn::refusePlasticNodes(getOperation(), "sfq")))
      return signalPassFailure();
    auto positive = [](double v) { return std::isfinite(v) && v > 0; };
    if (!positive(iWidth) || !positive(n0) || !positive(iNominal) ||
        !std::isfinite(i50) || !(pMin > 0 && pMin < 0.5)) {
      module.emitError() << kPass
                         << "needs i-width-ma, n0, i-nominal-ma > 0, a "
                            "finite i50-ma and 0 < p-min < 0.5";
      return signalPassFailure();
    }
    BiasMapping mapping;
    mapping.i50MA = i50;
    mapping.iWidthMA = iWidth;
    mapping.n0 = n0;
    mapping.iNominalMA = iNominal;
    for (auto graph :
         llvm::make_early_inc_range(module.getOps<snn::GraphOp>())) {
      GraphConverter converter(graph, mapping, pMin);
      if (failed(converter.run())) {
        converter.abandon();
        return signalPassFailure();
      }
    }
  }
};

} // namespace
