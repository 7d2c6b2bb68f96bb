//===- SFQLegality.cpp - The rules of an sfq.circuit ---------------------===//
//
// One function checks a circuit, for the verifier (emit) and for the
// legalization passes (silently, to decide whether `draft` can go). The
// rules are listed in the dialect description (SFQDialect.td).
//===----------------------------------------------------------------------===//
#include "nmc/Dialect/SFQ/SFQOps.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringMap.h"

using namespace mlir;
using namespace nmc::sfq;

namespace {

/// Reports at most one error (the first), or none when silent.
class Checker {
public:
  explicit Checker(bool emit) : emit(emit) {}

  /// Fails; the message goes to `op` when emitting.
  InFlightDiagnostic fail(Operation *op) {
    failed = true;
    return emit ? op->emitError() : InFlightDiagnostic();
  }
  bool ok() const { return !failed; }

private:
  bool emit;
  bool failed = false;
};

/// Unique names: primary inputs (and clock, named zeros) among themselves,
/// outputs among themselves and against inputs, cells among themselves.
void checkNames(Block &body, Checker &check) {
  llvm::StringMap<Operation *> inputs, outputs, cells;
  for (Operation &op : body) {
    if (!check.ok())
      return;
    auto nameAttr = op.getAttrOfType<StringAttr>("name");
    if (!nameAttr)
      continue;
    StringRef name = nameAttr.getValue();
    if (name.empty()) {
      check.fail(&op) << "empty name";
      continue;
    }
    if (isa<InputOp, ClockOp, ZeroOp>(op)) {
      auto [it, fresh] = inputs.try_emplace(name, &op);
      if (!fresh)
        check.fail(&op) << "double-driven wire: primary input '" << name
                        << "' is defined twice (a stimulus row for '" << name
                        << "' would drive both)";
    } else if (isa<OutputOp>(op)) {
      if (!outputs.try_emplace(name, &op).second)
        check.fail(&op) << "primary output '" << name << "' is defined twice";
    } else if (!cells.try_emplace(name, &op).second) {
      check.fail(&op) << "cell name '" << name << "' is used twice";
    }
  }
  for (auto &[name, op] : outputs)
    if (check.ok() && inputs.count(name))
      check.fail(op) << "primary output '" << name
                     << "' has the name of a primary input";
}

/// The rules about loads of one wire.
void checkLoads(Value wire, bool strict, Checker &check) {
  Operation *def = wire.getDefiningOp();
  if (wire.use_empty()) {
    check.fail(def) << "wire '" << getWireName(wire)
                    << "' has no load (end it in an sfq.output)";
    return;
  }
  if (!strict || wire.hasOneUse())
    return;
  SmallVector<std::string> loads;
  for (OpOperand &use : wire.getUses())
    loads.push_back(describeLoad(use));
  llvm::sort(loads); // use lists are in reverse creation order
  auto diag = check.fail(def);
  diag << "wire '" << getWireName(wire) << "' has "
       << std::distance(wire.use_begin(), wire.use_end()) << " loads (";
  llvm::interleaveComma(loads, diag);
  diag << "); a wire drives exactly one port: run sfq-insert-splitters";
}

/// Rules a draft may break, on one cell.
void checkStrictCell(Operation &op, Checker &check) {
  if (auto neuron = dyn_cast<NeuronOp>(op)) {
    for (auto [port, drivers] : {std::pair{"exc", neuron.getExc().size()},
                                 std::pair{"inh", neuron.getInh().size()}})
      if (check.ok() && drivers == 0)
        check.fail(&op) << "neuron '" << getCellName(&op) << "': port " << port
                        << " is not driven (drive it with sfq.zero)";
      else if (check.ok() && drivers > 1)
        check.fail(&op) << "neuron '" << getCellName(&op) << "': port " << port
                        << " has " << drivers
                        << " drivers; run sfq-insert-mergers";
  }
  if (!isClocked(&op) || !check.ok())
    return;
  OpOperand *clk = getClockOperand(&op);
  if (!clk) {
    check.fail(&op) << "clocked cell '" << getCellName(&op)
                    << "' has no clk; run sfq-clock-tree";
    return;
  }
  if (!isClockNet(clk->get()))
    check.fail(&op) << "clocked cell '" << getCellName(&op)
                    << "': clk is driven by '" << getWireName(clk->get())
                    << "', not by the sfq.clock through splitters";
}

} // namespace

bool nmc::sfq::isClockNet(Value wire) {
  llvm::SmallPtrSet<Operation *, 8> seen; // a splitter loop has no source
  while (auto split = wire.getDefiningOp<SplitterOp>()) {
    if (!seen.insert(split).second)
      return false;
    wire = split.getA();
  }
  return static_cast<bool>(wire.getDefiningOp<ClockOp>());
}

LogicalResult nmc::sfq::checkCircuit(CircuitOp circuit, bool strict,
                                     bool emit) {
  Checker check(emit);
  Block &body = circuit.getBodyBlock();
  ClockOp clock;
  Operation *firstClocked = nullptr;
  for (Operation &op : body) {
    if (!isa<SFQDialect>(op.getDialect())) {
      check.fail(&op) << "'" << op.getName()
                      << "' inside an sfq.circuit: only sfq ops may be";
      return failure();
    }
    if (auto c = dyn_cast<ClockOp>(op)) {
      if (clock) {
        check.fail(&op) << "a circuit has at most one sfq.clock (the first "
                           "is '"
                        << clock.getName() << "')";
        return failure();
      }
      clock = c;
    }
    if (!firstClocked && isClocked(&op))
      firstClocked = &op;
  }
  checkNames(body, check);
  for (Operation &op : body)
    for (Value wire : op.getResults())
      if (check.ok())
        checkLoads(wire, strict, check);
  if (!strict || !check.ok())
    return success(check.ok());
  for (Operation &op : body)
    if (check.ok())
      checkStrictCell(op, check);
  // A clocked cell without a clock fails above (its clk must come from the
  // sfq.clock), so "clock iff clocked cell" needs only this direction.
  if (check.ok() && clock && !firstClocked)
    check.fail(clock) << "sfq.clock '" << clock.getName()
                      << "' but no clocked cell";
  return success(check.ok());
}

void nmc::sfq::dropDraftIfLegal(CircuitOp circuit) {
  if (circuit.getDraft() &&
      succeeded(checkCircuit(circuit, /*strict=*/true, /*emit=*/false)))
    circuit.setDraft(false);
}
