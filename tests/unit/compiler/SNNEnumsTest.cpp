//===- SNNEnumsTest.cpp - ODS enums agree with nmc::model ----------------===//
//
// Images carry the model's names (NeuronModel.h toString) and MLIR carries
// the ODS names; an image written from MLIR must read back as the same
// value, so the two name sets must agree value for value.
//===----------------------------------------------------------------------===//
#include "nmc/Dialect/SNN/SNNEnums.h"

#include <gtest/gtest.h>

using namespace nmc;

namespace {

TEST(SNNEnums, NeuronTypesConvertAndShareNames) {
  for (model::NeuronType t :
       {model::NeuronType::I, model::NeuronType::IF, model::NeuronType::LI,
        model::NeuronType::LIF, model::NeuronType::CubaLI,
        model::NeuronType::CubaLIF}) {
    snn::NeuronType s = snn::toSNN(t);
    EXPECT_EQ(snn::toModel(s), t);
    EXPECT_EQ(snn::stringifyNeuronType(s).str(), model::toString(t));
  }
  EXPECT_EQ(snn::symbolizeNeuronType("CubaLIF"), snn::NeuronType::CubaLIF);
  EXPECT_FALSE(snn::symbolizeNeuronType("HH"));
}

TEST(SNNEnums, MethodsConvertAndShareNames) {
  for (model::Method m : {model::Method::Euler, model::Method::Exact}) {
    snn::DiscretizeMethod s = snn::toSNN(m);
    EXPECT_EQ(snn::toModel(s), m);
    EXPECT_EQ(snn::stringifyDiscretizeMethod(s).str(), model::toString(m));
  }
  EXPECT_EQ(snn::stringifyDiscretizeMethod(snn::DiscretizeMethod::Exact),
            "exact");
}

TEST(SNNEnums, ResetModesConvertAndShareNames) {
  for (model::ResetMode r :
       {model::ResetMode::ToValue, model::ResetMode::Subtract}) {
    snn::ResetMode s = snn::toSNN(r);
    EXPECT_EQ(snn::toModel(s), r);
    EXPECT_EQ(snn::stringifyResetMode(s).str(), model::toString(r));
  }
  EXPECT_EQ(snn::stringifyResetMode(snn::ResetMode::Subtract), "subtract");
}

} // namespace
