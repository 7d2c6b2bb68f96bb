//===- SpinnOps.cpp - spinn op verifiers and helpers ---------------------===//
//
// Every verifier names the projection or population at fault.
//===----------------------------------------------------------------------===//
#include "nmc/Dialect/Spinn/SpinnOps.h"

#include "nmc/Dialect/SNN/SNNOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/MathExtras.h"

#include <cmath>
#include <optional>

using namespace mlir;
using namespace nmc::spinn;

#define GET_OP_CLASSES
#include "nmc/Dialect/Spinn/SpinnOps.cpp.inc"

//===----------------------------------------------------------------------===//
// ProjectionOp
//===----------------------------------------------------------------------===//

int64_t ProjectionOp::getDelay(int64_t k) {
  auto delays = getDelaySteps()->getValues<int64_t>();
  return getDelaySteps()->getNumElements() == 1 ? delays[0] : delays[k];
}

std::string ProjectionOp::getConnectorSpec(nmc::model::ConnectorSpec &spec) {
  namespace model = nmc::model;
  spec = model::ConnectorSpec{};
  if (!getConnector())
    return "not in connector form";
  DictionaryAttr d = *getConnector();
  auto i64 = [&](StringRef key, int64_t &out) -> bool {
    auto a = d.getAs<IntegerAttr>(key);
    if (a)
      out = a.getValue().getSExtValue();
    return bool(a);
  };
  auto f64s = [&](StringRef key, std::vector<double> &out) -> bool {
    auto a = d.getAs<DenseF64ArrayAttr>(key);
    if (a)
      out.assign(a.asArrayRef().begin(), a.asArrayRef().end());
    return bool(a);
  };
  auto rule = d.getAs<nmc::snn::ConnectorRuleAttr>("rule");
  if (!rule)
    return "connector needs rule = #snn.rule<...>";
  spec.rule = nmc::snn::toModel(rule.getValue());
  if (!i64("n_pre", spec.nPre) || !i64("n_post", spec.nPost))
    return "connector needs n_pre and n_post";
  if (spec.nPre != getNPre() || spec.nPost != getNPost())
    return "connector n_pre x n_post differs from the projection's";
  if (spec.rule == model::ConnectorRule::FixedProbability) {
    auto p = d.getAs<FloatAttr>("p");
    if (!p)
      return "fixed_probability needs p";
    spec.p = p.getValueAsDouble();
  }
  if ((spec.rule == model::ConnectorRule::FixedNumberPre ||
       spec.rule == model::ConnectorRule::FixedTotalNumber) &&
      !i64("n", spec.n))
    return std::string(model::toString(spec.rule)) + " needs n";
  if (auto b = d.getAs<BoolAttr>("allow_self"))
    spec.allowSelf = b.getValue();
  if (auto b = d.getAs<BoolAttr>("with_replacement"))
    spec.withReplacement = b.getValue();
  auto wKind = d.getAs<nmc::snn::DistributionKindAttr>("weight_distribution");
  std::vector<double> params;
  if (!wKind || !f64s("weight", params))
    return "connector needs weight_distribution and weight";
  if (std::string e = model::makeDistribution(
          nmc::snn::toModel(wKind.getValue()), params, "weight", spec.weight);
      !e.empty())
    return e;
  auto dKind = d.getAs<nmc::snn::DistributionKindAttr>("delay_distribution");
  const bool hasDelay = f64s("delay", params);
  if (bool(dKind) != hasDelay)
    return "delay and delay_distribution go together";
  if (dKind)
    if (std::string e = model::makeDistribution(
            nmc::snn::toModel(dKind.getValue()), params, "delay", spec.delay);
        !e.empty())
      return e;
  int64_t seed = 0;
  if (!i64("seed", seed))
    return "connector needs seed";
  spec.seed = uint64_t(seed);
  return model::validateConnector(spec);
}

/// The dt of the snn.graph around `op`, if it has one.
static std::optional<double> graphDt(Operation *op) {
  auto graph = op->getParentOfType<nmc::snn::GraphOp>();
  if (!graph || !graph.getDt())
    return std::nullopt;
  return graph.getDt()->convertToDouble();
}

