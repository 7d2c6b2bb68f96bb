//===- SpinnBuilderTest.cpp - spinn pipeline -> payload, end to end -------===//
//
// A 2-layer graph through the lowering, snn-quantize and the spinn
// pipeline (force-shift 0, weights that are multiples of 2^-15, so every
// code applies exactly the quantized weight), with the timing convention's
// attributes added by hand where the pipeline does not set them yet
// (latency 0, 1, 2; hardware delay D = 0 + L(v) - L(u) = 1 on both
// projections; delay_bits). Checks:
// - every core's rows decode to exactly the projections' CSR synapses;
// - the `network` run by the fixed-point reference engine gives the
//   quantized graph's spikes shifted by the populations' latencies (the
//   end-to-end check of SpinnImage.h "Time");
// - errors name the op at fault.
// The spinn ops are handled generically (by name): SpinnOps.h and
// SpinnImage.h both define nmc::spinn::kExcitatory and cannot share a TU.
//===----------------------------------------------------------------------===//
#include "SpinnTestLayout.h"

#include "nmc/Backends/ReferenceImage.h"
#include "nmc/Backends/SpinnImageBuilder.h"
#include "nmc/Dialect/SNN/SNNOps.h"
#include "nmc/Dialect/Spinn/SpinnDialect.h"
#include "nmc/Emulator/Engine.h"
#include "nmc/Pipelines/Pipelines.h"
#include "nmc/Pipelines/SpinnPipeline.h"
#include "nmc/Transforms/Passes.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"

#include <gtest/gtest.h>

#include <random>

using namespace mlir;
using namespace nmc;

namespace {

// Weights are multiples of 2^-4 below 2: exact in s16.15 and, at shift 0,
// codes w * 2^15 <= 65535.
constexpr const char *kTwoLayer = R"mlir(
snn.graph @net {
  %in = snn.input "in" -> tensor<3xf32>
  %fc1 = snn.affine "fc1"(%in : tensor<3xf32>) {weight = dense<[[0.75, 0.5, -0.25], [1.25, 0.0, 0.5], [-0.5, 1.0, 0.75], [0.5, 0.5, 0.5]]> : tensor<4x3xf32>, bias = dense<0.0> : tensor<4xf32>} -> tensor<4xf32>
  %l1 = snn.lif "l1"(%fc1 : tensor<4xf32>) {tau = dense<0.005> : tensor<4xf64>, r = dense<1.0> : tensor<4xf64>, v_leak = dense<0.0> : tensor<4xf64>, v_threshold = dense<0.125> : tensor<4xf64>, v_reset = dense<0.0> : tensor<4xf64>} -> tensor<4xf32>
  %fc2 = snn.affine "fc2"(%l1 : tensor<4xf32>) {weight = dense<[[1.0, -0.25, 1.0, 0.75], [0.75, 1.25, -0.5, 1.0]]> : tensor<2x4xf32>, bias = dense<0.0> : tensor<2xf32>} -> tensor<2xf32>
  %l2 = snn.lif "l2"(%fc2 : tensor<2xf32>) {tau = dense<0.005> : tensor<2xf64>, r = dense<1.0> : tensor<2xf64>, v_leak = dense<0.0> : tensor<2xf64>, v_threshold = dense<0.125> : tensor<2xf64>, v_reset = dense<0.0> : tensor<2xf64>} -> tensor<2xf32>
  %out = snn.output "out"(%l2 : tensor<2xf32>) -> tensor<2xf32>
}
)mlir";

bool isOp(Operation *op, StringRef name) {
  return op->getName().getStringRef() == name;
}

DenseIntElementsAttr i64Dense(MLIRContext *ctx, int64_t v) {
  return DenseIntElementsAttr::get(
      RankedTensorType::get({1}, IntegerType::get(ctx, 64)), {v});
}

std::vector<int64_t> ints(Operation *op, StringRef name) {
  std::vector<int64_t> out;
  for (const APInt &v :
       op->getAttrOfType<DenseIntElementsAttr>(name).getValues<APInt>())
    out.push_back(v.getSExtValue());
  return out;
}

int64_t intOf(Operation *op, StringRef name) {
  return op->getAttrOfType<IntegerAttr>(name).getInt();
}

struct Compiled {
  MLIRContext ctx;
  OwningOpRef<ModuleOp> module;
  image::Image quantized;
  std::string diagnostics;
  std::unique_ptr<ScopedDiagnosticHandler> handler;
};

