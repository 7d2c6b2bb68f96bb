//===- CompareRunsTest.cpp - The comparison report --------------*- C++ -*-===//
//
// Two hand-made runs; every expected number is worked out in the comments.
//===----------------------------------------------------------------------===//
#include "nmc/Sim/Compare.h"

#include <gtest/gtest.h>

#include <cmath>

namespace nmc::sim {
namespace {

double number(const Report &r, const std::string &section,
              const std::string &key) {
  const Section *s = r.find(section);
  if (!s || !s->find(key)) {
    ADD_FAILURE() << "no value " << section << " / " << key;
    return NAN;
  }
  const Scalar &v = s->find(key)->value;
  if (const auto *i = std::get_if<int64_t>(&v))
    return static_cast<double>(*i);
  return std::get<double>(v);
}

std::string text(const Report &r, const std::string &section,
                 const std::string &key) {
  const Value *v = r.find(section) ? r.find(section)->find(key) : nullptr;
  return v && std::holds_alternative<std::string>(v->value)
             ? std::get<std::string>(v->value)
             : "<none>";
}

/// 2 samples x 3 steps x 2 neurons; rows are (sample, step).
NodeRecord::Trace trace(std::vector<double> data) {
  return {2, 3, 2, std::move(data)};
}

/// Node "hidden" with `spikes` (CSV-like: sizes unknown), node "out" with
/// trace v only, and node `only`.
RunRecord makeRun(std::string source, std::vector<Spike> spikes,
                  std::vector<double> v, const std::string &only) {
  RunRecord r{std::move(source), {}};
  r.nodes["hidden"].hasSpikes = true;
  r.nodes["hidden"].spikes = std::move(spikes);
  r.nodes["out"].traces["v"] = trace(std::move(v));
  r.nodes[only];
  return r;
}

RunRecord runA() {
  RunRecord r = makeRun("A", {{0, 1, 0}, {0, 4, 0}, {0, 2, 1}, {1, 3, 2}},
                        {0, 0, 0.1, 0.2, 0.5, 0.3, //
                         0, 0, 0.2, 0.1, 0.1, 0.4},
                        "onlyA");
  r.nodes["out"].traces["i"] = trace(std::vector<double>(12, 0.0));
  return r;
}

RunRecord runB() {
  return makeRun("B", {{0, 1, 0}, {0, 5, 0}, {1, 3, 2}, {1, 0, 1}},
                 {0, 0, 0.1, 0.2, 0.4, 0.3, //
                  0, 0, 0.2, 0.1, 0.3, 0.4},
                 "onlyB");
}

TEST(CompareRuns, SpikingLayer) {
  Report r = compareRuns(runA(), runB(), {2, "out"});
  const std::string h = "node hidden";
  // Samples and neurons from the largest indices: 2 x 3.
  EXPECT_EQ(number(r, h, "samples"), 2);
  EXPECT_EQ(number(r, h, "neurons"), 3);
  EXPECT_EQ(number(r, h, "spikes_a"), 4);
  EXPECT_EQ(number(r, h, "spikes_b"), 4);
  // Shared (0,1,0) and (1,3,2); A alone (0,4,0) (0,2,1); B alone (0,5,0)
  // (1,0,1).
  EXPECT_EQ(number(r, h, "both"), 2);
  EXPECT_EQ(number(r, h, "only_a"), 2);
  EXPECT_EQ(number(r, h, "only_b"), 2);
  EXPECT_NEAR(number(r, h, "agreement"), 100.0 / 3, 1e-12);
  // Counts per (sample, neuron): A = 2 1 0 0 0 1, B = 2 0 0 0 1 1; both
  // means 2/3; sxy = 21/9, sxx = syy = 30/9: r = 0.7.
  EXPECT_NEAR(number(r, h, "count_correlation"), 0.7, 1e-12);
  // van Rossum, tau 2: sample 0 neuron 0 {1,4} vs {1,5}: 1 - e^{-1/2};
  // (0,1) {2} vs {} and (1,1) {} vs {0}: 1/2 each; the other three: 0.
  double d00 = std::sqrt(1 - std::exp(-0.5)), half = std::sqrt(0.5);
  EXPECT_NEAR(number(r, h, "van_rossum_mean"), (d00 + 2 * half) / 6, 1e-12);
  EXPECT_NEAR(number(r, h, "van_rossum_max"), half, 1e-12);
  // Most-spiking neuron: sample 0: 0 and 0; sample 1: 2 (counts 0 0 1)
  // and 1 (counts 0 1 1, lowest index of the tie).
  EXPECT_NEAR(number(r, h, "argmax_agreement"), 50, 1e-12);
}

TEST(CompareRuns, TraceLayer) {
  Report r = compareRuns(runA(), runB(), {2, "out"});
  const std::string o = "node out";
  // v differs by 0.1 (sample 0, step 2, neuron 0) and 0.2 (sample 1, step
  // 2, neuron 0) out of 12 values.
  EXPECT_NEAR(number(r, o, "v_rmse"), std::sqrt((0.01 + 0.04) / 12), 1e-12);
  EXPECT_NEAR(number(r, o, "v_max_error"), 0.2, 1e-12);
  EXPECT_EQ(text(r, o, "traces_only_a"), "i");
  EXPECT_EQ(r.find(o)->find("traces_only_b"), nullptr);
  EXPECT_EQ(r.find(o)->find("both"), nullptr); // no spikes recorded
  // Largest v at the last step: sample 0: neuron 0 (0.5 / 0.4 vs 0.3);
  // sample 1: neuron 1 (0.4 vs 0.1 / 0.3).
  EXPECT_NEAR(number(r, o, "argmax_agreement"), 100, 1e-12);
}

TEST(CompareRuns, Summary) {
  Report r = compareRuns(runA(), runB(), {2, "out"});
  ASSERT_FALSE(r.sections.empty());
  EXPECT_EQ(r.sections.front().name, "summary");
  EXPECT_EQ(r.sections.size(), 3u); // summary, node hidden, node out
  EXPECT_EQ(text(r, "summary", "run_a"), "A");
  EXPECT_EQ(number(r, "summary", "nodes_compared"), 2);
  EXPECT_EQ(text(r, "summary", "nodes_only_a"), "onlyA");
  EXPECT_EQ(text(r, "summary", "nodes_only_b"), "onlyB");
  EXPECT_EQ(number(r, "summary", "tau"), 2);
  EXPECT_EQ(number(r, "summary", "both"), 2);
  EXPECT_EQ(number(r, "summary", "only_a"), 2);
  EXPECT_EQ(number(r, "summary", "only_b"), 2);
  EXPECT_EQ(text(r, "summary", "output_layer"), "out");
  EXPECT_NEAR(number(r, "summary", "argmax_agreement"), 100, 1e-12);
  ASSERT_EQ(r.sections.front().tables.size(), 1u);
  const Table &t = r.sections.front().tables[0];
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0][0], Scalar(std::string("hidden")));
  EXPECT_EQ(t.rows[0][3], Scalar(int64_t(2)));                       // both
  EXPECT_TRUE(std::holds_alternative<std::monostate>(t.rows[1][1])); // out
}

