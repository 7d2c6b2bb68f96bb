//===- BatchTest.cpp - Samples, precision, streaming sources --------------===//
#include "PlainCheck.h"
#include "TestImages.h"

#include "nmc/Sim/Stimulus.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace nmc;
using namespace nmc::test;

namespace {

/// in(20) -> lif(20) -> fc(20->10) -> lif2(10), with a delayed
/// lif2 -> fc2 -> lif loop.
Image smallNetwork() {
  model::ContinuousParams p;
  p.tau = 5;
  p.r = 5;
  p.vThreshold = 0.6;
  auto c = model::discretizeNeuron(model::NeuronType::LIF, p, 1.0,
                                   model::Method::Exact);
  std::vector<double> w1(20 * 10), w2(10 * 20);
  for (size_t k = 0; k < w1.size(); ++k)
    w1[k] = ((k * 37) % 11) / 10.0 - 0.3;
  for (size_t k = 0; k < w2.size(); ++k)
    w2[k] = ((k * 53) % 7) / 20.0 - 0.1;
  Image img;
  img.nodes = {
      inputNode("in", {20}),
      neuronNode("lif", 20, c, false, true, false, {{0, false}, {4, true}}),
      affineNode("fc", 20, 10, w1, {}, from({1})),
      neuronNode("lif2", 10, c, false, true, true, from({2})),
      affineNode("fc2", 10, 20, w2, {}, from({3}))};
  return img;
}

std::vector<engine::Event> sampleEvents(int seed) {
  std::vector<engine::Event> ev;
  for (int64_t t = 0; t < 60; ++t)
    for (int64_t i = 0; i < 20; ++i)
      if ((t * 13 + i * 7 + seed * 5) % 9 == 0)
        ev.push_back({t, i, 1.0});
  return ev;
}

engine::RunConfig baseConfig() {
  engine::RunConfig cfg;
  cfg.steps = 60;
  cfg.traceNodes = {"lif", "lif2"};
  return cfg;
}

} // namespace

TEST(Batch, SamplesAreIndependentRuns) {
  engine::Engine eng(smallNetwork());
  engine::RunConfig batch = baseConfig();
  batch.batch = 3;
  batch.inputs["in"] = {sampleEvents(0), sampleEvents(1), sampleEvents(2)};
  auto all = runBothEngines(eng, batch);
  for (int s = 0; s < 3; ++s) {
    engine::RunConfig one = baseConfig();
    one.inputs["in"] = {sampleEvents(s)};
    auto single = runBothEngines(eng, one);
    for (const char *node : {"lif", "lif2"}) {
      const auto &a = all.find(node)->traces.at("v");
      const auto &b = single.find(node)->traces.at("v");
      const int64_t per = b.size();
      EXPECT_TRUE(std::equal(b.begin(), b.end(), a.begin() + s * per))
          << node << " sample " << s;
      const auto &sa = all.find(node)->spikes[s];
      const auto &sb = single.find(node)->spikes[0];
      ASSERT_EQ(sa.size(), sb.size());
      for (size_t k = 0; k < sa.size(); ++k)
        EXPECT_TRUE(sa[k].step == sb[k].step && sa[k].neuron == sb[k].neuron);
    }
  }
  EXPECT_GT(all.find("lif2")->spikeCount, 0);
}

TEST(Batch, SharedInputListAndInitialV) {
  engine::Engine eng(smallNetwork());
  engine::RunConfig cfg = baseConfig();
  cfg.batch = 2;
  cfg.inputs["in"] = {sampleEvents(1)}; // one list for every sample
  cfg.initialV["lif"] = {0.5};
  auto r = runBothEngines(eng, cfg);
  const auto &v = r.find("lif")->traces.at("v");
  const size_t half = v.size() / 2;
  EXPECT_TRUE(std::equal(v.begin(), v.begin() + half, v.begin() + half));
  // Step 0 of neuron 19 (no input then): v = a * 0.5.
  EXPECT_NEAR(v[19], std::exp(-1.0 / 5) * 0.5, 1e-12);
}

TEST(Precision, Float32IsCloseToFloat64) {
  // A leaky readout (no thresholds, so no spike-timing flips).
  model::ContinuousParams p;
  p.tau = 7;
  p.r = 1;
  auto c = model::discretizeNeuron(model::NeuronType::LI, p, 1.0,
                                   model::Method::Exact);
  std::vector<double> w(20 * 5);
  for (size_t k = 0; k < w.size(); ++k)
    w[k] = std::sin(0.37 * k);
  Image img;
  img.nodes = {inputNode("in", {20}),
               affineNode("fc", 20, 5, w, {0.1, 0, 0, 0, -0.2}, from({0})),
               neuronNode("li", 5, c, false, false, false, from({1}))};
  engine::RunConfig cfg = baseConfig();
  cfg.traceNodes = {"li"};
  cfg.inputs["in"] = {sampleEvents(0)};
  auto d = runBothEngines(img, cfg);
  cfg.float32 = true;
  auto f = runBothEngines(img, cfg);
  const auto &a = d.find("li")->traces.at("v");
  const auto &b = f.find("li")->traces.at("v");
  ASSERT_EQ(a.size(), b.size());
  bool differs = false;
  for (size_t k = 0; k < a.size(); ++k) {
    EXPECT_NEAR(a[k], b[k], 1e-5 * (1 + std::abs(a[k])));
    differs |= a[k] != b[k];
  }
  EXPECT_TRUE(differs) << "float32 run looks like float64";
}

TEST(Sources, StreamingEqualsMaterializedEvents) {
  engine::Engine eng(smallNetwork());
  engine::RunConfig streamed = baseConfig();
  streamed.batch = 2;
  streamed.sources["in"] = std::make_shared<sim::BernoulliSource>(
      20, std::vector<double>{80}, 1e-3, 42);
  engine::RunConfig listed = baseConfig();
  listed.batch = 2;
  listed.inputs["in"] = sim::bernoulliEvents(20, 60, 2, {80}, 1e-3, 42);
  auto a = runBothEngines(eng, streamed), b = runBothEngines(eng, listed);
  EXPECT_EQ(a.find("lif")->traces.at("v"), b.find("lif")->traces.at("v"));
  EXPECT_TRUE(a.find("in")->spiking); // binary source
  EXPECT_EQ(a.find("in")->spikeCount, b.find("in")->spikeCount);
  EXPECT_GT(a.find("in")->spikeCount, 0);
}

TEST(Progress, CallbackReachesTotal) {
  engine::Engine eng(smallNetwork());
  engine::RunConfig cfg = baseConfig();
  cfg.steps = 600;
  cfg.batch = 2;
  std::vector<int64_t> seen;
  cfg.progress = [&](int64_t done, int64_t total) {
    EXPECT_EQ(total, 1200);
    seen.push_back(done);
  };
  eng.run(cfg);
  ASSERT_FALSE(seen.empty());
  EXPECT_EQ(seen.back(), 1200);
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
}