/// Lower, quantize (-> `quantized`), then the spinn pipeline and the
/// convention attributes.
::testing::AssertionResult compile(Compiled &c) {
  c.ctx.loadDialect<snn::SNNDialect, spinn::SpinnDialect>();
  c.handler =
      std::make_unique<ScopedDiagnosticHandler>(&c.ctx, [&c](Diagnostic &d) {
        c.diagnostics += d.str() + "\n";
        return success();
      });
  c.module = parseSourceString<ModuleOp>(kTwoLayer, &c.ctx);
  if (!c.module)
    return ::testing::AssertionFailure() << "parse: " << c.diagnostics;
  PassManager lower(&c.ctx);
  SNNLoweringOptions lowering;
  lowering.dt = 1e-3;
  populateSNNLoweringPipeline(lower, lowering);
  lower.nest<snn::GraphOp>().addPass(createSNNQuantize({}));
  if (failed(lower.run(*c.module)))
    return ::testing::AssertionFailure() << "lowering: " << c.diagnostics;
  auto graph = *c.module->getOps<snn::GraphOp>().begin();
  if (failed(buildReferenceImage(graph, c.quantized)))
    return ::testing::AssertionFailure() << "image: " << c.diagnostics;
  PassManager pm(&c.ctx);
  SpinnPipelineOptions options;
  options.machine = "spin3";
  options.forceShift = 0;
  options.neuronsPerCore = 2;
  options.sourceNeuronsPerCore = 2;
  populateSpinnPipeline(pm, options);
  if (failed(pm.run(*c.module)))
    return ::testing::AssertionFailure() << "spinn: " << c.diagnostics;
  // The timing convention (SpinnImage.h "Time"), by hand: in -> l1 -> l2 is
  // a forward chain, L = 0, 1, 2; both projections have d = 0, so
  // D = 0 + 1 = 1; 4 delay bits (slots 1..15) are plenty.
  Builder b(&c.ctx);
  const std::map<std::string, int64_t> latency = {
      {"in", 0}, {"l1", 1}, {"l2", 2}};
  graph.walk([&](Operation *op) {
    if (isOp(op, "spinn.population")) {
      const std::string name = op->getAttrOfType<StringAttr>("name").str();
      op->setAttr("latency", b.getI64IntegerAttr(latency.at(name)));
    } else if (isOp(op, "spinn.slice") &&
               op->getParentOp()->getAttrOfType<IntegerAttr>("shift_exc") &&
               !op->hasAttr("delay_bits")) { // a neuron slice
      op->setAttr("delay_bits", b.getI64IntegerAttr(4));
    } else if (isOp(op, "spinn.projection")) {
      op->setAttr("delay_steps", i64Dense(&c.ctx, 1));
    }
  });
  return ::testing::AssertionSuccess();
}

/// The projections' CSR synapses as decoded synapses (hardware delay from
/// the op's delay_steps).
std::vector<test::Decoded> projectionSynapses(ModuleOp module) {
  std::vector<test::Decoded> out;
  module.walk([&](Operation *p) {
    if (!isOp(p, "spinn.projection"))
      return;
    const std::vector<int64_t> indptr = ints(p, "indptr"),
                               indices = ints(p, "indices"),
                               types = ints(p, "synapse_types"),
                               codes = ints(p, "codes"),
                               delays = ints(p, "delay_steps");
    const std::string pre = p->getAttrOfType<StringAttr>("pre").str();
    for (int64_t j = 0; j < intOf(p, "n_pre"); ++j)
      for (int64_t k = indptr[j]; k < indptr[j + 1]; ++k)
        out.push_back({pre, j, indices[k], uint32_t(codes[k]),
                       uint32_t(types[k]),
                       delays.size() == 1 ? delays[0] : delays[k]});
  });
  std::sort(out.begin(), out.end());
  return out;
}