std::pair<int64_t, int64_t> ProjectionOp::getDelayRange() {
  if (!isConnector()) {
    int64_t lo = INT64_MAX, hi = 0;
    for (int64_t d : getDelaySteps()->getValues<int64_t>()) {
      lo = std::min(lo, d);
      hi = std::max(hi, d);
    }
    return {lo == INT64_MAX ? 0 : lo, hi};
  }
  nmc::model::ConnectorSpec spec;
  (void)getConnectorSpec(spec);
  const int64_t offset = getDelayOffset().value_or(0);
  auto [lo, hi] = connectorDelayStepRange(spec.delay, graphDt(*this).value());
  return {lo + offset, hi + offset};
}

std::pair<int64_t, int64_t>
nmc::spinn::connectorDelayStepRange(const nmc::model::Distribution &delay,
                                    double dt) {
  using Kind = nmc::model::Distribution::Kind;
  // Connector.h: a delay of d seconds is round(d / dt) steps.
  auto steps = [&](double d) { return int64_t(std::llround(d / dt)); };
  switch (delay.kind) {
  case Kind::Constant:
    return {steps(delay.a), steps(delay.a)};
  case Kind::Uniform: // [a, b): b itself is never drawn, round(b/dt) bounds
    return {steps(delay.a), steps(delay.b)};
  case Kind::NormalClipped:
    return {steps(std::max(0.0, delay.low)), steps(delay.high)};
  case Kind::Choice: {
    int64_t lo = INT64_MAX, hi = 0;
    for (double v : delay.values) {
      lo = std::min(lo, steps(v));
      hi = std::max(hi, steps(v));
    }
    return {lo, hi};
  }
  }
  return {0, 0};
}

namespace {
InFlightDiagnostic projectionError(ProjectionOp op) {
  return op.emitOpError() << "projection '" << op.getName() << "': ";
}

LogicalResult verifyConnectorForm(ProjectionOp op) {
  if (op.getIndptr() || op.getIndices() || op.getSynapseTypes() ||
      op.getCodes() || op.getWeights() || op.getDelaySteps())
    return projectionError(op)
           << "a connector-form projection has no indptr, indices, "
              "synapse_types, codes, weights or delay_steps";
  if (!op.getDelayOffset())
    return projectionError(op) << "a connector-form projection needs "
                                  "delay_offset";
  nmc::model::ConnectorSpec spec;
  if (std::string why = op.getConnectorSpec(spec); !why.empty())
    return projectionError(op) << "connector: " << why;
  if (spec.delay.kind == nmc::model::Distribution::Kind::NormalClipped &&
      !std::isfinite(spec.delay.high))
    return projectionError(op)
           << "connector: a normal_clipped delay needs a finite high bound "
              "(ring buffers and delay extensions are sized from it)";
  // Connector delays are in seconds: steps need the graph's dt.
  if (!graphDt(op))
    return projectionError(op) << "a connector-form projection needs the dt "
                                  "of its snn.graph (its delays are seconds)";
  // Every hardware delay (connector steps + offset) must be >= 1.
  if (const int64_t smallest = op.getDelayRange().first; smallest < 1)
    return projectionError(op)
           << "delay_offset " << *op.getDelayOffset()
           << " + the smallest connector delay "
           << smallest - *op.getDelayOffset()
           << " steps must be >= 1 (hardware delays are >= 1)";
  if (op.getZeroed() != 0 || op.getSaturated() != 0)
    return projectionError(op) << "zeroed and saturated of a connector-form "
                                  "projection are not known before expansion "
                                  "(must be 0)";
  return success();
}
} // namespace

