//===- PlainCheck.h - Engine tests also check the plain loop ---*- C++ -*-===//
//
// The fast runner must equal the plain loop (EngineKind::Plain) bit for bit.
// Engine tests run their networks through runBothEngines, which runs both,
// fails the test on any difference in spikes, traces or counters, and
// returns the fast result for the test's own checks. Values are compared
// with == (NaN equal to NaN): the only representation difference allowed is
// the sign of a zero, which the fast paths' event lists do not keep.
//===----------------------------------------------------------------------===//
#ifndef NMC_TESTS_EMULATOR_PLAINCHECK_H
#define NMC_TESTS_EMULATOR_PLAINCHECK_H

#include "nmc/Emulator/Engine.h"

#include <gtest/gtest.h>

#include <cmath>

namespace nmc::test {

inline bool sameValue(double a, double b) {
  return a == b || (std::isnan(a) && std::isnan(b));
}

/// Adds a test failure for every difference between two run results.
inline void expectSameResults(const engine::RunResult &fast,
                              const engine::RunResult &plain) {
  EXPECT_EQ(fast.synapticEvents, plain.synapticEvents);
  EXPECT_EQ(fast.neuronUpdates, plain.neuronUpdates);
  ASSERT_EQ(fast.nodes.size(), plain.nodes.size());
  for (size_t k = 0; k < fast.nodes.size(); ++k) {
    const engine::NodeResult &f = fast.nodes[k], &p = plain.nodes[k];
    SCOPED_TRACE("node " + f.name);
    EXPECT_EQ(f.name, p.name);
    EXPECT_EQ(f.spiking, p.spiking);
    EXPECT_EQ(f.spikeCount, p.spikeCount);
    ASSERT_EQ(f.spikes.size(), p.spikes.size());
    for (size_t s = 0; s < f.spikes.size(); ++s) {
      ASSERT_EQ(f.spikes[s].size(), p.spikes[s].size()) << "sample " << s;
      for (size_t e = 0; e < f.spikes[s].size(); ++e) {
        const engine::Event &a = f.spikes[s][e], &b = p.spikes[s][e];
        ASSERT_TRUE(a.step == b.step && a.neuron == b.neuron &&
                    sameValue(a.value, b.value))
            << "sample " << s << " event " << e << ": fast (" << a.step << ", "
            << a.neuron << ", " << a.value << ") plain (" << b.step << ", "
            << b.neuron << ", " << b.value << ")";
      }
    }
    ASSERT_EQ(f.traces.size(), p.traces.size());
    for (const auto &[var, values] : f.traces) {
      const std::vector<double> &other = p.traces.at(var);
      ASSERT_EQ(values.size(), other.size()) << var;
      for (size_t i = 0; i < values.size(); ++i)
        ASSERT_TRUE(sameValue(values[i], other[i]))
            << var << "[" << i << "]: fast " << values[i] << " plain "
            << other[i];
    }
  }
}

/// Runs `config` with the fast and the plain loop, expects the same
/// results, and returns the fast one.
inline engine::RunResult runBothEngines(const engine::Engine &eng,
                                        engine::RunConfig config) {
  config.engine = engine::EngineKind::Fast;
  engine::RunResult fast = eng.run(config);
  config.engine = engine::EngineKind::Plain;
  expectSameResults(fast, eng.run(config));
  return fast;
}

inline engine::RunResult runBothEngines(const image::Image &img,
                                        const engine::RunConfig &config) {
  return runBothEngines(engine::Engine(img), config);
}

} // namespace nmc::test

#endif // NMC_TESTS_EMULATOR_PLAINCHECK_H
