//===- PlasticTest.cpp - STDP on the SpiNNaker emulator -------------------===//
//
// Plastic rows (SpinnImage.h "Plastic rows", emulator/spinn/EmuPlastic.h)
// on payloads built by hand (SpinnNet.h): weight changes of one pre/post
// pair in both orders computed by hand in s16.15 (nearest, ties away from
// zero), the plastic cycles by hand from the cost model, the 16-entry
// post history's overflow counted, and spikes plus learned weights bit for
// bit against the reference-fixed engine on `network` (random networks,
// 1 and 2 threads).
//===----------------------------------------------------------------------===//
#include "SpinnNet.h"

#include "nmc/Emulator/Engine.h"
#include "nmc/Support/Random.h"
#include "nmc/Target/SpiNNaker/Emulator.h"
#include "nmc/Target/SpiNNaker/MachineJson.h"

#include <gtest/gtest.h>

#include <map>

using namespace nmc;
using namespace nmc::spinn;
using namespace nmc::spinn::test;

namespace {

/// Spikes by node name as (step, neuron).
class Collect : public sim::Sink {
public:
  void begin(const sim::RunInfo &info) override { run = info; }
  void spikes(size_t node, std::span<const sim::Event> events) override {
    for (const sim::Event &e : events)
      by[run.nodes[node].name].push_back({e.step, e.neuron});
  }
  sim::RunInfo run;
  std::map<std::string, std::vector<std::pair<int64_t, int64_t>>> by;
};

EmulatorOptions hw(unsigned threads = 1) {
  EmulatorOptions o;
  o.threads = threads;
  o.hardwareTicks = true;
  return o;
}

/// pre (1 source) -plastic-> post (1 IF neuron, threshold 0.5) <- teach
/// (1 source, static weight ~1, D = 1): post fires in the tick after each
/// teacher spike. `leak`: v' = leak * v + x.
NetSpec pairNet(const model::StdpParams &rule, double w0, double leak) {
  NetSpec s;
  s.machine = *loadMachine("spin3").machine;
  s.pops.push_back({"pre", true, 1});
  s.pops.push_back({"teach", true, 1});
  PopSpec post{"post", false, 1};
  post.coef.aMem = leak;
  post.coef.cMemIn = 1;
  post.coef.vThreshold = 0.5;
  post.coef.vReset = 0;
  s.pops.push_back(post);
  s.syns.push_back({1, 0, 2, 0, 32767, kExcitatory, 1});
  PlasticSpec p;
  p.pre = 0;
  p.post = 2;
  p.rule = rule;
  p.delay = 1;
  p.syns.push_back({0, 0, w0});
  s.plastic.push_back(p);
  return s;
}

sim::RunConfig pairInput(std::vector<int64_t> pre, std::vector<int64_t> teach,
                         int64_t steps) {
  sim::RunConfig cfg;
  cfg.steps = steps;
  for (auto [name, ticks] : {std::pair{"pre", &pre}, {"teach", &teach}}) {
    std::vector<sim::Event> ev;
    for (int64_t t : *ticks)
      ev.push_back({t, 0, 1.0});
    cfg.inputs[name] = {ev};
  }
  return cfg;
}

/// The learned weights of the reference-fixed engine on `network`.
std::vector<sim::LearnedWeights> referenceWeights(const SpinnPayload &p,
                                                  const sim::RunConfig &cfg) {
  engine::RunConfig ref;
  static_cast<sim::RunConfig &>(ref) = cfg;
  ref.sink = nullptr;
  return engine::Engine(p.network).run(ref).learnedWeights;
}

double raw(int64_t r) { return double(r) / 32768; }

/// pairNet with additive all-pair STDP, tau+- 4 ticks, A+ 0.25, A- 0.125,
/// w0 0.125 (raw 4096), post with leak 1.
std::shared_ptr<SpinnPayload> potentiationNet() {
  model::StdpParams rule;
  rule.tauPlus = rule.tauMinus = 4;
  rule.aPlus = 0.25;
  rule.aMinus = 0.125;
  return buildNet(pairNet(rule, 0.125, 1.0));
}

} // namespace

