//===- VerilogExport.cpp - Behavioural Verilog from the cell library ------===//
//
// Each cell kind's module is generated from its FSM in the library, so the
// Verilog cell does what the emulator's does (docs/targets/sfq.md, "FSM
// semantics"): a pulse (a toggle, sfq.md §2.7) inside the busy window is
// dropped with a message; otherwise the (state, input) transition checks
// its setup constraints, moves the state, opens its busy window and toggles
// the fired outputs after the firing delay. Simultaneous pulses: every
// delivery is a nonblocking assignment, so all toggles of one time step
// land before the cell, woken by any of them, resumes from `#0` and takes
// them one at a time, lowest priority first, as the emulator does.
// Synapses draw the emulator's counter-based SplitMix64 stream, so both
// agree bit for bit for one seed.
//===----------------------------------------------------------------------===//
#include "nmc/Target/SFQ/VerilogExport.h"

#include "ExportCommon.h"

#include "nmc/Target/SFQ/BiasModels.h"
#include "nmc/Target/SFQ/PulseIO.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <ostream>
#include <set>
#include <stdexcept>

namespace nmc::sfq {
namespace {

/// Verilog-2005 reserved words (IEEE 1364-2005 Annex B).
bool isKeyword(const std::string &s) {
  static const std::set<std::string> kKeywords = {"always",
                                                  "and",
                                                  "assign",
                                                  "automatic",
                                                  "begin",
                                                  "buf",
                                                  "bufif0",
                                                  "bufif1",
                                                  "case",
                                                  "casex",
                                                  "casez",
                                                  "cell",
                                                  "cmos",
                                                  "config",
                                                  "deassign",
                                                  "default",
                                                  "defparam",
                                                  "design",
                                                  "disable",
                                                  "edge",
                                                  "else",
                                                  "end",
                                                  "endcase",
                                                  "endconfig",
                                                  "endfunction",
                                                  "endgenerate",
                                                  "endmodule",
                                                  "endprimitive",
                                                  "endspecify",
                                                  "endtable",
                                                  "endtask",
                                                  "event",
                                                  "for",
                                                  "force",
                                                  "forever",
                                                  "fork",
                                                  "function",
                                                  "generate",
                                                  "genvar",
                                                  "highz0",
                                                  "highz1",
                                                  "if",
                                                  "ifnone",
                                                  "incdir",
                                                  "include",
                                                  "initial",
                                                  "inout",
                                                  "input",
                                                  "instance",
                                                  "integer",
                                                  "join",
                                                  "large",
                                                  "liblist",
                                                  "library",
                                                  "localparam",
                                                  "macromodule",
                                                  "medium",
                                                  "module",
                                                  "nand",
                                                  "negedge",
                                                  "nmos",
                                                  "nor",
                                                  "noshowcancelled",
                                                  "not",
                                                  "notif0",
                                                  "notif1",
                                                  "or",
                                                  "output",
                                                  "parameter",
                                                  "pmos",
                                                  "posedge",
                                                  "primitive",
                                                  "pull0",
                                                  "pull1",
                                                  "pulldown",
                                                  "pullup",
                                                  "pulsestyle_ondetect",
                                                  "pulsestyle_onevent",
                                                  "rcmos",
                                                  "real",
                                                  "realtime",
                                                  "reg",
                                                  "release",
                                                  "repeat",
                                                  "rnmos",
                                                  "rpmos",
                                                  "rtran",
                                                  "rtranif0",
                                                  "rtranif1",
                                                  "scalared",
                                                  "showcancelled",
                                                  "signed",
                                                  "small",
                                                  "specify",
                                                  "specparam",
                                                  "strong0",
                                                  "strong1",
                                                  "supply0",
                                                  "supply1",
                                                  "table",
                                                  "task",
                                                  "time",
                                                  "tran",
                                                  "tranif0",
                                                  "tranif1",
                                                  "tri",
                                                  "tri0",
                                                  "tri1",
                                                  "triand",
                                                  "trior",
                                                  "trireg",
                                                  "unsigned",
                                                  "use",
                                                  "uwire",
                                                  "vectored",
                                                  "wait",
                                                  "wand",
                                                  "weak0",
                                                  "weak1",
                                                  "while",
                                                  "wire",
                                                  "wor",
                                                  "xnor",
                                                  "xor"};
  return kKeywords.count(s) != 0;
}

/// `name` as a Verilog identifier: itself if legal, else an escaped
/// identifier (`\carry.q `), which keeps every netlist name exact.
std::string ident(const std::string &name, const std::string &what) {
  auto word = [](char c) { return std::isalnum((unsigned char)c) || c == '_'; };
  if (!name.empty() &&
      (std::isalpha((unsigned char)name[0]) || name[0] == '_') &&
      std::all_of(name.begin(), name.end(),
                  [&](char c) { return word(c) || c == '$'; }) &&
      !isKeyword(name))
    return name;
  if (name.empty() || !std::all_of(name.begin(), name.end(),
                                   [](char c) { return c > ' ' && c < 127; }))
    throw std::runtime_error(what + " '" + name +
                             "' cannot be a Verilog identifier");
  return "\\" + name + " ";
}

/// `s` inside a Verilog string literal; `format`: also as literal text of
/// a $display/$fwrite format.
std::string escaped(const std::string &s, bool format = false) {
  std::string r;
  for (char c : s) {
    if (c == '"' || c == '\\')
      r += '\\';
    if (format && c == '%')
      r += '%';
    r += c;
  }
  return r;
}
std::string str(const std::string &s) { return '"' + escaped(s) + '"'; }

std::string fs(int64_t t) { return "64'd" + std::to_string(t); }

const char *kMix64 = "  // SplitMix64's output mixer, as the emulator's RNG "
                     "(docs/targets/sfq.md, \"Randomness\").\n"
                     "  function [63:0] mix64(input [63:0] x);\n"
                     "    reg [63:0] z;\n"
                     "    begin\n"
                     "      z = (x ^ (x >> 30)) * 64'hBF58476D1CE4E5B9;\n"
                     "      z = (z ^ (z >> 27)) * 64'h94D049BB133111EB;\n"
                     "      mix64 = z ^ (z >> 31);\n"
                     "    end\n"
                     "  endfunction\n";

/// Writes module sfq_<kind>, the FSM of `lib`'s cell type.
class CellModuleWriter {
public:
  CellModuleWriter(std::ostream &o, CellKind kind, const CellLibrary &lib)
      : o(o), kind(kind), p(ports(kind)), t(lib.cell(kind)), lib(lib) {}

