//===- ReferenceImageTest.cpp - snn graph -> reference engine image -----===//
#include "Fixtures.h"

#include "nmc/Backends/ReferenceImage.h"
#include "nmc/NIR/NIRTranslation.h"
#include "nmc/Pipelines/Pipelines.h"
#include "nmc/Transforms/Passes.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace mlir;
using namespace nmc;

namespace {

const char *kRecurrent = R"mlir(
snn.graph @srnn {
  %in = snn.input "in" -> tensor<2xf32>
  %fc = snn.linear "fc"(%in : tensor<2xf32>) {weight = dense<[[1.0, 0.0], [0.0, 1.0]]> : tensor<2x2xf32>} -> tensor<2xf32>
  %lif = snn.lif "lif"(%fc, %rec : tensor<2xf32>, tensor<2xf32>) {tau = dense<0.02> : tensor<2xf64>, r = dense<1.0> : tensor<2xf64>, v_leak = dense<0.0> : tensor<2xf64>, v_threshold = dense<1.0> : tensor<2xf64>, v_reset = dense<0.0> : tensor<2xf64>} -> tensor<2xf32>
  %rec = snn.linear "rec"(%lif : tensor<2xf32>) {weight = dense<0.5> : tensor<2x2xf32>} -> tensor<2xf32>
  %out = snn.output "out"(%lif : tensor<2xf32>) -> tensor<2xf32>
}
)mlir";

LogicalResult lower(ModuleOp module, const SNNLoweringOptions &options) {
  PassManager pm(module.getContext());
  populateSNNLoweringPipeline(pm, options);
  return pm.run(module);
}

int indexOf(const image::Image &img, const std::string &name) {
  for (size_t i = 0; i < img.nodes.size(); ++i)
    if (img.nodes[i].name == name)
      return static_cast<int>(i);
  return -1;
}

TEST(ReferenceImage, RecurrentEdgeIsDelayedAndOrderIsTopological) {
  MLIRContext ctx;
  ctx.loadDialect<snn::SNNDialect>();
  auto module = parseSourceString<ModuleOp>(kRecurrent, &ctx);
  ASSERT_TRUE(module);
  ASSERT_TRUE(succeeded(lower(*module, {0.001, snn::DiscretizeMethod::Euler,
                                        snn::ResetMode::Subtract})));
  image::Image img;
  ASSERT_TRUE(succeeded(
      buildReferenceImage(*module->getOps<snn::GraphOp>().begin(), img)));
  ASSERT_EQ(img.nodes.size(), 5u);
  EXPECT_EQ(img.dt, 0.001);
  EXPECT_EQ(img.method, "euler");
  EXPECT_EQ(img.resetMode, "subtract");
  int in = indexOf(img, "in"), fc = indexOf(img, "fc"),
      lif = indexOf(img, "lif"), rec = indexOf(img, "rec");
  EXPECT_LT(in, fc);
  EXPECT_LT(fc, lif);
  EXPECT_LT(lif, rec);
  const image::Node &n = img.nodes[lif];
  EXPECT_EQ(n.kind, "neuron");
  ASSERT_EQ(n.inputs.size(), 2u);
  EXPECT_EQ(n.inputs[0].source, static_cast<uint32_t>(fc));
  EXPECT_FALSE(n.inputs[0].delayed);
  EXPECT_EQ(n.inputs[1].source, static_cast<uint32_t>(rec));
  EXPECT_TRUE(n.inputs[1].delayed);
  // euler, dt/tau = 0.05: a = 0.95, input gain 0.05 * r.
  EXPECT_DOUBLE_EQ(n.f.at("a_mem")[0], 1.0 - 0.001 / 0.02);
  EXPECT_DOUBLE_EQ(n.f.at("c_mem_in")[1], 0.001 / 0.02);
  EXPECT_EQ(n.i.at("spiking")[0], 1);
  EXPECT_EQ(n.i.at("has_syn")[0], 0);
  EXPECT_EQ(n.i.at("reset_subtract")[0], 1);
  EXPECT_EQ(n.s.at("neuron_type"), "LIF");
  EXPECT_EQ(img.nodes[fc].kind, "affine");
  EXPECT_EQ(img.nodes[fc].f.at("weight"), (std::vector<double>{1, 0, 0, 1}));
}

