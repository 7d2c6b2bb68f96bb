//===- SpinnEmuBench.cpp - SpiNNaker emulator throughput ------------------===//
//
// A CUBA-sized network (spinnaker.md §C.1: 4000 neurons, 80 % excitatory,
// p = 0.02) driven by 1000 Poisson sources (p = 0.1, 20 Hz), delays 1..15
// (delay extensions above 7), 256 neurons per core on spin5, built by the
// tests' payload builder (tests/unit/spinn-emu/SpinnNet.h). Runs the
// emulator (1 and all threads) and the reference-fixed engine on `network`
// and prints synaptic events/s of each and their ratio as JSON lines.
//
//   nmc-spinn-emu-bench [--neurons N] [--steps N] [--seed N]
//===----------------------------------------------------------------------===//
#include "SpinnNet.h"

#include "nmc/Emulator/Engine.h"
#include "nmc/Support/Random.h"
#include "nmc/Target/SpiNNaker/Emulator.h"
#include "nmc/Target/SpiNNaker/MachineJson.h"

#include <fmt/format.h>

#include <cstring>
#include <string>
#include <thread>

using namespace nmc;
using namespace nmc::spinn;
using namespace nmc::spinn::test;

int main(int argc, char **argv) {
  int64_t neurons = 4000, steps = 1000;
  uint64_t seed = 1;
  for (int a = 1; a + 1 < argc; a += 2) {
    if (!std::strcmp(argv[a], "--neurons"))
      neurons = std::stoll(argv[a + 1]);
    else if (!std::strcmp(argv[a], "--steps"))
      steps = std::stoll(argv[a + 1]);
    else if (!std::strcmp(argv[a], "--seed"))
      seed = std::stoull(argv[a + 1]);
  }
  Xoshiro256 rng(seed);
  NetSpec s;
  s.machine = *loadMachine("spin5").machine;
  s.delayBits = 3;
  s.chips = s.machine.chips();
  const int64_t exc = neurons * 4 / 5, sources = 1000;
  s.pops.push_back({"in", true, sources, 0, 256});
  for (auto [name, size] :
       {std::pair<const char *, int64_t>{"e", exc}, {"i", neurons - exc}}) {
    PopSpec p{name, false, size, 0, 256};
    p.coef.aSyn = 0.8;
    p.coef.bSyn = 1;
    p.coef.aMem = 0.95;
    p.coef.cMemSyn = 0.1;
    p.coef.vThreshold = 1.0;
    p.hasSyn = true;
    p.shiftExc = 3;
    p.shiftInh = 3;
    s.pops.push_back(p);
  }
  auto connect = [&](int32_t pre, int32_t post, double prob, uint32_t type,
                     uint32_t code) {
    for (int32_t i = 0; i < s.pops[pre].size; ++i)
      for (int32_t j = 0; j < s.pops[post].size; ++j)
        if (rng.uniform() < prob)
          s.syns.push_back({pre, i, post, j, code, type,
                            1 + int64_t(rng.uniform() * 15)});
  };
  connect(0, 1, 0.1, kExcitatory, 200);
  connect(0, 2, 0.1, kExcitatory, 200);
  for (int32_t post : {1, 2}) {
    connect(1, post, 0.02, kExcitatory, 400);
    connect(2, post, 0.02, kInhibitory, 1600);
  }
  auto payload = buildNet(s);
  sim::RunConfig cfg;
  cfg.steps = steps;
  std::vector<sim::Event> ev;
  for (int64_t t = 0; t < steps; ++t)
    for (int64_t i = 0; i < sources; ++i)
      if (rng.uniform() < 0.02)
        ev.push_back({t, i, 1.0});
  cfg.inputs["in"] = {ev};

  int64_t sdramWords = 0;
  for (const Core &c : payload->cores)
    sdramWords += int64_t(c.sdram.size());
  fmt::print("{{\"synapses\": {}, \"cores\": {}, \"steps\": {}, "
             "\"sdram_mb\": {:.1f}}}\n",
             s.syns.size(), payload->cores.size(), steps,
             double(sdramWords) * 4 / 1e6);
  double emuRate = 0;
  for (unsigned threads : {1u, std::max(1u, std::thread::hardware_concurrency())}) {
    EmulatorOptions o;
    o.threads = threads;
    o.hardwareTicks = true;
    SpinnEmulator emu(payload, o);
    const sim::RunStats st = emu.run(cfg);
    const Provenance &p = emu.provenance();
    const double rate = double(st.synapticEvents) / st.wallSeconds;
    emuRate = std::max(emuRate, rate);
    fmt::print("{{\"engine\": \"spinnaker\", \"threads\": {}, \"events\": {}, "
               "\"wall_s\": {:.3f}, \"events_per_s\": {:.4g}, "
               "\"bit_exact_eligible\": {}, \"real_time_factor\": {:.3f}, "
               "\"late\": {}, \"dropped\": {}, \"packets\": {}, \"hops\": {}, "
               "\"received\": {}}}\n",
               threads, st.synapticEvents, st.wallSeconds, rate,
               p.bitExactEligible(), p.realTimeFactor(), p.totals().lateSpikes,
               p.droppedPackets, p.packets, p.hops, p.totals().packetsReceived);
  }
  engine::RunConfig ref;
  static_cast<sim::RunConfig &>(ref) = cfg;
  ref.collect = false;
  const engine::RunResult r = engine::Engine(payload->network).run(ref);
  const double refRate = double(r.synapticEvents) / r.wallSeconds;
  fmt::print("{{\"engine\": \"reference-fixed\", \"events\": {}, \"wall_s\": "
             "{:.3f}, \"events_per_s\": {:.4g}}}\n",
             r.synapticEvents, r.wallSeconds, refRate);
  fmt::print("{{\"ratio_emulator_to_reference\": {:.3f}}}\n",
             emuRate / refRate);
  return 0;
}