LogicalResult ProjectionOp::verify() {
  const int64_t nPre = getNPre(), nPost = getNPost();
  if (nPre < 1 || nPost < 1)
    return projectionError(*this) << "n_pre and n_post must be >= 1";
  if (isConnector()) {
    if (failed(verifyConnectorForm(*this)))
      return failure();
    // A plastic connector: one hardware delay for all its synapses.
    if (getStdp())
      if (auto [lo, hi] = getDelayRange(); lo != hi)
        return projectionError(*this)
               << "is a plastic (stdp) connector but its hardware delays "
                  "span "
               << lo << " to " << hi
               << "; a plastic projection needs one delay (a constant "
                  "connector delay)";
    return success();
  }
  if (getDelayOffset())
    return projectionError(*this)
           << "delay_offset belongs to the connector form";
  if (!getIndptr() || !getIndices() || !getSynapseTypes() || !getCodes() ||
      !getWeights() || !getDelaySteps())
    return projectionError(*this)
           << "needs indptr, indices, synapse_types, codes, weights and "
              "delay_steps, or a connector";
  if (getIndptr()->getNumElements() != nPre + 1)
    return projectionError(*this)
           << "indptr has " << getIndptr()->getNumElements()
           << " entries, expected n_pre + 1 = " << nPre + 1;
  const int64_t nnz = getNumSynapses();
  int64_t previous = 0;
  for (int64_t p : getIndptr()->getValues<int64_t>()) {
    if (p < previous || p > nnz)
      return projectionError(*this) << "indptr must rise from 0 to " << nnz;
    previous = p;
  }
  if (previous != nnz)
    return projectionError(*this) << "indptr ends at " << previous
                                  << " but there are " << nnz << " synapses";
  for (int64_t j : getIndices()->getValues<int64_t>())
    if (j < 0 || j >= nPost)
      return projectionError(*this)
             << "target index " << j << " outside [0, " << nPost << ")";
  if (getSynapseTypes()->getNumElements() != nnz ||
      getCodes()->getNumElements() != nnz ||
      getWeights()->getNumElements() != nnz)
    return projectionError(*this)
           << "synapse_types, codes and weights need one entry per synapse ("
           << nnz << ")";
  for (APInt t : getSynapseTypes()->getValues<APInt>())
    if (t.getSExtValue() != kExcitatory && t.getSExtValue() != kInhibitory)
      return projectionError(*this)
             << "synapse type " << t.getSExtValue()
             << " is neither 0 (excitatory) nor 1 (inhibitory)";
  for (APInt c : getCodes()->getValues<APInt>())
    if (c.getSExtValue() < 0 || c.getSExtValue() > kMaxWeightCode)
      return projectionError(*this) << "weight code " << c.getSExtValue()
                                    << " outside [0, " << kMaxWeightCode << "]";
  const int64_t nDelays = getDelaySteps()->getNumElements();
  if (nDelays != 1 && nDelays != nnz)
    return projectionError(*this)
           << "delay_steps needs 1 entry or one per synapse (" << nnz
           << "), has " << nDelays;
  for (int64_t d : getDelaySteps()->getValues<int64_t>())
    if (d < 1)
      return projectionError(*this)
             << "hardware delay " << d
             << " is below 1 (SpiNNaker delivers a spike a tick later at the "
                "earliest)";
  if (getZeroed() < 0 || getSaturated() < 0)
    return projectionError(*this) << "zeroed and saturated must be >= 0";
  if (getStdp()) {
    for (APInt c : getCodes()->getValues<APInt>())
      if (!c.isZero())
        return projectionError(*this)
               << "is plastic (stdp): its weights are exact, codes must be 0";
    for (APInt t : getSynapseTypes()->getValues<APInt>())
      if (!t.isZero())
        return projectionError(*this)
               << "is plastic (stdp): synapse_types must be 0";
    auto d = getDelaySteps()->getValues<int64_t>();
    if (!llvm::all_equal(d))
      return projectionError(*this)
             << "is plastic (stdp): needs one hardware delay for all its "
                "synapses";
  }
  return success();
}

//===----------------------------------------------------------------------===//
// MappingOp
//===----------------------------------------------------------------------===//

PopulationOp MappingOp::lookupPopulation(StringRef name) {
  for (auto pop : getBodyBlock().getOps<PopulationOp>())
    if (pop.getName() == name)
      return pop;
  return {};
}

LogicalResult MappingOp::verify() {
  if (getBody().empty())
    return emitOpError("needs a body block");
  if (auto f = getKeyFields()) {
    int64_t bits = 0;
    for (int64_t w : *f)
      bits += w;
    if (f->size() != 3 || llvm::any_of(*f, [](int64_t w) { return w < 0; }) ||
        bits > 32)
      return emitOpError("key_fields needs 3 widths >= 0 summing to <= 32");
  }
  llvm::StringSet<> names;
  for (Operation &op : getBodyBlock()) {
    if (!isa<PopulationOp, RouterTableOp>(op))
      return op.emitOpError("cannot appear in spinn.mapping");
    if (auto pop = dyn_cast<PopulationOp>(op))
      if (!names.insert(pop.getName()).second)
        return pop.emitOpError()
               << "duplicate population '" << pop.getName() << "'";
  }
  llvm::DenseSet<std::pair<int64_t, int64_t>> chips;
  for (auto table : getBodyBlock().getOps<RouterTableOp>())
    if (!chips.insert({table.getX(), table.getY()}).second)
      return table.emitOpError() << "second router table for chip ("
                                 << table.getX() << ", " << table.getY() << ")";
  return success();
}

