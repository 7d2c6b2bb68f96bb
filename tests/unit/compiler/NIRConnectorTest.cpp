//===- NIRConnectorTest.cpp - nmc.Connector: file <-> snn.connector -------===//
//
// The NIR extension node keeps the rule, never the synapses: a file round
// trip (write, read, import, export, write, read) keeps every field, and
// hostile values give one sentence naming the dataset.
//===----------------------------------------------------------------------===//
#include "nmc/Dialect/SNN/SNNOps.h"
#include "nmc/NIR/ConnectorParams.h"
#include "nmc/NIR/NIRFile.h"
#include "nmc/NIR/NIRTranslation.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <limits>

using namespace mlir;
using namespace nmc;
using nir::Param;

namespace {

model::ConnectorSpec sampleSpec() {
  model::ConnectorSpec s;
  s.rule = model::ConnectorRule::FixedNumberPre;
  s.nPre = 4;
  s.nPost = 3;
  s.n = 2;
  s.allowSelf = false;
  s.withReplacement = true;
  s.weight.kind = model::Distribution::Kind::NormalClipped;
  s.weight.a = 0.5;
  s.weight.b = 0.1;
  s.weight.low = 0;
  s.weight.high = std::numeric_limits<double>::infinity();
  s.delay.kind = model::Distribution::Kind::Choice;
  s.delay.values = {1e-3, 2.5e-3};
  s.seed = 0x123456789ull;
  return s;
}

void expectSameSpec(const model::ConnectorSpec &a,
                    const model::ConnectorSpec &b) {
  EXPECT_EQ(a.rule, b.rule);
  EXPECT_EQ(a.nPre, b.nPre);
  EXPECT_EQ(a.nPost, b.nPost);
  EXPECT_EQ(a.p, b.p);
  EXPECT_EQ(a.n, b.n);
  EXPECT_EQ(a.allowSelf, b.allowSelf);
  EXPECT_EQ(a.withReplacement, b.withReplacement);
  EXPECT_EQ(a.seed, b.seed);
  for (auto [x, y] :
       {std::pair{&a.weight, &b.weight}, std::pair{&a.delay, &b.delay}}) {
    EXPECT_EQ(x->kind, y->kind);
    EXPECT_EQ(model::distributionParams(*x), model::distributionParams(*y));
  }
}

nir::Model sampleModel(const model::ConnectorSpec &spec) {
  nir::Model m;
  m.version = "1.0.7";
  auto port = [](const char *type, int64_t n) {
    nir::Node node;
    node.name = type == std::string("Input") ? "input" : "output";
    node.type = type;
    node.params["shape"] = Param::intArray({1}, {n});
    return node;
  };
  m.graph.nodes.push_back(port("Input", 4));
  nir::Node conn;
  conn.name = "conn";
  conn.type = "nmc.Connector";
  conn.params = nir::connectorToParams(spec);
  m.graph.nodes.push_back(conn);
  m.graph.nodes.push_back(port("Output", 3));
  m.graph.edges = {{"input", "conn"}, {"conn", "output"}};
  return m;
}

TEST(NIRConnector, FileRoundTripKeepsEveryField) {
  const model::ConnectorSpec spec = sampleSpec();
  auto dir = std::filesystem::temp_directory_path();
  const std::string first = (dir / "nmc_conn_a.nir").string(),
                    second = (dir / "nmc_conn_b.nir").string();
  std::string error;
  ASSERT_TRUE(nir::writeNIRFile(first, sampleModel(spec), error)) << error;

  MLIRContext ctx;
  std::string diags;
  ScopedDiagnosticHandler handler(&ctx, [&](Diagnostic &d) {
    diags += d.str() + "\n";
    return success();
  });
  auto module = importNIRFile(first, &ctx);
  ASSERT_TRUE(module) << diags;
  snn::ConnectorOp op;
  module->walk([&](snn::ConnectorOp c) { op = c; });
  ASSERT_TRUE(op);
  EXPECT_EQ(op.getRule(), snn::ConnectorRule::FixedNumberPre);
  EXPECT_EQ(op.getN(), 2u);
  EXPECT_FALSE(op.getAllowSelf());
  EXPECT_TRUE(op.getWithReplacement());
  EXPECT_EQ(op.getWeightDistribution(), snn::DistributionKind::NormalClipped);
  ASSERT_EQ(op.getWeight().size(), 4u);
  EXPECT_TRUE(std::isinf(op.getWeight()[3]));
  EXPECT_EQ(cast<RankedTensorType>(op.getType()).getShape()[0], 3);
  model::ConnectorSpec fromOp;
  ASSERT_EQ(op.getSpec(fromOp), "");
  expectSameSpec(spec, fromOp);

  ASSERT_TRUE(succeeded(exportNIRFile(*module, second))) << diags;
  nir::Model again;
  ASSERT_TRUE(nir::readNIRFile(second, again, error)) << error;
  const nir::Node *node = again.graph.find("conn");
  ASSERT_TRUE(node);
  EXPECT_EQ(node->type, "nmc.Connector");
  EXPECT_FALSE(node->params.count("indices")); // never the synapses
  model::ConnectorSpec back;
  std::string key, why;
  ASSERT_TRUE(nir::connectorFromParams(node->params, back, key, why))
      << key << ": " << why;
  expectSameSpec(spec, back);
  std::filesystem::remove(first);
  std::filesystem::remove(second);
}

TEST(NIRConnector, DefaultsOfOptionalDatasets) {
  std::map<std::string, Param> p;
  p["rule"] = Param::string("all_to_all");
  p["n_pre"] = Param::intScalar(5);
  p["n_post"] = Param::intScalar(6);
  p["weight"] = Param::floatArray({}, {0.5});
  model::ConnectorSpec s;
  std::string key, why;
  ASSERT_TRUE(nir::connectorFromParams(p, s, key, why)) << why;
  EXPECT_TRUE(s.allowSelf);
  EXPECT_FALSE(s.withReplacement);
  EXPECT_EQ(s.seed, 0u);
  EXPECT_EQ(s.weight.kind, model::Distribution::Kind::Constant);
  EXPECT_EQ(s.weight.a, 0.5);
  EXPECT_EQ(s.delay.kind, model::Distribution::Kind::Constant);
  EXPECT_EQ(s.delay.a, 0.0);
}

TEST(NIRConnector, HostileValuesNameTheDataset) {
  struct Case {
    const char *key;
    Param value;
    const char *errorKey, *needle;
  };
  const double nan = std::nan("");
  std::vector<Case> cases = {
      {"p", Param::floatArray({}, {nan}), "p", "p = nan"},
      {"p", Param::floatArray({}, {1.5}), "p", "p = 1.5"},
      {"n_pre", Param::intScalar(-4), "n_pre", "n_pre = -4"},
      {"n_post", Param::intScalar(int64_t{1} << 40), "n_post",
       "n_post = 1099511627776"},
      {"rule", Param::string("fixed_degree"), "rule", "unknown rule"},
      {"weight", Param::floatArray({2}, {1, 2}), "weight",
       "weight (constant) has 2 parameters, expected 1"},
      {"allow_self", Param::intScalar(2), "allow_self", "expected 0 or 1"},
      {"delay", Param::floatArray({}, {-1}), "delay", "delay.value = -1"},
  };
  for (const Case &c : cases) {
    std::map<std::string, Param> p;
    p["rule"] = Param::string("fixed_probability");
    p["n_pre"] = Param::intScalar(4);
    p["n_post"] = Param::intScalar(3);
    p["p"] = Param::floatArray({}, {0.5});
    p["weight"] = Param::floatArray({}, {1.0});
    p[c.key] = c.value;
    model::ConnectorSpec s;
    std::string key, why;
    EXPECT_FALSE(nir::connectorFromParams(p, s, key, why)) << c.key;
    EXPECT_EQ(key, c.errorKey) << why;
    EXPECT_NE(why.find(c.needle), std::string::npos) << why;
  }
  // A huge total: refused by value, never expanded.
  std::map<std::string, Param> p;
  p["rule"] = Param::string("fixed_total_number");
  p["n_pre"] = Param::intScalar(4);
  p["n_post"] = Param::intScalar(3);
  p["n"] = Param::intScalar(int64_t{1} << 50);
  p["with_replacement"] = Param::intScalar(1);
  p["weight"] = Param::floatArray({}, {1.0});
  model::ConnectorSpec s;
  std::string key, why;
  EXPECT_FALSE(nir::connectorFromParams(p, s, key, why));
  EXPECT_EQ(key, "n");
  EXPECT_NE(why.find("limit"), std::string::npos) << why;
}

} // namespace
