//===- NetworksTest.cpp - CUBA and Brunel: emulator against `network` -----===//
//
// The generated CUBA (LI synapse filters = exponential synapses, the
// emulator's array-loop neuron update) and Brunel (Scale drive = a
// one-to-one projection from a source population) at small scale, through
// the whole compile path of `nmc compile --target spinnaker` (NIR import,
// lowering, snn-quantize, the spinn pipeline, the image builder), then run
// on the emulator and, independently, on the reference-fixed engine with
// the payload's hardware-equivalent `network` (SpinnImage.h). Checks, with
// mappings the cores keep up with (no overrun, drop, late spike or
// overflow):
// - spikes equal tick for tick, on 1 and 2 threads;
// - the emulator's synaptic events equal the sum over delivered packets of
//   their rows' lengths, counted here from `network`'s CSR;
// - the one-to-one drive is sliced and placed as its target: every neuron
//   core receives packets of its own neurons only, none over a link.
//===----------------------------------------------------------------------===//
#include "Networks.h"

#include "nmc/Backends/ReferenceImage.h"
#include "nmc/Backends/SpinnImageBuilder.h"
#include "nmc/Dialect/SNN/SNNOps.h"
#include "nmc/Dialect/Spinn/SpinnDialect.h"
#include "nmc/Emulator/Engine.h"
#include "nmc/NIR/NIRTranslation.h"
#include "nmc/Pipelines/Pipelines.h"
#include "nmc/Pipelines/SpinnPipeline.h"
#include "nmc/Support/Random.h"
#include "nmc/Target/SpiNNaker/Emulator.h"
#include "nmc/Transforms/Passes.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/Pass/PassManager.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <span>
#include <tuple>

using namespace nmc;