//===----------------------------------------------------------------------===//
// PopulationOp, SliceOp
//===----------------------------------------------------------------------===//

llvm::iterator_range<Block::op_iterator<SliceOp>> PopulationOp::getSlices() {
  return getBodyBlock().getOps<SliceOp>();
}

namespace {
InFlightDiagnostic populationError(PopulationOp op) {
  return op.emitOpError() << "population '" << op.getName() << "': ";
}
} // namespace

LogicalResult PopulationOp::verify() {
  if (getName().empty())
    return emitOpError("needs a non-empty name");
  if (getSize() < 1)
    return populationError(*this) << "size " << getSize() << " must be >= 1";
  const bool neuron = getKind() == PopulationKind::Neuron;
  for (auto shift : {getShiftExc(), getShiftInh()}) {
    if (!shift)
      continue;
    if (!neuron)
      return populationError(*this)
             << "a source population has no ring-buffer shifts";
    // Codes are 16 bits and the s16.15 input holds 31 magnitude bits, so a
    // shift above 16 would overflow the input (spinnaker.md §A.4).
    if (*shift < 0 || *shift > 16)
      return populationError(*this)
             << "ring-buffer shift " << *shift << " outside [0, 16]";
  }
  if (auto latency = getLatency()) {
    if (*latency < 0)
      return populationError(*this)
             << "latency " << *latency << " must be >= 0";
    if (!neuron && *latency != 0)
      return populationError(*this)
             << "a source population has latency 0, not " << *latency;
  }
  return success();
}

/// After the slices' own verifiers: they cover [0, size) in order.
LogicalResult PopulationOp::verifyRegions() {
  if (getBody().empty())
    return success();
  int64_t next = 0;
  bool any = false;
  for (Operation &op : getBodyBlock()) {
    auto slice = dyn_cast<SliceOp>(op);
    if (!slice)
      return op.emitOpError("cannot appear in spinn.population");
    any = true;
    if (slice.getLo() != next)
      return populationError(*this)
             << "slice [" << slice.getLo() << ", " << slice.getHi()
             << ") does not start where the previous one ends (" << next
             << "): slices must cover [0, " << getSize()
             << ") in order without gaps or overlap";
    next = slice.getHi();
  }
  if (any && next != getSize())
    return populationError(*this)
           << "slices end at " << next << " but the population has "
           << getSize() << " neurons";
  return success();
}

