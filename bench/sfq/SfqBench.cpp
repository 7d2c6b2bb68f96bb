//===- SfqBench.cpp - Pulse-level emulator throughput ---------------------===//
//
// Generates a clocked netlist of >= 10^5 cells, deterministic from a seed:
// `lanes` parallel lanes of `blocks` blocks; a block is 0-3 JTLs (seeded),
// a splitter whose two branches (3 JTLs, 1 JTL) meet again in a merger (the
// two pulses arrive 11.4 ps apart, outside the merger's 8.2 ps window) and
// a DFF; every DFF is clocked through one balanced splitter tree. Each lane
// input gets a pulse in a cycle with probability 0.7. Prints cell events
// (input pulses delivered to cells), wall time of PulseEmulator::run and
// events/s, best of 3, as one JSON line, plus the ratio to PyLSE's ~1e5
// events/s (issue 12).
//
//   nmc-sfq-bench [--lanes N] [--blocks N] [--cycles N] [--seed N]
//===----------------------------------------------------------------------===//
#include "nmc/Support/Random.h"
#include "nmc/Target/SFQ/PulseEmulator.h"

#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include <chrono>
#include <cstring>
#include <string>

using namespace nmc;
using namespace nmc::sfq;

namespace {

struct Gen {
  Netlist n;
  WireId wire(std::string name) {
    n.wires.push_back({std::move(name)});
    return WireId(n.wires.size() - 1);
  }
  std::vector<WireId> cell(CellKind kind, std::vector<WireId> in) {
    Cell c{kind, fmt::format("c{}", n.cells.size()), std::move(in), {}};
    for (int k = 0; k < ports(kind).numOut; ++k)
      c.out.push_back(wire(c.name + "." + std::string(ports(kind).out[k])));
    n.cells.push_back(std::move(c));
    return n.cells.back().out;
  }
  WireId jtls(WireId w, int count) {
    for (int i = 0; i < count; ++i)
      w = cell(CellKind::Jtl, {w})[0];
    return w;
  }
  /// A balanced splitter tree from `root` to `leaves` wires; returns the
  /// tree depth.
  int tree(WireId root, size_t leaves, std::vector<WireId> &out) {
    if (leaves == 1) {
      out.push_back(root);
      return 0;
    }
    auto s = cell(CellKind::Splitter, {root});
    const int l = tree(s[0], (leaves + 1) / 2, out);
    const int r = tree(s[1], leaves / 2, out);
    return 1 + std::max(l, r);
  }
};

struct Bench {
  Netlist netlist;
  std::vector<WirePulses> inputs;
  double endPs = 0;
};

Bench generate(int lanes, int blocks, int cycles, uint64_t seed) {
  constexpr double kPeriod = 80; // > the 56 ps worst block path + setup
  Gen g;
  Xoshiro256 rng(seed);
  const WireId clk = g.wire("clk");
  g.n.inputs.push_back({"clk", clk});
  g.n.clock = clk;
  g.n.clockPeriodPs = kPeriod;
  // DFF clock pins are created first as wires, then the tree drives them.
  std::vector<WireId> laneIn;
  std::vector<std::pair<size_t, int>> dffs; // (cell index, lane)
  for (int l = 0; l < lanes; ++l) {
    WireId w = g.wire(fmt::format("in{}", l));
    g.n.inputs.push_back({g.n.wires[w].name, w});
    laneIn.push_back(w);
    for (int b = 0; b < blocks; ++b) {
      w = g.jtls(w, int(rng.next() % 4));
      auto s = g.cell(CellKind::Splitter, {w});
      const WireId m =
          g.cell(CellKind::Merger, {g.jtls(s[0], 3), g.jtls(s[1], 1)})[0];
      // clk placeholder: patched below
      w = g.cell(CellKind::Dff, {m, kNoWire})[0];
      dffs.push_back({g.n.cells.size() - 1, l});
    }
    g.n.outputs.push_back({fmt::format("out{}", l), w});
  }
  std::vector<WireId> leaves;
  const int depth = g.tree(clk, dffs.size(), leaves);
  for (size_t i = 0; i < dffs.size(); ++i)
    g.n.cells[dffs[i].first].in[1] = leaves[i];
  // Inputs just after the latest clock arrival (depth x 4.3 ps).
  Bench bench;
  const double offset = depth * 4.3 + 5;
  for (int l = 0; l < lanes; ++l) {
    WirePulses p{laneIn[l], {}};
    for (int k = 0; k < cycles; ++k)
      if (rng.uniform() < 0.7)
        p.timesPs.push_back(k * kPeriod + offset);
    bench.inputs.push_back(std::move(p));
  }
  bench.endPs = (cycles + blocks + 2) * kPeriod + offset;
  bench.netlist = std::move(g.n);
  return bench;
}

} // namespace

int main(int argc, char **argv) {
  int lanes = 1000, blocks = 11, cycles = 200;
  uint64_t seed = 1;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const long long v = std::atoll(argv[i + 1]);
    if (flag == "--lanes")
      lanes = int(v);
    else if (flag == "--blocks")
      blocks = int(v);
    else if (flag == "--cycles")
      cycles = int(v);
    else if (flag == "--seed")
      seed = uint64_t(v);
    else {
      fmt::print(stderr, "unknown flag {}\n", flag);
      return 2;
    }
  }
  const Bench bench = generate(lanes, blocks, cycles, seed);
  const PulseEmulator emu(bench.netlist, defaultCellLibrary());
  RunOptions options;
  options.endPs = bench.endPs;
  double best = 1e300;
  RunResult result;
  for (int rep = 0; rep < 3; ++rep) {
    const auto t0 = std::chrono::steady_clock::now();
    result = emu.run(bench.inputs, options);
    const std::chrono::duration<double> dt =
        std::chrono::steady_clock::now() - t0;
    best = std::min(best, dt.count());
  }
  const Counters &k = result.counters;
  const double rate = double(k.cellEvents) / best;
  size_t outPulses = 0;
  for (const WirePulses &w : result.pulses)
    outPulses += w.timesPs.size();
  nlohmann::ordered_json line = {
      {"bench", "sfq"},
      {"cells", bench.netlist.cells.size()},
      {"jjs", k.jjs},
      {"cycles", cycles},
      {"simulated_ps", k.endPs},
      {"cell_events", k.cellEvents},
      {"output_pulses", outPulses},
      {"violations", k.totalViolations},
      {"wall_s", best},
      {"events_per_s", rate},
      {"ratio_to_pylse_1e5", rate / 1e5},
  };
  fmt::print("{}\n", line.dump());
  return k.totalViolations == 0 ? 0 : 1;
}
