//===- ConnectorValidateTest.cpp - Bad specs give one clear sentence ------===//
#include "ConnectorTestUtil.h"

#include <cmath>
#include <functional>
#include <limits>

using namespace nmc;
using namespace nmc::test;
using model::ConnectorRule;
using Kind = model::Distribution::Kind;

namespace {

void expectError(const model::ConnectorSpec &s, const std::string &needle) {
  std::string err = model::validateConnector(s);
  EXPECT_NE(err.find(needle), std::string::npos)
      << "error '" << err << "' does not contain '" << needle << "'";
  EXPECT_EQ(err.find('\n'), std::string::npos);
  // Expansion refuses the same spec with the same sentence.
  model::ExpandedConnector e;
  EXPECT_EQ(
      model::expandConnector(s, 0, std::max<int64_t>(s.nPost, 0), 1e-3, e),
      err);
}

TEST(ConnectorValidate, GoodSpecsPass) {
  auto s = spec(ConnectorRule::FixedProbability, 10, 10);
  s.p = 0.3;
  EXPECT_EQ(model::validateConnector(s), "");
  s.delay.kind = Kind::NormalClipped; // one-sided clipping, as PD14 does
  s.delay.a = 1.5e-3;
  s.delay.b = 0.75e-3;
  s.delay.low = 0.1e-3;
  s.delay.high = std::numeric_limits<double>::infinity();
  EXPECT_EQ(model::validateConnector(s), "");
}

TEST(ConnectorValidate, SizesAndRuleParameters) {
  const double nan = std::nan("");
  auto s = spec(ConnectorRule::AllToAll, -1, 3);
  expectError(s, "n_pre = -1");
  s = spec(ConnectorRule::AllToAll, 3, 0);
  expectError(s, "n_post = 0");
  s = spec(ConnectorRule::AllToAll, int64_t{1} << 40, 3);
  expectError(s, "n_pre = 1099511627776");
  s = spec(ConnectorRule::OneToOne, 3, 4);
  expectError(s, "n_pre == n_post");
  s = spec(ConnectorRule::FixedProbability, 3, 4);
  s.p = 1.5;
  expectError(s, "p = 1.5");
  s.p = nan;
  expectError(s, "p = nan");
  s = spec(ConnectorRule::FixedNumberPre, 10, 4);
  s.n = -2;
  expectError(s, "n = -2");
  s.n = 10;
  s.allowSelf = false;
  expectError(s, "n = 10 (fixed_number_pre) is more than the 9 distinct");
  s.withReplacement = true;
  EXPECT_EQ(model::validateConnector(s), "");
  s.n = int64_t{1} << 40;
  expectError(s, "limit");
  s = spec(ConnectorRule::FixedTotalNumber, 10, 10);
  s.n = 101;
  expectError(s, "n = 101 (fixed_total_number) is more than the 100 distinct");
  s = spec(ConnectorRule::AllToAll, 1 << 20, 1 << 20);
  expectError(s, "more than the limit");
}

TEST(ConnectorValidate, Distributions) {
  const double inf = std::numeric_limits<double>::infinity();
  auto s = spec(ConnectorRule::OneToOne, 3, 3);
  s.weight.a = std::nan("");
  expectError(s, "weight.value = nan (constant)");
  s.weight.a = 1e40; // beyond float
  expectError(s, "weight.value = 1e+40");
  s.weight = {};
  s.weight.kind = Kind::Uniform;
  s.weight.a = 2;
  s.weight.b = 1;
  expectError(s, "weight.low = 2 (uniform) is above high = 1");
  s.weight = {};
  s.weight.kind = Kind::NormalClipped;
  s.weight.b = -1;
  s.weight.high = 1;
  expectError(s, "weight.sd = -1");
  s.weight.b = 1;
  s.weight.low = 10; // [10, 1]
  expectError(s, "weight.low = 10 (normal_clipped) is above high = 1");
  s.weight.low = 9;
  s.weight.high = inf; // holds 1e-19 of N(0, 1)
  expectError(s, "below the minimum");
  s.weight = {};
  s.weight.kind = Kind::Choice;
  expectError(s, "weight.values (choice) is empty");
  s.weight.values = {1, std::nan("")};
  expectError(s, "weight.values[1] = nan");
  s.weight = {};
  s.delay.a = -1e-3;
  expectError(s, "delay.value = -0.001 (constant) is negative");
  s.delay = {};
  s.delay.kind = Kind::Uniform;
  s.delay.a = 0;
  s.delay.b = inf;
  expectError(s, "delay.high = inf");
}

TEST(ConnectorValidate, ExpansionRangeAndDt) {
  auto s = spec(ConnectorRule::OneToOne, 3, 3);
  model::ExpandedConnector e;
  EXPECT_NE(
      model::expandConnector(s, 2, 4, 1e-3, e).find("target range [2, 4)"),
      std::string::npos);
  s.delay.a = 1e-3;
  EXPECT_NE(model::expandConnector(s, 0, 3, 0, e).find("dt = 0"),
            std::string::npos);
}

TEST(ConnectorValidate, DistributionParameterLists) {
  // The flat lists of the snn op and the NIR node: [value], [low, high],
  // [mean, sd, low, high], [v0, ...].
  model::Distribution d;
  ASSERT_EQ(
      model::makeDistribution(Kind::NormalClipped, {1, 2, 0, 5}, "weight", d),
      "");
  EXPECT_EQ(d.a, 1);
  EXPECT_EQ(d.b, 2);
  EXPECT_EQ(d.low, 0);
  EXPECT_EQ(d.high, 5);
  EXPECT_EQ(model::distributionParams(d), (std::vector<double>{1, 2, 0, 5}));
  ASSERT_EQ(model::makeDistribution(Kind::Choice, {3, 4, 3}, "delay", d), "");
  EXPECT_EQ(d.values, (std::vector<double>{3, 4, 3}));
  EXPECT_EQ(model::makeDistribution(Kind::Uniform, {1, 2, 3}, "weight", d),
            "weight (uniform) has 3 parameters, expected 2 [low, high]");
  EXPECT_EQ(model::makeDistribution(Kind::Choice, {}, "delay", d),
            "delay (choice) has no values");
}

TEST(ConnectorValidate, Names) {
  for (auto r : {ConnectorRule::AllToAll, ConnectorRule::OneToOne,
                 ConnectorRule::FixedProbability, ConnectorRule::FixedNumberPre,
                 ConnectorRule::FixedTotalNumber})
    EXPECT_EQ(model::parseConnectorRule(model::toString(r)), r);
  for (auto k :
       {Kind::Constant, Kind::Uniform, Kind::NormalClipped, Kind::Choice})
    EXPECT_EQ(model::parseDistributionKind(model::toString(k)), k);
  EXPECT_EQ(model::parseConnectorRule("fixed_in_degree"), std::nullopt);
  EXPECT_EQ(model::toString(ConnectorRule::FixedNumberPre), "fixed_number_pre");
}

} // namespace
