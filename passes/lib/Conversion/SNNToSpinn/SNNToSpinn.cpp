//===- SNNToSpinn.cpp - convert-snn-to-spinn -----------------------------===//
//
// Spiking neuron nodes and graph inputs become populations; weight nodes
// between them become synapse matrices with sPyNNaker's 16-bit weights and
// per-population ring-buffer shifts (RingBufferShift.h, WeightCoding.h);
// connectors stay procedural (ConnectorStats.h gives their statistics). The
// weights are rewritten to what the hardware applies, so a fixed-point run
// of the converted graph and the SpiNNaker emulator see the same numbers.
// Every population gets a latency and every synapse a hardware delay
// D >= 1 (SpinnImage.h "Time"), from the reference's execution order.
//===----------------------------------------------------------------------===//
#include "ConnectorStats.h"
#include "RingBufferShift.h"

#include "nmc/Dialect/SNN/SNNStdp.h"
#include "nmc/Dialect/SNN/SNNUtils.h"
#include "nmc/Dialect/Spinn/SpinnOps.h"
#include "nmc/Spinn/SpinnPasses.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/StringMap.h"

#include <cmath>
#include <optional>
#include <sstream>

using namespace mlir;
using namespace nmc::snn;
using namespace nmc::spinn;
namespace model = nmc::model;

namespace nmc {
#define GEN_PASS_DEF_CONVERTSNNTOSPINN
#include "nmc/Spinn/SpinnPasses.h.inc"
} // namespace nmc