TEST(SpinnBuilder, RowsDecodeToTheProjections) {
  Compiled c;
  ASSERT_TRUE(compile(c));
  spinn::SpinnPayload p;
  ASSERT_TRUE(succeeded(buildSpinnPayload(*c.module, c.quantized, p)))
      << c.diagnostics;
  // 2 + 2 + 1 slices of <= 2 neurons.
  ASSERT_EQ(p.populations.size(), 3u);
  EXPECT_EQ(p.populations[0].cores.size(), 2u);
  EXPECT_EQ(p.populations[1].cores.size(), 2u);
  EXPECT_EQ(p.populations[2].cores.size(), 1u);
  EXPECT_EQ(p.populations[2].latency, 2);
  EXPECT_EQ(p.cores.size(), 5u);
  EXPECT_EQ(p.machine.name, "spin3");
  EXPECT_FALSE(p.tables.empty());
  // fc1 has 11 nonzero weights, fc2 8.
  const std::vector<test::Decoded> want = projectionSynapses(*c.module);
  EXPECT_EQ(want.size(), 19u);
  EXPECT_EQ(test::decodeAll(p), want);
  EXPECT_EQ(p.facts.synapses, 19);
  // Codes at shift 0 are w * 2^15: 0.75 -> 24576.
  bool found = false;
  for (const test::Decoded &d : want)
    found |= d.pre == "in" && d.source == 0 && d.target == 0 &&
             d.code == 24576 && d.type == 0;
  EXPECT_TRUE(found);
}

TEST(SpinnBuilder, NetworkGivesTheQuantizedSpikesShiftedByTheLatencies) {
  Compiled c;
  ASSERT_TRUE(compile(c));
  spinn::SpinnPayload p;
  ASSERT_TRUE(succeeded(buildSpinnPayload(*c.module, c.quantized, p)))
      << c.diagnostics;
  ASSERT_EQ(p.network.numberFormat, "s16.15");
  ASSERT_EQ(c.quantized.numberFormat, "s16.15");

  const int64_t steps = 120;
  std::mt19937 rng(7);
  std::bernoulli_distribution fire(0.35);
  std::vector<sim::Event> spikes;
  for (int64_t t = 0; t < steps; ++t)
    for (int64_t i = 0; i < 3; ++i)
      if (fire(rng))
        spikes.push_back({t, i, 1.0});
  engine::RunConfig cfg;
  cfg.steps = steps;
  cfg.inputs["in"] = {spikes};
  const engine::RunResult ref = engine::Engine(c.quantized).run(cfg);
  const engine::RunResult hw = engine::Engine(p.network).run(cfg);

  // Population v's spikes at tick t + L(v) equal the quantized graph's at
  // t; nothing in the first L(v) ticks.
  for (auto [name, lat] :
       {std::pair{"l1", 1}, std::pair{"l2", 2}, std::pair{"out", 2}}) {
    SCOPED_TRACE(name);
    const engine::NodeResult *a = ref.find(name), *b = hw.find(name);
    ASSERT_TRUE(a && b);
    std::vector<std::pair<int64_t, int64_t>> shifted, got;
    for (const sim::Event &e : a->spikes.at(0))
      if (e.step + lat < steps)
        shifted.push_back({e.step + lat, e.neuron});
    for (const sim::Event &e : b->spikes.at(0))
      got.push_back({e.step, e.neuron});
    EXPECT_GT(shifted.size(), 10u) << "too few spikes to mean anything";
    EXPECT_LT(shifted.size(), 0.9 * steps * (name[1] == '1' ? 4 : 2))
        << "saturated: too many spikes to mean anything";
    EXPECT_EQ(got, shifted);
  }
}

TEST(SpinnBuilder, MissingConventionAttributesAreNamed) {
  Compiled c;
  ASSERT_TRUE(compile(c));
  // A population without latency.
  c.module->walk([](Operation *op) {
    if (isOp(op, "spinn.population") &&
        op->getAttrOfType<StringAttr>("name").getValue() == "l1")
      op->removeAttr("latency");
  });
  spinn::SpinnPayload p;
  EXPECT_TRUE(failed(buildSpinnPayload(*c.module, c.quantized, p)));
  EXPECT_NE(c.diagnostics.find("population 'l1' has no latency"),
            std::string::npos)
      << c.diagnostics;
  // A hardware delay of 0 on fc2: the error is on the projection.
  Compiled d;
  ASSERT_TRUE(compile(d));
  d.module->walk([&](Operation *op) {
    if (isOp(op, "spinn.projection") &&
        op->getAttrOfType<StringAttr>("name").getValue() == "fc2")
      op->setAttr("delay_steps", i64Dense(&d.ctx, 0));
  });
  EXPECT_TRUE(failed(buildSpinnPayload(*d.module, d.quantized, p)));
  EXPECT_NE(d.diagnostics.find("projection 'fc2'"), std::string::npos)
      << d.diagnostics;
  EXPECT_NE(d.diagnostics.find("hardware delay 0"), std::string::npos)
      << d.diagnostics;
}

} // namespace
