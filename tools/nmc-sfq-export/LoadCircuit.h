//===- LoadCircuit.h - sfq circuit file -> Netlist (nmc-sfq-export) -------===//
#ifndef NMC_TOOLS_SFQEXPORT_LOADCIRCUIT_H
#define NMC_TOOLS_SFQEXPORT_LOADCIRCUIT_H

#include "nmc/Target/SFQ/Netlist.h"

#include <optional>
#include <string>

namespace nmc::tools {

struct LoadedCircuit {
  std::string name; ///< the sfq.circuit's symbol
  sfq::Netlist netlist;
};

/// Parses `path` (sfq dialect, textual or bytecode), picks the circuit
/// called `circuit` (empty: the only one), runs sfq-legalize on it if
/// `legalize` (clock period `periodPs` for a clock it creates) and lowers it
/// with buildSFQNetlist. Diagnostics go to stderr; nothing on failure.
std::optional<LoadedCircuit> loadCircuit(const std::string &path,
                                         const std::string &circuit,
                                         bool legalize, double periodPs);

} // namespace nmc::tools

#endif // NMC_TOOLS_SFQEXPORT_LOADCIRCUIT_H
