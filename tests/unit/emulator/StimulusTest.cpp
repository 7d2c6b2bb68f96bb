//===- StimulusTest.cpp - Seeded Poisson / Bernoulli input ----------------===//
#include "nmc/Sim/Stimulus.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace nmc;
using namespace nmc::sim;

namespace {

bool sameEvents(const EventBatch &a, const EventBatch &b) {
  if (a.size() != b.size())
    return false;
  for (size_t s = 0; s < a.size(); ++s) {
    if (a[s].size() != b[s].size())
      return false;
    for (size_t k = 0; k < a[s].size(); ++k)
      if (a[s][k].step != b[s][k].step || a[s][k].neuron != b[s][k].neuron ||
          a[s][k].value != b[s][k].value)
        return false;
  }
  return true;
}

/// Mean and variance of per-(neuron, step) counts of sample 0.
void moments(const EventBatch &ev, int64_t cells, double &mean, double &var) {
  double sum = 0, sq = 0;
  for (const Event &e : ev[0]) {
    sum += e.value;
    sq += e.value * e.value;
  }
  mean = sum / cells;
  var = sq / cells - mean * mean;
}

} // namespace

TEST(Random, XoshiroReferenceStream) {
  // SplitMix64 from 0: the published first outputs of the algorithm.
  SplitMix64 sm(0);
  EXPECT_EQ(sm.next(), 0xE220A8397B1DCDAFull);
  EXPECT_EQ(sm.next(), 0x6E789E6AA1B965F4ull);
  Xoshiro256 a(7), b(7), c(8);
  uint64_t x = a.next();
  EXPECT_EQ(x, b.next());
  EXPECT_NE(x, c.next());
  for (int k = 0; k < 1000; ++k) {
    double u = a.uniform();
    ASSERT_TRUE(u >= 0 && u < 1);
  }
}

TEST(Stimulus, SameSeedSameEvents) {
  auto a = poissonEvents(50, 100, 3, {200}, 1e-3, 1234);
  auto b = poissonEvents(50, 100, 3, {200}, 1e-3, 1234);
  auto c = poissonEvents(50, 100, 3, {200}, 1e-3, 1235);
  EXPECT_TRUE(sameEvents(a, b));
  EXPECT_FALSE(sameEvents(a, c));
  EXPECT_FALSE(sameEvents({a[0]}, {a[1]})); // samples differ
  // A sample's stream does not depend on the batch size.
  auto one = poissonEvents(50, 100, 1, {200}, 1e-3, 1234);
  EXPECT_TRUE(sameEvents({a[0]}, one));
  auto d = bernoulliEvents(50, 100, 2, {200}, 1e-3, 9);
  auto e = bernoulliEvents(50, 100, 2, {200}, 1e-3, 9);
  auto f = bernoulliEvents(50, 100, 2, {200}, 1e-3, 10);
  EXPECT_TRUE(sameEvents(d, e));
  EXPECT_FALSE(sameEvents(d, f));
}

TEST(Stimulus, PoissonMeanAndVariance) {
  // Means 0.02 (sparse), 2 (the Brunel drive), 100 (rejection sampler).
  for (double mean : {0.02, 2.0, 100.0}) {
    const int64_t n = 1000, steps = 200;
    auto ev = poissonEvents(n, steps, 1, {mean / 1e-3}, 1e-3, 5);
    double m, v;
    moments(ev, n * steps, m, v);
    EXPECT_NEAR(m, mean, 0.02 * mean + 0.001) << mean;
    EXPECT_NEAR(v, mean, 0.05 * mean + 0.001) << mean;
    for (const Event &e : ev[0])
      ASSERT_EQ(e.value, std::floor(e.value));
  }
}

TEST(Stimulus, BernoulliRateAndPerNeuronRates) {
  const int64_t steps = 4000;
  auto ev = bernoulliEvents(3, steps, 1, {0, 100, 1000}, 1e-3, 3);
  int64_t count[3] = {};
  for (const Event &e : ev[0]) {
    ASSERT_EQ(e.value, 1.0);
    ++count[e.neuron];
  }
  EXPECT_EQ(count[0], 0);
  EXPECT_NEAR(count[1], 0.1 * steps, 0.1 * 0.1 * steps);
  EXPECT_EQ(count[2], steps); // p = 1 fires every step
  auto pe = poissonEvents(2, steps, 1, {0, 500}, 1e-3, 3);
  double sum[2] = {};
  for (const Event &e : pe[0])
    sum[e.neuron] += e.value;
  EXPECT_EQ(sum[0], 0);
  EXPECT_NEAR(sum[1] / steps, 0.5, 0.05);
}

TEST(Stimulus, BadArgumentsThrow) {
  EXPECT_THROW(BernoulliSource(2, {2000}, 1e-3, 1), std::runtime_error);
  EXPECT_THROW(PoissonSource(3, {1, 2}, 1e-3, 1), std::runtime_error);
  EXPECT_THROW(PoissonSource(3, {-1}, 1e-3, 1), std::runtime_error);
  PoissonSource s(2, {10}, 1e-3, 1);
  std::vector<double> v(2);
  s.begin(0);
  EXPECT_THROW(s.fill(1, v), std::runtime_error); // steps must be in order
}
