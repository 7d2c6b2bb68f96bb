//===- SNNEnums.td - snn enums and enum attributes ---------*- tablegen -*-===//
//
// Neuron type, discretization method and reset mode as typed enums. Their
// values equal those of nmc::model (NeuronModel.h); SNNEnums.h checks that
// and converts between the two. The strings here are the names used in
// NIR files, images and on command lines.
//===----------------------------------------------------------------------===//
#ifndef NMC_DIALECT_SNN_SNNENUMS_TD
#define NMC_DIALECT_SNN_SNNENUMS_TD

include "nmc/Dialect/SNN/SNNDialect.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"

def SNN_NeuronType : I32EnumAttr<"NeuronType", "NIR neuron node type", [
    I32EnumAttrCase<"I", 0>,
    I32EnumAttrCase<"IF", 1>,
    I32EnumAttrCase<"LI", 2>,
    I32EnumAttrCase<"LIF", 3>,
    I32EnumAttrCase<"CubaLI", 4>,
    I32EnumAttrCase<"CubaLIF", 5>]> {
  let cppNamespace = "::nmc::snn";
  let genSpecializedAttr = 0;
}

def SNN_DiscretizeMethod : I32EnumAttr<"DiscretizeMethod",
    "integration method of snn-discretize", [
    I32EnumAttrCase<"Euler", 0, "euler">,
    I32EnumAttrCase<"Exact", 1, "exact">]> {
  let cppNamespace = "::nmc::snn";
  let genSpecializedAttr = 0;
}

def SNN_ResetMode : I32EnumAttr<"ResetMode", "what a spike does to v", [
    I32EnumAttrCase<"ToValue", 0, "value">,
    I32EnumAttrCase<"Subtract", 1, "subtract">]> {
  let cppNamespace = "::nmc::snn";
  let genSpecializedAttr = 0;
}

/// Connection rules of snn.connector (nmc::model::ConnectorRule).
def SNN_ConnectorRule : I32EnumAttr<"ConnectorRule",
    "PyNN-style connection rule", [
    I32EnumAttrCase<"AllToAll", 0, "all_to_all">,
    I32EnumAttrCase<"OneToOne", 1, "one_to_one">,
    I32EnumAttrCase<"FixedProbability", 2, "fixed_probability">,
    I32EnumAttrCase<"FixedNumberPre", 3, "fixed_number_pre">,
    I32EnumAttrCase<"FixedTotalNumber", 4, "fixed_total_number">]> {
  let cppNamespace = "::nmc::snn";
  let genSpecializedAttr = 0;
}

/// How snn.connector draws weights and delays
/// (nmc::model::Distribution::Kind).
def SNN_DistributionKind : I32EnumAttr<"DistributionKind",
    "distribution of connector weights or delays", [
    I32EnumAttrCase<"Constant", 0, "constant">,
    I32EnumAttrCase<"Uniform", 1, "uniform">,
    I32EnumAttrCase<"NormalClipped", 2, "normal_clipped">,
    I32EnumAttrCase<"Choice", 3, "choice">]> {
  let cppNamespace = "::nmc::snn";
  let genSpecializedAttr = 0;
}

/// STDP spike pairing (nmc::model::StdpPairing): every pre/post pair, or
/// only the nearest spike's.
def SNN_StdpPairing : I32EnumAttr<"StdpPairing", "STDP spike pairing", [
    I32EnumAttrCase<"AllPair", 0, "all_pair">,
    I32EnumAttrCase<"NearestPair", 1, "nearest_pair">]> {
  let cppNamespace = "::nmc::snn";
  let genSpecializedAttr = 0;
}

/// STDP weight dependence (nmc::model::WeightDependence).
def SNN_WeightDependence : I32EnumAttr<"WeightDependence",
    "STDP weight dependence", [
    I32EnumAttrCase<"Additive", 0, "additive">,
    I32EnumAttrCase<"Multiplicative", 1, "multiplicative">]> {
  let cppNamespace = "::nmc::snn";
  let genSpecializedAttr = 0;
}

/// Printed as `#snn.rule<fixed_probability>`.
def SNN_ConnectorRuleAttr : EnumAttr<SNN_Dialect, SNN_ConnectorRule, "rule"> {
  let assemblyFormat = "`<` $value `>`";
}

/// Printed as `#snn.dist<normal_clipped>`.
def SNN_DistributionKindAttr
    : EnumAttr<SNN_Dialect, SNN_DistributionKind, "dist"> {
  let assemblyFormat = "`<` $value `>`";
}

/// Printed as `#snn.neuron_type<LIF>`.
def SNN_NeuronTypeAttr : EnumAttr<SNN_Dialect, SNN_NeuronType, "neuron_type"> {
  let assemblyFormat = "`<` $value `>`";
}

/// Printed as `#snn.method<exact>`.
def SNN_DiscretizeMethodAttr
    : EnumAttr<SNN_Dialect, SNN_DiscretizeMethod, "method"> {
  let assemblyFormat = "`<` $value `>`";
}

/// Printed as `#snn.reset<subtract>`: `value` sets v to v_reset on a spike,
/// `subtract` subtracts v_threshold from v.
def SNN_ResetModeAttr : EnumAttr<SNN_Dialect, SNN_ResetMode, "reset"> {
  let assemblyFormat = "`<` $value `>`";
}

#endif // NMC_DIALECT_SNN_SNNENUMS_TD
