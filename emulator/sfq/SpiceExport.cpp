//===- SpiceExport.cpp - A JoSIM deck of cell instances -------------------===//
//
// JoSIM syntax (../shared/reference/sfq.md §2.8): labels and nodes may not
// contain '.' or '|' and are case-insensitive, so netlist names are mapped
// to [A-Za-z0-9_] names, made unique (a `_2` suffix) and listed in a
// comment. The cells are subcircuit stubs: nmc has no JJ-level cells.
//===----------------------------------------------------------------------===//
#include "nmc/Target/SFQ/SpiceExport.h"

#include "ExportCommon.h"

#include "nmc/Target/SFQ/PulseIO.h"

#include <cctype>
#include <cstdio>
#include <ostream>
#include <set>
#include <stdexcept>

namespace nmc::sfq {
namespace {

/// An SFQ input pulse: a voltage triangle of area Phi0, 0 -> peak -> 0
/// over 5 ps (JoSIM's example decks, sfq.md §2.8: `pwl` sources).
constexpr int64_t kPulseFs = 5000;                          // [assumed] 5 ps
constexpr double kPeakV = 2 * kPhi0Wb / (kPulseFs * 1e-15); // area = Phi0

/// Subcircuit name and what to paste into the stub, per CellKind.
struct SubcktInfo {
  const char *name;
  const char *source;
};
constexpr SubcktInfo kSubckts[kCellKinds] = {
    {"JTL", "the ColdFlux RSFQlib v3.0 JTL (sfq.md §2.6)"},
    {"SPLIT", "the ColdFlux RSFQlib v3.0 SPLIT (sfq.md §2.6)"},
    {"MERGE", "the ColdFlux RSFQlib v3.0 MERGE (sfq.md §2.6)"},
    {"DFF", "the ColdFlux RSFQlib v3.0 DFF (sfq.md §2.6)"},
    {"AND2", "the ColdFlux RSFQlib v3.0 AND2 (sfq.md §2.6)"},
    {"OR2", "the ColdFlux RSFQlib v3.0 OR2 (sfq.md §2.6)"},
    {"XOR2", "a clocked XOR cell (timing after PyLSE XOR, sfq.md §2.2)"},
    {"NOT", "a clocked inverter (timing after PyLSE INV, sfq.md §2.2)"},
    {"TFF", "a T flip-flop firing every second pulse"},
    {"SYNAPSE", "the seed paper's stochastic synapse (its circuit is not "
                "public here, sfq.md §1.3)"},
    {"NEURON", "the seed paper's SFQ neuron (its circuit is not public "
               "here, sfq.md §1.3)"},
};

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.7g", v);
  return buf;
}
std::string psOf(int64_t fs) { return formatPs(fs) + "p"; }

/// Unique JoSIM names: [A-Za-z0-9_] only, unique ignoring case, never the
/// ground names 0 and GND.
class Namer {
public:
  std::string add(const std::string &name) {
    std::string s;
    for (char c : name)
      s += std::isalnum((unsigned char)c) ? c : '_';
    if (s.empty() || upper(s) == "0" || upper(s) == "GND")
      s = "n_" + s;
    std::string candidate = s;
    for (int k = 2; !used.insert(upper(candidate)).second; ++k)
      candidate = s + "_" + std::to_string(k);
    return candidate;
  }

private:
  static std::string upper(std::string s) {
    for (char &c : s)
      c = char(std::toupper((unsigned char)c));
    return s;
  }
  std::set<std::string> used;
};

void writeSubckt(std::ostream &o, CellKind kind, const CellType &type) {
  const CellPorts &p = ports(kind);
  const SubcktInfo &info = kSubckts[static_cast<int>(kind)];
  o << ".subckt " << info.name;
  for (int i = 0; i < p.numIn; ++i)
    o << ' ' << p.in[i];
  for (int i = 0; i < p.numOut; ++i)
    o << ' ' << p.out[i];
  o << " bias\n"
    << "* Stub (" << p.name << ", " << type.jjs << " JJs, bias "
    << num(type.biasMA) << " mA): paste " << info.source << ",\n"
    << "* fed through port bias instead of its own bias sources.\n"
    << ".ends " << info.name << "\n";
}

} // namespace