TEST(SpinnPlastic, PreThenPostPotentiatesThenDepressesByHand) {
  auto payload = potentiationNet();
  // pre at 0 (no post spike yet: unchanged, x = 1), teach at 2 -> post
  // fires at p = 3 (0.125 + 0.99997 > 0.5), P = p + D = 4, y = 1; pre at
  // T = 10: potentiation by P = 4 in (0, 10]: x(4) = 1 * E+(4),
  // E+(4) = round(e^-1 * 32768 = 12054.67) = 12055, dw = 8192 * 12055 /
  // 32768 = 3013.75 -> 3014: w = 7110; depression with y(10) = E-(6) =
  // round(e^-1.5 * 32768 = 7311.53) = 7312, dw = 4096 * 7312 / 32768 = 914:
  // w = 6196.
  SpinnEmulator emu(payload, hw());
  Collect sink;
  sim::RunConfig cfg = pairInput({0, 10}, {2}, 13);
  cfg.sink = &sink;
  emu.run(cfg);
  EXPECT_EQ(sink.by["post"],
            (std::vector<std::pair<int64_t, int64_t>>{{3, 0}}));
  const auto learned = emu.learnedWeights();
  ASSERT_EQ(learned.size(), 1u);
  EXPECT_EQ(learned[0].node, "stdp:pre->post");
  EXPECT_EQ(learned[0].weights, std::vector<double>{raw(6196)});
  EXPECT_EQ(referenceWeights(*payload, cfg)[0].weights,
            std::vector<double>{raw(6196)});
  const Provenance &p = emu.provenance();
  const CoreProvenance t = p.totals();
  EXPECT_EQ(t.plasticSynapses, 2);
  EXPECT_EQ(t.plasticPairs, 1);
  EXPECT_EQ(t.plasticLostUpdates, 0);
  EXPECT_TRUE(p.bitExactEligible());
  // Cycles (defaults: plastic synapse 120, per pair 28; neuron 170, spike
  // 400, DMA 100 + ceil(bytes / 1.6), search step 10, word 24):
  //   pre's row: 3 header + N = 3 (x header, 1 weight) + 1 control word =
  //   7 words = 28 B -> 18; its entry (key 0) takes 2 search steps of the
  //   2-entry table, the teacher's (key 256) 1; teacher row 4 words -> 10.
  //   tick 0: 170 + 20 + 400 + 100 + 18 + 120 = 828
  //   tick 2: 170 + 10 + 400 + 100 + 10 + 24 = 714
  //   tick 10: 170 + 20 + 400 + 100 + 18 + 120 + 28 = 856 (the most)
  //   10 other ticks: 170 each.
  EXPECT_EQ(t.plasticCycles, 120 + 148);
  EXPECT_EQ(t.maxCyclesPerTick, 856);
  ASSERT_EQ(p.cores.size(), 3u); // pre, teach, post
  EXPECT_EQ(p.cores[2].totalCycles, 828 + 714 + 856 + 10 * 170);
  // The sources: 3 sends of 20 cycles.
  EXPECT_EQ(t.totalCycles, 828 + 714 + 856 + 10 * 170 + 3 * 20);
  sim::Report report;
  emu.addReport(report);
  const sim::Section *s = report.find("spinnaker");
  ASSERT_NE(s, nullptr);
  ASSERT_NE(s->find("plastic_cycles"), nullptr);
  EXPECT_EQ(std::get<int64_t>(s->find("plastic_cycles")->value), 268);
}