  void write() {
    collect();
    header();
    declarations();
    priorityFunction();
    takeTask();
    o << "  always @(" << join(inputs(), " or ") << ") begin\n"
      << "    #0; // every toggle of this time step has landed\n"
      << "    pend = {";
    for (int i = p.numIn - 1; i >= 0; --i)
      o << in(i) << " !== " << in(i) << "_v" << (i ? ", " : "};\n");
    for (int i = 0; i < p.numIn; ++i)
      o << "    " << in(i) << "_v = " << in(i) << ";\n";
    o << "    while (pend != 0) begin\n"
      << "      best = -1;\n"
      << "      for (k = 0; k < " << p.numIn << "; k = k + 1)\n"
      << "        if (pend[k] && (best < 0 || prio(state, k) < prio(state, "
         "best)))\n"
      << "          best = k;\n"
      << "      pend[best] = 1'b0;\n"
      << "      take(best);\n"
      << "    end\n"
      << "  end\n"
      << "endmodule\n\n";
  }

private:
  std::string in(int i) const { return std::string(p.in[i]); }
  std::string out(int i) const { return std::string(p.out[i]); }
  std::vector<std::string> inputs() const {
    std::vector<std::string> v;
    for (int i = 0; i < p.numIn; ++i)
      v.push_back(in(i));
    return v;
  }
  static std::string join(const std::vector<std::string> &v,
                          const std::string &sep) {
    std::string s;
    for (size_t i = 0; i < v.size(); ++i)
      s += (i ? sep : "") + v[i];
    return s;
  }
  int inIndex(const std::string &name) const {
    for (int i = 0; i < p.numIn; ++i)
      if (p.in[i] == name)
        return i;
    return -1;
  }
  int stateIndex(const std::string &name) const {
    return int(std::find(t.states.begin(), t.states.end(), name) -
               t.states.begin());
  }
  int64_t ps(const TimeRef &r) const { return toFs(resolvePs(t, r)); }
  int64_t delay(const Transition &tr) const {
    return toFs(tr.delay ? resolvePs(t, *tr.delay) : t.delayPs);
  }
  bool gated(const Transition &tr) const {
    return tr.gate == Gate::CountUp || tr.gate == Gate::CountDown;
  }