LogicalResult SliceOp::verify() {
  if (getLo() < 0 || getLo() >= getHi())
    return emitOpError() << "slice [" << getLo() << ", " << getHi()
                         << ") needs 0 <= lo < hi";
  for (auto bytes : {getDtcmBytes(), getSdramBytes()})
    if (bytes && *bytes < 0)
      return emitOpError() << "byte counts must be >= 0";
  if (getX().has_value() != getY().has_value() ||
      getX().has_value() != getP().has_value())
    return emitOpError("a placed slice needs all of x, y and p");
  // The machine's own core count is spinn-place's check; here only the
  // largest any machine description allows (MachineJson: chip.cores <=
  // 1024), so SpiNNaker 2's 152 cores verify.
  if (getX() && (*getX() < 0 || *getY() < 0 || *getP() < 0 || *getP() >= 1024))
    return emitOpError() << "placement (" << *getX() << ", " << *getY() << ", "
                         << *getP()
                         << ") needs x, y >= 0 and core 0 <= p < 1024";
  if (getKey().has_value() != getMask().has_value())
    return emitOpError("a routing key needs its mask and vice versa");
  if (getKey()) {
    const int64_t key = *getKey(), mask = *getMask();
    if (key < 0 || key > 0xFFFFFFFFll || mask < 0 || mask > 0xFFFFFFFFll)
      return emitOpError("key and mask are 32-bit unsigned values");
    if ((key & ~mask) != 0)
      return emitOpError() << "key " << key << " has bits outside mask "
                           << mask;
  }
  if (auto bits = getDelayBits()) {
    // Convention 2 (SpinnImage.h): n + t + d within the ring buffer's 14
    // bits (spinnaker.md §A.5), at least one delay bit (D >= 1).
    const int64_t n = rowIndexBits(getHi() - getLo());
    if (*bits < 1 || n + 1 + *bits > kMaxRingBufferBits)
      return emitOpError() << "delay_bits " << *bits << " outside [1, "
                           << kMaxRingBufferBits - n - 1 << "] (a slice of "
                           << getHi() - getLo() << " neurons has " << n
                           << " index bits, 1 type bit, ring buffer <= "
                           << kMaxRingBufferBits << " bits)";
  }
  if (getExtX().has_value() != getExtY().has_value() ||
      getExtX().has_value() != getExtP().has_value())
    return emitOpError("a placed delay extension needs all of ext_x, ext_y "
                       "and ext_p");
  if (getExtX() && (*getExtX() < 0 || *getExtY() < 0 || *getExtP() < 0 ||
                    *getExtP() >= 1024))
    return emitOpError() << "delay extension placement (" << *getExtX() << ", "
                         << *getExtY() << ", " << *getExtP()
                         << ") needs x, y >= 0 and core 0 <= p < 1024";
  if ((getExtX() || getExtKeys()) && !getExtStageTicks())
    return emitOpError("ext_x/ext_y/ext_p and ext_keys belong to a delay "
                       "extension: they need ext_stage_ticks");
  if (auto s = getExtStageTicks(); s && *s < 1)
    return emitOpError() << "ext_stage_ticks " << *s << " must be >= 1";
  if (auto keys = getExtKeys()) {
    if (keys->empty() || int64_t(keys->size()) > kMaxDelayStages)
      return emitOpError() << "ext_keys has " << keys->size()
                           << " stage keys; a delay extension has 1.."
                           << kMaxDelayStages << " stages (spinnaker.md §A.5)";
    for (int64_t k : *keys) {
      if (k < 0 || k > 0xFFFFFFFFll)
        return emitOpError() << "stage key " << k << " is not 32-bit";
      if (getMask() && (k & ~*getMask()) != 0)
        return emitOpError()
               << "stage key " << k << " has bits outside mask " << *getMask();
    }
  }
  return success();
}

int64_t nmc::spinn::rowIndexBits(int64_t sliceSize) {
  return sliceSize <= 2 ? 1 : int64_t(llvm::Log2_64_Ceil(uint64_t(sliceSize)));
}

//===----------------------------------------------------------------------===//
// RouterTableOp
//===----------------------------------------------------------------------===//

LogicalResult RouterTableOp::verify() {
  if (getX() < 0 || getY() < 0)
    return emitOpError("chip coordinates must be >= 0");
  ArrayRef<int64_t> e = getEntries();
  if (e.size() % 3 != 0)
    return emitOpError("entries must be (key, mask, route) triples");
  for (size_t k = 0; k < e.size(); k += 3)
    if (e[k] < 0 || e[k] > 0xFFFFFFFFll || e[k + 1] < 0 ||
        e[k + 1] > 0xFFFFFFFFll || e[k + 2] < 0 || e[k + 2] >= (1 << 24))
      return emitOpError() << "entry " << k / 3
                           << ": key and mask are 32-bit, the route 24-bit "
                              "(spinnaker.md §A.6)";
  const size_t n = e.size() / 3;
  if (auto d = getDefaultable(); d && d->size() != n)
    return emitOpError() << "defaultable has " << d->size() << " flags for "
                         << n << " entries";
  if (auto s = getSources(); s && s->size() != n)
    return emitOpError() << "sources has " << s->size() << " tags for " << n
                         << " entries";
  if (auto s = getSources())
    for (int64_t tag : *s)
      if (tag < 0 || tag > 0xFFFFFFFFll)
        return emitOpError() << "source tag " << tag << " is not 32-bit";
  if (getUncompressed() && *getUncompressed() < 0)
    return emitOpError("uncompressed must be >= 0");
  return success();
}
