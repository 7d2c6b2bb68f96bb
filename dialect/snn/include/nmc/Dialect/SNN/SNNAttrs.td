//===- SNNAttrs.td - snn attributes ------------------------*- tablegen -*-===//
//
// The enum attributes (SNNEnums.td) and the structured attributes of the
// snn dialect. The attrdef generator reads this file, so every attribute of
// the dialect is declared through it.
//===----------------------------------------------------------------------===//
#ifndef NMC_DIALECT_SNN_SNNATTRS_TD
#define NMC_DIALECT_SNN_SNNATTRS_TD

include "nmc/Dialect/SNN/SNNEnums.td"

/// A double (stored as an f64 APFloat: storage keys need a hash), printed
/// so that it parses back to the same bits.
def SNN_DoubleParameter : APFloatParameter<"a real number"> {
  let parser = [{ [&]() -> ::mlir::FailureOr<::llvm::APFloat> {
    double v;
    if (::mlir::failed($_parser.parseFloat(v)))
      return ::mlir::failure();
    return ::llvm::APFloat(v);
  }() }];
  let printer = [{ $_printer.printFloat($_self) }];
}

def SNN_StdpAttr : AttrDef<SNN_Dialect, "Stdp"> {
  let mnemonic = "stdp";
  let summary = "Spike-timing-dependent plasticity of a weight node";
  let description = [{
    Makes an `snn.affine`, `snn.linear`, `snn.sparse_affine` or
    `snn.connector` node plastic (nmc/Model/Plasticity.h is the definition
    of the rule; docs/nir-support.md "nmc extension: STDP"). The node's
    input spikes are the pre spikes; its output must feed exactly one
    spiking neuron node (IF, LIF or CubaLIF) of the same size, the post
    population, and nothing else.

    - `pairing`: `all_pair` (every pre/post pair adds up) or `nearest_pair`
      (only the nearest spike counts: a trace is set to 1 on a spike).
    - `dependence`: `additive` (dw = +A+ x on a post spike, -A- y on a pre
      spike) or `multiplicative` (the same times (w_max - w), resp.
      (w - w_min)).
    - `tau_plus`, `tau_minus` > 0: time constants of the pre and post traces,
      in the graph's time unit (seconds for NIR files).
    - `a_plus`, `a_minus` >= 0: amplitudes, absolute weight changes in the
      graph's weight unit (PyNN's A_plus/A_minus on sPyNNaker).
    - `w_min` <= `w_max`: every weight is clipped to these bounds after each
      update.

    A pair's time difference is measured at the synapse: a pre spike counts
    when it reaches the node's input, after any delay on the way
    (sPyNNaker's dendritic delay). A plastic `snn.connector` must have one
    delay for all its synapses (a constant delay distribution).

    ```mlir
    stdp = #snn.stdp<pairing = all_pair, dependence = additive,
                     tau_plus = 2.0e-02, tau_minus = 2.0e-02, a_plus = 0.01,
                     a_minus = 0.012, w_min = 0.0, w_max = 1.0>
    ```
  }];
  let parameters = (ins EnumParameter<SNN_StdpPairing>:$pairing,
                        EnumParameter<SNN_WeightDependence>:$dependence,
                        SNN_DoubleParameter:$tau_plus,
                        SNN_DoubleParameter:$tau_minus,
                        SNN_DoubleParameter:$a_plus,
                        SNN_DoubleParameter:$a_minus,
                        SNN_DoubleParameter:$w_min,
                        SNN_DoubleParameter:$w_max);
  let assemblyFormat = "`<` struct(params) `>`";
  let builders = [
    AttrBuilder<(ins "StdpPairing":$pairing,
                     "WeightDependence":$dependence, "double":$tauPlus,
                     "double":$tauMinus, "double":$aPlus, "double":$aMinus,
                     "double":$wMin, "double":$wMax), [{
      return $_get($_ctxt, pairing, dependence, ::llvm::APFloat(tauPlus),
                   ::llvm::APFloat(tauMinus), ::llvm::APFloat(aPlus),
                   ::llvm::APFloat(aMinus), ::llvm::APFloat(wMin),
                   ::llvm::APFloat(wMax));
    }]>
  ];
  let extraClassDeclaration = [{
    /// The rule in nmc::model's terms (Plasticity.h).
    ::nmc::model::StdpParams toModel() const;
    /// The same rule with new amplitudes and bounds (snn-quantize).
    StdpAttr withWeightParams(double aPlus, double aMinus, double wMin,
                              double wMax) const;
  }];
}

#endif // NMC_DIALECT_SNN_SNNATTRS_TD
