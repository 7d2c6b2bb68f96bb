//===- SpinnOps.cpp - spinn op verifiers and helpers ---------------------===//
//
// Every verifier names the projection or population at fault.
//===----------------------------------------------------------------------===//
#include "nmc/Dialect/Spinn/SpinnOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"
#include "llvm/ADT/StringSet.h"

using namespace mlir;
using namespace nmc::spinn;

#define GET_OP_CLASSES
#include "nmc/Dialect/Spinn/SpinnOps.cpp.inc"

//===----------------------------------------------------------------------===//
// ProjectionOp
//===----------------------------------------------------------------------===//

int64_t ProjectionOp::getDelay(int64_t k) {
  auto delays = getDelaySteps().getValues<int64_t>();
  return getDelaySteps().getNumElements() == 1 ? delays[0] : delays[k];
}

int64_t ProjectionOp::getMaxDelay() {
  int64_t most = 0;
  for (int64_t d : getDelaySteps().getValues<int64_t>())
    most = std::max(most, d);
  return most;
}

namespace {
InFlightDiagnostic projectionError(ProjectionOp op) {
  return op.emitOpError() << "projection '" << op.getName() << "': ";
}
} // namespace

LogicalResult ProjectionOp::verify() {
  const int64_t nPre = getNPre(), nPost = getNPost();
  if (nPre < 1 || nPost < 1)
    return projectionError(*this) << "n_pre and n_post must be >= 1";
  if (getIndptr().getNumElements() != nPre + 1)
    return projectionError(*this)
           << "indptr has " << getIndptr().getNumElements()
           << " entries, expected n_pre + 1 = " << nPre + 1;
  const int64_t nnz = getNumSynapses();
  int64_t previous = 0;
  for (int64_t p : getIndptr().getValues<int64_t>()) {
    if (p < previous || p > nnz)
      return projectionError(*this) << "indptr must rise from 0 to " << nnz;
    previous = p;
  }
  if (previous != nnz)
    return projectionError(*this) << "indptr ends at " << previous
                                  << " but there are " << nnz << " synapses";
  for (int64_t j : getIndices().getValues<int64_t>())
    if (j < 0 || j >= nPost)
      return projectionError(*this)
             << "target index " << j << " outside [0, " << nPost << ")";
  if (getSynapseTypes().getNumElements() != nnz ||
      getCodes().getNumElements() != nnz ||
      getWeights().getNumElements() != nnz)
    return projectionError(*this)
           << "synapse_types, codes and weights need one entry per synapse ("
           << nnz << ")";
  for (APInt t : getSynapseTypes().getValues<APInt>())
    if (t.getSExtValue() != kExcitatory && t.getSExtValue() != kInhibitory)
      return projectionError(*this)
             << "synapse type " << t.getSExtValue()
             << " is neither 0 (excitatory) nor 1 (inhibitory)";
  for (APInt c : getCodes().getValues<APInt>())
    if (c.getSExtValue() < 0 || c.getSExtValue() > kMaxWeightCode)
      return projectionError(*this) << "weight code " << c.getSExtValue()
                                    << " outside [0, " << kMaxWeightCode << "]";
  const int64_t nDelays = getDelaySteps().getNumElements();
  if (nDelays != 1 && nDelays != nnz)
    return projectionError(*this)
           << "delay_steps needs 1 entry or one per synapse (" << nnz
           << "), has " << nDelays;
  for (int64_t d : getDelaySteps().getValues<int64_t>())
    if (d < 0)
      return projectionError(*this) << "delay " << d << " is negative";
  if (getZeroed() < 0 || getSaturated() < 0)
    return projectionError(*this) << "zeroed and saturated must be >= 0";
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
  return success();
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