void writeSpice(std::ostream &o, const Netlist &n, const CellLibrary &lib,
                const std::vector<WirePulses> &inputs,
                const SpiceOptions &options) {
  requireValidNetlist(n);
  validate(lib);
  const Stimulus s =
      buildStimulus(n, inputs, options.endPs, options.drainCycles);
  if (s.endFs == kNoEndFs)
    throw std::runtime_error("unclocked netlist: the SPICE deck needs an end "
                             "time (SpiceOptions::endPs)");
  Namer nodes, cells, sources;
  std::vector<std::string> node(n.wires.size());
  for (size_t w = 0; w < n.wires.size(); ++w)
    node[w] = nodes.add(n.wires[w].name);

  o << "* " << options.title << "\n"
    << "* JoSIM deck by nmc-sfq-export, cell library '" << lib.name
    << "' (docs/targets/sfq.md, \"Export\").\n"
    << "* Cells are stubs: paste the JJ-level cell into each .subckt.\n"
    << "* Subcircuit ports: inputs, outputs, bias. Every instance X<cell> "
       "has a current\n"
    << "* source IB<cell> from ground into its bias port, ramped to the "
       "cell's bias over 5 ps.\n"
    << "* Inputs and clock: V sources, one SFQ pulse = a " << num(kPeakV * 1e6)
    << " uV triangle over 5 ps (area Phi0)\n"
    << "* starting at the pulse time.\n";
  bool used[kCellKinds] = {};
  for (const Cell &c : n.cells)
    used[static_cast<int>(c.kind)] = true;
  for (int k = 0; k < kCellKinds; ++k)
    if (used[k])
      writeSubckt(o, static_cast<CellKind>(k),
                  lib.cell(static_cast<CellKind>(k)));

  o << "* Nodes: netlist wire -> node\n";
  for (size_t w = 0; w < n.wires.size(); ++w)
    o << "*   " << n.wires[w].name << " -> " << node[w] << "\n";
  for (const Cell &c : n.cells) {
    const CellPorts &p = ports(c.kind);
    const std::string label = cells.add(c.name);
    const std::string bias = nodes.add("bias_" + label);
    o << "X" << label << ' ' << kSubckts[static_cast<int>(c.kind)].name;
    for (WireId w : c.in)
      o << ' ' << node[w];
    for (WireId w : c.out)
      o << ' ' << node[w];
    o << ' ' << bias << "\n";
    // Ramp as in JoSIM's typical deck, sfq.md §2.8: IB01 0 1 pwl(0 0 5p 280u).
    o << "IB" << label << " 0 " << bias << " pwl(0 0 5p "
      << num(effectiveBiasMA(c, lib.cell(c.kind)) * 1e3) << "u)";
    if (c.kind == CellKind::Synapse || c.kind == CellKind::Neuron)
      o << "\n* " << c.name << ": " << p.name << " bias sets its "
        << (c.kind == CellKind::Synapse ? "pass probability" : "threshold");
    o << "\n";
  }
  for (const auto &[wire, times] : s.pulses) {
    const std::string &name = n.wires[wire].name;
    if (times.empty()) {
      o << "* " << name << ": no pulses\n";
      continue;
    }
    o << "V" << sources.add(name) << ' ' << node[wire] << " 0 pwl(0 0";
    int64_t last = 0;
    for (size_t i = 0; i < times.size(); ++i) {
      const int64_t t = times[i];
      if (i && t - times[i - 1] < kPulseFs)
        throw std::runtime_error("wire '" + name + "': pulses at " +
                                 formatPs(times[i - 1]) + " ps and " +
                                 formatPs(t) +
                                 " ps are closer than the 5 ps of an "
                                 "SFQ source pulse");
      if (t > last) // no repeated (time, 0) point
        o << ' ' << psOf(t) << " 0";
      o << ' ' << psOf(t + kPulseFs / 2) << ' ' << num(kPeakV * 1e6) << "u "
        << psOf(t + kPulseFs) << " 0";
      last = t + kPulseFs;
    }
    o << ")\n";
  }
  const int64_t stepFs = toFs(options.stepPs);
  o << ".tran " << psOf(stepFs) << ' ' << psOf(s.endFs + toFs(options.tailPs))
    << " 0 " << psOf(stepFs) << "\n";
  for (const Port &p : n.outputs)
    o << ".print NODEP " << node[p.wire] << "\n";
  o << ".end\n";
}

} // namespace nmc::sfq
