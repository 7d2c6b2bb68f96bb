//===- GraphTest.cpp - Edges, delays, weights, elementwise nodes ----------===//
#include "PlainCheck.h"
#include "TestImages.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace nmc;
using namespace nmc::test;

namespace {

engine::RunResult runWith(const Image &img, int64_t steps,
                          std::vector<engine::Event> in,
                          std::vector<std::string> traces,
                          const std::string &input = "in") {
  engine::RunConfig cfg;
  cfg.steps = steps;
  cfg.inputs[input] = {std::move(in)};
  cfg.traceNodes = std::move(traces);
  return runBothEngines(img, cfg);
}

/// Deterministic pseudo-random values for test data.
double pseudo(int64_t k) { return ((k * 7919) % 201 - 100) / 37.0; }

} // namespace

TEST(Delay, PerElementSteps) {
  Image img;
  Node d = makeNode("d", "delay", {3}, {3}, from({0}));
  d.i["steps"] = {0, 2, 5};
  img.nodes = {inputNode("in", {3}), d, outputNode("out", {3}, from({1}))};
  auto r = runWith(img, 8, {{1, 0, 1.0}, {1, 1, 1.0}, {1, 2, 1.0}, {2, 1, 1.0}},
                   {"out"});
  auto out = trace0(r, "out", "out");
  auto at = [&](int64_t t, int64_t i) { return out[t * 3 + i]; };
  for (int64_t t = 0; t < 8; ++t) {
    EXPECT_EQ(at(t, 0), t == 1 ? 1.0 : 0.0) << t;
    EXPECT_EQ(at(t, 1), t == 3 || t == 4 ? 1.0 : 0.0) << t;
    EXPECT_EQ(at(t, 2), t == 6 ? 1.0 : 0.0) << t;
  }
  const engine::NodeResult *o = r.find("out");
  EXPECT_TRUE(o->spiking);
  ASSERT_EQ(o->spikes[0].size(), 4u);
  EXPECT_EQ(o->spikes[0][1].step, 3); // ordered by (step, neuron)
}

TEST(Delay, UniformSparseAndDenseAgree) {
  // Same values through a delay of 3: as events, and as a dense signal
  // (after an identity neuron).
  const int64_t n = 40;
  Image img;
  Node d1 = makeNode("d1", "delay", {n}, {n}, from({0}));
  d1.i["steps"] = std::vector<int64_t>(n, 3);
  Node d2 = d1;
  d2.name = "d2";
  d2.inputs = from({1});
  img.nodes = {
      inputNode("in", {n}),
      neuronNode("id", n, identityCoeffs(), false, false, false, from({0})), d1,
      d2};
  img.nodes[2].inputs = from({0});
  std::vector<engine::Event> ev = {{0, 5, 2.0}, {1, 7, -1.0}, {4, 39, 0.5}};
  auto r = runWith(img, 10, ev, {"d1", "d2"});
  EXPECT_EQ(trace0(r, "d1", "out"), trace0(r, "d2", "out"));
  EXPECT_EQ(trace0(r, "d1", "out")[3 * n + 5], 2.0);
  EXPECT_EQ(trace0(r, "d1", "out")[7 * n + 39], 0.5);
}

TEST(Recurrence, DelayedBackEdgeAddsOneStep) {
  // in -> n (IF) -> w -> n (delayed): one input spike keeps n firing on
  // every step, each spike fed back exactly one step later.
  model::DiscreteCoeffs c;
  c.aMem = 1;
  c.cMemIn = 1;
  c.vThreshold = 0.5;
  Image img;
  img.nodes = {
      inputNode("in", {1}),
      neuronNode("n", 1, c, false, true, false, {{0, false}, {2, true}}),
      affineNode("w", 1, 1, {0.7}, {}, from({1}))};
  auto r = runWith(img, 5, events({{0, 0}}), {"n", "w"});
  EXPECT_EQ(trace0(r, "n", "out"), (std::vector<double>{1, 1, 1, 1, 1}));
  EXPECT_EQ(trace0(r, "w", "out"),
            (std::vector<double>{0.7, 0.7, 0.7, 0.7, 0.7}));
  // Without the back edge only step 0 fires; with a two-step loop (extra
  // delay node of 1) every other step fires.
  Node d = makeNode("d", "delay", {1}, {1}, from({2}));
  d.i["steps"] = {1};
  img.nodes.push_back(d);
  img.nodes[1].inputs = {{0, false}, {3, true}};
  auto r2 = runWith(img, 5, events({{0, 0}}), {"n"});
  EXPECT_EQ(trace0(r2, "n", "out"), (std::vector<double>{1, 0, 1, 0, 1}));
}

