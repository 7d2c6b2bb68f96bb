//===- SFQOps.h - sfq dialect operations and helpers -----------*- C++ -*-===//
//
// The ops, and the questions every pass and the netlist backend ask about
// them: which cell kind an op is, which port an operand is, what a wire or
// a cell is called (names shared by error messages and the netlist).
//===----------------------------------------------------------------------===//
#ifndef NMC_DIALECT_SFQ_SFQOPS_H
#define NMC_DIALECT_SFQ_SFQOPS_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/RegionKindInterface.h"
#include "mlir/IR/SymbolTable.h"

#include "nmc/Dialect/SFQ/SFQDialect.h"
#include "nmc/Target/SFQ/Netlist.h"

#include <optional>
#include <string>

#define GET_TYPEDEF_CLASSES
#include "nmc/Dialect/SFQ/SFQOpsTypes.h.inc"

#define GET_OP_CLASSES
#include "nmc/Dialect/SFQ/SFQOps.h.inc"

namespace nmc::sfq {

/// The cell kind of `op`, or nullopt for the non-cell ops (circuit, input,
/// clock, zero, output).
std::optional<CellKind> getCellKind(mlir::Operation *op);

/// True for dff, and, or, xor, not: cells whose last port is `clk`.
bool isClocked(mlir::Operation *op);

/// The `clk` operand of a clocked cell, or null if absent (draft) or `op`
/// is not clocked.
mlir::OpOperand *getClockOperand(mlir::Operation *op);

/// Sets (or adds) the `clk` operand of a clocked cell.
void setClock(mlir::Operation *op, mlir::Value clock);

/// The data operands of a cell: every operand except `clk`.
mlir::OperandRange getDataOperands(mlir::Operation *op);

/// True if `wire` is the sfq.clock's output or reached from it through
/// splitters only (the clock net).
bool isClockNet(mlir::Value wire);

/// The instance name of a cell: its `name` attribute, else `<kind><N>`
/// with N the number of cells of the same kind before it in the circuit.
/// For sfq.zero: its name, else `zero<N>`.
std::string getCellName(mlir::Operation *op);

/// The port name of an operand (`a`, `clk`, `exc`, ...).
llvm::StringRef getPortName(mlir::OpOperand &operand);

/// A wire's name: the port name of the primary input, clock or zero that
/// drives it, else `<cell>.<port>` of the driving cell output.
std::string getWireName(mlir::Value wire);

/// What reads a wire, for messages: `<cell>.<port>` or `output "<name>"`.
std::string describeLoad(mlir::OpOperand &use);

/// Checks the circuit rules of the dialect description; with `strict`
/// also those a draft may break. Emits the first violation when `emit`.
mlir::LogicalResult checkCircuit(CircuitOp circuit, bool strict, bool emit);

/// For the legalization passes: drops `draft` if the circuit now obeys
/// every rule.
void dropDraftIfLegal(CircuitOp circuit);

} // namespace nmc::sfq

#endif // NMC_DIALECT_SFQ_SFQOPS_H
