//===- SFQNetlistBuilder.cpp - Legal sfq.circuit -> sfq::Netlist ---------===//
//
// The compiler half ends here: the emulator takes a plain netlist. Names
// follow the dialect's helpers (getCellName/getWireName), computed in one
// sweep so large circuits stay linear.
//===----------------------------------------------------------------------===//
#include "nmc/Backends/SFQNetlistBuilder.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"

#include <limits>

using namespace mlir;

namespace nmc {

namespace {

class NetlistBuilder {
public:
  explicit NetlistBuilder(sfq::CircuitOp circuit) : circuit(circuit) {}

  FailureOr<sfq::Netlist> build() {
    if (circuit.getDraft())
      return circuit.emitError()
             << "sfq netlist: circuit @" << circuit.getSymName()
             << " is a draft; run sfq-legalize first";
    if (failed(sfq::checkCircuit(circuit, /*strict=*/true, /*emit=*/true)))
      return failure();
    Block &body = circuit.getBodyBlock();
    // Names first (ops may read wires defined later in a graph region).
    for (Operation &op : body)
      if (failed(name(op)))
        return failure();
    for (Operation &op : body)
      if (failed(connect(op)))
        return failure();
    return std::move(netlist);
  }

private:
  /// Names `op` (if a cell) and its result wires.
  LogicalResult name(Operation &op) {
    std::string base;
    if (auto named = op.getAttrOfType<StringAttr>("name"))
      base = named.str();
    else
      base = (Twine(op.getName().stripDialect()) + Twine(counts[op.getName()]))
                 .str();
    ++counts[op.getName()];
    auto kind = sfq::getCellKind(&op);
    if (!kind) {
      if (op.getNumResults() == 1) // input, clock, zero
        return addWire(&op, op.getResult(0), base);
      return success();
    }
    if (!cellNames.try_emplace(base, &op).second)
      return op.emitError() << "sfq netlist: two cells are called '" << base
                            << "' (a generated name; give one a name)";
    cellName[&op] = base;
    for (OpResult wire : op.getResults())
      if (failed(addWire(
              &op, wire,
              base + "." +
                  std::string(sfq::ports(*kind).out[wire.getResultNumber()]))))
        return failure();
    return success();
  }

  LogicalResult addWire(Operation *op, Value value, const std::string &name) {
    auto id = sfq::WireId(netlist.wires.size());
    if (!wireNames.try_emplace(name, id).second)
      return op->emitError()
             << "sfq netlist: two wires are called '" << name << "'";
    netlist.wires.push_back({name});
    wireOf[value] = id;
    return success();
  }

  LogicalResult connect(Operation &op) {
    if (auto clock = dyn_cast<sfq::ClockOp>(op)) {
      netlist.clock = wireOf.lookup(clock.getOutput());
      netlist.clockPeriodPs = clock.getPeriodPs().convertToDouble();
      netlist.clockPhasePs = clock.getPhasePs().convertToDouble();
    }
    if (isa<sfq::InputOp, sfq::ClockOp, sfq::ZeroOp>(op)) {
      sfq::WireId wire = wireOf.lookup(op.getResult(0));
      netlist.inputs.push_back({netlist.wires[wire].name, wire});
      return success();
    }
    if (auto output = dyn_cast<sfq::OutputOp>(op)) {
      netlist.outputs.push_back(
          {output.getName().str(), wireOf.lookup(output.getInput())});
      return success();
    }
    auto kind = sfq::getCellKind(&op);
    if (!kind)
      return op.emitError() << "sfq netlist: unexpected op";
    sfq::Cell cell;
    cell.kind = *kind;
    cell.name = cellName.lookup(&op);
    for (Value in : op.getOperands())
      cell.in.push_back(wireOf.lookup(in));
    for (Value out : op.getResults())
      cell.out.push_back(wireOf.lookup(out));
    if (auto synapse = dyn_cast<sfq::SynapseOp>(op))
      cell.biasMA = synapse.getBiasMa().convertToDouble();
    else if (auto neuron = dyn_cast<sfq::NeuronOp>(op))
      cell.biasMA = neuron.getBiasMa().convertToDouble();
    else
      cell.biasMA = std::numeric_limits<double>::quiet_NaN();
    netlist.cells.push_back(std::move(cell));
    return success();
  }

  sfq::CircuitOp circuit;
  sfq::Netlist netlist;
  llvm::DenseMap<OperationName, int> counts;
  llvm::StringMap<Operation *> cellNames;
  llvm::DenseMap<Operation *, std::string> cellName;
  llvm::StringMap<sfq::WireId> wireNames;
  llvm::DenseMap<Value, sfq::WireId> wireOf;
};

} // namespace

FailureOr<sfq::Netlist> buildSFQNetlist(sfq::CircuitOp circuit) {
  return NetlistBuilder(circuit).build();
}

} // namespace nmc