TEST(Recurrence, DelayedEdgeFromEarlierNodeReadsPreviousStep) {
  // `delayed` means "previous step" whatever the execution order.
  Image img;
  img.nodes = {inputNode("in", {2}), outputNode("now", {2}, from({0})),
               outputNode("late", {2}, {{0, true}})};
  auto r = runWith(img, 3, {{0, 0, 1.0}, {1, 1, 3.0}}, {"now", "late"});
  EXPECT_EQ(trace0(r, "now", "out"), (std::vector<double>{1, 0, 0, 3, 0, 0}));
  EXPECT_EQ(trace0(r, "late", "out"), (std::vector<double>{0, 0, 1, 0, 0, 3}));
}

TEST(FanIn, InputsAreSummed) {
  Image img;
  Node s1 = makeNode("s1", "scale", {2}, {2}, from({0}));
  s1.f["scale"] = {2, 3};
  Node s2 = makeNode("s2", "scale", {2}, {2}, from({0}));
  s2.f["scale"] = {-1, 10};
  img.nodes = {inputNode("in", {2}), s1, s2,
               outputNode("out", {2}, from({1, 2, 0}))};
  auto r = runWith(img, 2, {{0, 0, 1.0}, {1, 1, 0.5}}, {"out"});
  // out = (2 - 1 + 1) x0 ; (3 + 10 + 1) x1.
  EXPECT_EQ(trace0(r, "out", "out"), (std::vector<double>{2, 0, 0, 7}));
}

TEST(FanIn, SparseAndDenseSumsAgree) {
  const int64_t n = 64;
  Image img;
  Node s = makeNode("s", "scale", {n}, {n}, from({0}));
  std::vector<double> scale;
  for (int64_t i = 0; i < n; ++i)
    scale.push_back(pseudo(i));
  s.f["scale"] = scale;
  img.nodes = {
      inputNode("in", {n}), s,
      neuronNode("id", n, identityCoeffs(), false, false, false, from({0})),
      outputNode("sparse", {n}, from({0, 1})),
      outputNode("dense", {n}, from({2, 1}))};
  std::vector<engine::Event> ev = {{0, 3, 1.5}, {0, 60, -2.0}, {2, 3, 0.25}};
  auto r = runWith(img, 3, ev, {"sparse", "dense"});
  auto a = trace0(r, "sparse", "out"), b = trace0(r, "dense", "out");
  EXPECT_EQ(a, b);
  EXPECT_DOUBLE_EQ(a[3], 1.5 + 1.5 * pseudo(3));
}

TEST(Affine, MatchesNaiveProductOnBothPaths) {
  const int64_t in = 64, out = 5;
  std::vector<double> w(in * out), b(out);
  for (int64_t k = 0; k < in * out; ++k)
    w[k] = pseudo(k);
  for (int64_t o = 0; o < out; ++o)
    b[o] = 0.5 * o - 1;
  Image img;
  img.nodes = {
      inputNode("in", {in}),
      neuronNode("id", in, identityCoeffs(), false, false, false, from({0})),
      affineNode("sparse", in, out, w, b, from({0})),
      affineNode("dense", in, out, w, b, from({1}))};
  std::vector<engine::Event> ev = {
      {0, 1, 1.0}, {0, 40, 1.0}, {1, 63, -0.5}, {2, 7, 2.0}};
  auto r = runWith(img, 4, ev, {"sparse", "dense"});
  auto s = trace0(r, "sparse", "out"), d = trace0(r, "dense", "out");
  EXPECT_EQ(s, d); // bit-identical
  std::vector<double> x(in);
  for (int64_t t = 0; t < 4; ++t) {
    std::fill(x.begin(), x.end(), 0);
    for (auto &e : ev)
      if (e.step == t)
        x[e.neuron] += e.value;
    for (int64_t o = 0; o < out; ++o) {
      double y = b[o];
      for (int64_t i = 0; i < in; ++i)
        y += w[o * in + i] * x[i];
      EXPECT_NEAR(s[t * out + o], y, 1e-12) << t << "," << o;
    }
  }
  // Nonzero inputs x fan-out, on each weight node.
  EXPECT_EQ(r.synapticEvents, 2 * (4 * out));
}

