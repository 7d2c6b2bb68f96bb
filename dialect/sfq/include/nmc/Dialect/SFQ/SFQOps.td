//===- SFQOps.td - sfq dialect operations ------------------*- tablegen -*-===//
//
// One op per nmc::sfq::CellKind (emulator/include/nmc/Target/SFQ/Netlist.h):
// operands are the kind's input ports, results its output ports, in that
// header's order (SFQOps.cpp checks the counts against kCellPorts).
//===----------------------------------------------------------------------===//
#ifndef NMC_DIALECT_SFQ_SFQOPS_TD
#define NMC_DIALECT_SFQ_SFQOPS_TD

include "nmc/Dialect/SFQ/SFQDialect.td"
include "mlir/IR/CommonAttrConstraints.td"
include "mlir/IR/OpBase.td"
include "mlir/IR/RegionKindInterface.td"
include "mlir/IR/SymbolInterfaces.td"

//===----------------------------------------------------------------------===//
// Circuit structure
//===----------------------------------------------------------------------===//

def SFQ_CircuitOp : SFQ_Op<"circuit", [Symbol, IsolatedFromAbove,
    NoTerminator, SingleBlock, DeclareOpInterfaceMethods<RegionKindInterface>]> {
  let summary = "An SFQ circuit: cells connected by wires";
  let description = [{
    Holds one graph region (cycles allowed) of sfq ops. The rules a circuit
    obeys are in the dialect description; `draft` relaxes the one-load,
    one-driver and clock rules until the legalization passes have run.

    ```mlir
    sfq.circuit @split_merge {
      %a = sfq.input "a"
      %j = sfq.jtl "j0" %a
      %l, %r = sfq.splitter "s0" %j
      %m = sfq.merger "m0" %l, %r
      sfq.output "q" %m
    }
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name, UnitAttr:$draft);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = "$sym_name (`draft` $draft^)? attr-dict-with-keyword $body";
  let hasRegionVerifier = 1;
  let skipDefaultBuilders = 1;
  let builders = [OpBuilder<(ins "::llvm::StringRef":$name)>];
  let extraClassDeclaration = [{
    ::mlir::Block &getBodyBlock() { return getBody().front(); }
  }];
}

class SFQ_InCircuitOp<string mnemonic, list<Trait> traits = []>
    : SFQ_Op<mnemonic, !listconcat([HasParent<"CircuitOp">], traits)>;

def SFQ_InputOp : SFQ_InCircuitOp<"input"> {
  let summary = "A primary input wire";
  let description = [{
    A wire driven from outside the circuit: the stimulus (`wire,time_ps`
    CSV rows) addresses it by `name`. `%a = sfq.input "a"`.
  }];
  let arguments = (ins StrAttr:$name);
  let results = (outs SFQ_PulseType:$output);
  let assemblyFormat = "$name attr-dict";
}

def SFQ_ClockOp : SFQ_InCircuitOp<"clock"> {
  let summary = "The clock: a primary input pulsing periodically";
  let description = [{
    The circuit's clock source, a primary input named `name` that pulses
    every `period_ps` picoseconds from `phase_ps` on (default 0). It feeds
    the `clk` port of the clocked cells (`sfq.dff`, `sfq.and`, `sfq.or`,
    `sfq.xor`, `sfq.not`) through a splitter tree (`sfq-clock-tree`).
    At most one per circuit; present iff a clocked cell is.

    ```mlir
    %clk = sfq.clock "clk" period 50.0 ps
    %clk2 = sfq.clock "clk" period 20.0 ps phase 5.0 ps
    ```
  }];
  let arguments = (ins StrAttr:$name, F64Attr:$period_ps,
                       DefaultValuedAttr<F64Attr, "0.0">:$phase_ps);
  let results = (outs SFQ_PulseType:$output);
  let assemblyFormat = [{
    $name `period` $period_ps `ps` (`phase` $phase_ps^ `ps`)? attr-dict
  }];
  let hasVerifier = 1;
}

def SFQ_ZeroOp : SFQ_InCircuitOp<"zero"> {
  let summary = "A wire that never pulses";
  let description = [{
    Drives a port that must be connected but should receive nothing, e.g.
    the `inh` input of a neuron without inhibitory synapses. The netlist
    backend makes it a primary input named `name` (default `zero<N>`) that
    no stimulus drives. `%z = sfq.zero` or `%z = sfq.zero "no_inh"`.
  }];
  let arguments = (ins OptionalAttr<StrAttr>:$name);
  let results = (outs SFQ_PulseType:$output);
  let assemblyFormat = "($name^)? attr-dict";
}

def SFQ_OutputOp : SFQ_InCircuitOp<"output"> {
  let summary = "A primary output wire";
  let description = [{
    Ends wire `input` at the circuit boundary under `name`: the load of
    that wire, observed by the emulator. `sfq.output "sum" %s`.
  }];
  let arguments = (ins StrAttr:$name, SFQ_PulseType:$input);
  let assemblyFormat = "$name $input attr-dict";
}

//===----------------------------------------------------------------------===//
// Cells
//===----------------------------------------------------------------------===//

/// A cell of kind `kind` (a CellKind enumerator). `ports` is the operand
/// part of the assembly format; the optional instance name comes first.
class SFQ_CellOp<string mnemonic, string kind, dag inPorts, dag outPorts,
                 string ports, list<Trait> traits = []>
    : SFQ_InCircuitOp<mnemonic, traits> {
  let arguments = !con(inPorts, (ins OptionalAttr<StrAttr>:$name));
  let results = outPorts;
  let assemblyFormat = "($name^)? " # ports # " attr-dict";
  let extraClassDeclaration = [{
    static constexpr ::nmc::sfq::CellKind kKind =
        ::nmc::sfq::CellKind::}] # kind # [{;
  }];
}

/// a -> q cells.
class SFQ_UnaryCellOp<string mnemonic, string kind>
    : SFQ_CellOp<mnemonic, kind, (ins SFQ_PulseType:$a),
                 (outs SFQ_PulseType:$q), "$a">;

/// a, b, clk -> q clocked gates. `clk` may be absent in a draft circuit.
class SFQ_ClockedGateOp<string mnemonic, string kind>
    : SFQ_CellOp<mnemonic, kind,
                 (ins SFQ_PulseType:$a, SFQ_PulseType:$b,
                      Optional<SFQ_PulseType>:$clk),
                 (outs SFQ_PulseType:$q), "$a `,` $b (`clk` $clk^)?">;

def SFQ_JtlOp : SFQ_UnaryCellOp<"jtl", "Jtl"> {
  let summary = "Josephson transmission line: repeats each pulse";
  let description = [{
    `%q = sfq.jtl %a`: every pulse on `a` leaves on `q` after the cell's
    delay (sfq.md §2.2 JTL).
  }];
}

def SFQ_SplitterOp : SFQ_CellOp<"splitter", "Splitter",
    (ins SFQ_PulseType:$a), (outs SFQ_PulseType:$l, SFQ_PulseType:$r), "$a"> {
  let summary = "Splitter: one pulse in, one pulse on each of two outputs";
  let description = [{
    `%l, %r = sfq.splitter %a`: the only way a wire reaches two loads
    (sfq.md §0 fan-out; §2.2 S). `sfq-insert-splitters` builds balanced
    trees of them.
  }];
}

def SFQ_MergerOp : SFQ_CellOp<"merger", "Merger",
    (ins SFQ_PulseType:$a, SFQ_PulseType:$b), (outs SFQ_PulseType:$q),
    "$a `,` $b"> {
  let summary = "Merger (confluence buffer): either input pulse goes to q";
  let description = [{
    `%q = sfq.merger %a, %b`: a pulse on `a` or `b` leaves on `q`; pulses
    closer than the cell's busy time are lost (sfq.md §2.2 M, §2.6 MERGE).
  }];
}

def SFQ_DffOp : SFQ_CellOp<"dff", "Dff",
    (ins SFQ_PulseType:$a, Optional<SFQ_PulseType>:$clk),
    (outs SFQ_PulseType:$q), "$a (`clk` $clk^)?"> {
  let summary = "D flip-flop (destructive read-out)";
  let description = [{
    `%q = sfq.dff %a clk %c`: stores a pulse on `a`; the next `clk` pulse
    reads it out on `q` (and clears it). One clocked stage: the cell
    `sfq-balance-paths` inserts (sfq.md §2.2 DRO, §3).
  }];
}

def SFQ_AndOp : SFQ_ClockedGateOp<"and", "And"> {
  let summary = "Clocked AND";
  let description = [{
    `%q = sfq.and %a, %b clk %c`: on `clk`, pulses on `q` iff both `a` and
    `b` pulsed since the previous clock (sfq.md §2.2 AND).
  }];
}

def SFQ_OrOp : SFQ_ClockedGateOp<"or", "Or"> {
  let summary = "Clocked OR";
  let description = [{
    `%q = sfq.or %a, %b clk %c`: on `clk`, pulses on `q` iff `a` or `b`
    pulsed since the previous clock (sfq.md §2.2 OR).
  }];
}

def SFQ_XorOp : SFQ_ClockedGateOp<"xor", "Xor"> {
  let summary = "Clocked XOR";
  let description = [{
    `%q = sfq.xor %a, %b clk %c`: on `clk`, pulses on `q` iff exactly one
    of `a`, `b` pulsed since the previous clock (sfq.md §2.2 XOR).
  }];
}

def SFQ_NotOp : SFQ_CellOp<"not", "Not",
    (ins SFQ_PulseType:$a, Optional<SFQ_PulseType>:$clk),
    (outs SFQ_PulseType:$q), "$a (`clk` $clk^)?"> {
  let summary = "Clocked NOT (inverter)";
  let description = [{
    `%q = sfq.not %a clk %c`: on `clk`, pulses on `q` iff `a` did not pulse
    since the previous clock (sfq.md §2.2 INV).
  }];
}

def SFQ_TffOp : SFQ_UnaryCellOp<"tff", "Tff"> {
  let summary = "T flip-flop: one output pulse per two input pulses";
  let description = [{
    `%q = sfq.tff %a`: toggles on every pulse on `a` and pulses on `q` on
    every second one (a divide-by-two; unclocked).
  }];
}

def SFQ_SynapseOp : SFQ_CellOp<"synapse", "Synapse",
    (ins SFQ_PulseType:$a, F64Attr:$bias_ma), (outs SFQ_PulseType:$q),
    "$a `bias` $bias_ma `mA`"> {
  let summary = "Stochastic synapse: passes each pulse with probability p(bias)";
  let description = [{
    `%q = sfq.synapse %a bias 0.1 mA`: each pulse on `a` leaves on `q` with
    probability p(I), a sigmoid of the bias current `bias_ma` (mA, finite
    and > 0) whose parameters are in the cell library; blocked otherwise
    (the seed paper's thermally stochastic synapse, sfq.md §1.2, §1.3).
    `convert-snn-to-sfq` sets I = i50 + iWidth ln(p / (1 - p)) for a
    weight's p = |w| / wmax.
  }];
  let hasVerifier = 1;
}

def SFQ_NeuronOp : SFQ_CellOp<"neuron", "Neuron",
    (ins Variadic<SFQ_PulseType>:$exc, Variadic<SFQ_PulseType>:$inh,
         F64Attr:$bias_ma),
    (outs SFQ_PulseType:$q),
    "`exc` `(` $exc `)` `inh` `(` $inh `)` `bias` $bias_ma `mA`",
    [AttrSizedOperandSegments]> {
  let summary = "SFQ neuron: counts pulses, fires at a bias-set threshold";
  let description = [{
    `%q = sfq.neuron exc(%e) inh(%i) bias 0.2 mA`: integrates pulses, +1
    per pulse on `exc` and -1 per pulse on `inh`, and pulses on `q` when
    the count reaches its threshold N(I), set by the bias current
    `bias_ma` (mA, finite and > 0; the cell library maps I to N; leak and
    reset are the library's), rate-coded (sfq.md §1.2, §1.3).

    In a legal circuit each port has exactly one driver (an `sfq.zero`
    drives an unused port). A draft circuit may list several wires, or
    none, per port; `sfq-insert-mergers` replaces them by a balanced
    merger tree, or an `sfq.zero`.
  }];
  let hasVerifier = 1;
}

#endif // NMC_DIALECT_SFQ_SFQOPS_TD
