//===- GenCnn.cpp - A reduced paper CNN for the RTL co-simulation ---------===//
//
// nmc-rtl-gen-cnn writes the NIR paper CNN (paper_cnn_sinabs.nir) with the
// same layer kinds in the same order and smaller sizes, so that the RTL
// mesh can run it in lockstep with the emulator: input 2 x S x S ->
// Conv2d(2 -> C1, 5x5, stride 2, pad 1) -> IF -> Conv2d(C1 -> C2, 3x3,
// pad 1) -> IF -> SumPool2d 2x2 -> Conv2d(C2 -> C3, 3x3, pad 1) -> IF ->
// SumPool2d 2x2 -> Flatten -> Affine -> IF -> Affine -> IF -> output.
// Weights are drawn from a seed (uniform, biased positive so that every
// layer spikes); IF neurons as sinabs exports them (r 1, threshold 1).
//===----------------------------------------------------------------------===//
#include "nmc/NIR/NIRFile.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

using nmc::nir::Node;
using nmc::nir::Param;

namespace {

struct Sizes {
  int64_t side = 10, c1 = 4, c2 = 4, c3 = 4, hidden = 8, classes = 4;
  uint64_t seed = 1;
};

/// Uniform in [lo, hi) from the generator's top 53 bits (portable).
double uniform(std::mt19937_64 &rng, double lo, double hi) {
  return lo + (hi - lo) * double(rng() >> 11) * 0x1p-53;
}

Param weights(std::mt19937_64 &rng, std::vector<int64_t> shape, double lo,
              double hi) {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  std::vector<double> w(static_cast<size_t>(n));
  for (double &x : w)
    x = uniform(rng, lo, hi);
  return Param::floatArray(std::move(shape), std::move(w));
}

Param pair(int64_t v) { return Param::intArray({2}, {v, v}); }

Node conv(std::mt19937_64 &rng, const std::string &name, int64_t in,
          int64_t out, int64_t k, int64_t stride, int64_t side, double lo,
          double hi) {
  Node n{name, "Conv2d", {}, {}, nullptr};
  n.params["weight"] = weights(rng, {out, in, k, k}, lo, hi);
  n.params["bias"] = Param::floatArray({out}, std::vector<double>(out, 0.0));
  n.params["stride"] = pair(stride);
  n.params["padding"] = pair(1);
  n.params["dilation"] = pair(1);
  n.params["groups"] = Param::intScalar(1);
  n.params["input_shape"] = pair(side);
  return n;
}

Node integrateFire(const std::string &name, std::vector<int64_t> shape) {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  Node node{name, "IF", {}, {}, nullptr};
  node.params["r"] =
      Param::floatArray(shape, std::vector<double>(size_t(n), 1.0));
  node.params["v_threshold"] =
      Param::floatArray(shape, std::vector<double>(size_t(n), 1.0));
  return node;
}

Node sumPool(const std::string &name) {
  Node n{name, "SumPool2d", {}, {}, nullptr};
  n.params["kernel_size"] = pair(2);
  n.params["stride"] = pair(2);
  n.params["padding"] = pair(0);
  return n;
}

Node affine(std::mt19937_64 &rng, const std::string &name, int64_t in,
            int64_t out, double lo, double hi) {
  Node n{name, "Affine", {}, {}, nullptr};
  n.params["weight"] = weights(rng, {out, in}, lo, hi);
  n.params["bias"] = Param::floatArray({out}, std::vector<double>(out, 0.0));
  return n;
}

nmc::nir::Model makeCnn(const Sizes &s) {
  std::mt19937_64 rng(s.seed);
  const int64_t o1 = (s.side + 2 - 5) / 2 + 1; // conv1: 5x5, stride 2, pad 1
  const int64_t p1 = o1 / 2, p2 = p1 / 2;      // after each 2x2 pool
  nmc::nir::Model m;
  m.version = "1.0.7";
  m.graph.metadata["description"] =
      Param::string("reduced paper CNN (nmc-rtl-gen-cnn): the layer kinds of "
                    "paper_cnn_sinabs.nir on a smaller input");
  auto &nodes = m.graph.nodes;
  Node in{"input", "Input", {}, {}, nullptr};
  in.params["shape"] = Param::intArray({3}, {2, s.side, s.side});
  nodes.push_back(in);
  nodes.push_back(conv(rng, "0", 2, s.c1, 5, 2, s.side, -0.15, 0.35));
  nodes.push_back(integrateFire("1", {s.c1, o1, o1}));
  nodes.push_back(conv(rng, "2", s.c1, s.c2, 3, 1, o1, -0.25, 0.45));
  nodes.push_back(integrateFire("3", {s.c2, o1, o1}));
  nodes.push_back(sumPool("4"));
  nodes.push_back(conv(rng, "5", s.c2, s.c3, 3, 1, p1, -0.15, 0.35));
  nodes.push_back(integrateFire("6", {s.c3, p1, p1}));
  nodes.push_back(sumPool("7"));
  Node flat{"8", "Flatten", {}, {}, nullptr};
  flat.params["start_dim"] = Param::intScalar(0);
  flat.params["end_dim"] = Param::intScalar(-1);
  flat.params["input_type"] = Param::intArray({3}, {s.c3, p2, p2});
  nodes.push_back(flat);
  nodes.push_back(affine(rng, "9", s.c3 * p2 * p2, s.hidden, -0.3, 0.4));
  nodes.push_back(integrateFire("10", {s.hidden}));
  nodes.push_back(affine(rng, "11", s.hidden, s.classes, -0.4, 0.5));
  nodes.push_back(integrateFire("12", {s.classes}));
  Node out{"output", "Output", {}, {}, nullptr};
  out.params["shape"] = Param::intArray({1}, {s.classes});
  nodes.push_back(out);
  const char *chain[] = {"input", "0", "1", "2",  "3",  "4",  "5",     "6",
                         "7",     "8", "9", "10", "11", "12", "output"};
  for (size_t i = 0; i + 1 < std::size(chain); ++i)
    m.graph.edges.push_back({chain[i], chain[i + 1]});
  return m;
}

int usage() {
  std::fprintf(stderr,
               "usage: nmc-rtl-gen-cnn OUT.nir [--side S] [--channels C1 C2 "
               "C3] [--hidden H] [--classes K] [--seed N]\n");
  return 2;
}

} // namespace

int main(int argc, char **argv) {
  if (argc < 2)
    return usage();
  Sizes s;
  const std::string path = argv[1];
  for (int i = 2; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&](int64_t &v) {
      if (i + 1 >= argc)
        return false;
      char *end = nullptr;
      v = std::strtoll(argv[++i], &end, 10);
      return *end == 0 && v > 0;
    };
    int64_t seed = 0;
    bool ok = true;
    if (a == "--side")
      ok = next(s.side) && s.side >= 7;
    else if (a == "--channels")
      ok = next(s.c1) && next(s.c2) && next(s.c3);
    else if (a == "--hidden")
      ok = next(s.hidden);
    else if (a == "--classes")
      ok = next(s.classes);
    else if (a == "--seed")
      ok = next(seed), s.seed = uint64_t(seed);
    else
      ok = false;
    if (!ok) {
      std::fprintf(stderr, "nmc-rtl-gen-cnn: bad argument '%s'\n", a.c_str());
      return usage();
    }
  }
  std::string error;
  if (!nmc::nir::writeNIRFile(path, makeCnn(s), error)) {
    std::fprintf(stderr, "nmc-rtl-gen-cnn: %s: %s\n", path.c_str(),
                 error.c_str());
    return 1;
  }
  return 0;
}
