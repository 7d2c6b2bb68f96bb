//===- ConvPoolTest.cpp - Convolution and pooling against naive loops -----===//
#include "PlainCheck.h"
#include "TestImages.h"

#include <gtest/gtest.h>

using namespace nmc;
using namespace nmc::test;

namespace {

struct ConvCase {
  int64_t cin, h, w, cout, kh, kw, sh, sw, dh, dw, plh, plw, phh, phw, groups;
  bool oneD = false;
  int64_t oh() const { return (h + plh + phh - dh * (kh - 1) - 1) / sh + 1; }
  int64_t ow() const { return (w + plw + phw - dw * (kw - 1) - 1) / sw + 1; }
};

double pseudo(int64_t k) { return ((k * 104729) % 301 - 150) / 71.0; }

/// PyTorch Conv2d by its definition: out = bias + sum over the group's
/// channels and kernel taps of w * zero-padded input.
std::vector<double> naiveConv(const ConvCase &c, const std::vector<double> &x,
                              const std::vector<double> &w,
                              const std::vector<double> &b) {
  const int64_t cinG = c.cin / c.groups, coutG = c.cout / c.groups;
  std::vector<double> out(c.cout * c.oh() * c.ow());
  for (int64_t oc = 0; oc < c.cout; ++oc)
    for (int64_t oy = 0; oy < c.oh(); ++oy)
      for (int64_t ox = 0; ox < c.ow(); ++ox) {
        double acc = b[oc];
        for (int64_t cl = 0; cl < cinG; ++cl)
          for (int64_t ky = 0; ky < c.kh; ++ky)
            for (int64_t kx = 0; kx < c.kw; ++kx) {
              int64_t y = oy * c.sh - c.plh + ky * c.dh;
              int64_t xx = ox * c.sw - c.plw + kx * c.dw;
              if (y < 0 || y >= c.h || xx < 0 || xx >= c.w)
                continue;
              int64_t ic = oc / coutG * cinG + cl;
              acc += w[((oc * cinG + cl) * c.kh + ky) * c.kw + kx] *
                     x[(ic * c.h + y) * c.w + xx];
            }
        out[(oc * c.oh() + oy) * c.ow() + ox] = acc;
      }
  return out;
}

/// Runs `c` on one step of input `x`, given as events (sparse path) and
/// through an identity neuron (dense path); checks both against naiveConv.
/// Runs `img` for one step with the nonzeros of `x` as events of node "in"
/// and returns the outputs of its nodes "sparse" and "dense".
std::pair<std::vector<double>, std::vector<double>>
runSparseAndDense(const Image &img, const std::vector<double> &x) {
  engine::RunConfig cfg;
  cfg.steps = 1;
  std::vector<engine::Event> ev;
  for (int64_t i = 0; i < static_cast<int64_t>(x.size()); ++i)
    if (x[i] != 0)
      ev.push_back({0, i, x[i]});
  cfg.inputs["in"] = {ev};
  cfg.traceNodes = {"sparse", "dense"};
  auto r = runBothEngines(img, cfg);
  return {trace0(r, "sparse", "out"), trace0(r, "dense", "out")};
}

void checkConv(const ConvCase &c, const std::vector<double> &x) {
  const int64_t n = c.cin * c.h * c.w;
  std::vector<double> w(c.cout * (c.cin / c.groups) * c.kh * c.kw), b(c.cout);
  for (size_t k = 0; k < w.size(); ++k)
    w[k] = pseudo(k);
  for (int64_t k = 0; k < c.cout; ++k)
    b[k] = 0.25 * k;
  std::vector<int64_t> in = c.oneD ? std::vector<int64_t>{c.cin, c.w}
                                   : std::vector<int64_t>{c.cin, c.h, c.w};
  std::vector<int64_t> out = c.oneD
                                 ? std::vector<int64_t>{c.cout, c.ow()}
                                 : std::vector<int64_t>{c.cout, c.oh(), c.ow()};
  auto conv = [&](const std::string &name, uint32_t src) {
    Node node = makeNode(name, "conv", in, out, from({src}));
    node.f["weight"] = w;
    node.f["bias"] = b;
    if (c.oneD) {
      node.i["stride"] = {c.sw};
      node.i["dilation"] = {c.dw};
      node.i["pad_lo"] = {c.plw};
      node.i["pad_hi"] = {c.phw};
    } else {
      node.i["stride"] = {c.sh, c.sw};
      node.i["dilation"] = {c.dh, c.dw};
      node.i["pad_lo"] = {c.plh, c.plw};
      node.i["pad_hi"] = {c.phh, c.phw};
    }
    node.i["groups"] = {c.groups};
    return node;
  };
  Image img;
  Node inNode = inputNode("in", in);
  Node id =
      neuronNode("id", n, identityCoeffs(), false, false, false, from({0}));
  id.inShape = id.outShape = in;
  img.nodes = {inNode, id, conv("sparse", 0), conv("dense", 1)};
  auto [s, d] = runSparseAndDense(img, x);
  EXPECT_EQ(s, d);
  auto want = naiveConv(c, x, w, b);
  ASSERT_EQ(s.size(), want.size());
  for (size_t k = 0; k < want.size(); ++k)
    EXPECT_NEAR(s[k], want[k], 1e-12) << "output " << k;
}

std::vector<double> sparseInput(int64_t n, std::initializer_list<int64_t> at) {
  std::vector<double> x(n, 0);
  for (int64_t i : at)
    x[i] = 1 + 0.5 * (i % 3);
  return x;
}

std::vector<double> denseInput(int64_t n) {
  std::vector<double> x(n);
  for (int64_t i = 0; i < n; ++i)
    x[i] = pseudo(i + 1000);
  return x;
}

} // namespace