TEST(ReferenceImage, ConvNetPaddingAndPoolsResolved) {
  MLIRContext ctx;
  auto module = importNIRFile(test::fixture("gen_all_primitives.nir"), &ctx);
  ASSERT_TRUE(module);
  ASSERT_TRUE(succeeded(lower(
      *module, {1e-3, snn::DiscretizeMethod::Exact, snn::ResetMode::ToValue})));
  image::Image img;
  ASSERT_TRUE(succeeded(
      buildReferenceImage(*module->getOps<snn::GraphOp>().begin(), img)));
  // Conv1d(2->3, k3, padding "same"): one cell of zero padding per side.
  bool sawConv = false;
  for (const image::Node &n : img.nodes)
    if (n.kind == "conv") {
      sawConv = true;
      EXPECT_EQ(n.i.at("pad_lo"), std::vector<int64_t>{1});
      EXPECT_EQ(n.i.at("pad_hi"), std::vector<int64_t>{1});
      EXPECT_EQ(n.outShape, (std::vector<int64_t>{3, 16}));
    }
  EXPECT_TRUE(sawConv);
  EXPECT_EQ(img.method, "exact");
  EXPECT_EQ(img.resetMode, "value");
  // Neuron flags follow the NIR type (I, CubaLI, IF in this file).
  struct Expect {
    const char *node, *type;
    int64_t hasSyn, spiking;
  };
  for (Expect e : {Expect{"integ", "I", 0, 0}, Expect{"cubali", "CubaLI", 1, 0},
                   Expect{"if", "IF", 0, 1}}) {
    int k = indexOf(img, e.node);
    ASSERT_GE(k, 0) << e.node;
    const image::Node &n = img.nodes[k];
    EXPECT_EQ(n.s.at("neuron_type"), e.type) << e.node;
    EXPECT_EQ(n.i.at("has_syn")[0], e.hasSyn) << e.node;
    EXPECT_EQ(n.i.at("spiking")[0], e.spiking) << e.node;
    EXPECT_EQ(n.i.at("reset_subtract")[0], 0) << e.node;
  }
}

TEST(ReferenceImage, DefaultOptionsAreTheModelDefaults) {
  SNNLoweringOptions options;
  EXPECT_EQ(options.dt, 1e-4);
  EXPECT_EQ(options.method, snn::DiscretizeMethod::Euler);
  EXPECT_EQ(options.reset, snn::ResetMode::ToValue);
}

TEST(ReferenceImage, QuantizedGraphCarriesItsNumberFormat) {
  MLIRContext ctx;
  ctx.loadDialect<snn::SNNDialect>();
  auto module = parseSourceString<ModuleOp>(kRecurrent, &ctx);
  ASSERT_TRUE(module);
  SNNLoweringOptions lowering;
  lowering.dt = 0.001;
  ASSERT_TRUE(succeeded(lower(*module, lowering)));
  PassManager pm(&ctx);
  SNNQuantizeOptions options;
  options.format = "s16.15";
  pm.addNestedPass<snn::GraphOp>(createSNNQuantize(options));
  ASSERT_TRUE(succeeded(pm.run(*module)));
  image::Image img;
  ASSERT_TRUE(succeeded(
      buildReferenceImage(*module->getOps<snn::GraphOp>().begin(), img)));
  EXPECT_EQ(img.numberFormat, "s16.15");
  // a_mem = 0.95 = 31129.6 lsb -> 31130 lsb; the input gain 0.05 = 1638.4
  // lsb -> 1638 lsb (values / 2^15).
  const image::Node &n = img.nodes[indexOf(img, "lif")];
  EXPECT_EQ(n.f.at("a_mem")[0], 31130.0 / 32768);
  EXPECT_EQ(n.f.at("c_mem_in")[0], 1638.0 / 32768);
}