  /// Tracked inputs, gates used, one firing delay per output.
  void collect() {
    for (const Transition &tr : t.transitions) {
      for (const auto &[port, time] : tr.setup)
        tracked.insert(inIndex(port));
      stochastic |= tr.gate == Gate::Stochastic;
      counting |= gated(tr);
      for (const std::string &name : tr.fire) {
        auto [it, fresh] = outDelay.emplace(name, delay(tr));
        if (!fresh && it->second != delay(tr))
          throw std::runtime_error(
              "cell kind '" + std::string(p.name) + "': output '" + name +
              "' fires after " + formatPs(it->second) + " ps and " +
              formatPs(delay(tr)) +
              " ps; the Verilog export needs one firing delay per output");
      }
    }
  }

  void header() {
    o << "// " << p.name << ": " << join(inputs(), ", ") << " -> " << out(0)
      << (p.numOut > 1 ? ", " + out(1) : "") << ". FSM of cell library '"
      << lib.name << "', states";
    for (size_t s = 0; s < t.states.size(); ++s)
      o << (s ? ", " : " ") << t.states[s] << " = " << s;
    o << ".\nmodule sfq_" << p.name
      << " #(parameter NAME = " << str(std::string(p.name));
    if (stochastic)
      o << ",\n  parameter [63:0] SEED = 1, parameter [63:0] CELL = 0,\n"
        << "  // passes iff (draw >> 11) < PASS, i.e. u < p (PASS = "
           "ceil(p * 2^53))\n"
        << "  parameter [63:0] PASS = 0";
    if (counting)
      o << ",\n  parameter [63:0] THRESHOLD = 1 /* pulses to fire */";
    o << ")\n  (";
    for (int i = 0; i < p.numIn; ++i)
      o << "input " << in(i) << ", ";
    for (int i = 0; i < p.numOut; ++i)
      o << "output reg " << out(i) << " = 1'b0"
        << (i + 1 < p.numOut ? ", " : ");\n");
  }

  void declarations() {
    o << "  integer state = 0;\n";
    for (int i = 0; i < p.numIn; ++i)
      o << "  reg " << in(i)
        << "_v = 1'b0; // last value: a change is a pulse\n";
    for (int i : tracked)
      o << "  reg " << in(i) << "_seen = 1'b0; reg [63:0] " << in(i)
        << "_last = 0; // for setup checks\n";
    for (int i = 0; i < p.numOut; ++i)
      o << "  reg [63:0] " << out(i) << "_n = 0; // firings; " << out(i)
        << " <= parity after the delay\n";
    o << "  reg [63:0] busy_end = 0, busy_start = 0, busy_len = 0;\n"
      << "  reg [8*16-1:0] busy_kind = \"\", busy_port = \"\";\n"
      << "  reg [" << p.numIn - 1 << ":0] pend;\n"
      << "  integer k, best;\n"
      << "  reg fire;\n";
    if (stochastic)
      o << "  reg [63:0] draws = 0;\n" << kMix64;
    if (counting)
      o << "  reg [63:0] count = 0, last_leak = 0, ticks;\n"
        << "  localparam [63:0] LEAK = " << fs(toFs(t.leakPs))
        << "; // leak period (0: none)\n";
  }

  void priorityFunction() {
    o << "  // Simultaneous pulses: lowest priority first, ties by port.\n"
      << "  function integer prio(input integer s, input integer i);\n"
      << "    case (s * " << p.numIn << " + i)\n";
    for (const Transition &tr : t.transitions)
      o << "      " << stateIndex(tr.from) * p.numIn + inIndex(tr.input)
        << ": prio = " << tr.priority << ";\n";
    o << "      default: prio = 0;\n    endcase\n  endfunction\n";
  }

