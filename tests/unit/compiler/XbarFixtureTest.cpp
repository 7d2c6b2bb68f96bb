//===- XbarFixtureTest.cpp - Ideal xbar equals fixed point, fixtures ----===//
//
// The acceptance test: compiled for xbar as the driver compiles
// (snn-lower, populateXbarPipeline, buildXbarImage) with an ideal ADC
// (adc.bits 0) and every device effect off, every NIR fixture and the LSM
// run on the crossbar emulator exactly as the fixed-point reference runs
// the image's network: every spike and trace of every node, for the same
// seeded Bernoulli inputs, while the emulator really reads tiles.
// Independent checks of the mapping: realized weights lie within half a
// level step (plus half an LSB) of the float weights, and a network whose
// weights are exact levels equals its own reference-fixed compilation.
//===----------------------------------------------------------------------===//
#include "../emulator/PlainCheck.h"
#include "Fixtures.h"
#include "Networks.h"

#include "nmc/Backends/ReferenceImage.h"
#include "nmc/Backends/XbarImageBuilder.h"
#include "nmc/Dialect/Xbar/XbarDialect.h"
#include "nmc/Emulator/Engine.h"
#include "nmc/NIR/NIRTranslation.h"
#include "nmc/Pipelines/Pipelines.h"
#include "nmc/Pipelines/XbarPipeline.h"
#include "nmc/Support/Random.h"
#include "nmc/Target/Xbar/Emulator.h"
#include "nmc/Transforms/Passes.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"

#include <gtest/gtest.h>

#include <cctype>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>

using namespace mlir;
using namespace nmc;

