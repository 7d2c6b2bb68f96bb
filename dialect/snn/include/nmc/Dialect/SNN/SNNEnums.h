//===- SNNEnums.h - snn enums and model conversions -------------*- C++ -*-===//
//
// The ODS enums (SNNEnums.td) are the MLIR side of nmc::model's NeuronType,
// Method and ResetMode (NeuronModel.h, which cannot use MLIR). Both have the
// same values; this header checks that at compile time and is the one place
// that converts between them. Their stringify*/symbolize* functions are the
// string boundary on the MLIR side.
//===----------------------------------------------------------------------===//
#ifndef NMC_DIALECT_SNN_SNNENUMS_H
#define NMC_DIALECT_SNN_SNNENUMS_H

#include "nmc/Model/Connector.h"
#include "nmc/Model/NeuronModel.h"
#include "nmc/Model/Plasticity.h"

#include "mlir/IR/Attributes.h"
#include "mlir/IR/DialectImplementation.h"

#include <cstdint>
#include <optional>

#include "nmc/Dialect/SNN/SNNEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "nmc/Dialect/SNN/SNNAttrs.h.inc"

namespace nmc::snn {

namespace detail {
template <typename A, typename B> constexpr bool sameValue(A a, B b) {
  return static_cast<int64_t>(a) == static_cast<int64_t>(b);
}
} // namespace detail

static_assert(detail::sameValue(NeuronType::I, model::NeuronType::I) &&
              detail::sameValue(NeuronType::IF, model::NeuronType::IF) &&
              detail::sameValue(NeuronType::LI, model::NeuronType::LI) &&
              detail::sameValue(NeuronType::LIF, model::NeuronType::LIF) &&
              detail::sameValue(NeuronType::CubaLI,
                                model::NeuronType::CubaLI) &&
              detail::sameValue(NeuronType::CubaLIF,
                                model::NeuronType::CubaLIF) &&
              getMaxEnumValForNeuronType() == 5);
static_assert(detail::sameValue(DiscretizeMethod::Euler,
                                model::Method::Euler) &&
              detail::sameValue(DiscretizeMethod::Exact,
                                model::Method::Exact) &&
              getMaxEnumValForDiscretizeMethod() == 1);
static_assert(detail::sameValue(ResetMode::ToValue,
                                model::ResetMode::ToValue) &&
              detail::sameValue(ResetMode::Subtract,
                                model::ResetMode::Subtract) &&
              getMaxEnumValForResetMode() == 1);

static_assert(detail::sameValue(ConnectorRule::AllToAll,
                                model::ConnectorRule::AllToAll) &&
              detail::sameValue(ConnectorRule::OneToOne,
                                model::ConnectorRule::OneToOne) &&
              detail::sameValue(ConnectorRule::FixedProbability,
                                model::ConnectorRule::FixedProbability) &&
              detail::sameValue(ConnectorRule::FixedNumberPre,
                                model::ConnectorRule::FixedNumberPre) &&
              detail::sameValue(ConnectorRule::FixedTotalNumber,
                                model::ConnectorRule::FixedTotalNumber) &&
              getMaxEnumValForConnectorRule() == 4);
static_assert(detail::sameValue(DistributionKind::Constant,
                                model::Distribution::Kind::Constant) &&
              detail::sameValue(DistributionKind::Uniform,
                                model::Distribution::Kind::Uniform) &&
              detail::sameValue(DistributionKind::NormalClipped,
                                model::Distribution::Kind::NormalClipped) &&
              detail::sameValue(DistributionKind::Choice,
                                model::Distribution::Kind::Choice) &&
              getMaxEnumValForDistributionKind() == 3);

static_assert(detail::sameValue(StdpPairing::AllPair,
                                model::StdpPairing::AllPair) &&
              detail::sameValue(StdpPairing::NearestPair,
                                model::StdpPairing::NearestPair) &&
              getMaxEnumValForStdpPairing() == 1);
static_assert(detail::sameValue(WeightDependence::Additive,
                                model::WeightDependence::Additive) &&
              detail::sameValue(WeightDependence::Multiplicative,
                                model::WeightDependence::Multiplicative) &&
              getMaxEnumValForWeightDependence() == 1);

constexpr model::StdpPairing toModel(StdpPairing p) {
  return static_cast<model::StdpPairing>(p);
}
constexpr model::WeightDependence toModel(WeightDependence d) {
  return static_cast<model::WeightDependence>(d);
}
constexpr StdpPairing toSNN(model::StdpPairing p) {
  return static_cast<StdpPairing>(p);
}
constexpr WeightDependence toSNN(model::WeightDependence d) {
  return static_cast<WeightDependence>(d);
}

constexpr model::ConnectorRule toModel(ConnectorRule r) {
  return static_cast<model::ConnectorRule>(r);
}
constexpr model::Distribution::Kind toModel(DistributionKind k) {
  return static_cast<model::Distribution::Kind>(k);
}
constexpr ConnectorRule toSNN(model::ConnectorRule r) {
  return static_cast<ConnectorRule>(r);
}
constexpr DistributionKind toSNN(model::Distribution::Kind k) {
  return static_cast<DistributionKind>(k);
}

constexpr model::NeuronType toModel(NeuronType t) {
  return static_cast<model::NeuronType>(t);
}
constexpr model::Method toModel(DiscretizeMethod m) {
  return static_cast<model::Method>(m);
}
constexpr model::ResetMode toModel(ResetMode r) {
  return static_cast<model::ResetMode>(r);
}
constexpr NeuronType toSNN(model::NeuronType t) {
  return static_cast<NeuronType>(t);
}
constexpr DiscretizeMethod toSNN(model::Method m) {
  return static_cast<DiscretizeMethod>(m);
}
constexpr ResetMode toSNN(model::ResetMode r) {
  return static_cast<ResetMode>(r);
}

} // namespace nmc::snn

#endif // NMC_DIALECT_SNN_SNNENUMS_H