  void takeTask() {
    const std::string lost =
        kind == CellKind::Merger ? "(pulse lost)" : "(pulse dropped)";
    o << "  // One pulse on input i (0: " << join(inputs(), ", 1: ").substr(0)
      << ").\n"
      << "  task take(input integer i);\n    begin\n"
      << "      if ($time < busy_end) begin\n"
      << "        $display(\"%0s violation at cell '%0s' (" << p.name
      << ") at %0d.%03d ps: %0s at %0d.%03d ps inside the %0d.%03d ps window "
         "opened by %0s at %0d.%03d ps "
      << lost << "\",\n"
      << "                 busy_kind, NAME, $time / 1000, $time % 1000, "
         "pname(i), $time / 1000,\n"
      << "                 $time % 1000, busy_len / 1000, busy_len % 1000, "
         "busy_port,\n"
      << "                 busy_start / 1000, busy_start % 1000);\n"
      << "      end else begin\n"
      << "        case (state * " << p.numIn << " + i)\n";
    for (const Transition &tr : t.transitions)
      transition(tr);
    o << "        endcase\n      end\n";
    for (int i : tracked)
      o << "      if (i == " << i << ") begin " << in(i) << "_seen = 1'b1; "
        << in(i) << "_last = $time; end\n";
    o << "    end\n  endtask\n";
    o << "  function [8*8-1:0] pname(input integer i);\n    case (i)\n";
    for (int i = 0; i < p.numIn; ++i)
      o << "      " << i << ": pname = \"" << in(i) << "\";\n";
    o << "      default: pname = \"?\";\n    endcase\n  endfunction\n";
  }

  void transition(const Transition &tr) {
    const int input = inIndex(tr.input);
    o << "          " << stateIndex(tr.from) * p.numIn + input << ": begin // "
      << tr.from << " --" << tr.input << "--> " << tr.to;
    if (!tr.fire.empty())
      o << ", fires " << join(tr.fire, ", ");
    o << "\n";
    const std::string pad = "            ";
    for (const auto &[port, time] : tr.setup) {
      const std::string x = port;
      o << pad << "if (" << x << "_seen && $time - " << x << "_last < "
        << fs(ps(time)) << ")\n"
        << pad << "  $display(\"setup violation at cell '%0s' (" << p.name
        << ") at %0d.%03d ps: " << x << " at %0d.%03d ps, " << tr.input
        << " at %0d.%03d ps (setup time " << formatPs(ps(time)) << " ps)\",\n"
        << pad << "           NAME, $time / 1000, $time % 1000, " << x
        << "_last / 1000, " << x << "_last % 1000,\n"
        << pad << "           $time / 1000, $time % 1000);\n";
    }
    o << pad << "state = " << stateIndex(tr.to) << ";\n"
      << pad << "fire = 1'b" << (tr.fire.empty() ? 0 : 1) << ";\n";
    if (tr.gate == Gate::Stochastic)
      o << pad << "draws = draws + 1;\n"
        << pad << "fire = (mix64(mix64(mix64(SEED + 64'h9E3779B97F4A7C15) ^\n"
        << pad
        << "        (CELL * 64'h9E3779B97F4A7C15)) + draws * "
           "64'h9E3779B97F4A7C15) >> 11) < PASS;\n";
    if (gated(tr))
      o << pad << "if (LEAK > 0) begin // leak ticks at multiples of LEAK\n"
        << pad << "  ticks = $time / LEAK - last_leak / LEAK;\n"
        << pad << "  count = count > ticks ? count - ticks : 0;\n"
        << pad << "  last_leak = $time;\n"
        << pad << "end\n";
    if (tr.gate == Gate::CountDown)
      o << pad << "if (count > 0) count = count - 1;\n";
    if (tr.gate == Gate::CountUp)
      o << pad << "count = count + 1;\n"
        << pad << "if (count >= THRESHOLD) count = 0; else fire = 1'b0;\n";
    if (int64_t busy = ps(tr.busy); busy > 0) {
      const bool clk = p.clocked && input == p.numIn - 1;
      const char *name = kind == CellKind::Merger ? "merger collision"
                         : clk                    ? "hold"
                                                  : "busy";
      o << pad << (tr.gate == Gate::CountUp ? "if (fire) " : "")
        << "begin busy_start = $time; busy_len = " << fs(busy)
        << "; busy_end = $time + busy_len;\n"
        << pad << "  busy_kind = \"" << name << "\"; busy_port = \"" << tr.input
        << "\"; end\n";
    }
    for (const std::string &name : tr.fire)
      o << pad << "if (fire) begin " << name << "_n = " << name << "_n + 1; "
        << name << " <= #(" << fs(delay(tr)) << ") " << name << "_n[0]; end\n";
    o << "          end\n";
  }