TEST(SpinnPlastic, EverySampleStartsFromTheImagesWeights) {
  // The first test's run as a batch of 3 samples sharing the input: each
  // learns 4096 -> 6196 again from the image's weight (not 6196 -> ...),
  // with its own pre trace and post history.
  auto payload = potentiationNet();
  SpinnEmulator emu(payload, hw());
  Collect sink;
  sim::RunConfig cfg = pairInput({0, 10}, {2}, 13);
  cfg.batch = 3;
  cfg.sink = &sink;
  emu.run(cfg);
  EXPECT_EQ(emu.learnedWeights()[0].weights, std::vector<double>{raw(6196)});
  EXPECT_EQ(emu.provenance().totals().plasticPairs, 3);
  EXPECT_EQ(sink.by["post"].size(), 3u); // one spike per sample
}

TEST(SpinnPlastic, PostThenPreDepressesMultiplicativelyByHand) {
  // Nearest-pair multiplicative, tau- 4, A- 0.5, w0 0.5 (16384), w in
  // [0, 1]; post without memory (leak 0), so pre alone never fires it.
  model::StdpParams rule;
  rule.pairing = model::StdpPairing::NearestPair;
  rule.dependence = model::WeightDependence::Multiplicative;
  rule.tauPlus = rule.tauMinus = 4;
  rule.aPlus = 0.25;
  rule.aMinus = 0.5;
  auto payload = buildNet(pairNet(rule, 0.5, 0.0));
  // teach at 0 -> post at p = 1, P = 2, y = 1. pre at T = 5 (first: x =
  // 0, only depression): y(5) = E-(3) = round(e^-0.75 * 32768 = 15478.51)
  // = 15479; A- y = 16384 * 15479 / 32768 = 7739.5 -> 7740; times
  // (w - 0) = 7740 * 16384 / 32768 = 3870: w = 12514. pre at T = 9: no
  // post spike in (5, 9]; y(9) = E-(7) = round(5694.22) = 5694, A- y =
  // 2847, times 12514 / 32768 = 1087.25 -> 1087: w = 11427.
  SpinnEmulator emu(payload, hw());
  Collect sink;
  sim::RunConfig cfg = pairInput({5, 9}, {0}, 12);
  cfg.sink = &sink;
  emu.run(cfg);
  EXPECT_EQ(sink.by["post"],
            (std::vector<std::pair<int64_t, int64_t>>{{1, 0}}));
  EXPECT_EQ(emu.learnedWeights()[0].weights, std::vector<double>{raw(11427)});
  EXPECT_EQ(referenceWeights(*payload, cfg)[0].weights,
            std::vector<double>{raw(11427)});
  EXPECT_EQ(emu.provenance().totals().plasticPairs, 0);
}

TEST(SpinnPlastic, SpikeArrivingAfterTheRunLeavesItsRowUnprocessed) {
  // As the previous test, but the second pre spike (T = 9, D = 1) would
  // reach the post neuron at tick 10 = the run's length: neither engine
  // applies its depression.
  model::StdpParams rule;
  rule.dependence = model::WeightDependence::Multiplicative;
  rule.tauPlus = rule.tauMinus = 4;
  rule.aMinus = 0.5;
  auto payload = buildNet(pairNet(rule, 0.5, 0.0));
  sim::RunConfig cfg = pairInput({5, 9}, {0}, 10);
  SpinnEmulator emu(payload, hw());
  emu.run(cfg);
  EXPECT_EQ(emu.learnedWeights()[0].weights, std::vector<double>{raw(12514)});
  EXPECT_EQ(referenceWeights(*payload, cfg)[0].weights,
            std::vector<double>{raw(12514)});
}