namespace {

using Spikes = std::vector<std::tuple<int64_t, int64_t, double>>;

/// Keeps every spike by node name as (step, neuron, value).
class Collect : public sim::Sink {
public:
  void begin(const sim::RunInfo &info) override { run = info; }
  void spikes(size_t node, std::span<const sim::Event> events) override {
    for (const sim::Event &e : events)
      by[run.nodes[node].name].push_back({e.step, e.neuron, e.value});
  }
  void trace(size_t, size_t, int64_t, std::span<const double>) override {}
  sim::RunInfo run;
  std::map<std::string, Spikes> by;
};

/// `nmc compile --target spinnaker --dt 1e-4 --method exact` of `model`
/// with `neuronsPerCore` and a hardware tick of `tickUs`; "" or the
/// diagnostics.
std::string compileSpinn(nir::Model model, int64_t neuronsPerCore,
                         int64_t tickUs, spinn::SpinnPayload &out) {
  mlir::MLIRContext ctx;
  ctx.loadDialect<snn::SNNDialect, spinn::SpinnDialect>();
  std::string diagnostics;
  mlir::ScopedDiagnosticHandler handler(&ctx, [&](mlir::Diagnostic &d) {
    diagnostics += d.str() + "\n";
    return mlir::success();
  });
  mlir::OwningOpRef<mlir::ModuleOp> module =
      importNIR(std::move(model), "net.nir", "net", &ctx);
  if (!module)
    return "import: " + diagnostics;
  mlir::PassManager lower(&ctx);
  SNNLoweringOptions lowering;
  lowering.dt = 1e-4;
  lowering.method = snn::DiscretizeMethod::Exact;
  populateSNNLoweringPipeline(lower, lowering);
  SNNQuantizeOptions q;
  q.format = spinn::kNumberFormatName;
  lower.addNestedPass<snn::GraphOp>(createSNNQuantize(q));
  if (mlir::failed(lower.run(*module)))
    return "lowering: " + diagnostics;
  image::Image quantized;
  if (mlir::failed(buildReferenceImage(*module->getOps<snn::GraphOp>().begin(),
                                       quantized)))
    return "quantized image: " + diagnostics;
  mlir::PassManager pm(&ctx);
  SpinnPipelineOptions options;
  options.machine = "spin5";
  options.neuronsPerCore = neuronsPerCore;
  populateSpinnPipeline(pm, options);
  if (mlir::failed(pm.run(*module)))
    return "spinn pipeline: " + diagnostics;
  if (mlir::failed(buildSpinnPayload(*module, quantized, out)))
    return "payload: " + diagnostics;
  out.machine.timestepUs = tickUs;
  return "";
}

/// Source neuron -> its synapse count in `network`'s projections out of
/// the node named `pre` (their CSR indptr).
std::vector<int64_t> outDegree(const image::Image &network,
                               const std::string &pre, int64_t size) {
  std::vector<int64_t> degree(size_t(size), 0);
  for (const image::Node &n : network.nodes) {
    if (n.kind != "sparse_affine" || n.inputs.size() != 1 ||
        network.nodes[n.inputs[0].source].name != pre)
      continue;
    const IntArray &ptr = n.i.at("indptr");
    for (int64_t j = 0; j < size; ++j)
      degree[size_t(j)] += ptr[size_t(j) + 1] - ptr[size_t(j)];
  }
  return degree;
}

/// Sum over spikes (value = packets) of the source neuron's out-degree.
int64_t eventsOf(const Spikes &spikes, const std::vector<int64_t> &degree) {
  int64_t n = 0;
  for (const auto &[step, neuron, value] : spikes)
    n += int64_t(value) * degree[size_t(neuron)];
  return n;
}

Spikes engineSpikes(const engine::RunResult &r, const std::string &name) {
  Spikes out;
  if (const engine::NodeResult *n = r.find(name))
    for (const sim::Event &e : n->spikes[0])
      out.push_back({e.step, e.neuron, e.value});
  return out;
}

struct EmuRun {
  Collect sink;
  sim::RunStats stats;
  spinn::Provenance prov;
};

/// The emulator in hardware ticks (no re-timing: `network`'s ticks).
void emulate(std::shared_ptr<const spinn::SpinnPayload> payload,
             const sim::RunConfig &config, unsigned threads, EmuRun &out) {
  spinn::EmulatorOptions o;
  o.threads = threads;
  o.hardwareTicks = true;
  spinn::SpinnEmulator emu(std::move(payload), o);
  sim::RunConfig cfg = config;
  cfg.sink = &out.sink;
  out.stats = emu.run(cfg);
  out.prov = emu.provenance();
}

/// Every neuron core receives packets only of source slices that have
/// synapses onto it, and `fed` (the one-to-one drive) reaches none over a
/// link: no router hop.
void expectDriveLocal(const spinn::SpinnPayload &p, const std::string &fed) {
  int32_t pop = -1;
  for (size_t q = 0; q < p.populations.size(); ++q)
    if (p.populations[q].name == fed)
      pop = int32_t(q);
  ASSERT_GE(pop, 0);
  for (int32_t k : p.populations[size_t(pop)].cores) {
    const spinn::Core &c = p.cores[size_t(k)];
    // Exactly one source slice, of the same neurons, on the same chip.
    int sources = 0;
    for (const spinn::Core &s : p.cores)
      if (s.kind == spinn::CoreKind::Source) {
        for (const spinn::PopTableEntry &e : c.popTable)
          if ((s.key & e.mask) == e.key) {
            ++sources;
            EXPECT_EQ(s.lo, c.lo);
            EXPECT_EQ(s.hi, c.hi);
            EXPECT_TRUE(s.chip == c.chip);
          }
      }
    EXPECT_EQ(sources, 1) << "core of [" << c.lo << ", " << c.hi << ")";
  }
}

} // namespace

