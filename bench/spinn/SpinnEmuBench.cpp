//===- SpinnEmuBench.cpp - SpiNNaker emulator throughput ------------------===//
//
// Two networks built by the tests' payload builder
// (tests/unit/spinn-emu/SpinnNet.h), 256 neurons per core on spin5:
//  - cuba: CUBA-sized (spinnaker.md §C.1: 4000 neurons, 80 % excitatory,
//    p = 0.02) driven by 1000 Poisson sources (p = 0.1, 20 Hz), delays
//    1..15 (delay extensions above 7);
//  - brunel: Brunel-sized (Brunel 2000: 12,500 neurons, 10,000 exc +
//    2,500 inh, p = 0.1, 15.6 M synapses, g = 5, one delay) driven by
//    1000 Poisson host sources (p = 0.1). --scale s shrinks its neuron
//    counts by s (synapses by s^2).
// Runs the emulator (1 and all threads) and the reference-fixed engine on
// `network` and prints synaptic events/s of each and their ratio as JSON
// lines, one ratio per network.
//
//   nmc-spinn-emu-bench [--net cuba|brunel|all] [--steps N] [--seed N]
//                       [--neurons N (cuba)] [--scale S (brunel)]
//===----------------------------------------------------------------------===//
#include "SpinnNet.h"

#include "nmc/Emulator/Engine.h"
#include "nmc/Support/Random.h"
#include "nmc/Target/SpiNNaker/Emulator.h"
#include "nmc/Target/SpiNNaker/MachineJson.h"

#include <fmt/format.h>

#include <chrono>
#include <cstring>
#include <string>
#include <thread>

using namespace nmc;
using namespace nmc::spinn;
using namespace nmc::spinn::test;

namespace {

struct Case {
  std::string name;
  NetSpec spec;
  sim::RunConfig cfg;
};

PopSpec neurons(const char *name, int64_t size, const model::DiscreteCoeffs &c,
                bool hasSyn, int32_t shift) {
  PopSpec p{name, false, size, 0, 256};
  p.coef = c;
  p.hasSyn = hasSyn;
  p.shiftExc = shift;
  p.shiftInh = shift;
  return p;
}

void connect(NetSpec &s, Xoshiro256 &rng, int32_t pre, int32_t post,
             double prob, uint32_t type, uint32_t code, int64_t dLo,
             int64_t dHi) {
  for (int32_t i = 0; i < s.pops[pre].size; ++i)
    for (int32_t j = 0; j < s.pops[post].size; ++j)
      if (rng.uniform() < prob)
        s.syns.push_back(
            {pre, i, post, j, code, type,
             dLo + int64_t(rng.uniform() * double(dHi - dLo + 1))});
}

sim::RunConfig poisson(Xoshiro256 &rng, int64_t sources, double p,
                       int64_t steps) {
  sim::RunConfig cfg;
  cfg.steps = steps;
  std::vector<sim::Event> ev;
  for (int64_t t = 0; t < steps; ++t)
    for (int64_t i = 0; i < sources; ++i)
      if (rng.uniform() < p)
        ev.push_back({t, i, 1.0});
  cfg.inputs["in"] = {ev};
  return cfg;
}

Case cuba(int64_t n, int64_t steps, uint64_t seed) {
  Xoshiro256 rng(seed);
  Case c{"cuba", {}, {}};
  NetSpec &s = c.spec;
  s.machine = *loadMachine("spin5").machine;
  s.delayBits = 3;
  s.chips = s.machine.chips();
  const int64_t exc = n * 4 / 5, sources = 1000;
  s.pops.push_back({"in", true, sources, 0, 256});
  model::DiscreteCoeffs k;
  k.aSyn = 0.8;
  k.bSyn = 1;
  k.aMem = 0.95;
  k.cMemSyn = 0.1;
  k.vThreshold = 1.0;
  s.pops.push_back(neurons("e", exc, k, true, 3));
  s.pops.push_back(neurons("i", n - exc, k, true, 3));
  connect(s, rng, 0, 1, 0.1, kExcitatory, 200, 1, 15);
  connect(s, rng, 0, 2, 0.1, kExcitatory, 200, 1, 15);
  for (int32_t post : {1, 2}) {
    connect(s, rng, 1, post, 0.02, kExcitatory, 400, 1, 15);
    connect(s, rng, 2, post, 0.02, kInhibitory, 1600, 1, 15);
  }
  c.cfg = poisson(rng, sources, 0.02, steps);
  return c;
}

/// Brunel (2000) model A in units of the threshold (theta = 20 mV = 1):
/// tau = 20 ms (aMem = exp(-1/20)), reset 10 mV, J = 0.1 mV (code 164 at
/// shift 0 = 0.005), g = 5, delay 2 ticks; the external drive is 1000
/// sources at p = 0.1 each firing with probability 0.1 per tick (eta ~ 1:
/// 0.05 threshold per ms).
Case brunel(double scale, int64_t steps, uint64_t seed) {
  Xoshiro256 rng(seed);
  Case c{"brunel", {}, {}};
  NetSpec &s = c.spec;
  s.machine = *loadMachine("spin5").machine;
  s.delayBits = 3;
  s.chips = s.machine.chips();
  const int64_t exc = int64_t(10000 * scale), inh = int64_t(2500 * scale),
                sources = 1000;
  s.pops.push_back({"in", true, sources, 0, 256});
  model::DiscreteCoeffs k;
  k.aMem = 0.951229; // exp(-1/20)
  k.cMemIn = 1;
  k.vThreshold = 1.0;
  k.vReset = 0.5;
  s.pops.push_back(neurons("e", exc, k, false, 0));
  s.pops.push_back(neurons("i", inh, k, false, 0));
  const uint32_t j = 164;
  for (int32_t post : {1, 2}) {
    connect(s, rng, 0, post, 0.1, kExcitatory, j, 2, 2);
    connect(s, rng, 1, post, 0.1, kExcitatory, j, 2, 2);
    connect(s, rng, 2, post, 0.1, kInhibitory, 5 * j, 2, 2);
  }
  c.cfg = poisson(rng, sources, 0.1, steps);
  return c;
}

double seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since)
      .count();
}