TEST(SpinnPlastic, HistoryOverflowIsCounted) {
  // The teacher fires post in ticks 1..20 (20 post spikes, P = 2..21);
  // pre fires at 0 and 25: the row at T = 25 pairs with every post spike
  // in (0, 25], but only the newest 16 are kept (§A.4
  // MAX_POST_SYNAPTIC_EVENTS): lost, and the weight is not the reference's.
  model::StdpParams rule;
  rule.tauPlus = rule.tauMinus = 20;
  rule.aPlus = 0.01;
  rule.aMinus = 0.001;
  auto payload = buildNet(pairNet(rule, 0.125, 0.0));
  std::vector<int64_t> teach;
  for (int64_t t = 0; t < 20; ++t)
    teach.push_back(t);
  sim::RunConfig cfg = pairInput({0, 25}, teach, 30);
  SpinnEmulator emu(payload, hw());
  emu.run(cfg);
  EXPECT_EQ(emu.provenance().totals().plasticLostUpdates, 1);
  EXPECT_EQ(emu.provenance().totals().plasticPairs, 16);
  EXPECT_FALSE(emu.provenance().bitExactEligible());
  EXPECT_LT(emu.learnedWeights()[0].weights[0],
            referenceWeights(*payload, cfg)[0].weights[0]);
}

// ---------------------------------------------------------------------------
// Random plastic networks against the reference-fixed engine.

namespace {

/// in (20 sources, 30 % per tick) -> a (30), in -> b (40), a -> b static;
/// plastic in -> b (D 2, nearest-pair additive; the same rows as the
/// static in -> b) and a -> b (D 3, all-pair multiplicative); cores of 16
/// neurons on the 4 chips of spin3. Pre neurons fire often enough that no
/// post history overflows (asserted: the run is bit-exact eligible): a
/// pre neuron silent while its posts fire 16 times would lose pairs, as
/// on sPyNNaker.
NetSpec plasticNet(uint64_t seed) {
  Xoshiro256 rng(seed);
  NetSpec s;
  s.machine = *loadMachine("spin3").machine;
  s.delayBits = 3;
  s.chips = {{0, 0}, {1, 0}, {0, 1}, {1, 1}};
  s.pops.push_back({"in", true, 20, 0, 8});
  for (auto [name, size] : {std::pair{"a", 30}, std::pair{"b", 40}}) {
    PopSpec p{name, false, size, 0, 16};
    p.coef.aMem = 0.9;
    p.coef.cMemIn = 1;
    // b (with its plastic inputs) fires less than a.
    p.coef.vThreshold = std::string(name) == "b" ? 6.0 : 1.0;
    p.coef.vReset = 0;
    p.shiftExc = 2;
    p.shiftInh = 3;
    s.pops.push_back(p);
  }
  auto connect = [&](int32_t pre, int32_t post, double prob) {
    for (int32_t i = 0; i < s.pops[pre].size; ++i)
      for (int32_t j = 0; j < s.pops[post].size; ++j)
        if (rng.uniform() < prob)
          s.syns.push_back({pre, i, post, j,
                            1000 + uint32_t(rng.uniform() * 6000),
                            rng.uniform() < 0.2 ? kInhibitory : kExcitatory,
                            1 + int64_t(rng.uniform() * 7)});
  };
  connect(0, 1, 0.3);
  connect(0, 2, 0.2);
  connect(1, 2, 0.1);
  // a_j fires whenever in_(j mod 20) does (weight ~4 > threshold 1), so
  // no a neuron falls silent for long.
  for (int32_t j = 0; j < 30; ++j)
    s.syns.push_back({0, j % 20, 1, j, 32767, kExcitatory, 1});
  auto plastic = [&](int32_t pre, int32_t post, double prob, int64_t delay,
                     model::StdpParams rule) {
    PlasticSpec p;
    p.pre = pre;
    p.post = post;
    p.delay = delay;
    p.rule = rule;
    for (int32_t i = 0; i < s.pops[pre].size; ++i)
      for (int32_t j = 0; j < s.pops[post].size; ++j)
        if (rng.uniform() < prob)
          p.syns.push_back(
              {i, j, double(int64_t(rng.uniform() * 12000)) / 32768});
    s.plastic.push_back(p);
  };
  model::StdpParams r1;
  r1.pairing = model::StdpPairing::NearestPair;
  r1.tauPlus = 5;
  r1.tauMinus = 7;
  r1.aPlus = 0.05;
  r1.aMinus = 0.06;
  r1.wMax = 0.6;
  plastic(0, 2, 0.4, 2, r1);
  model::StdpParams r2;
  r2.dependence = model::WeightDependence::Multiplicative;
  r2.tauPlus = 10;
  r2.tauMinus = 6;
  r2.aPlus = 0.1;
  r2.aMinus = 0.12;
  r2.wMin = 0.05;
  r2.wMax = 0.5;
  plastic(1, 2, 0.3, 3, r2);
  return s;
}

} // namespace

