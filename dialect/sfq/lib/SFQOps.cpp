//===- SFQOps.cpp - sfq ops: verifiers and cell/port/wire helpers --------===//
#include "nmc/Dialect/SFQ/SFQOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

#include <cmath>

using namespace mlir;
using namespace nmc::sfq;

#define GET_OP_CLASSES
#include "nmc/Dialect/SFQ/SFQOps.cpp.inc"

void CircuitOp::build(OpBuilder &b, OperationState &state, StringRef name) {
  state.addAttribute(getSymNameAttrName(state.name), b.getStringAttr(name));
  // Not b.createBlock: that would move b's insertion point into the body.
  state.addRegion()->push_back(new Block);
}

RegionKind CircuitOp::getRegionKind(unsigned) { return RegionKind::Graph; }

LogicalResult CircuitOp::verifyRegions() {
  return checkCircuit(*this, /*strict=*/!getDraft(), /*emit=*/true);
}

LogicalResult ClockOp::verify() {
  const double period = getPeriodPs().convertToDouble();
  const double phase = getPhasePs().convertToDouble();
  // Bounded (1 ms) so the emulator's femtosecond times cannot overflow.
  if (!(period > 0 && period <= 1e9))
    return emitOpError() << "clock '" << getName()
                         << "': period must be in (0, 1e9] ps, got " << period;
  if (!(phase >= 0 && phase <= 1e9))
    return emitOpError() << "clock '" << getName()
                         << "': phase must be in [0, 1e9] ps, got " << phase;
  return success();
}

/// A bias current sets a probability or a threshold: it must be a real,
/// positive current.
static LogicalResult verifyBias(Operation *op, APFloat bias) {
  const double mA = bias.convertToDouble();
  if (std::isfinite(mA) && mA > 0)
    return success();
  return op->emitOpError() << "cell '" << getCellName(op)
                           << "': bias must be finite and > 0 mA, got " << mA;
}

LogicalResult SynapseOp::verify() { return verifyBias(*this, getBiasMa()); }
LogicalResult NeuronOp::verify() { return verifyBias(*this, getBiasMa()); }

//===----------------------------------------------------------------------===//
// Cell kinds, ports, names
//===----------------------------------------------------------------------===//

std::optional<CellKind> nmc::sfq::getCellKind(Operation *op) {
  return llvm::TypeSwitch<Operation *, std::optional<CellKind>>(op)
      .Case<JtlOp, SplitterOp, MergerOp, DffOp, AndOp, OrOp, XorOp, NotOp,
            TffOp, SynapseOp, NeuronOp>(
          [](auto cell) { return decltype(cell)::kKind; })
      .Default([](Operation *) { return std::nullopt; });
}

bool nmc::sfq::isClocked(Operation *op) {
  auto kind = getCellKind(op);
  return kind && ports(*kind).clocked;
}

OpOperand *nmc::sfq::getClockOperand(Operation *op) {
  auto kind = getCellKind(op);
  if (!kind || !ports(*kind).clocked ||
      op->getNumOperands() != unsigned(ports(*kind).numIn))
    return nullptr;
  return &op->getOpOperand(op->getNumOperands() - 1);
}

void nmc::sfq::setClock(Operation *op, Value clock) {
  if (OpOperand *clk = getClockOperand(op))
    clk->set(clock);
  else
    op->insertOperands(op->getNumOperands(), clock);
}

OperandRange nmc::sfq::getDataOperands(Operation *op) {
  return op->getOperands().drop_back(getClockOperand(op) ? 1 : 0);
}

std::string nmc::sfq::getCellName(Operation *op) {
  if (auto name = op->getAttrOfType<StringAttr>("name"))
    return name.str();
  // Count the earlier ops of the same kind: only the error path and the
  // backend (which numbers in one sweep) need this.
  int index = 0;
  for (Operation *prev = op->getPrevNode(); prev; prev = prev->getPrevNode())
    index += prev->getName() == op->getName();
  return (Twine(op->getName().stripDialect()) + Twine(index)).str();
}

StringRef nmc::sfq::getPortName(OpOperand &operand) {
  Operation *op = operand.getOwner();
  const unsigned index = operand.getOperandNumber();
  if (auto neuron = dyn_cast<NeuronOp>(op))
    return index < neuron.getExc().size() ? "exc" : "inh";
  if (isa<OutputOp>(op))
    return "input";
  auto kind = getCellKind(op);
  if (!kind)
    return "?";
  return ports(*kind).in[index];
}

std::string nmc::sfq::getWireName(Value wire) {
  Operation *def = wire.getDefiningOp();
  if (auto input = dyn_cast<InputOp>(def))
    return input.getName().str();
  if (auto clock = dyn_cast<ClockOp>(def))
    return clock.getName().str();
  std::string cell = getCellName(def);
  auto kind = getCellKind(def);
  if (!kind)
    return cell;
  auto result = cast<OpResult>(wire);
  return cell + "." + std::string(ports(*kind).out[result.getResultNumber()]);
}

std::string nmc::sfq::describeLoad(OpOperand &use) {
  if (auto output = dyn_cast<OutputOp>(use.getOwner()))
    return ("output \"" + output.getName() + "\"").str();
  return getCellName(use.getOwner()) + "." + getPortName(use).str();
}