void run(Case &c) {
  const auto t0 = std::chrono::steady_clock::now();
  auto payload = buildNet(c.spec);
  int64_t sdramWords = 0;
  for (const Core &k : payload->cores)
    sdramWords += int64_t(k.sdram.size());
  fmt::print("{{\"net\": \"{}\", \"synapses\": {}, \"cores\": {}, \"steps\": "
             "{}, \"sdram_mb\": {:.1f}, \"build_s\": {:.1f}}}\n",
             c.name, c.spec.syns.size(), payload->cores.size(), c.cfg.steps,
             double(sdramWords) * 4 / 1e6, seconds(t0));
  c.spec.syns = {};
  double emuRate = 0;
  for (unsigned threads :
       {1u, std::max(1u, std::thread::hardware_concurrency())}) {
    EmulatorOptions o;
    o.threads = threads;
    o.hardwareTicks = true;
    SpinnEmulator emu(payload, o);
    const sim::RunStats st = emu.run(c.cfg);
    const Provenance &p = emu.provenance();
    const double rate = double(st.synapticEvents) / st.wallSeconds;
    emuRate = std::max(emuRate, rate);
    fmt::print("{{\"net\": \"{}\", \"engine\": \"spinnaker\", \"threads\": "
               "{}, \"events\": {}, \"wall_s\": {:.3f}, \"events_per_s\": "
               "{:.4g}, \"bit_exact_eligible\": {}, \"real_time_factor\": "
               "{:.3f}, \"late\": {}, \"dropped\": {}, \"packets\": {}, "
               "\"hops\": {}, \"received\": {}, \"core_cycles\": {}}}\n",
               c.name, threads, st.synapticEvents, st.wallSeconds, rate,
               p.bitExactEligible(), p.realTimeFactor(), p.totals().lateSpikes,
               p.droppedPackets, p.packets, p.hops, p.totals().packetsReceived,
               p.totals().totalCycles);
  }
  engine::RunConfig ref;
  static_cast<sim::RunConfig &>(ref) = c.cfg;
  ref.collect = false;
  const engine::RunResult r = engine::Engine(payload->network).run(ref);
  const double refRate = double(r.synapticEvents) / r.wallSeconds;
  fmt::print("{{\"net\": \"{}\", \"engine\": \"reference-fixed\", \"events\": "
             "{}, \"wall_s\": {:.3f}, \"events_per_s\": {:.4g}}}\n",
             c.name, r.synapticEvents, r.wallSeconds, refRate);
  fmt::print("{{\"net\": \"{}\", \"ratio_emulator_to_reference\": {:.3f}}}\n",
             c.name, emuRate / refRate);
}

} // namespace

int main(int argc, char **argv) {
  int64_t n = 4000, steps = 1000;
  double scale = 1;
  uint64_t seed = 1;
  std::string net = "all";
  for (int a = 1; a + 1 < argc; a += 2) {
    if (!std::strcmp(argv[a], "--neurons"))
      n = std::stoll(argv[a + 1]);
    else if (!std::strcmp(argv[a], "--steps"))
      steps = std::stoll(argv[a + 1]);
    else if (!std::strcmp(argv[a], "--seed"))
      seed = std::stoull(argv[a + 1]);
    else if (!std::strcmp(argv[a], "--scale"))
      scale = std::stod(argv[a + 1]);
    else if (!std::strcmp(argv[a], "--net"))
      net = argv[a + 1];
  }
  if (net == "cuba" || net == "all") {
    Case c = cuba(n, steps, seed);
    run(c);
  }
  if (net == "brunel" || net == "all") {
    Case c = brunel(scale, steps, seed);
    run(c);
  }
  return 0;
}