TEST(SpinnNetworks, CubaBitExactWithNetwork) {
  netgen::NetworkOptions o;
  o.scale = 0.1; // 400 LIF, 80% E
  o.seed = 5;
  auto payload = std::make_shared<spinn::SpinnPayload>();
  // 64 neurons per core, 0.1 ms ticks: sPyNNaker's size at 0.1 ms
  // (spinnaker.md §A.3); 256 would overrun every tick (170 cycles each).
  ASSERT_EQ(compileSpinn(netgen::makeCuba(o), 64, 100, *payload), "");
  ASSERT_GE(payload->populations.size(), 1u);
  const int64_t steps = 1000;
  sim::RunConfig cfg;
  cfg.steps = steps;
  // Brian2's CUBA: v ~ U(Vr, Vt) = U(-60, -50) mV.
  Xoshiro256 rng(11);
  std::vector<double> v0(400);
  for (double &v : v0)
    v = -60 + 10 * rng.uniform();
  cfg.initialV["lif"] = v0;

  EmuRun one, two;
  emulate(payload, cfg, 1, one);
  emulate(payload, cfg, 2, two);
  EXPECT_TRUE(one.prov.bitExactEligible());
  EXPECT_EQ(one.prov.totals().overruns, 0);

  engine::RunConfig ref;
  static_cast<sim::RunConfig &>(ref) = cfg;
  const engine::RunResult r = engine::Engine(payload->network).run(ref);
  const Spikes want = engineSpikes(r, "lif");
  EXPECT_GT(want.size(), 150u); // the network is active
  EXPECT_EQ(one.sink.by["lif"], want);
  EXPECT_EQ(two.sink.by["lif"], want);
  EXPECT_EQ(one.sink.by["output"], engineSpikes(r, "output"));
  // Every packet is handled in the tick it is sent in (no overrun).
  const int64_t events =
      eventsOf(want, outDegree(payload->network, "lif", 400));
  EXPECT_GT(events, 0);
  EXPECT_EQ(one.stats.synapticEvents, events);
  EXPECT_EQ(two.stats.synapticEvents, events);
}

TEST(SpinnNetworks, BrunelBitExactWithNetwork) {
  netgen::NetworkOptions o;
  o.scale = 0.02; // 200 E + 50 I
  o.seed = 3;
  auto payload = std::make_shared<spinn::SpinnPayload>();
  // 20 kHz drive = 2 packets per neuron and tick at 0.1 ms: 32 neurons per
  // core and a 1 ms hardware tick (time_scale_factor 10, §A.2) keep up.
  ASSERT_EQ(compileSpinn(netgen::makeBrunel(o), 32, 1000, *payload), "");
  expectDriveLocal(*payload, "lif");
  const int64_t n = 250, steps = 300;
  // Poisson counts of mean 2 per neuron and step (Knuth's method).
  Xoshiro256 rng(7);
  std::vector<sim::Event> ev;
  for (int64_t t = 0; t < steps; ++t)
    for (int64_t i = 0; i < n; ++i) {
      int64_t k = 0;
      for (double p = rng.uniform(); p > std::exp(-2.0); p *= rng.uniform())
        ++k;
      if (k)
        ev.push_back({t, i, double(k)});
    }
  sim::RunConfig cfg;
  cfg.steps = steps;
  cfg.inputs["input"] = {ev};

  EmuRun one, two;
  emulate(payload, cfg, 1, one);
  emulate(payload, cfg, 2, two);
  EXPECT_TRUE(one.prov.bitExactEligible());
  EXPECT_EQ(one.prov.totals().overruns, 0);

  engine::RunConfig ref;
  static_cast<sim::RunConfig &>(ref) = cfg;
  const engine::RunResult r = engine::Engine(payload->network).run(ref);
  const Spikes want = engineSpikes(r, "lif");
  EXPECT_GT(want.size(), 100u);
  EXPECT_EQ(one.sink.by["lif"], want);
  EXPECT_EQ(two.sink.by["lif"], want);
  // Every drive packet (a count k sends k) and every recurrent spike
  // reaches its rows in the tick it is sent in.
  Spikes drive;
  for (const sim::Event &e : ev)
    drive.push_back({e.step, e.neuron, e.value});
  const int64_t events =
      eventsOf(drive, outDegree(payload->network, "input", n)) +
      eventsOf(want, outDegree(payload->network, "lif", n));
  EXPECT_EQ(one.stats.synapticEvents, events);
  EXPECT_EQ(two.stats.synapticEvents, events);
}