TEST(ReferenceImage, ContinuousGraphIsRejected) {
  MLIRContext ctx;
  ctx.loadDialect<snn::SNNDialect>();
  std::string diag;
  ScopedDiagnosticHandler handler(&ctx, [&](Diagnostic &d) {
    diag += d.str();
    return success();
  });
  auto module = parseSourceString<ModuleOp>(kRecurrent, &ctx);
  ASSERT_TRUE(module);
  image::Image img;
  EXPECT_TRUE(failed(
      buildReferenceImage(*module->getOps<snn::GraphOp>().begin(), img)));
  EXPECT_NE(diag.find("snn-discretize"), std::string::npos) << diag;
}

/// Lowers `source` and builds its reference image.
image::Image imageOf(MLIRContext &ctx, const std::string &source) {
  auto module = parseSourceString<ModuleOp>(source, &ctx);
  EXPECT_TRUE(module);
  image::Image img;
  if (!module)
    return img;
  EXPECT_TRUE(succeeded(lower(*module, {0.001, snn::DiscretizeMethod::Euler,
                                        snn::ResetMode::ToValue})));
  EXPECT_TRUE(succeeded(
      buildReferenceImage(*module->getOps<snn::GraphOp>().begin(), img)));
  return img;
}

TEST(ReferenceImage, UsersAreVisitedInBlockOrder) {
  // "in" feeds "b" (first in the block) and "a". The walk visits b's
  // branch first, so in reverse post-order a comes before b.
  MLIRContext ctx;
  ctx.loadDialect<snn::SNNDialect>();
  image::Image img = imageOf(ctx, R"mlir(
snn.graph @fan {
  %in = snn.input "in" -> tensor<1xf32>
  %b = snn.scale "b"(%in : tensor<1xf32>) {scale = dense<2.0> : tensor<1xf32>} -> tensor<1xf32>
  %a = snn.scale "a"(%in : tensor<1xf32>) {scale = dense<3.0> : tensor<1xf32>} -> tensor<1xf32>
  %out = snn.output "out"(%a, %b : tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
}
)mlir");
  std::vector<std::string> names;
  for (const image::Node &n : img.nodes)
    names.push_back(n.name);
  EXPECT_EQ(names, (std::vector<std::string>{"in", "a", "b", "out"}));
}

TEST(ReferenceImage, LongChainOrderIsBuiltInLinearTime) {
  // 100 000 nodes: the former order computation rescanned the block for
  // every node's users (1e10 operand visits, minutes).
  constexpr int kNodes = 100000;
  std::string src = "snn.graph @chain {\n"
                    "  %v0 = snn.input \"in\" -> tensor<1xf32>\n";
  for (int i = 1; i <= kNodes; ++i)
    src += "  %v" + std::to_string(i) + " = snn.scale \"s" + std::to_string(i) +
           "\"(%v" + std::to_string(i - 1) +
           " : tensor<1xf32>) {scale = dense<2.0> : tensor<1xf32>} -> "
           "tensor<1xf32>\n";
  src += "  %o = snn.output \"out\"(%v" + std::to_string(kNodes) +
         " : tensor<1xf32>) -> tensor<1xf32>\n}\n";
  MLIRContext ctx;
  ctx.loadDialect<snn::SNNDialect>();
  image::Image img = imageOf(ctx, src);
  ASSERT_EQ(img.nodes.size(), size_t(kNodes + 2));
  EXPECT_EQ(img.nodes.front().name, "in");
  EXPECT_EQ(img.nodes.back().name, "out");
  for (int i = 1; i <= kNodes; ++i) {
    ASSERT_EQ(img.nodes[i].name, "s" + std::to_string(i));
    ASSERT_EQ(img.nodes[i].inputs.size(), 1u);
    EXPECT_EQ(img.nodes[i].inputs[0].source, uint32_t(i - 1));
    EXPECT_FALSE(img.nodes[i].inputs[0].delayed);
  }
}

} // namespace
