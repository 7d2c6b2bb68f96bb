//===- Passes.td - snn transformation passes ---------------*- tablegen -*-===//
#ifndef NMC_TRANSFORMS_PASSES_TD
#define NMC_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def SNNInferShapes : Pass<"snn-infer-shapes", "nmc::snn::GraphOp"> {
  let summary = "Fill in output shapes of Conv, Pool and Flatten nodes";
  let description = [{
    NIR files may omit the shapes that follow from upstream (Conv without
    `input_shape`, pooling, Flatten), as NIR >= 1.0.6 infers them. This pass
    propagates shapes along edges until every value is ranked, and reports
    the node where a shape cannot be derived.
  }];
}

def SNNInlineSubgraphs : Pass<"snn-inline-subgraphs", "nmc::snn::GraphOp"> {
  let summary = "Flatten nested NIRGraph nodes into their parent";
  let description = [{
    Every `snn.subgraph` is replaced by its inner nodes, renamed
    `<subgraph>.<node>`. Its input node is dropped (its users read the
    subgraph's operands, summed) and so is its output node (users of the
    subgraph read the output's operands). Recurrent edges inside stay cycles.
  }];
  let dependentDialects = ["nmc::snn::SNNDialect"];
}

def SNNDiscretize : Pass<"snn-discretize", "nmc::snn::GraphOp"> {
  let summary = "Turn continuous-time neurons into discrete-time update rules";
  let description = [{
    Replaces every neuron op by `snn.discrete_neuron` and every `snn.delay`
    by `snn.discrete_delay` for a time step `dt` (in the network's time unit,
    seconds for NIR paper graphs). The coefficients come from
    nmc/Model/NeuronModel.h, the single definition of the equations:
    `euler` is forward Euler as NIR's reference implementation; `exact`
    integrates the linear ODEs exactly with the input held over the step.
    `reset=subtract` resets by subtracting the threshold (how
    paper_braille_noDelay_noBias_subtract.nir was trained); `value` resets
    to `v_reset`. Delays become round(delay/dt) steps. The defaults
    (dt = 1e-4, euler, value) are those of nmc/Model/NeuronModel.h, shared
    with `snn-lower` and the `nmc` driver.
  }];
  let options = [
    Option<"dt", "dt", "double", "::nmc::model::kDefaultDt",
           "time step (same unit as tau/delay); default 1e-4">,
    Option<"method", "method", "::nmc::snn::DiscretizeMethod",
           "::nmc::snn::toSNN(::nmc::model::kDefaultMethod)",
           "integration method: euler | exact",
           "::nmc::methodOptionValues()">,
    Option<"reset", "reset", "::nmc::snn::ResetMode",
           "::nmc::snn::toSNN(::nmc::model::kDefaultReset)",
           "reset mode: value (to v_reset) | subtract (v -= v_threshold)",
           "::nmc::resetOptionValues()">
  ];
  let dependentDialects = ["nmc::snn::SNNDialect"];
}

def SNNQuantize : Pass<"snn-quantize", "nmc::snn::GraphOp"> {
  let summary = "Round every parameter of a discretized graph to fixed point";
  let description = [{
    Rounds the coefficients of every `snn.discrete_neuron`, the weights and
    biases of affine, linear, sparse_affine and conv nodes, scale factors
    and thresholds to values exactly representable in `format` (sI.F or
    uI.F, at most 32 bits; nmc/Model/FixedPoint.h). Values stay f64
    attributes; the graph gets `number_format`, which the reference image
    carries so that the engine runs the network in that format
    (docs/semantics.md, "Fixed-point arithmetic").

    Every node where a value saturates (outside the format's range) or
    rounds to zero (nonzero before, zero after) gets one warning with the
    counts and a note for each of the first `max-notes` such values.
  }];
  let options = [
    Option<"format", "format", "std::string", "\"s16.15\"",
           "fixed-point format: sI.F (signed) or uI.F, e.g. s16.15, u0.16">,
    Option<"rounding", "rounding", "std::string", "\"nearest\"",
           "nearest (ties away from zero) | truncate (toward -inf) | "
           "stochastic">,
    Option<"seed", "seed", "uint64_t", "0", "seed of stochastic rounding">,
    Option<"maxNotes", "max-notes", "unsigned", "3",
           "notes listing lost values, per node">
  ];
  let dependentDialects = ["nmc::snn::SNNDialect"];
}

def SNNExpandConnectors : Pass<"snn-expand-connectors", "nmc::snn::GraphOp"> {
  let summary = "Expand snn.connector into explicit sparse synapses";
  let description = [{
    For targets that need explicit synapses (xbar, sfq): every
    `snn.connector` becomes an `snn.sparse_affine` with the synapses
    nmc::model::expandConnector draws (the same ones the reference engines
    and the SpiNNaker backend use). A constant delay D becomes a delay node
    `<name>.delay` on the connector's inputs: `snn.discrete_delay` of
    round(D / dt) steps on a discretized graph, else `snn.delay` of D. A
    connector whose delays differ per synapse (a non-constant delay
    distribution) is refused: these targets have one delay per input, not
    per synapse.
  }];
  let dependentDialects = ["nmc::snn::SNNDialect"];
}

#endif // NMC_TRANSFORMS_PASSES_TD
