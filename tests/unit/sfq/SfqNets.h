//===- SfqNets.h - Building small SFQ netlists in tests -------------------===//
#ifndef NMC_TESTS_UNIT_SFQ_SFQNETS_H
#define NMC_TESTS_UNIT_SFQ_SFQNETS_H

#include "nmc/Target/SFQ/PulseEmulator.h"

#include <gtest/gtest.h>

#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace nmc::sfq::test {

/// Appends wires, ports and cells; cell outputs are named "<cell>.<port>".
struct NetBuilder {
  Netlist n;

  WireId wire(const std::string &name) {
    n.wires.push_back({name});
    return WireId(n.wires.size() - 1);
  }
  WireId input(const std::string &name) {
    const WireId w = wire(name);
    n.inputs.push_back({name, w});
    return w;
  }
  /// The clock input "clk", pulsed at phase + k * period.
  WireId clock(double periodPs, double phasePs) {
    const WireId w = input("clk");
    n.clock = w;
    n.clockPeriodPs = periodPs;
    n.clockPhasePs = phasePs;
    return w;
  }
  void output(WireId w) { n.outputs.push_back({n.wires[w].name, w}); }
  std::vector<WireId> cell(CellKind kind, const std::string &name,
                           std::vector<WireId> in,
                           double biasMA = __builtin_nan("")) {
    Cell c;
    c.kind = kind;
    c.name = name;
    c.in = std::move(in);
    c.biasMA = biasMA;
    for (int k = 0; k < ports(kind).numOut; ++k)
      c.out.push_back(wire(name + "." + std::string(ports(kind).out[k])));
    n.cells.push_back(std::move(c));
    return n.cells.back().out;
  }
  /// A chain of `count` JTLs from `from`; returns the last output.
  WireId jtls(WireId from, int count, const std::string &prefix) {
    for (int i = 0; i < count; ++i)
      from = cell(CellKind::Jtl, prefix + std::to_string(i), {from})[0];
    return from;
  }
};

/// Runs `n` with the given library and input pulses per primary input
/// (in the order of n.inputs, the clock skipped).
inline RunResult runNet(const Netlist &n,
                        const std::vector<std::vector<double>> &pulses,
                        RunOptions options = {},
                        const CellLibrary &lib = defaultCellLibrary()) {
  std::vector<WirePulses> in;
  size_t k = 0;
  for (const Port &p : n.inputs)
    if (!n.clock || p.wire != *n.clock)
      in.push_back(
          {p.wire, k < pulses.size() ? pulses[k++] : std::vector<double>{}});
  return PulseEmulator(n, lib).run(in, options);
}

/// Pulse times of output `i` (RunOptions::record empty = the outputs).
inline const std::vector<double> &out(const RunResult &r, size_t i = 0) {
  return r.pulses.at(i).timesPs;
}

/// Element-wise EXPECT_DOUBLE_EQ with the index in the message.
inline void expectTimes(const std::vector<double> &got,
                        const std::vector<double> &want) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < got.size(); ++i)
    EXPECT_DOUBLE_EQ(got[i], want[i]) << "pulse " << i;
}

/// Runs `f` and expects a std::runtime_error saying exactly `message`.
inline void expectThrowMessage(const std::function<void()> &f,
                               const std::string &message) {
  try {
    f();
    ADD_FAILURE() << "no error, expected: " << message;
  } catch (const std::runtime_error &e) {
    EXPECT_EQ(std::string(e.what()), message);
  }
}

} // namespace nmc::sfq::test

#endif // NMC_TESTS_UNIT_SFQ_SFQNETS_H