TEST(SparseAffine, StoredTypesGiveTheSameRun) {
  // The CSR of CsrBySource with float32 weights and int16 / int32 indices
  // (as a NIR file with float32/int32 data yields): the engine reads them
  // in place and must compute exactly what the float64/int64 image gives.
  // Row 0 has two weights (per-synapse path), a second network one weight
  // per row (the row-weight path).
  for (bool perRow : {false, true}) {
    std::vector<float> w32 = perRow ? std::vector<float>{0.5f, 0.5f, 2, 2}
                                    : std::vector<float>{0.5f, -1, 2, 4};
    auto build = [&](bool narrow) {
      Node w = makeNode("w", "sparse_affine", {3}, {4}, from({0}));
      w.i["indptr"] = IntArray::owning(std::vector<int32_t>{0, 2, 2, 4});
      w.i["indices"] =
          narrow ? IntArray::owning(std::vector<int16_t>{1, 3, 0, 1})
                 : IntArray::owning(std::vector<int32_t>{1, 3, 0, 1});
      w.f["weight"] = FloatArray::owning(w32);
      Image img;
      img.nodes = {inputNode("in", {3}), w};
      return img;
    };
    std::vector<engine::Event> in = {{0, 0, 1.0}, {0, 2, 2.0}, {1, 1, 1.0}};
    const double a = w32[0], b = w32[1], c = w32[2], d = w32[3];
    const std::vector<double> expected = {2 * c, a + 2 * d, 0, b, 0, 0, 0, 0};
    for (bool narrow : {false, true}) {
      Image img = build(narrow);
      EXPECT_EQ(img.nodes[1].f["weight"].dtype(), DType::F32);
      auto r = runWith(img, 2, in, {"w"});
      EXPECT_EQ(trace0(r, "w", "out"), expected) << perRow << narrow;
    }
  }
}

TEST(SparseAffine, CsrBySource) {
  // 3 sources -> 4 targets: 0->{1,3}, 1->{}, 2->{0,1}.
  Node w = makeNode("w", "sparse_affine", {3}, {4}, from({0}));
  w.i["indptr"] = {0, 2, 2, 4};
  w.i["indices"] = {1, 3, 0, 1};
  w.f["weight"] = {0.5, -1, 2, 4};
  w.f["bias"] = {0, 0.1, 0, 0};
  Image img;
  img.nodes = {inputNode("in", {3}), w};
  auto r = runWith(img, 2, {{0, 0, 1.0}, {0, 2, 2.0}, {1, 1, 1.0}}, {"w"});
  EXPECT_EQ(trace0(r, "w", "out"),
            (std::vector<double>{2 * 2, 0.1 + 0.5 + 2 * 4, 0, -1, //
                                 0, 0.1, 0, 0}));
  EXPECT_EQ(r.synapticEvents, 2 + 2 + 0);
}

// Outputs up to 65536 store 16-bit targets, larger ones 32-bit
// (Program.h kNarrowTargets): both sides of the limit, including targets
// past 65535, add the same hand-computed values.
TEST(SparseAffine, NarrowAndWideTargets) {
  for (int64_t out : {int64_t(65536), int64_t(70001)}) {
    SCOPED_TRACE(out);
    const int64_t last = out - 1;
    // 2 sources: 0 -> {last, 7}, 1 -> {65534, last}.
    Node w = makeNode("w", "sparse_affine", {2}, {out}, from({0}));
    w.i["indptr"] = {0, 2, 4};
    w.i["indices"] = {last, 7, 65534, last};
    w.f["weight"] = {0.25, -2, 3, 0.5};
    Image img;
    img.nodes = {inputNode("in", {2}), w};
    auto r = runWith(img, 2, {{0, 0, 1.0}, {0, 1, 1.0}, {1, 1, 2.0}}, {"w"});
    const std::vector<double> &s = r.find("w")->traces.at("out");
    ASSERT_EQ(s.size(), static_cast<size_t>(2 * out));
    auto at = [&](int64_t t, int64_t i) { return s[t * out + i]; };
    EXPECT_EQ(at(0, 7), -2.0);
    EXPECT_EQ(at(0, 65534), 3.0);
    EXPECT_EQ(at(0, last), 0.25 + 0.5);
    EXPECT_EQ(at(1, 7), 0.0); // step 0's targets are cleared
    EXPECT_EQ(at(1, 65534), 6.0);
    EXPECT_EQ(at(1, last), 1.0);
    double total = 0;
    for (double x : s)
      total += std::abs(x);
    EXPECT_EQ(total, 2 + 3 + 0.75 + 6 + 1);
  }
}