class SpinnPlasticRandom : public ::testing::TestWithParam<uint64_t> {};

TEST_P(SpinnPlasticRandom, BitExactWithReferenceFixed) {
  const uint64_t seed = GetParam();
  auto payload = buildNet(plasticNet(seed));
  const int64_t steps = 300;
  std::map<std::string, std::vector<std::pair<int64_t, int64_t>>> spikes[2];
  std::vector<sim::LearnedWeights> weights[2];
  for (unsigned threads : {1u, 2u}) {
    SpinnEmulator emu(payload, hw(threads));
    Collect sink;
    sim::RunConfig cfg = poissonInput(seed, steps, 0.3);
    cfg.sink = &sink;
    emu.run(cfg);
    {
      const CoreProvenance t = emu.provenance().totals();
      EXPECT_TRUE(emu.provenance().bitExactEligible())
          << "lost " << t.plasticLostUpdates << " late " << t.lateSpikes
          << " ovf " << t.inputOverflows << " sat " << t.ringSaturations
          << " insat " << t.inputSaturations << " drop "
          << emu.provenance().droppedPackets << " overruns " << t.overruns;
    }
    EXPECT_GT(emu.provenance().totals().plasticPairs, 100);
    spikes[threads - 1] = sink.by;
    weights[threads - 1] = emu.networkWeights();
  }
  EXPECT_EQ(spikes[0], spikes[1]);
  ASSERT_EQ(weights[0].size(), 2u);
  for (size_t k = 0; k < 2; ++k)
    EXPECT_EQ(weights[0][k].weights, weights[1][k].weights);

  engine::RunConfig ref;
  static_cast<sim::RunConfig &>(ref) = poissonInput(seed, steps, 0.3);
  const engine::RunResult r = engine::Engine(payload->network).run(ref);
  int64_t total = 0;
  for (const char *name : {"a", "b"}) {
    const engine::NodeResult *n = r.find(name);
    ASSERT_NE(n, nullptr);
    std::vector<std::pair<int64_t, int64_t>> want;
    for (const sim::Event &e : n->spikes[0])
      want.push_back({e.step, e.neuron});
    EXPECT_EQ(spikes[0][name], want) << name;
    total += int64_t(want.size());
  }
  EXPECT_GT(total, 200); // the network is active
  ASSERT_EQ(r.learnedWeights.size(), 2u);
  int64_t changed = 0;
  for (const sim::LearnedWeights &lw : r.learnedWeights) {
    const sim::LearnedWeights *emuW = nullptr;
    for (const sim::LearnedWeights &e : weights[0])
      if (e.node == lw.node)
        emuW = &e;
    ASSERT_NE(emuW, nullptr) << lw.node;
    EXPECT_EQ(emuW->weights, lw.weights) << lw.node;
    const image::Node *node = nullptr;
    for (const image::Node &n : payload->network.nodes)
      if (n.name == lw.node)
        node = &n;
    const FloatArray &w0 = node->f.at("weight");
    for (size_t k = 0; k < lw.weights.size(); ++k)
      changed += lw.weights[k] != w0[k];
  }
  EXPECT_GT(changed, 100); // learning happened
}

INSTANTIATE_TEST_SUITE_P(Seeds, SpinnPlasticRandom,
                         ::testing::Values(1u, 7u, 42u));
