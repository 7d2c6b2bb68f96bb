//===- SFQDialect.td - The sfq dialect ---------------------*- tablegen -*-===//
#ifndef NMC_DIALECT_SFQ_SFQDIALECT_TD
#define NMC_DIALECT_SFQ_SFQDIALECT_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"

def SFQ_Dialect : Dialect {
  let name = "sfq";
  let cppNamespace = "::nmc::sfq";
  let summary = "Superconducting single-flux-quantum circuits: cells and wires";
  let description = [{
    The `sfq` dialect is a netlist of SFQ cells (docs/targets/sfq.md). Its
    textual form is also the hand-written circuit format of the `sfq`
    target. A circuit is an `sfq.circuit` op holding a graph region (cycles
    allowed); a **wire** is an SSA value of type `!sfq.pulse`, driven by
    exactly one op (SSA guarantees it) and, in a legal circuit, read by
    exactly one op: SFQ outputs cannot fan out without a splitter, and two
    pulse streams meet only in a merger (../shared/reference/sfq.md §0, §3).

    - primary inputs: `%a = sfq.input "a"`; the clock, a designated input:
      `%clk = sfq.clock "clk" period 50.0 ps`; a wire that never pulses:
      `%z = sfq.zero`; primary outputs: `sfq.output "sum" %s`;
    - one op per cell kind of `nmc::sfq::CellKind`
      (emulator/include/nmc/Target/SFQ/Netlist.h), operands = input ports
      and results = output ports in that header's order: `sfq.jtl`,
      `sfq.splitter`, `sfq.merger`, `sfq.dff`, `sfq.and`, `sfq.or`,
      `sfq.xor`, `sfq.not`, `sfq.tff`, `sfq.synapse`, `sfq.neuron`. Every
      cell takes an optional instance name as a leading string
      (`%q = sfq.jtl "j1" %a`); unnamed cells are called `<kind><N>` (N
      counts the cells of that kind in op order).

    Rules checked on every circuit: only sfq ops inside; primary input
    (and clock) names unique, primary output names unique and distinct
    from input names, cell names unique; at most one `sfq.clock`; every
    wire has a load (a wire read by nobody is an error: end it in an
    `sfq.output`). A **double-driven wire** cannot be written in SSA form;
    what can be written is two ports of one name (`sfq.input "a"` twice),
    which the pulse stimulus (`wire,time_ps` CSV rows) would drive as one
    wire: that is the error reported as a double-driven wire.

    Rules checked unless the circuit is marked `draft`
    (`sfq.circuit @c draft { ... }`), which the legalization passes
    establish: every wire has exactly one load (else run
    `sfq-insert-splitters`); every `sfq.neuron` port has exactly one
    driver (else `sfq-insert-mergers`); every clocked cell has its `clk`
    operand and it comes from the circuit's `sfq.clock` through splitters
    only, and a circuit has an `sfq.clock` iff it has a clocked cell (else
    `sfq-clock-tree`). Each legalization pass drops `draft` once the
    circuit obeys every rule; `sfq-legalize` runs them all.
  }];
  let useDefaultTypePrinterParser = 1;
}

class SFQ_Op<string mnemonic, list<Trait> traits = []>
    : Op<SFQ_Dialect, mnemonic, traits>;

def SFQ_PulseType : TypeDef<SFQ_Dialect, "Pulse"> {
  let mnemonic = "pulse";
  let summary = "A wire carrying SFQ pulses";
  let description = [{
    The type of every wire: a stream of single-flux-quantum voltage pulses
    (∫V dt = Φ0, ../shared/reference/sfq.md §0). A pulse carries no value;
    information is in pulse presence per clock cycle (clocked logic) or in
    pulse rates (the neuromorphic cells).
  }];
}

#endif // NMC_DIALECT_SFQ_SFQDIALECT_TD