TEST(Elementwise, ThresholdScaleFlatten) {
  Node th = makeNode("th", "threshold", {4}, {4}, from({0}));
  th.f["threshold"] = {0.5, 1.0, -1.0, 0.0};
  Node sc = makeNode("sc", "scale", {4}, {4}, from({0}));
  sc.f["scale"] = {1, 2, 3, 4};
  Node fl = makeNode("fl", "flatten", {2, 2}, {4}, from({2}));
  Image img;
  img.nodes = {inputNode("in", {4}), th, sc, fl};
  auto r =
      runWith(img, 1, {{0, 0, 0.5}, {0, 1, 2.0}, {0, 3, 0.1}}, {"th", "fl"});
  // strict >: 0.5 > 0.5 no; 2 > 1 yes; 0 > -1 yes (unlisted zero); 0.1 > 0.
  EXPECT_EQ(trace0(r, "th", "out"), (std::vector<double>{0, 1, 1, 1}));
  EXPECT_EQ(trace0(r, "fl", "out"), (std::vector<double>{0.5, 4, 0, 0.4}));
  EXPECT_EQ(r.find("th")->spikeCount, 3);
}

TEST(Validation, ErrorsNameTheNode) {
  auto expectError = [](const Image &img, const std::string &part) {
    try {
      engine::Engine e(img);
      FAIL() << "no error, expected: " << part;
    } catch (const std::runtime_error &err) {
      EXPECT_NE(std::string(err.what()).find(part), std::string::npos)
          << err.what();
    }
  };
  Image img;
  img.nodes = {inputNode("in", {3}),
               affineNode("fc", 3, 2, {1, 2, 3}, {}, from({0}))};
  expectError(img, "'fc' (affine): float array 'weight' has 3 elements, "
                   "expected 6");
  img.nodes[1] = makeNode("odd", "banana", {3}, {3}, from({0}));
  expectError(img, "'odd' (banana): unknown node kind");
  img.nodes[1] = outputNode("o", {4}, from({0}));
  expectError(img, "input 0 from 'in' has 3 elements");
  img.nodes[1] = outputNode("o", {3}, from({1}));
  expectError(img, "does not precede it");
  img.nodes[1] = outputNode("o", {3}, {});
  expectError(img, "'o' (output): has no inputs");
  Node n = neuronNode("lif", 3, {}, false, true, false, from({0}));
  std::vector<double> aMem = n.f["a_mem"].values();
  aMem.pop_back();
  n.f["a_mem"] = aMem;
  img.nodes[1] = n;
  expectError(img, "'lif' (neuron): float array 'a_mem' has 2 elements");
  Node s = makeNode("w", "sparse_affine", {3}, {2}, from({0}));
  s.i["indptr"] = {0, 1, 1, 2};
  s.i["indices"] = {0, 2};
  s.f["weight"] = {1, 1};
  img.nodes[1] = s;
  expectError(img, "'w' (sparse_affine): indices[1] = 2 is outside [0, 2)");
  // Non-finite parameters would run silently wrong.
  img.nodes[1] = affineNode("fc", 3, 1, {1, std::nan(""), 3}, {}, from({0}));
  expectError(img, "'fc' (affine): float array 'weight' element 1 is nan, "
                   "not a finite number");
  img.nodes[1] = affineNode("fc", 3, 1, {1, 2, 3}, {HUGE_VAL}, from({0}));
  expectError(img, "'fc' (affine): float array 'bias' element 0 is inf");
  expectError(Image(), "the network has no nodes");
}

TEST(Validation, RunConfigErrors) {
  Image img;
  img.nodes = {inputNode("in", {3}), outputNode("out", {3}, from({0}))};
  engine::Engine e(img);
  engine::RunConfig cfg;
  cfg.steps = 2;
  cfg.inputs["nope"] = {{}};
  EXPECT_THROW(e.run(cfg), std::runtime_error);
  cfg.inputs.clear();
  cfg.inputs["out"] = {{}};
  EXPECT_THROW(e.run(cfg), std::runtime_error);
  cfg.inputs.clear();
  cfg.inputs["in"] = {events({{0, 3}})};
  try {
    e.run(cfg);
    FAIL();
  } catch (const std::runtime_error &err) {
    EXPECT_NE(std::string(err.what()).find("input 'in' sample 0 event 0"),
              std::string::npos)
        << err.what();
  }
}

// Traces live in memory: a recording no machine can hold is refused up
// front with its size, not left to the allocator.
TEST(Validation, OversizedTracesAreRefused) {
  Image img;
  img.nodes = {inputNode("in", {1000}), outputNode("out", {1000}, from({0}))};
  engine::Engine e(img);
  engine::RunConfig cfg;
  cfg.steps = int64_t(1) << 40; // 8.8e15 bytes of trace
  cfg.traceNodes = {"out"};
  try {
    e.run(cfg);
    FAIL() << "no error";
  } catch (const std::runtime_error &err) {
    const std::string what = err.what();
    EXPECT_NE(what.find("recording traces of 'out'"), std::string::npos)
        << what;
    EXPECT_NE(what.find("8796093.0 GB"), std::string::npos) << what;
  }
}