namespace {

/// A fixture the xbar target cannot run: why, and the piece of the error
/// that says so (checked: compiling or running it must fail with it).
struct Unsupported {
  const char *why;
  const char *error;
};

const std::map<std::string, Unsupported> &unsupportedFixtures() {
  static const std::map<std::string, Unsupported> list = {
      {"gen_conv_if_net.nir",
       {"the affine 'fc' is fed (through flatten) by the avg_pool 'pool2': "
        "averages of spikes are not integers, and crossbar rows are driven "
        "by spikes or counts only",
        "layer 'fc' sample 0 step 0: input 0 is 0.25, not an integer"}}};
  return list;
}

/// Fixture time is counted in steps, so that every fixture's neurons
/// integrate enough of the inputs to spike within the run.
SNNLoweringOptions fixtureLowering() {
  SNNLoweringOptions options;
  options.dt = 1;
  return options;
}

/// rram-256 with an ideal ADC, every effect off, a mesh with room for
/// every fixture's tiles.
xbar::Hardware idealHardware() {
  xbar::Hardware hw;
  hw.adc.bits = 0;
  hw.mesh.width = hw.mesh.height = 64;
  return hw;
}

/// Collects the diagnostics of a context, for failure messages.
struct Diagnostics {
  explicit Diagnostics(MLIRContext &ctx)
      : handler(&ctx, [this](Diagnostic &d) {
          text += d.str() + "\n";
          return success();
        }) {}
  std::string text;
  ScopedDiagnosticHandler handler;
};

/// Compiles `module` as `nmc compile --target xbar` does (the float network
/// before mapping kept as `out.reference`); `diagnostics` is what the
/// context collected, quoted on failure.
::testing::AssertionResult compileXbar(ModuleOp module,
                                       const SNNLoweringOptions &lowering,
                                       const xbar::Hardware &hw,
                                       const std::string &diagnostics,
                                       xbar::XbarPayload &out) {
  PassManager lower(module.getContext());
  populateSNNLoweringPipeline(lower, lowering);
  if (failed(lower.run(module)))
    return ::testing::AssertionFailure() << "lowering: " << diagnostics;
  auto graph = *module.getOps<snn::GraphOp>().begin();
  if (failed(buildReferenceImage(graph, out.reference)))
    return ::testing::AssertionFailure() << "reference: " << diagnostics;
  PassManager pm(module.getContext());
  populateXbarPipeline(pm, hw);
  if (failed(pm.run(module)))
    return ::testing::AssertionFailure() << "xbar pipeline: " << diagnostics;
  if (failed(buildXbarImage(graph, hw, out)))
    return ::testing::AssertionFailure() << "image: " << diagnostics;
  return ::testing::AssertionSuccess();
}

/// `batch` samples of `steps` steps: every element of every input node
/// spikes (value 1) with probability `p`, from `seed`.
engine::RunConfig bernoulliRun(const image::Image &img, int64_t steps,
                               int64_t batch, double p, uint64_t seed) {
  engine::RunConfig cfg;
  cfg.steps = steps;
  cfg.batch = batch;
  cfg.engine = engine::EngineKind::Plain;
  uint64_t stream = 0;
  for (const image::Node &n : img.nodes) {
    cfg.traceNodes.push_back(n.name);
    if (n.kind != "input")
      continue;
    int64_t size = 1;
    for (int64_t d : n.outShape)
      size *= d;
    sim::EventBatch &events = cfg.inputs[n.name];
    for (int64_t s = 0; s < batch; ++s) {
      Xoshiro256 rng = Xoshiro256::forStream(seed, stream++);
      events.emplace_back();
      for (int64_t t = 0; t < steps; ++t)
        for (int64_t i = 0; i < size; ++i)
          if (rng.uniform() < p)
            events.back().push_back({t, i, 1.0});
    }
  }
  return cfg;
}

/// Spikes of the nodes that are not inputs: the comparison must not be
/// between two silent networks.
int64_t innerSpikes(const engine::RunResult &r) {
  int64_t n = 0;
  for (const engine::NodeResult &node : r.nodes)
    n += node.kind == "input" ? 0 : node.spikeCount;
  return n;
}

const image::Node *nodeNamed(const image::Image &img, const std::string &n) {
  for (const image::Node &node : img.nodes)
    if (node.name == n)
      return &node;
  return nullptr;
}

/// Realized weights (network) are levels times the layer's scale, within
/// scale/2 + lsb/2 of the float weights (reference) they come from:
/// level = round(Wq / scale), Wq the weight rounded to the periphery format
/// (half an LSB away).
void checkRealizedWeights(const xbar::XbarPayload &p) {
  const double lsb = std::ldexp(1.0, -15); // s16.15
  ASSERT_FALSE(p.layers.empty());
  for (const xbar::Layer &layer : p.layers) {
    SCOPED_TRACE("layer " + layer.node);
    EXPECT_EQ(layer.clipped, 0); // clip percentile 100
    const image::Node *realized = nodeNamed(p.network, layer.node);
    const image::Node *original = nodeNamed(p.reference, layer.node);
    ASSERT_TRUE(realized && original);
    const FloatArray &w = realized->f.at(image::keys::kWeight);
    const FloatArray &w0 = original->f.at(image::keys::kWeight);
    ASSERT_EQ(w.size(), w0.size());
    const double top = 15; // rram-256: 16 levels, differential
    for (size_t k = 0; k < w.size(); ++k) {
      const double level = w[k] / layer.scale;
      ASSERT_TRUE(level == std::round(level) && std::fabs(level) <= top)
          << "weight " << k << " = " << w[k] << " is not a level times "
          << layer.scale;
      ASSERT_LE(std::fabs(w[k] - w0[k]), layer.scale / 2 + lsb / 2 + 1e-12)
          << "weight " << k << ": " << w[k] << " realizes " << w0[k]
          << " (scale " << layer.scale << ")";
    }
  }
}

/// Runs the ideal crossbar and the fixed-point reference on `p` and
/// requires identical runs, with tile reads.
void checkIdealEqualsFixed(std::shared_ptr<const xbar::XbarPayload> p,
                           double spikeProbability) {
  const engine::RunConfig cfg =
      bernoulliRun(p->network, /*steps=*/40, /*batch=*/3, spikeProbability,
                   /*seed=*/11);
  const engine::RunResult want = engine::Engine(p->network).run(cfg);
  ASSERT_TRUE(want.fixedPoint);
  xbar::XbarSimulator sim(p, {});
  const engine::RunResult got = sim.runEngine(cfg);
  // Every node's spikes and traces (and the run's counts) are the same;
  // failures name the reference "fast" and the crossbar "plain".
  test::expectSameResults(want, got);
  EXPECT_GT(sim.lastStats().reads, 0);
  EXPECT_EQ(sim.lastStats().adcSaturations, 0);
  EXPECT_GT(innerSpikes(got), 0) << "a test that never spikes";
}

class XbarFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(XbarFixture, IdealEqualsFixedPoint) {
  const std::string &file = GetParam();
  MLIRContext ctx;
  ctx.loadDialect<snn::SNNDialect, xbar::XbarDialect>();
  Diagnostics diag(ctx);
  OwningOpRef<ModuleOp> module = importNIRFile(test::fixture(file), &ctx);
  ASSERT_TRUE(module) << diag.text;
  auto payload = std::make_shared<xbar::XbarPayload>();
  auto why = unsupportedFixtures().find(file);
  ::testing::AssertionResult compiled = compileXbar(
      *module, fixtureLowering(), idealHardware(), diag.text, *payload);
  if (why != unsupportedFixtures().end()) {
    // It must fail, at compile or run time, for the listed reason.
    std::string error = compiled ? "" : compiled.message();
    if (compiled) {
      try {
        xbar::XbarSimulator(payload, {})
            .runEngine(bernoulliRun(payload->network, 40, 1, 0.3, 11));
      } catch (const std::exception &e) {
        error = e.what();
      }
    }
    EXPECT_NE(error.find(why->second.error), std::string::npos)
        << why->second.why << ": expected an error with '" << why->second.error
        << "', got '" << error << "'";
    return;
  }
  ASSERT_TRUE(compiled);
  checkRealizedWeights(*payload);
  checkIdealEqualsFixed(payload, 0.3);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, XbarFixture,
                         ::testing::ValuesIn(test::validFixtures()),
                         [](const ::testing::TestParamInfo<std::string> &info) {
                           std::string name =
                               info.param.substr(0, info.param.find('.'));
                           for (char &c : name)
                             if (!std::isalnum(static_cast<unsigned char>(c)))
                               c = '_';
                           return name;
                         });

TEST(XbarFixtures, EveryFixtureIsTested) {
  // A fixture added to ../shared/nir must be run here (or listed with why).
  std::set<std::string> tested(test::validFixtures().begin(),
                               test::validFixtures().end());
  int64_t seen = 0;
  for (const auto &entry :
       std::filesystem::directory_iterator(test::fixture(""))) {
    const std::string name = entry.path().filename().string();
    if (entry.path().extension() != ".nir" ||
        name.find("BROKEN") != std::string::npos)
      continue;
    ++seen;
    EXPECT_TRUE(tested.count(name)) << name << " is not tested";
  }
  EXPECT_EQ(seen, static_cast<int64_t>(tested.size()));
  for (const auto &[file, reason] : unsupportedFixtures())
    EXPECT_TRUE(tested.count(file)) << file;
}

TEST(XbarFixtures, LsmIdealEqualsFixedPoint) {
  // The seed paper's liquid (nmc gen lsm): 256 inputs -> 200 recurrent LIF,
  // two 128-row blocks for w_in and two for w_rec on rram-256.
  netgen::LsmOptions options;
  MLIRContext ctx;
  ctx.loadDialect<snn::SNNDialect, xbar::XbarDialect>();
  Diagnostics diag(ctx);
  OwningOpRef<ModuleOp> module =
      importNIR(netgen::makeLsm(options), "lsm.nir", "lsm", &ctx);
  ASSERT_TRUE(module) << diag.text;
  SNNLoweringOptions lowering;
  lowering.dt = options.dt;
  auto payload = std::make_shared<xbar::XbarPayload>();
  ASSERT_TRUE(
      compileXbar(*module, lowering, idealHardware(), diag.text, *payload));
  ASSERT_EQ(payload->layers.size(), 2u);
  EXPECT_EQ(payload->tiles.size(), 4u);
  checkRealizedWeights(*payload);
  checkIdealEqualsFixed(payload, 0.1);
}

TEST(XbarFixtures, ExactLevelsEqualReferenceFixedCompilation) {
  // Weights that are exact levels (tests/lit/Xbar/Inputs/exact_levels.mlir)
  // map without loss, so the crossbar must compute what the reference-fixed
  // compilation of the same file (snn-quantize s16.15, buildReferenceImage:
  // no xbar code) computes.
  const std::string path =
      std::string(NMC_SOURCE_DIR) + "/tests/lit/Xbar/Inputs/exact_levels.mlir";
  SNNLoweringOptions lowering;
  lowering.dt = 1;
  image::Image fixed;
  {
    MLIRContext ctx;
    ctx.loadDialect<snn::SNNDialect>();
    Diagnostics diag(ctx);
    OwningOpRef<ModuleOp> module = parseSourceFile<ModuleOp>(path, &ctx);
    ASSERT_TRUE(module) << diag.text;
    PassManager pm(&ctx);
    populateSNNLoweringPipeline(pm, lowering);
    SNNQuantizeOptions quantize;
    quantize.format = "s16.15";
    pm.nest<snn::GraphOp>().addPass(createSNNQuantize(quantize));
    ASSERT_TRUE(succeeded(pm.run(*module))) << diag.text;
    ASSERT_TRUE(succeeded(
        buildReferenceImage(*module->getOps<snn::GraphOp>().begin(), fixed)))
        << diag.text;
  }
  auto payload = std::make_shared<xbar::XbarPayload>();
  {
    MLIRContext ctx;
    ctx.loadDialect<snn::SNNDialect, xbar::XbarDialect>();
    Diagnostics diag(ctx);
    OwningOpRef<ModuleOp> module = parseSourceFile<ModuleOp>(path, &ctx);
    ASSERT_TRUE(module) << diag.text;
    ASSERT_TRUE(
        compileXbar(*module, lowering, idealHardware(), diag.text, *payload));
  }
  // Hand-computed scales (the file's header): top |w| / 15.
  std::map<std::string, double> scales;
  for (const xbar::Layer &layer : payload->layers) {
    scales[layer.node] = layer.scale;
    EXPECT_EQ(layer.zeroed, 0) << layer.node;
  }
  EXPECT_EQ(scales, (std::map<std::string, double>{
                        {"fc1", 0.125}, {"fc2", 0.0625}, {"rec", 0.03125}}));
  const engine::RunConfig cfg = bernoulliRun(fixed, 60, 3, 0.4, 3);
  const engine::RunResult want = engine::Engine(fixed).run(cfg);
  ASSERT_GT(want.find("lif2")->spikeCount, 0) << "a test that never spikes";
  xbar::XbarSimulator sim(payload, {});
  test::expectSameResults(want, sim.runEngine(cfg));
  EXPECT_GT(sim.lastStats().reads, 0);
}

} // namespace