  std::ostream &o;
  CellKind kind;
  const CellPorts &p;
  const CellType &t;
  const CellLibrary &lib;
  std::set<int> tracked;
  std::map<std::string, int64_t> outDelay;
  bool stochastic = false, counting = false;
};

/// Checks that no two top-level names are one Verilog identifier.
class Names {
public:
  std::string add(const std::string &name, const std::string &what) {
    std::string id = ident(name, what);
    if (!seen.emplace(name, what).second)
      throw std::runtime_error(what + " '" + name + "' clashes with the " +
                               seen[name] + " of that name in Verilog");
    return id;
  }

private:
  std::map<std::string, std::string> seen;
};

} // namespace

void writeVerilog(std::ostream &o, const Netlist &n, const CellLibrary &lib,
                  const VerilogOptions &options) {
  requireValidNetlist(n);
  validate(lib);
  o << "// Generated by nmc-sfq-export: circuit '" << options.top
    << "', cell library '" << lib.name << "'.\n"
    << "// A pulse is a toggle of a wire; times are femtoseconds "
       "(docs/targets/sfq.md, \"Export\").\n"
    << "`timescale 1fs/1fs\n\n";
  std::set<CellKind> used;
  for (const Cell &c : n.cells)
    used.insert(c.kind);
  for (CellKind k : used)
    CellModuleWriter(o, k, lib).write();

  Names names;
  const std::string top = ident(options.top, "module");
  for (CellKind k : used)
    if (options.top == "sfq_" + std::string(ports(k).name))
      throw std::runtime_error("module '" + options.top +
                               "' clashes with a cell module");
  std::vector<std::string> portIds;
  std::vector<bool> declared(n.wires.size(), false);
  std::string body;
  for (const Port &p : n.inputs) {
    portIds.push_back(names.add(p.name, "input"));
    body += "  input " + portIds.back() + ";\n";
    if (n.wires[p.wire].name == p.name)
      declared[p.wire] = true;
  }
  for (const Port &p : n.outputs) {
    portIds.push_back(names.add(p.name, "output"));
    body += "  output " + portIds.back() + ";\n";
    if (n.wires[p.wire].name == p.name)
      declared[p.wire] = true;
  }
  for (size_t w = 0; w < n.wires.size(); ++w)
    if (!declared[w])
      body += "  wire " + names.add(n.wires[w].name, "wire") + ";\n";
  for (const Port &p : n.inputs)
    if (n.wires[p.wire].name != p.name)
      body += "  assign " + ident(n.wires[p.wire].name, "wire") + " = " +
              ident(p.name, "input") + ";\n";
  o << "// The netlist: one instance per cell, one wire per netlist wire.\n"
    << "module " << top << " #(parameter [63:0] SEED = 1) (";
  for (size_t i = 0; i < portIds.size(); ++i)
    o << (i ? ", " : "") << portIds[i];
  o << ");\n" << body;
  Names cellNames;
  for (size_t i = 0; i < n.cells.size(); ++i) {
    const Cell &c = n.cells[i];
    const CellPorts &p = ports(c.kind);
    const CellType &type = lib.cell(c.kind);
    o << "  sfq_" << p.name << " #(.NAME(" << str(c.name) << ")";
    if (c.kind == CellKind::Synapse) {
      const double prob = synapsePassProbability(effectiveBiasMA(c, type),
                                                 type.i50MA, type.iWidthMA);
      // u = k 2^-53 < p <=> k < p 2^53 <=> k < ceil(p 2^53) (k integer).
      const auto pass = static_cast<uint64_t>(std::ceil(std::ldexp(prob, 53)));
      o << ", .SEED(SEED), .CELL(" << i << "), .PASS(64'd" << pass
        << ") /* p = " << prob << " */";
    }
    if (c.kind == CellKind::Neuron)
      o << ", .THRESHOLD("
        << neuronThreshold(effectiveBiasMA(c, type), type.n0, type.biasMA)
        << ")";
    o << ") " << cellNames.add(c.name, "cell") << " (";
    for (int k = 0; k < p.numIn; ++k)
      o << (k ? ", " : "") << "." << p.in[k] << "("
        << ident(n.wires[c.in[k]].name, "wire") << ")";
    for (int k = 0; k < p.numOut; ++k)
      o << ", ." << p.out[k] << "(" << ident(n.wires[c.out[k]].name, "wire")
        << ")";
    o << ");\n";
  }
  for (const Port &p : n.outputs)
    if (n.wires[p.wire].name != p.name)
      o << "  assign " << ident(p.name, "output") << " = "
        << ident(n.wires[p.wire].name, "wire") << ";\n";
  o << "endmodule\n";
}

void writeVerilogTestbench(std::ostream &o, const Netlist &n,
                           const std::vector<WirePulses> &inputs,
                           const TestbenchOptions &options) {
  requireValidNetlist(n);
  const Stimulus s =
      buildStimulus(n, inputs, options.endPs, options.drainCycles);
  std::vector<const std::vector<int64_t> *> pulsesOf(n.wires.size(), nullptr);
  for (const auto &[wire, times] : s.pulses) {
    for (size_t i = 1; i < times.size(); ++i)
      if (times[i] == times[i - 1])
        throw std::runtime_error("wire '" + n.wires[wire].name +
                                 "': two pulses at " + formatPs(times[i]) +
                                 " ps; one toggle cannot carry them");
    pulsesOf[wire] = &times;
  }
  const bool ends = s.endFs != kNoEndFs;
  const std::string tb = ident(options.top + "_tb", "module");
  o << "// Testbench for " << options.top
    << " (generated by nmc-sfq-export): drives the primary inputs and the\n"
    << "// clock, writes each output pulse as `wire,time_ps` to +out=<path> "
       "(default "
    << options.outPath << ").\n"
    << "`timescale 1fs/1fs\n"
    << "module " << tb << ";\n"
    << "  parameter [63:0] SEED = " << options.seed << ";\n";
  if (ends)
    o << "  localparam [63:0] END = " << fs(s.endFs)
      << "; // nothing after it is driven or recorded\n";
  for (size_t i = 0; i < n.inputs.size(); ++i)
    o << "  reg in" << i << " = 1'b0; // " << n.inputs[i].name << "\n";
  for (size_t i = 0; i < n.outputs.size(); ++i)
    o << "  wire out" << i << "; // " << n.outputs[i].name << "\n";
  o << "  " << ident(options.top, "module") << " #(.SEED(SEED)) dut (";
  for (size_t i = 0; i < n.inputs.size(); ++i)
    o << (i ? ", " : "") << "." << ident(n.inputs[i].name, "input") << "(in"
      << i << ")";
  for (size_t i = 0; i < n.outputs.size(); ++i)
    o << ", ." << ident(n.outputs[i].name, "output") << "(out" << i << ")";
  o << ");\n"
    << "  integer f;\n  reg [8*4096-1:0] path;\n"
    << "  initial begin\n"
    << "    if (!$value$plusargs(\"out=%s\", path)) path = "
    << str(options.outPath) << ";\n"
    << "    f = $fopen(path, \"w\");\n"
    << "    $fwrite(f, \"wire,time_ps\\n\");\n";
  if (ends)
    o << "    #(END + 1) $fclose(f);\n    $finish;\n";
  o << "  end\n";
  // Every pulse is a nonblocking toggle scheduled at time 0, the same kind
  // of event as a cell's output, so simultaneous pulses land together.
  for (size_t i = 0; i < n.inputs.size(); ++i) {
    const auto *times = pulsesOf[n.inputs[i].wire];
    if (!times || times->empty())
      continue;
    o << "  initial begin // " << n.inputs[i].name << "\n";
    for (size_t k = 0; k < times->size(); ++k)
      o << "    in" << i << " <= #(" << fs((*times)[k]) << ") 1'b"
        << (k % 2 == 0 ? 1 : 0) << ";\n";
    o << "  end\n";
  }
  for (size_t i = 0; i < n.outputs.size(); ++i) {
    const std::string &wire = n.wires[n.outputs[i].wire].name;
    o << "  reg out" << i << "_v = 1'b0;\n"
      << "  always @(out" << i << ") if (out" << i << " !== out" << i
      << "_v) begin\n"
      << "    out" << i << "_v = out" << i << ";\n"
      << "    " << (ends ? "if ($time <= END) " : "") << "$fwrite(f, \""
      << escaped(wire, true) << ",%0d.%03d\\n\", $time / 1000, $time % 1000);\n"
      << (ends ? "" : "    $fflush(f);\n") << "  end\n";
  }
  o << "endmodule\n";
}

} // namespace nmc::sfq
