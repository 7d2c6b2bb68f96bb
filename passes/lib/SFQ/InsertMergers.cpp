//===- InsertMergers.cpp - sfq-insert-mergers ----------------------------===//
//
// Pulse streams meet only in mergers (../shared/reference/sfq.md §3): a
// draft neuron port with n drivers gets n - 1 of them, one without any an
// sfq.zero.
//===----------------------------------------------------------------------===//
#include "Trees.h"
#include "nmc/SFQ/Passes.h"

namespace nmc {
#define GEN_PASS_DEF_SFQINSERTMERGERS
#include "nmc/SFQ/Passes.h.inc"
} // namespace nmc

using namespace mlir;
using namespace nmc::sfq;

namespace {

/// The one wire that replaces a port's drivers.
Value joinDrivers(OpBuilder &b, Location loc, ValueRange drivers) {
  if (drivers.empty())
    return b.create<ZeroOp>(loc, b.getType<PulseType>(), StringAttr());
  return buildMergerTree(b, loc, drivers);
}

struct InsertMergersPass : nmc::impl::SFQInsertMergersBase<InsertMergersPass> {
  void runOnOperation() override {
    CircuitOp circuit = getOperation();
    for (NeuronOp neuron : circuit.getBodyBlock().getOps<NeuronOp>()) {
      OpBuilder b(neuron);
      if (neuron.getExc().size() != 1) {
        SmallVector<Value> drivers(neuron.getExc());
        neuron.getExcMutable().assign(joinDrivers(b, neuron.getLoc(), drivers));
      }
      if (neuron.getInh().size() != 1) {
        SmallVector<Value> drivers(neuron.getInh());
        neuron.getInhMutable().assign(joinDrivers(b, neuron.getLoc(), drivers));
      }
    }
    dropDraftIfLegal(circuit);
  }
};

} // namespace
