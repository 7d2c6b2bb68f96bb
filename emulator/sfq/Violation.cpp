//===- Violation.cpp - Violation names and messages -----------------------===//
#include "nmc/Target/SFQ/PulseEmulator.h"
#include "nmc/Target/SFQ/PulseIO.h"

namespace nmc::sfq {

const char *violationKindName(ViolationKind kind) {
  switch (kind) {
  case ViolationKind::Setup:
    return "setup";
  case ViolationKind::Hold:
    return "hold";
  case ViolationKind::Busy:
    return "busy";
  case ViolationKind::MergerCollision:
    return "merger collision";
  }
  return "?";
}

std::string describe(const Netlist &netlist, const Violation &v) {
  const Cell &cell = netlist.cells.at(v.cell);
  const CellPorts &p = ports(cell.kind);
  auto ps = [](double t) { return formatPs(toFs(t)) + " ps"; };
  std::string s = std::string(violationKindName(v.kind)) +
                  " violation at cell '" + cell.name + "' (" +
                  std::string(p.name) + ") at " + ps(v.timePs) + ": ";
  if (v.kind == ViolationKind::Setup)
    return s + std::string(p.in[v.otherPort]) + " at " + ps(v.otherPs) + ", " +
           std::string(p.in[v.port]) + " at " + ps(v.timePs) + " (setup time " +
           ps(v.limitPs) + ")";
  return s + std::string(p.in[v.port]) + " at " + ps(v.timePs) +
         " inside the " + ps(v.limitPs) + " window opened by " +
         std::string(p.in[v.otherPort]) + " at " + ps(v.otherPs) +
         (v.kind == ViolationKind::MergerCollision ? " (pulse lost)"
                                                   : " (pulse dropped)");
}

} // namespace nmc::sfq