namespace {

constexpr StringLiteral kPass = "convert-snn-to-spinn";

/// A projection before coding: CSR by source with signed weights, or a
/// connector kept procedural.
struct Matrix {
  Operation *op = nullptr;    // the weight node
  Operation *delay = nullptr; // the absorbed snn.discrete_delay, if any
  // The LI node between the weight node and the neuron (an exponential
  // synapse of the post population, see isFilter), if any.
  Operation *filter = nullptr;
  Value source;               // the pre population's spikes
  std::string pre, post;
  int64_t nPre = 0, nPost = 0;
  std::vector<int64_t> indptr, indices;
  std::vector<double> weights;
  std::vector<int64_t> delays; // one per entry: graph delay, then D
  // Connector form (`connector` set): the spec and its steps range.
  DictionaryAttr connector;
  model::ConnectorSpec spec;
  int64_t graphDelayOffset = 0; // the absorbed delay node's steps
  int64_t delayOffset = 0;      // hardware: D = connector steps + this
  std::pair<int64_t, int64_t> connectorSteps{0, 0};
  // Edges of the chain pre -> [delay] -> weight -> post pointing backwards
  // in execution order: each reads the previous step (docs/semantics.md).
  int64_t backEdges = 0;
  bool clash = false; // some D < 1 raised to 1
  // A plastic projection (issue 14): the rule, kept on the projection; its
  // weights stay exact (no 16-bit coding) and all its synapses share one
  // hardware delay.
  StdpAttr stdp;
  bool isConnector() const { return bool(connector); }
};

/// Largest |weight| of a plastic synapse (and |w_min|, |w_max|): its s16.15
/// value must be exact in float32 for `network` (24 significand bits = 15
/// fraction bits + 9 integer bits).
constexpr int64_t kMaxPlasticWeight = 512;

/// A double as `printf("%g")` writes it (diagnostics print doubles in
/// scientific notation).
std::string shortNumber(double v) {
  std::ostringstream os;
  os << v;
  return os.str();
}

/// The largest |w| a connector's weight distribution can draw, when its
/// bounds are known (a normal_clipped without finite bounds: unknown; the
/// image builder then checks each expanded weight).
std::optional<double> largestWeight(const model::Distribution &d) {
  using Kind = model::Distribution::Kind;
  switch (d.kind) {
  case Kind::Constant:
    return std::fabs(d.a);
  case Kind::Uniform:
    return std::max(std::fabs(d.a), std::fabs(d.b));
  case Kind::NormalClipped:
    if (!std::isfinite(d.low) || !std::isfinite(d.high))
      return std::nullopt;
    return std::max(std::fabs(d.low), std::fabs(d.high));
  case Kind::Choice: {
    double most = 0.0;
    for (double v : d.values)
      most = std::max(most, std::fabs(v));
    return most;
  }
  }
  return std::nullopt;
}

/// A Scale node is a weight node too: the one-to-one projection of its
/// per-neuron factors (Brunel's external drive).
bool isWeightNode(Operation *op) {
  return isa_and_nonnull<AffineOp, LinearOp, SparseAffineOp, ConnectorOp,
                         ScaleOp>(op);
}

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

/// An LI node feeding a spiking neuron: a synapse filter, i.e. SpiNNaker's
/// exponential synapse of one type (IF_curr_exp). checkFilter tells what
/// else it must satisfy.
bool isFilter(Operation *op) {
  auto neuron = dyn_cast_or_null<DiscreteNeuronOp>(op);
  return neuron && neuron.getNeuronType() == NeuronType::LI &&
         llvm::any_of(op->getUsers(), isSpikingNeuron);
}

/// Per-element values of an F64 elements attribute of `n` elements (a
/// splat repeats).
std::vector<double> perElement(DenseElementsAttr attr, int64_t n) {
  std::vector<double> v;
  for (double x : attr.getValues<double>())
    v.push_back(x);
  if (v.size() == 1)
    v.assign(size_t(n), v[0]);
  return v;
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
    const double dt = graph.getDt()->convertToDouble();
    const double stepsPerSecond = 1.0 / dt;

    // The reference's execution order, before anything changes: it decides
    // which edges close cycles (docs/semantics.md).
    llvm::DenseMap<Operation *, int64_t> position;
    for (Operation *op : executionOrder(graph.getBodyBlock()))
      position[op] = int64_t(position.size());

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
      } else if (!isWeightNode(&op) && failed(checkOther(&op))) {
        return signalPassFailure();
      }
    }
    for (Operation &op : graph.getBodyBlock()) {
      if (!isWeightNode(&op))
        continue;
      FailureOr<Matrix> m = readMatrix(&op, dt);
      if (failed(m))
        return signalPassFailure();
      m->backEdges = countBackEdges(*m, position);
      matrices.push_back(std::move(*m));
    }

    llvm::StringMap<std::array<std::string, kSynapseTypes>> filters;
    if (failed(filterTypes(populations, matrices, filters)))
      return signalPassFailure();

    llvm::StringMap<int64_t> latency = latencies(graph, matrices, position);
    for (Matrix &m : matrices) {
      // The rule's dendritic delay in the graph (Plasticity.h): the delay
      // node's steps plus one per backward edge.
      const int64_t graphDelay = smallestDelay(m) + m.backEdges;
      hardwareDelays(m, latency);
      if (m.stdp && failed(checkPlasticDelays(m, graphDelay, latency)))
        return signalPassFailure();
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
    for (const Matrix &m : matrices) {
      // Plastic synapses add s16.15 weights into their own 32-bit ring
      // (SpinnImage.h "Plastic rows"): they take no part in the shifts.
      if (m.stdp)
        continue;
      if (m.isConnector())
        addConnectorStats(m, spikesPerTick, stats[m.post]);
      else
        addStats(m, spikesPerTick, stats[m.post]);
    }
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
          if (s[t] > kMaxRingBufferShift) {
            nodeError(op) << "the expected summed "
                          << (t == kExcitatory ? "excitatory" : "inhibitory")
                          << " weight per step " << most
                          << " needs a ring-buffer shift of " << s[t]
                          << ", above the s16.15 limit " << kMaxRingBufferShift;
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

    buildMapping(graph, populations, shifts, latency, filters);
  }

  /// The synapse type of every LI filter: the sign of the weights it
  /// receives (after its gain); one filter per type and population.
  /// `filters[population][type]` = the filter's name ("" none).
  LogicalResult filterTypes(
      ArrayRef<Operation *> populations, ArrayRef<Matrix> matrices,
      llvm::StringMap<std::array<std::string, kSynapseTypes>> &filters) {
    llvm::DenseMap<Operation *, std::array<bool, 2>> signs;
    for (const Matrix &m : matrices)
      if (m.filter)
        for (double w : m.weights)
          signs[m.filter][w < 0 ? kInhibitory : kExcitatory] = true;
    for (Operation *op : populations) {
      auto neuron = dyn_cast<DiscreteNeuronOp>(op);
      if (!neuron)
        continue;
      std::array<std::string, kSynapseTypes> names;
      for (Value in : neuron.getInputs()) {
        Operation *f = in.getDefiningOp();
        if (!isFilter(f))
          continue;
        std::array<bool, 2> s = signs.lookup(f);
        if (s[0] && s[1])
          return nodeError(f)
                 << "an LI synapse filter receives weights of both signs; "
                    "on SpiNNaker it is one synapse type (split it into an "
                    "excitatory and an inhibitory filter)";
        // A filter without weights takes the first free type.
        uint32_t t = s[1]                 ? kInhibitory
                     : s[0]               ? kExcitatory
                     : names[0].empty()   ? kExcitatory
                                          : kInhibitory;
        if (!names[t].empty())
          return nodeError(op)
                 << "LI synapse filters '" << names[t] << "' and '"
                 << getNodeName(f) << "' are both "
                 << (t == kExcitatory ? "excitatory" : "inhibitory")
                 << "; SpiNNaker's IF_curr_exp has one filter per type";
        names[t] = getNodeName(f).str();
      }
      if (!names[0].empty() || !names[1].empty())
        filters[getNodeName(op)] = names;
    }
    return success();
  }

  /// Edges of pre -> [delay] -> weight -> post that point backwards (or to
  /// themselves) in execution order, as the reference image marks them.
  static int64_t
  countBackEdges(const Matrix &m,
                 const llvm::DenseMap<Operation *, int64_t> &position) {
    SmallVector<Operation *, 4> chain{m.source.getDefiningOp()};
    if (m.delay)
      chain.push_back(m.delay);
    chain.push_back(m.op);
    if (m.filter)
      chain.push_back(m.filter);
    chain.push_back(*chain.back()->getUsers().begin());
    int64_t back = 0;
    for (size_t i = 0; i + 1 < chain.size(); ++i)
      if (position.lookup(chain[i]) >= position.lookup(chain[i + 1]))
        ++back;
    return back;
  }

  /// SpinnImage.h "Time": 0 for inputs; for a neuron population the
  /// largest L(pre) + max(0, 1 - smallest delay) over the projections
  /// feeding it through forward edges (0 when none does). Forward edges follow
  /// execution order, so one walk in that order sees every feeder first.
  static llvm::StringMap<int64_t>
  latencies(GraphOp graph, ArrayRef<Matrix> matrices,
            const llvm::DenseMap<Operation *, int64_t> &position) {
    llvm::StringMap<SmallVector<const Matrix *>> into;
    for (const Matrix &m : matrices)
      into[m.post].push_back(&m);
    SmallVector<Operation *> ordered;
    for (Operation &op : graph.getBodyBlock())
      if (isPopulation(&op))
        ordered.push_back(&op);
    llvm::sort(ordered, [&](Operation *a, Operation *b) {
      return position.lookup(a) < position.lookup(b);
    });
    llvm::StringMap<int64_t> latency;
    for (Operation *op : ordered) {
      int64_t l = 0;
      if (!isa<InputOp>(op)) {
        // A forward edge whose every synapse already waits d >= 1 steps
        // fits the hardware's 1-tick minimum without lagging: only the
        // 1 - d a 0-step synapse lacks adds latency. So a network whose
        // delays are all >= 1 step (PD14) keeps every latency 0 and its
        // recurrent edges fit. A population no forward edge feeds (only
        // recurrent ones, or none: CUBA) computes its step T in tick T
        // from its own initial state, so it lags by 0.
        l = 0;
        bool fed = false;
        for (const Matrix *m : into[getNodeName(op)])
          if (m->backEdges == 0) {
            const int64_t lag = std::max<int64_t>(0, 1 - smallestDelay(*m));
            l = fed ? std::max(l, latency.lookup(m->pre) + lag)
                    : latency.lookup(m->pre) + lag;
            fed = true;
          }
      }
      latency[getNodeName(op)] = l;
    }
    return latency;
  }

  /// The smallest graph delay of `m`'s synapses, in steps.
  static int64_t smallestDelay(const Matrix &m) {
    if (m.isConnector())
      return m.connectorSteps.first + m.graphDelayOffset;
    int64_t smallest = INT64_MAX;
    for (int64_t d : m.delays)
      smallest = std::min(smallest, d);
    return smallest == INT64_MAX ? 0 : smallest;
  }

  /// D = d + L(post) - L(pre) (+ 1 per backward edge); a D < 1 is raised to
  /// 1 with a warning naming the projection.
  void hardwareDelays(Matrix &m, const llvm::StringMap<int64_t> &latency) {
    const int64_t lPre = latency.lookup(m.pre), lPost = latency.lookup(m.post);
    const int64_t shift = m.backEdges + lPost - lPre;
    int64_t smallest = 0;
    if (m.isConnector()) {
      m.delayOffset = m.graphDelayOffset + shift;
      smallest = m.connectorSteps.first + m.delayOffset;
      if (smallest < 1) {
        m.delayOffset = 1 - m.connectorSteps.first;
        m.clash = true;
      }
    } else {
      smallest = INT64_MAX;
      for (int64_t &d : m.delays) {
        d += shift;
        smallest = std::min(smallest, d);
        if (d < 1) {
          d = 1;
          m.clash = true;
        }
      }
    }
    if (m.clash)
      m.op->emitWarning()
          << kPass << ": projection '" << getNodeName(m.op) << "' from '"
          << m.pre << "' (latency " << lPre << ") to '" << m.post
          << "' (latency " << lPost << ") closes a cycle with hardware delay "
          << smallest << " < 1; raised to 1, so '" << m.post
          << "' differs from the original network (latency clash)";
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
    int64_t filters = 0;
    for (Value in : neuron.getInputs()) {
      Operation *def = in.getDefiningOp();
      if (isFilter(def)) {
        ++filters;
        continue;
      }
      if (!isWeightNode(def))
        return nodeError(op)
               << "input from '" << (def ? getNodeName(def) : StringRef("?"))
               << "' is not a weight node or an LI synapse filter; "
                  "SpiNNaker neurons take input only through synapses";
    }
    if (filters == 0)
      return success();
    for (Value in : neuron.getInputs())
      if (Operation *def = in.getDefiningOp(); def && getStdp(def))
        return nodeError(def)
               << "is plastic (stdp) and feeds '" << getNodeName(op)
               << "', which has LI synapse filters; plastic synapses on "
                  "SpiNNaker add into the neuron's input directly (delta "
                  "synapses, SpinnImage.h \"Plastic rows\"), so its other "
                  "inputs cannot be exponential";
    if (neuron.getNeuronType() == NeuronType::CubaLIF)
      return nodeError(op) << "a CubaLIF has its own synaptic current; LI "
                              "synapse filters go in front of IF or LIF "
                              "neurons only";
    if (filters != int64_t(neuron.getInputs().size()))
      return nodeError(op)
             << "mixes LI synapse filters with direct weight inputs; "
                "SpiNNaker's synapses are all exponential (through one LI "
                "filter per synapse type) or all delta (none)";
    if (filters > kSynapseTypes)
      return nodeError(op) << "reads " << filters
                           << " LI synapse filters; SpiNNaker's IF_curr_exp "
                              "has one per synapse type (excitatory, "
                              "inhibitory)";
    return success();
  }

  /// An LI synapse filter: one user (the neuron), inputs from weight nodes,
  /// no constant drive (v_leak = 0).
  LogicalResult checkFilter(DiscreteNeuronOp op) {
    if (!op->hasOneUse())
      return nodeError(op) << "an LI synapse filter must feed exactly one "
                              "spiking neuron node (its state is that "
                              "neuron's synaptic current)";
    for (Value in : op.getInputs())
      if (!isWeightNode(in.getDefiningOp()))
        return nodeError(op) << "an LI synapse filter takes input only from "
                                "weight nodes";
    for (double c : op.getCMem_0().getValues<double>())
      if (c != 0.0)
        return nodeError(op) << "an LI synapse filter needs v_leak = 0 (a "
                                "constant synaptic current has no "
                                "SpiNNaker equivalent)";
    return success();
  }

  /// Nodes that are neither populations nor weight nodes.
  LogicalResult checkOther(Operation *op) {
    if (isFilter(op))
      return checkFilter(cast<DiscreteNeuronOp>(op));
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
        if (!isWeightNode(user))
          return nodeError(op) << "a delay must feed weight nodes only (it "
                                  "becomes their synaptic delays)";
      return success();
    }
    if (!isNode(op))
      return op->emitError() << kPass << ": unexpected op in the graph";
    return nodeError(op) << op->getName()
                         << " has no SpiNNaker equivalent (populations are "
                            "spiking neurons and inputs, projections are "
                            "affine/linear/sparse_affine/connector/scale "
                            "between them, optionally through one LI "
                            "synapse filter)";
  }

  /// What a plastic weight node needs on SpiNNaker (before its synapses
  /// are read): a matrix or connector straight into a spiking neuron
  /// population without filters, and a rule whose bounds s16.15 words and
  /// float32 `network` weights hold exactly.
  LogicalResult checkPlastic(const Matrix &m) {
    Operation *op = m.op;
    std::string why;
    Operation *post = getPlasticPost(op, why);
    if (!post || !isSpikingNeuron(post) || m.filter)
      return nodeError(op) << "is plastic (stdp) but "
                           << (why.empty()
                                   ? std::string(
                                         "its post is not a spiking neuron "
                                         "population (IF, LIF, CubaLIF)")
                                   : why);
    model::StdpParams p = m.stdp.toModel();
    for (auto [name, v] : {std::pair{"w_min", p.wMin}, {"w_max", p.wMax}})
      if (!(std::fabs(v) < double(kMaxPlasticWeight)))
        return nodeError(op)
               << "stdp " << name << " = " << shortNumber(v) << " is outside (-"
               << kMaxPlasticWeight << ", " << kMaxPlasticWeight
               << "): a plastic s16.15 weight must be exact in float32 for "
                  "the image's network";
    return success();
  }

  /// A plastic projection's synapses share one hardware delay D (the rule's
  /// dendritic delay, Plasticity.h), and their weights stay below 512.
  LogicalResult checkPlasticDelays(const Matrix &m, int64_t graphDelay,
                                   const llvm::StringMap<int64_t> &latency) {
    if (m.isConnector() && m.connectorSteps.first != m.connectorSteps.second)
      return nodeError(m.op)
             << "is a plastic connector but its delays span "
             << m.connectorSteps.first << " to " << m.connectorSteps.second
             << " steps; a plastic projection needs one delay for all its "
                "synapses (a constant delay)";
    for (double w : m.weights)
      if (!(std::fabs(w) < double(kMaxPlasticWeight)))
        return nodeError(m.op)
               << "plastic weight " << shortNumber(w) << " is outside (-"
               << kMaxPlasticWeight << ", " << kMaxPlasticWeight
               << "): a plastic s16.15 weight must be exact in float32 for "
                  "the image's network";
    if (!m.delays.empty() && !llvm::all_equal(m.delays)) {
      auto [lo, hi] = std::minmax_element(m.delays.begin(), m.delays.end());
      return nodeError(m.op)
             << "is plastic (stdp) but its synapses have hardware delays "
                "from "
             << *lo << " to " << *hi
             << " ticks; a plastic projection needs one delay for all its "
                "synapses (the rule's dendritic delay)";
    }
    // The machine pairs a pre spike sent at tick T with a post spike of
    // tick p at P = p + D (SpinnImage.h PlasticProjection); in the graph's
    // steps that is p' + d' with d' = 2d - D, so the pairing matches the
    // original network only when D = d (equal latencies of pre and post).
    const int64_t hw = m.isConnector()
                           ? m.connectorSteps.first + m.delayOffset
                       : m.delays.empty() ? graphDelay
                                          : m.delays.front();
    if (hw != graphDelay)
      m.op->emitWarning()
          << kPass << ": plastic projection '" << getNodeName(m.op)
          << "' from '" << m.pre << "' (latency " << latency.lookup(m.pre)
          << ") to '" << m.post << "' (latency " << latency.lookup(m.post)
          << ") has hardware delay " << hw << " but dendritic delay "
          << graphDelay << " in the graph: the machine pairs pre and post "
          << "spikes " << 2 * (hw - graphDelay)
          << " tick(s) apart from the original network's timing (it still "
             "equals the image's network)";
    return success();
  }

  FailureOr<Matrix> readMatrix(Operation *op, double dt) {
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
      m.delay = delay;
      in = delay->getOperand(0);
      def = in.getDefiningOp();
    } else if (!isPopulation(def)) {
      return nodeError(op) << "input from '"
                           << (def ? getNodeName(def) : StringRef("?"))
                           << "' is not a spiking population (an input or "
                              "an IF/LIF/CubaLIF neuron)";
    }
    Operation *post = op->hasOneUse() ? *op->getUsers().begin() : nullptr;
    if (isFilter(post)) {
      m.filter = post;
      post = *post->getUsers().begin();
    }
    if (!isSpikingNeuron(post))
      return nodeError(op) << "must feed exactly one spiking neuron node, "
                              "directly or through one LI synapse filter";
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
    m.stdp = getStdp(op);
    if (m.stdp) {
      if (failed(checkPlastic(m)))
        return failure();
    }
    if (auto conn = dyn_cast<ConnectorOp>(op)) {
      if (m.filter)
        return nodeError(op) << "a connector into LI synapse filter '"
                             << getNodeName(m.filter)
                             << "' is not supported (its weights would need "
                                "the filter's gain per target)";
      return readConnector(m, conn, delaySteps, dt);
    }
    auto delayOf = [&](int64_t src) -> int64_t {
      if (delaySteps.empty())
        return 0;
      return delaySteps.size() == 1 ? delaySteps[0] : delaySteps[src];
    };

    m.indptr.push_back(0);
    // A filter's input gain c_mem_in (the jump of its state per unit input)
    // goes into the weights: the ring buffer then holds the jump itself
    // and the filter only decays (the emulator's exponential synapse).
    std::vector<double> gain;
    if (m.filter)
      gain = perElement(cast<DiscreteNeuronOp>(m.filter).getCMemIn(), m.nPost);
    // A plastic synapse of weight 0 is a synapse still: it may learn.
    auto add = [&](int64_t src, int64_t dst, double w) {
      if (m.filter)
        w *= gain[dst];
      if (w == 0.0 && !m.stdp)
        return;
      m.indices.push_back(dst);
      m.weights.push_back(w);
      m.delays.push_back(delayOf(src));
    };
    if (auto scale = dyn_cast<ScaleOp>(op)) {
      // y = s * x elementwise: synapse i -> i of weight s[i].
      if (m.nPre != m.nPost)
        return nodeError(op) << "scales " << m.nPre << " elements into "
                             << m.nPost << " neurons";
      std::vector<double> s = getFloatValues(scale.getScale());
      if (s.size() == 1)
        s.assign(size_t(m.nPre), s[0]);
      if (int64_t(s.size()) != m.nPre)
        return nodeError(op) << "scale has " << s.size() << " values for "
                             << m.nPre << " elements";
      for (int64_t i = 0; i < m.nPre; ++i) {
        add(i, i, s[i]);
        m.indptr.push_back(int64_t(m.indices.size()));
      }
      return m;
    }
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

  /// A connector stays procedural: its attributes as a dictionary, the
  /// absorbed delay node (one value for all sources) as an offset.
  FailureOr<Matrix> readConnector(Matrix &m, ConnectorOp conn,
                                  ArrayRef<int64_t> delaySteps, double dt) {
    if (std::string why = conn.getSpec(m.spec); !why.empty())
      return nodeError(conn) << why;
    if (m.spec.nPre != m.nPre || m.spec.nPost != m.nPost)
      return nodeError(conn) << "n_pre x n_post = " << m.spec.nPre << " x "
                             << m.spec.nPost << " but it connects " << m.nPre
                             << " to " << m.nPost << " neurons";
    if (!delaySteps.empty() && !llvm::all_equal(delaySteps))
      return nodeError(conn)
             << "delay '" << getNodeName(m.delay)
             << "' has different steps per source; a connector takes one "
                "delay for all (add it to the connector's delay instead)";
    m.graphDelayOffset = delaySteps.empty() ? 0 : delaySteps.front();
    if (m.spec.delay.kind == model::Distribution::Kind::NormalClipped &&
        !std::isfinite(m.spec.delay.high))
      return nodeError(conn)
             << "a normal_clipped delay needs a finite high bound on "
                "SpiNNaker (ring buffers and delay extensions are sized "
                "from the largest delay)";
    m.connectorSteps = connectorDelayStepRange(m.spec.delay, dt);
    if (m.stdp)
      if (std::optional<double> most = largestWeight(m.spec.weight);
          most && !(*most < double(kMaxPlasticWeight)))
        return nodeError(conn)
               << "plastic connector weights reach |w| = "
               << shortNumber(*most) << ", outside (-" << kMaxPlasticWeight
               << ", " << kMaxPlasticWeight
               << "): a plastic s16.15 weight must be exact in float32 for "
                  "the image's network";
    Builder b(conn.getContext());
    SmallVector<NamedAttribute> attrs{
        b.getNamedAttr("rule", conn.getRuleAttr()),
        b.getNamedAttr("n_pre", conn.getNPreAttr()),
        b.getNamedAttr("n_post", conn.getNPostAttr()),
        b.getNamedAttr("allow_self", b.getBoolAttr(conn.getAllowSelf())),
        b.getNamedAttr("with_replacement",
                       b.getBoolAttr(conn.getWithReplacement())),
        b.getNamedAttr("weight_distribution", conn.getWeightDistributionAttr()),
        b.getNamedAttr("weight", conn.getWeightAttr()),
        b.getNamedAttr("seed", conn.getSeedAttr())};
    if (conn.getPAttr())
      attrs.push_back(b.getNamedAttr("p", conn.getPAttr()));
    if (conn.getNAttr())
      attrs.push_back(b.getNamedAttr("n", conn.getNAttr()));
    if (conn.getDelayDistributionAttr()) {
      attrs.push_back(b.getNamedAttr("delay_distribution",
                                     conn.getDelayDistributionAttr()));
      attrs.push_back(b.getNamedAttr("delay", conn.getDelayAttr()));
    }
    m.connector = b.getDictionaryAttr(attrs);
    m.indptr.clear();
    return std::move(m);
  }

  /// A connector's contribution by sign (ConnectorStats.h): each side's
  /// |w| statistics with the fan-in scaled by that side's share of the
  /// weights.
  static void
  addConnectorStats(const Matrix &m, double spikesPerTick,
                    std::array<SynapseTypeStats, kSynapseTypes> &stats) {
    const std::array<WeightPart, 2> parts = splitWeights(m.spec.weight);
    const int64_t fanIn = connectorFanIn(m.spec);
    const bool delaysVary = m.connectorSteps.first != m.connectorSteps.second;
    for (int64_t t = 0; t < kSynapseTypes; ++t) {
      const WeightPart &p = parts[t];
      if (!(p.mass > 0))
        continue;
      const auto k = int64_t(std::ceil(double(fanIn) * p.mass));
      stats[t].addProjection(p.mean, p.variance, p.max, k,
                             delaysVary ? 1.0 : 0.0, spikesPerTick);
    }
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
    SmallVector<NamedAttribute> attrs{
        b.getNamedAttr("name", b.getStringAttr(getNodeName(m.op))),
        b.getNamedAttr("pre", b.getStringAttr(m.pre)),
        b.getNamedAttr("post", b.getStringAttr(m.post)),
        b.getNamedAttr("n_pre", b.getI64IntegerAttr(m.nPre)),
        b.getNamedAttr("n_post", b.getI64IntegerAttr(m.nPost))};
    if (m.clash)
      attrs.push_back(b.getNamedAttr("latency_clash", b.getUnitAttr()));
    if (m.filter)
      attrs.push_back(b.getNamedAttr(
          "filter", b.getStringAttr(getNodeName(m.filter))));
    if (m.stdp)
      attrs.push_back(b.getNamedAttr("stdp", m.stdp));
    int64_t zeroed = 0, saturated = 0;
    if (m.isConnector()) {
      // Coded per synapse by the image builder (convention 3).
      attrs.push_back(b.getNamedAttr("connector", m.connector));
      attrs.push_back(
          b.getNamedAttr("delay_offset", b.getI64IntegerAttr(m.delayOffset)));
    } else {
      std::vector<int64_t> indptr{0}, indices, delays;
      std::vector<int32_t> types, codes;
      std::vector<double> weights;
      for (int64_t i = 0; i < m.nPre; ++i) {
        for (int64_t k = m.indptr[i]; k < m.indptr[i + 1]; ++k) {
          const double w = m.weights[k];
          if (m.stdp) {
            // Plastic: the exact weight, no code, type 0 (SpinnImage.h
            // "Plastic rows").
            indices.push_back(m.indices[k]);
            types.push_back(0);
            codes.push_back(0);
            weights.push_back(w);
            delays.push_back(m.delays[k]);
            continue;
          }
          const uint32_t t = synapseTypeOf(w);
          const WeightCode c = encodeWeight(w, int(shift[t]));
          zeroed += c.zeroed;
          saturated += c.saturated;
          if (c.code == 0)
            continue;
          indices.push_back(m.indices[k]);
          types.push_back(int32_t(t));
          codes.push_back(int32_t(c.code));
          weights.push_back(appliedWeight(c.code, t, int(shift[t])));
          delays.push_back(m.delays[k]);
        }
        indptr.push_back(int64_t(indices.size()));
      }
      if (!delays.empty() && llvm::all_equal(ArrayRef<int64_t>(delays)))
        delays.resize(1);
      if (delays.empty())
        delays.push_back(m.delays.empty() ? 1 : m.delays.front());
      auto i64 = [&](ArrayRef<int64_t> v) {
        return DenseIntElementsAttr::get(
            RankedTensorType::get({int64_t(v.size())}, b.getI64Type()), v);
      };
      auto i32 = [&](ArrayRef<int32_t> v) {
        return DenseIntElementsAttr::get(
            RankedTensorType::get({int64_t(v.size())}, b.getI32Type()), v);
      };
      attrs.append({b.getNamedAttr("indptr", i64(indptr)),
                    b.getNamedAttr("indices", i64(indices)),
                    b.getNamedAttr("synapse_types", i32(types)),
                    b.getNamedAttr("codes", i32(codes)),
                    b.getNamedAttr("weights", DenseFPElementsAttr::get(
                                                  RankedTensorType::get(
                                                      {int64_t(weights.size())},
                                                      Float64Type::get(ctx)),
                                                  ArrayRef<double>(weights))),
                    b.getNamedAttr("delay_steps", i64(delays))});
    }
    attrs.push_back(b.getNamedAttr("zeroed", b.getI64IntegerAttr(zeroed)));
    attrs.push_back(
        b.getNamedAttr("saturated", b.getI64IntegerAttr(saturated)));
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
                    llvm::StringMap<std::array<int64_t, 2>> &shifts,
                    const llvm::StringMap<int64_t> &latency,
                    const llvm::StringMap<std::array<std::string, 2>> &filters) {
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
                         b.getI64IntegerAttr(*sizeOf(op->getResult(0)))),
          b.getNamedAttr("latency",
                         b.getI64IntegerAttr(latency.lookup(getNodeName(op))))};
      if (!source) {
        auto s = shifts[getNodeName(op)];
        attrs.push_back(b.getNamedAttr("shift_exc", b.getI64IntegerAttr(s[0])));
        attrs.push_back(b.getNamedAttr("shift_inh", b.getI64IntegerAttr(s[1])));
        // The LI nodes that are this population's exponential synapses.
        auto f = filters.find(getNodeName(op));
        if (f != filters.end())
          for (int64_t t = 0; t < kSynapseTypes; ++t)
            if (!f->second[t].empty())
              attrs.push_back(b.getNamedAttr(
                  t == kExcitatory ? "filter_exc" : "filter_inh",
                  b.getStringAttr(f->second[t])));
      }
      auto pop = b.create<PopulationOp>(op->getLoc(), TypeRange{}, ValueRange{},
                                        attrs);
      pop.getBody().push_back(new Block());
    }
  }
};

} // namespace
