//===- SNNToSpinn.cpp - convert-snn-to-spinn -----------------------------===//
//
// Spiking neuron nodes and graph inputs become populations; weight nodes
// between them become synapse matrices with sPyNNaker's 16-bit weights and
// per-population ring-buffer shifts (RingBufferShift.h). The weights are
// rewritten to what the hardware applies, so a fixed-point run of the
// converted graph and the SpiNNaker emulator see the same numbers.
//===----------------------------------------------------------------------===//
#include "RingBufferShift.h"

#include "nmc/Dialect/SNN/SNNUtils.h"
#include "nmc/Dialect/Spinn/SpinnOps.h"
#include "nmc/Spinn/SpinnPasses.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/StringMap.h"

#include <cmath>

using namespace mlir;
using namespace nmc::snn;
using namespace nmc::spinn;

namespace nmc {
#define GEN_PASS_DEF_CONVERTSNNTOSPINN
#include "nmc/Spinn/SpinnPasses.h.inc"
} // namespace nmc

namespace {

constexpr StringLiteral kPass = "convert-snn-to-spinn";

/// A projection before coding: CSR by source with signed weights.
struct Matrix {
  Operation *op = nullptr; // the weight node
  Value source;            // the pre population's spikes
  std::string pre, post;
  int64_t nPre = 0, nPost = 0;
  std::vector<int64_t> indptr, indices;
  std::vector<double> weights;
  std::vector<int64_t> delays; // one per entry
};

InFlightDiagnostic nodeError(Operation *op) {
  return op->emitError() << kPass << ": node '" << getNodeName(op) << "': ";
}

bool isSpikingNeuron(Operation *op) {
  auto neuron = dyn_cast_or_null<DiscreteNeuronOp>(op);
  if (!neuron)
    return false;
  NeuronType t = neuron.getNeuronType();
  return t == NeuronType::IF || t == NeuronType::LIF ||
         t == NeuronType::CubaLIF;
}

bool isPopulation(Operation *op) {
  return isa_and_nonnull<InputOp>(op) || isSpikingNeuron(op);
}

std::optional<int64_t> sizeOf(Value v) {
  if (auto shape = getShape(v.getType()))
    return numElements(*shape);
  return std::nullopt;
}

bool allZero(std::optional<DenseFPElementsAttr> attr) {
  if (!attr)
    return true;
  for (double v : getFloatValues(*attr))
    if (v != 0.0)
      return false;
  return true;
}

std::vector<int64_t> intValues(DenseIntElementsAttr attr) {
  std::vector<int64_t> v;
  for (const APInt &x : attr.getValues<APInt>())
    v.push_back(x.getSExtValue());
  return v;
}

double populationVariance(ArrayRef<double> xs) {
  if (xs.empty())
    return 0.0;
  double mean = 0.0, m2 = 0.0;
  for (double x : xs)
    mean += x;
  mean /= double(xs.size());
  for (double x : xs)
    m2 += (x - mean) * (x - mean);
  return m2 / double(xs.size());
}

struct ConvertSNNToSpinnPass
    : nmc::impl::ConvertSNNToSpinnBase<ConvertSNNToSpinnPass> {
  using ConvertSNNToSpinnBase::ConvertSNNToSpinnBase;

  void runOnOperation() override {
    GraphOp graph = getOperation();
    if (failed(checkGraph(graph)))
      return signalPassFailure();
    const double stepsPerSecond = 1.0 / graph.getDt()->convertToDouble();

    // Populations in block order; weight nodes into matrices.
    SmallVector<Operation *> populations;
    std::vector<Matrix> matrices;
    // Nodes first, so that an unsupported node is named before the weight
    // nodes around it complain.
    for (Operation &op : graph.getBodyBlock()) {
      if (isPopulation(&op)) {
        if (failed(checkPopulation(&op)))
          return signalPassFailure();
        populations.push_back(&op);
      } else if (!isa<AffineOp, LinearOp, SparseAffineOp>(op) &&
                 failed(checkOther(&op))) {
        return signalPassFailure();
      }
    }
    for (Operation &op : graph.getBodyBlock()) {
      if (!isa<AffineOp, LinearOp, SparseAffineOp>(op))
        continue;
      FailureOr<Matrix> m = readMatrix(&op);
      if (failed(m))
        return signalPassFailure();
      matrices.push_back(std::move(*m));
    }

    if (forceShift > 16) {
      graph.emitError() << kPass << ": force-shift " << int64_t(forceShift)
                        << " outside [0, 16]";
      return signalPassFailure();
    }
    if (!(spikesPerSecond >= 0.0 && std::isfinite(spikesPerSecond)) ||
        !(ringBufferSigma >= 0.0 && std::isfinite(ringBufferSigma))) {
      graph.emitError() << kPass << ": spikes-per-second and "
                        << "ring-buffer-sigma must be finite and >= 0";
      return signalPassFailure();
    }
    // Ring-buffer shifts per post population and synapse type.
    llvm::StringMap<std::array<SynapseTypeStats, kSynapseTypes>> stats;
    const double spikesPerTick =
        std::max(1.0, spikesPerSecond / stepsPerSecond);
    for (const Matrix &m : matrices)
      addStats(m, spikesPerTick, stats[m.post]);
    llvm::StringMap<std::array<int64_t, kSynapseTypes>> shifts;
    for (Operation *op : populations) {
      if (isa<InputOp>(op))
        continue;
      auto &s = shifts[getNodeName(op)];
      for (int64_t t = 0; t < kSynapseTypes; ++t) {
        if (forceShift >= 0) {
          s[t] = forceShift;
        } else {
          double most =
              expectedMaxWeight(stats[getNodeName(op)][t], spikesPerSecond,
                                stepsPerSecond, ringBufferSigma);
          s[t] = ringBufferShift(most);
          if (s[t] > 16) {
            nodeError(op) << "the expected summed "
                          << (t == kExcitatory ? "excitatory" : "inhibitory")
                          << " weight per step " << most
                          << " needs a ring-buffer shift of " << s[t]
                          << ", above the s16.15 limit 16";
            return signalPassFailure();
          }
        }
      }
    }
    for (Matrix &m : matrices)
      replaceByProjection(m, shifts[m.post]);
    // Delay nodes absorbed into every projection they fed.
    SmallVector<Operation *> deadDelays;
    for (auto delay : graph.getBodyBlock().getOps<DiscreteDelayOp>())
      if (delay->use_empty())
        deadDelays.push_back(delay);
    for (Operation *op : deadDelays)
      op->erase();

    buildMapping(graph, populations, shifts);
  }

  LogicalResult checkGraph(GraphOp graph) {
    if (!graph.getDt())
      return graph.emitError() << kPass << ": graph '" << graph.getSymName()
                               << "' has no dt; run snn-discretize first";
    if (!(graph.getDt()->convertToDouble() > 0.0))
      return graph.emitError() << kPass << ": dt must be > 0";
    auto format = graph->getAttrOfType<StringAttr>("number_format");
    if (!format || format.getValue() != "s16.15")
      return graph.emitError()
             << kPass << ": graph '" << graph.getSymName()
             << "' must be quantized to s16.15, SpiNNaker's accum "
                "(spinnaker.md §A.4); run snn-quantize{format=s16.15} first";
    if (!graph.getBodyBlock().getOps<MappingOp>().empty())
      return graph.emitError() << kPass << ": graph '" << graph.getSymName()
                               << "' already has a spinn.mapping";
    return success();
  }

  LogicalResult checkPopulation(Operation *op) {
    if (!sizeOf(op->getResult(0)))
      return nodeError(op) << "unknown size";
    auto neuron = dyn_cast<DiscreteNeuronOp>(op);
    if (!neuron)
      return success();
    if (neuron.getATheta() || neuron.getDTheta())
      return nodeError(op) << "an adaptive threshold has no SpiNNaker "
                              "neuron model";
    for (Value in : neuron.getInputs()) {
      Operation *def = in.getDefiningOp();
      if (!isa_and_nonnull<AffineOp, LinearOp, SparseAffineOp>(def))
        return nodeError(op)
               << "input from '" << (def ? getNodeName(def) : StringRef("?"))
               << "' is not a weight node; SpiNNaker neurons "
                  "take input only through synapses";
    }
    return success();
  }

  /// Nodes that are neither populations nor weight nodes.
  LogicalResult checkOther(Operation *op) {
    if (auto neuron = dyn_cast<DiscreteNeuronOp>(op))
      return nodeError(op) << stringifyNeuronType(neuron.getNeuronType())
                           << " neurons do not spike; SpiNNaker populations "
                              "must be spiking (IF, LIF, CubaLIF)";
    if (isa<OutputOp>(op)) {
      for (Value in : op->getOperands())
        if (!isPopulation(in.getDefiningOp()))
          return nodeError(op) << "an output must record a population's "
                                  "spikes";
      return success();
    }
    if (auto delay = dyn_cast<DiscreteDelayOp>(op)) {
      for (Operation *user : op->getUsers())
        if (!isa<AffineOp, LinearOp, SparseAffineOp>(user))
          return nodeError(op) << "a delay must feed weight nodes only (it "
                                  "becomes their synaptic delays)";
      return success();
    }
    if (!isNode(op))
      return op->emitError() << kPass << ": unexpected op in the graph";
    // TODO(snn.connector): accept the procedural connector node (issue 11,
    // branch wt-conn; not on main yet) as a projection whose rows are
    // generated from the connector (Model/Connector.h).
    return nodeError(op) << op->getName()
                         << " has no SpiNNaker equivalent (populations are "
                            "spiking neurons and inputs, projections are "
                            "affine/linear/sparse_affine between them)";
  }

  FailureOr<Matrix> readMatrix(Operation *op) {
    Matrix m;
    m.op = op;
    if (op->getNumOperands() != 1)
      return nodeError(op) << "sums " << op->getNumOperands()
                           << " inputs; a projection has one pre-population";
    Value in = op->getOperand(0);
    Operation *def = in.getDefiningOp();
    std::vector<int64_t> delaySteps; // per source element
    if (auto delay = dyn_cast_or_null<DiscreteDelayOp>(def)) {
      if (delay->getNumOperands() != 1 ||
          !isPopulation(delay->getOperand(0).getDefiningOp()))
        return nodeError(op) << "delay '" << delay.getName()
                             << "' must delay one population's spikes";
      delaySteps = intValues(delay.getSteps());
      in = delay->getOperand(0);
      def = in.getDefiningOp();
    } else if (!isPopulation(def)) {
      return nodeError(op) << "input from '"
                           << (def ? getNodeName(def) : StringRef("?"))
                           << "' is not a spiking population (an input or "
                              "an IF/LIF/CubaLIF neuron)";
    }
    if (!op->hasOneUse() || !isSpikingNeuron(*op->getUsers().begin()))
      return nodeError(op) << "must feed exactly one spiking neuron node";
    Operation *post = *op->getUsers().begin();
    m.source = in;
    m.pre = getNodeName(def).str();
    m.post = getNodeName(post).str();
    m.nPre = *sizeOf(in);
    m.nPost = *sizeOf(post->getResult(0));
    for (int64_t d : delaySteps)
      if (d < 0)
        return nodeError(op) << "negative delay " << d;
    if (!delaySteps.empty() && delaySteps.size() != 1 &&
        int64_t(delaySteps.size()) != m.nPre)
      return nodeError(op) << "delay has " << delaySteps.size() << " steps for "
                           << m.nPre << " sources";
    auto delayOf = [&](int64_t src) -> int64_t {
      if (delaySteps.empty())
        return 0;
      return delaySteps.size() == 1 ? delaySteps[0] : delaySteps[src];
    };

    m.indptr.push_back(0);
    auto add = [&](int64_t src, int64_t dst, double w) {
      if (w == 0.0)
        return;
      m.indices.push_back(dst);
      m.weights.push_back(w);
      m.delays.push_back(delayOf(src));
    };
    if (auto sparse = dyn_cast<SparseAffineOp>(op)) {
      if (!allZero(sparse.getBias()))
        return nodeError(op) << "a bias has no SpiNNaker equivalent "
                                "(synapses carry spikes only)";
      std::vector<int64_t> ptr = intValues(sparse.getIndptr());
      std::vector<int64_t> idx = intValues(sparse.getIndices());
      std::vector<double> w = getFloatValues(sparse.getWeight());
      if (int64_t(ptr.size()) != m.nPre + 1 || ptr.front() != 0 ||
          ptr.back() != int64_t(idx.size()) || w.size() != idx.size() ||
          !llvm::is_sorted(ptr))
        return nodeError(op) << "indptr, indices and weight are not a CSR of "
                             << m.nPre << " sources";
      for (int64_t j : idx)
        if (j < 0 || j >= m.nPost)
          return nodeError(op)
                 << "target index " << j << " outside [0, " << m.nPost << ")";
      for (int64_t i = 0; i < m.nPre; ++i) {
        for (int64_t k = ptr[i]; k < ptr[i + 1]; ++k)
          add(i, idx[k], w[k]);
        m.indptr.push_back(int64_t(m.indices.size()));
      }
      return m;
    }
    DenseFPElementsAttr weight;
    if (auto affine = dyn_cast<AffineOp>(op)) {
      if (!allZero(affine.getBias()))
        return nodeError(op) << "a bias has no SpiNNaker equivalent "
                                "(synapses carry spikes only)";
      weight = affine.getWeight();
    } else {
      weight = cast<LinearOp>(op).getWeight();
    }
    auto shape = weight.getType().getShape();
    if (shape.size() != 2 || shape[0] != m.nPost || shape[1] != m.nPre)
      return nodeError(op) << "weight must be (post, pre) = (" << m.nPost
                           << ", " << m.nPre << ")";
    std::vector<double> w = getFloatValues(weight);
    for (int64_t i = 0; i < m.nPre; ++i) {
      for (int64_t j = 0; j < m.nPost; ++j)
        add(i, j, w[j * m.nPre + i]);
      m.indptr.push_back(int64_t(m.indices.size()));
    }
    return m;
  }

  /// sPyNNaker `_Stats.add_projection`, the projection split by sign.
  static void addStats(const Matrix &m, double spikesPerTick,
                       std::array<SynapseTypeStats, kSynapseTypes> &stats) {
    for (int64_t t = 0; t < kSynapseTypes; ++t) {
      std::vector<double> w, delays;
      std::vector<int64_t> fanIn(m.nPost, 0);
      for (size_t k = 0; k < m.weights.size(); ++k) {
        if ((m.weights[k] < 0) != (t == kInhibitory))
          continue;
        w.push_back(std::fabs(m.weights[k]));
        delays.push_back(double(m.delays[k]));
        ++fanIn[m.indices[k]];
      }
      if (w.empty())
        continue;
      double mean = 0.0, most = 0.0;
      for (double x : w) {
        mean += x;
        most = std::max(most, x);
      }
      mean /= double(w.size());
      stats[t].addProjection(mean, populationVariance(w), most,
                             *std::max_element(fanIn.begin(), fanIn.end()),
                             populationVariance(delays), spikesPerTick);
    }
  }

  void replaceByProjection(Matrix &m, std::array<int64_t, 2> shift) {
    OpBuilder b(m.op);
    MLIRContext *ctx = b.getContext();
    std::vector<int64_t> indptr{0}, indices, delays;
    std::vector<int32_t> types, codes;
    std::vector<double> weights;
    int64_t zeroed = 0, saturated = 0;
    for (int64_t i = 0; i < m.nPre; ++i) {
      for (int64_t k = m.indptr[i]; k < m.indptr[i + 1]; ++k) {
        const double w = m.weights[k];
        const int64_t t = w < 0 ? kInhibitory : kExcitatory;
        // code = round(|w| 2^(15 - shift)), ties away from zero.
        double code = std::round(std::ldexp(std::fabs(w), 15 - int(shift[t])));
        if (code == 0.0) {
          ++zeroed;
          continue;
        }
        if (code > double(kMaxWeightCode)) {
          ++saturated;
          code = double(kMaxWeightCode);
        }
        indices.push_back(m.indices[k]);
        types.push_back(int32_t(t));
        codes.push_back(int32_t(code));
        const double applied = std::ldexp(code, int(shift[t]) - 15);
        weights.push_back(t == kInhibitory ? -applied : applied);
        delays.push_back(m.delays[k]);
      }
      indptr.push_back(int64_t(indices.size()));
    }
    if (!delays.empty() && llvm::all_equal(ArrayRef<int64_t>(delays)))
      delays.resize(1);
    if (delays.empty())
      delays.push_back(m.delays.empty() ? 0 : m.delays.front());

    auto i64 = [&](ArrayRef<int64_t> v) {
      return DenseIntElementsAttr::get(
          RankedTensorType::get({int64_t(v.size())}, b.getI64Type()), v);
    };
    auto i32 = [&](ArrayRef<int32_t> v) {
      return DenseIntElementsAttr::get(
          RankedTensorType::get({int64_t(v.size())}, b.getI32Type()), v);
    };
    SmallVector<NamedAttribute> attrs{
        b.getNamedAttr("name", b.getStringAttr(getNodeName(m.op))),
        b.getNamedAttr("pre", b.getStringAttr(m.pre)),
        b.getNamedAttr("post", b.getStringAttr(m.post)),
        b.getNamedAttr("n_pre", b.getI64IntegerAttr(m.nPre)),
        b.getNamedAttr("n_post", b.getI64IntegerAttr(m.nPost)),
        b.getNamedAttr("indptr", i64(indptr)),
        b.getNamedAttr("indices", i64(indices)),
        b.getNamedAttr("synapse_types", i32(types)),
        b.getNamedAttr("codes", i32(codes)),
        b.getNamedAttr("weights",
                       DenseFPElementsAttr::get(
                           RankedTensorType::get({int64_t(weights.size())},
                                                 Float64Type::get(ctx)),
                           ArrayRef<double>(weights))),
        b.getNamedAttr("delay_steps", i64(delays)),
        b.getNamedAttr("zeroed", b.getI64IntegerAttr(zeroed)),
        b.getNamedAttr("saturated", b.getI64IntegerAttr(saturated))};
    auto projection = b.create<ProjectionOp>(
        m.op->getLoc(), TypeRange{m.op->getResult(0).getType()},
        ValueRange{m.source}, attrs);
    if (zeroed || saturated)
      projection.emitWarning()
          << kPass << ": projection '" << projection.getName() << "' into '"
          << m.post << "': " << zeroed << " nonzero weight(s) round to code 0 "
          << "(dropped), " << saturated << " saturate at code "
          << kMaxWeightCode << " (ring-buffer shifts exc " << shift[0]
          << ", inh " << shift[1] << ")";
    m.op->replaceAllUsesWith(projection);
    m.op->erase();
  }

  void buildMapping(GraphOp graph, ArrayRef<Operation *> populations,
                    llvm::StringMap<std::array<int64_t, 2>> &shifts) {
    OpBuilder b = OpBuilder::atBlockEnd(&graph.getBodyBlock());
    auto mapping = b.create<MappingOp>(
        graph.getLoc(), TypeRange{}, ValueRange{}, ArrayRef<NamedAttribute>{});
    mapping.getBody().push_back(new Block());
    b.setInsertionPointToEnd(&mapping.getBodyBlock());
    for (Operation *op : populations) {
      const bool source = isa<InputOp>(op);
      SmallVector<NamedAttribute> attrs{
          b.getNamedAttr("name", b.getStringAttr(getNodeName(op))),
          b.getNamedAttr(
              "kind", PopulationKindAttr::get(b.getContext(),
                                              source ? PopulationKind::Source
                                                     : PopulationKind::Neuron)),
          b.getNamedAttr("size",
                         b.getI64IntegerAttr(*sizeOf(op->getResult(0))))};
      if (!source) {
        auto s = shifts[getNodeName(op)];
        attrs.push_back(b.getNamedAttr("shift_exc", b.getI64IntegerAttr(s[0])));
        attrs.push_back(b.getNamedAttr("shift_inh", b.getI64IntegerAttr(s[1])));
      }
      auto pop = b.create<PopulationOp>(op->getLoc(), TypeRange{}, ValueRange{},
                                        attrs);
      pop.getBody().push_back(new Block());
    }
  }
};

} // namespace