TEST(CompareRuns, IdenticalRunsAgreeFully) {
  Report r = compareRuns(runA(), runA(), {5, ""});
  EXPECT_EQ(number(r, "node hidden", "only_a"), 0);
  EXPECT_EQ(number(r, "node hidden", "agreement"), 100);
  EXPECT_EQ(number(r, "node hidden", "count_correlation"), 1);
  EXPECT_EQ(number(r, "node hidden", "van_rossum_max"), 0);
  EXPECT_EQ(number(r, "node out", "v_max_error"), 0);
  EXPECT_EQ(r.find("summary")->find("output_layer"), nullptr);
}

/// Expects compareRuns to fail with a message containing `text`.
void expectError(const RunRecord &a, const RunRecord &b,
                 const std::string &text, std::string layer = "") {
  try {
    compareRuns(a, b, {2, layer});
    ADD_FAILURE() << "no error; expected: " << text;
  } catch (const std::runtime_error &e) {
    EXPECT_NE(std::string(e.what()).find(text), std::string::npos) << e.what();
  }
}

TEST(CompareRuns, SizeMismatchesNameTheNode) {
  RunRecord a = runA(), b = runB();
  a.nodes["hidden"].neurons = 3;
  b.nodes["hidden"].neurons = 4;
  expectError(a, b, "node 'hidden': A has 3 neurons, B has 4");
  b.nodes["hidden"].neurons = -1;
  a.nodes["hidden"].neurons = 2;
  expectError(a, b,
              "node 'hidden': A has a spike of neuron 2, but the "
              "node has 2 neurons");
  RunRecord c = runB();
  c.nodes["out"].traces["v"] = {2, 2, 2, std::vector<double>(8, 0.0)};
  expectError(runA(), c,
              "node 'out': trace 'v' is 2 x 3 x 2 (samples x steps x "
              "neurons) in A but 2 x 2 x 2 in B");
  c.nodes["out"].traces["v"] = {2, 3, 3, std::vector<double>(18, 0.0)};
  expectError(runA(), c, "node 'out': A has 2 neurons, B has 3");
  RunRecord d = runB();
  d.nodes["hidden"].spikes.push_back({2, 0, 0}); // out's traces: 2 samples
  expectError(runA(), d,
              "B: node 'hidden': spike in sample 2, but the run "
              "has 2 samples");
  expectError(runA(), runB(), "output layer 'onlyA' is not in both runs",
              "onlyA");
}

} // namespace
} // namespace nmc::sim