TEST(Conv2d, StridePaddingDilationGroups) {
  ConvCase c{4, 7, 6, 6, 3, 2, 2, 1, 1, 2, 1, 0, 1, 1, 2};
  const int64_t n = c.cin * c.h * c.w;
  checkConv(c, denseInput(n));
  checkConv(c, sparseInput(n, {0, 17, 41, 100, 167}));
}

TEST(Conv2d, PlainSamePadding) {
  ConvCase c{2, 5, 5, 3, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1};
  checkConv(c, denseInput(50));
  checkConv(c, sparseInput(50, {12, 24, 49}));
}

TEST(Conv1d, StrideDilationPadding) {
  ConvCase c{3, 1, 10, 2, 1, 3, 1, 2, 1, 2, 0, 2, 0, 1, 1, true};
  checkConv(c, denseInput(30));
  checkConv(c, sparseInput(30, {0, 9, 29}));
}

TEST(Conv2d, AmbiguousKernelNeedsKernelSize) {
  // 12 cells per kernel fit both 3x4 and 4x3 for these shapes.
  Node node = makeNode("c", "conv", {1, 8, 8}, {1, 4, 4}, from({0}));
  node.f["weight"] = std::vector<double>(12, 1.0);
  node.i["stride"] = {2, 2};
  node.i["pad_lo"] = {1, 1};
  node.i["pad_hi"] = {1, 1};
  Image img;
  img.nodes = {inputNode("in", {1, 8, 8}), node};
  EXPECT_THROW(engine::Engine{img}, std::runtime_error);
  img.nodes[1].i["kernel_size"] = {3, 4};
  EXPECT_NO_THROW(engine::Engine{img});
}

namespace {

/// Sum pooling by definition (padding cells are zero); avg divides by kH*kW.
std::vector<double> naivePool(const std::vector<double> &x, int64_t ch,
                              int64_t h, int64_t w, int64_t kh, int64_t kw,
                              int64_t s, int64_t p, bool avg, int64_t &oh,
                              int64_t &ow) {
  oh = (h + 2 * p - kh) / s + 1;
  ow = (w + 2 * p - kw) / s + 1;
  std::vector<double> out;
  for (int64_t c = 0; c < ch; ++c)
    for (int64_t oy = 0; oy < oh; ++oy)
      for (int64_t ox = 0; ox < ow; ++ox) {
        double acc = 0;
        for (int64_t ky = 0; ky < kh; ++ky)
          for (int64_t kx = 0; kx < kw; ++kx) {
            int64_t y = oy * s - p + ky, xx = ox * s - p + kx;
            if (y >= 0 && y < h && xx >= 0 && xx < w)
              acc += x[(c * h + y) * w + xx];
          }
        out.push_back(avg ? acc / (kh * kw) : acc);
      }
  return out;
}

} // namespace

TEST(Pooling, SumAndAvgOnBothPaths) {
  const int64_t ch = 2, h = 5, w = 6, kh = 2, kw = 3, s = 2, p = 1;
  const int64_t n = ch * h * w;
  for (const char *kind : {"sum_pool", "avg_pool"}) {
    for (const auto &x : {denseInput(n), sparseInput(n, {0, 7, 59})}) {
      int64_t oh, ow;
      auto want = naivePool(x, ch, h, w, kh, kw, s, p,
                            std::string(kind) == "avg_pool", oh, ow);
      auto pool = [&](const std::string &name, uint32_t src) {
        Node node = makeNode(name, kind, {ch, h, w}, {ch, oh, ow}, from({src}));
        node.i["kernel_size"] = {kh, kw};
        node.i["stride"] = {s, s};
        node.i["padding"] = {p, p};
        return node;
      };
      Node id =
          neuronNode("id", n, identityCoeffs(), false, false, false, from({0}));
      Image img;
      img.nodes = {inputNode("in", {ch, h, w}), id, pool("sparse", 0),
                   pool("dense", 1)};
      auto [sp, de] = runSparseAndDense(img, x);
      EXPECT_EQ(sp, de) << kind;
      ASSERT_EQ(sp.size(), want.size());
      for (size_t k = 0; k < want.size(); ++k)
        EXPECT_NEAR(sp[k], want[k], 1e-12) << kind << " output " << k;
    }
  }
}
