//===- SFQNetlistBuilder.h - Legal sfq.circuit -> sfq::Netlist --*- C++ -*-===//
#ifndef NMC_BACKENDS_SFQNETLISTBUILDER_H
#define NMC_BACKENDS_SFQNETLISTBUILDER_H

#include "nmc/Dialect/SFQ/SFQOps.h"
#include "nmc/Target/SFQ/Netlist.h"

#include "mlir/Support/LogicalResult.h"

namespace nmc {

/// Lowers a legal (not draft) circuit to the emulator's netlist
/// (nmc/Target/SFQ/Netlist.h), in op order:
/// - one Wire per SSA value, named like the dialect's messages
///   (sfq::getWireName): the port name of an input, clock or zero, else
///   `<cell>.<port>`;
/// - one Cell per cell op, named by its `name` or `<kind><N>`, N counting
///   the earlier ops of that kind; `in`/`out` in the op's port order;
///   biasMA from synapses and neurons, NaN for the other kinds;
/// - `inputs`: every sfq.input, the sfq.clock (also `clock`, with its
///   period and phase) and every sfq.zero (an input nobody drives);
///   `outputs`: every sfq.output.
/// Fails with an error on the circuit when it is a draft or breaks a
/// circuit rule, and when two cells or two wires end up with one name
/// (a `name` equal to a generated one).
mlir::FailureOr<sfq::Netlist> buildSFQNetlist(sfq::CircuitOp circuit);

} // namespace nmc

#endif // NMC_BACKENDS_SFQNETLISTBUILDER_H
