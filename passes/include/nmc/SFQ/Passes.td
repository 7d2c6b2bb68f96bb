//===- Passes.td - Passes of the sfq target ----------------*- tablegen -*-===//
//
// convert-snn-to-sfq and the legalization passes, in the order
// sfq-legalize runs them (docs/targets/sfq.md). Bias-mapping defaults are
// those of nmc::sfq::BiasMapping (nmc/Target/SFQ/BiasMapping.h).
//===----------------------------------------------------------------------===//
#ifndef NMC_SFQ_PASSES_TD
#define NMC_SFQ_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertSNNToSFQ : Pass<"convert-snn-to-sfq", "mlir::ModuleOp"> {
  let summary = "Turn a discretized snn.graph into a draft sfq.circuit";
  let description = [{
    Replaces every `snn.graph @g` by `sfq.circuit @g draft`, rate-coded
    after the seed paper (../shared/reference/sfq.md §1.2, §1.3):

    - element `i` of `snn.input "x"` becomes `sfq.input "x[i]"`, element
      `o` of `snn.output "y"` becomes `sfq.output "y[o]"`;
    - element `o` of an `IF`/`LIF` `snn.discrete_neuron` becomes one
      `sfq.neuron`, threshold N = max(1, round(v_threshold[o] /
      (c_mem_in[o] * wmax))) pulses, bias I(N) = n0 iNominal / N;
    - every nonzero weight `w` (from input element `i` to neuron element
      `o`) of an `snn.affine` (bias all zero), `snn.linear` or
      `snn.sparse_affine` feeding a neuron becomes one `sfq.synapse` with
      p = clamp(|w| / wmax, p-min, 1 - p-min) and bias I(p) = i50 +
      iWidth ln(p / (1 - p)), driving the neuron's `exc` port (w > 0) or
      `inh` port (w < 0). wmax = the largest |w| over the weight nodes
      feeding that neuron node, so a passed pulse stands for wmax and the
      neuron counts in units of wmax * c_mem_in.

    The result is a draft: a source wire drives all its synapses, a
    neuron port lists all its synapses. `sfq-legalize` (or
    `sfq-insert-splitters` and `sfq-insert-mergers`) builds the splitter
    and merger trees. Cells whose output nobody reads are not emitted,
    nor input elements without a nonzero weight.

    LIF leak (a_mem != 1) is ignored with a warning: the SFQ neuron keeps
    its count. Errors name the node: non-discretized graphs, neuron types
    other than IF/LIF, value reset to v_reset != 0, refractory or adaptive
    thresholds, a constant drive (c_mem_0 != 0), nonzero affine biases,
    convolutions, pooling, delays and any other node, weights not between
    an input/neuron and a neuron, outputs not fed by exactly one neuron
    node.
  }];
  let dependentDialects = ["nmc::sfq::SFQDialect"];
  let options = [
    Option<"i50", "i50-ma", "double", "::nmc::sfq::BiasMapping().i50MA",
           "synapse bias (mA) with pass probability 1/2">,
    Option<"iWidth", "i-width-ma", "double",
           "::nmc::sfq::BiasMapping().iWidthMA",
           "synapse sigmoid width (mA)">,
    Option<"pMin", "p-min", "double", "1e-3",
           "pass probabilities are clamped to [p-min, 1 - p-min] (the "
           "sigmoid reaches neither 0 nor 1) [assumed]">,
    Option<"n0", "n0", "double", "::nmc::sfq::BiasMapping().n0",
           "neuron threshold (pulses) at the nominal bias">,
    Option<"iNominal", "i-nominal-ma", "double",
           "::nmc::sfq::BiasMapping().iNominalMA",
           "neuron nominal bias (mA)">
  ];
}

def SFQInsertSplitters : Pass<"sfq-insert-splitters", "nmc::sfq::CircuitOp"> {
  let summary = "Give every wire one load: balanced splitter trees";
  let description = [{
    A wire with n > 1 loads gets a balanced tree of n - 1 `sfq.splitter`
    cells, depth ceil(log2 n): the left subtree serves ceil(n/2) loads,
    the right floor(n/2); loads are served in op order. The clock net is
    left to `sfq-clock-tree`. Drops `draft` if the circuit is then legal.
  }];
}

def SFQInsertMergers : Pass<"sfq-insert-mergers", "nmc::sfq::CircuitOp"> {
  let summary = "Give every neuron port one driver: balanced merger trees";
  let description = [{
    A draft `sfq.neuron` port may list n wires: n > 1 become a balanced
    tree of n - 1 `sfq.merger` cells (depth ceil(log2 n), the first
    ceil(n/2) wires on the `a` side); n = 0 becomes an `sfq.zero`. Drops
    `draft` if the circuit is then legal.
  }];
}

def SFQBalancePaths : Pass<"sfq-balance-paths", "nmc::sfq::CircuitOp"> {
  let summary = "Insert DFFs so both data inputs of a clocked gate align";
  let description = [{
    Path balancing (../shared/reference/sfq.md §3, PBMap): every wire gets
    a logic level, the number of clocked stages between it and the primary
    inputs (inputs, clock and zero: 0; a clocked cell: 1 + the largest
    level of its data inputs; an unclocked cell: the largest level of its
    inputs). Each data input of a clocked gate below the gate's largest
    input level gets a chain of as many `sfq.dff` as levels are missing;
    with `balance-outputs`, so does every primary output below the
    largest output level, so all outputs leave in the same cycle. The new
    DFFs have no `clk` yet: the circuit becomes a draft until
    `sfq-clock-tree` runs. Needs acyclic data paths through clocked cells
    (an error names a cell on a cycle); without clocked cells it does
    nothing.
  }];
  let options = [
    Option<"balanceOutputs", "balance-outputs", "bool", "true",
           "also align every primary output on the deepest one">
  ];
}

def SFQClockTree : Pass<"sfq-clock-tree", "nmc::sfq::CircuitOp"> {
  let summary = "Drive every clk port from a balanced splitter tree";
  let description = [{
    Collects every clocked cell's `clk` port (and any other load of the
    clock net: the wires reached from the `sfq.clock` through splitters),
    removes the splitters of the old clock net and builds one balanced
    splitter tree (n - 1 splitters, depth ceil(log2 n)) from the clock to
    those ports, in op order. Creates `sfq.clock "<clock-name>"` with
    `period-ps` if the circuit has clocked cells but no clock. A `clk` driven from outside the clock
    net is an error naming the cell. Drops `draft` if the circuit is then
    legal.
  }];
  let dependentDialects = ["nmc::sfq::SFQDialect"];
  let options = [
    Option<"periodPs", "period-ps", "double", "50.0",
           "period (ps) of a clock this pass creates; 50 ps = 20 GHz, "
           "below ColdFlux's 50 GHz cell limit (sfq.md §3) [assumed]">,
    Option<"clockName", "clock-name", "std::string", "\"clk\"",
           "name of a clock this pass creates">
  ];
}

#endif // NMC_SFQ_PASSES_TD
