//===- TestImages.h - Small in-memory images for engine tests ---*- C++ -*-===//
#ifndef NMC_TESTS_EMULATOR_TESTIMAGES_H
#define NMC_TESTS_EMULATOR_TESTIMAGES_H

#include "nmc/Emulator/Engine.h"
#include "nmc/Model/NeuronModel.h"

#include <initializer_list>
#include <string>
#include <vector>

namespace nmc::test {

using image::Image;
using image::InputEdge;
using image::Node;

inline int64_t product(const std::vector<int64_t> &shape) {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

/// A node of `kind` with shapes and inputs; arrays are added by the caller.
inline Node makeNode(const std::string &name, const std::string &kind,
                     std::vector<int64_t> inShape,
                     std::vector<int64_t> outShape,
                     std::vector<InputEdge> inputs = {}) {
  Node n;
  n.name = name;
  n.kind = kind;
  n.inShape = std::move(inShape);
  n.outShape = std::move(outShape);
  n.inputs = std::move(inputs);
  return n;
}

inline Node inputNode(const std::string &name, std::vector<int64_t> shape) {
  return makeNode(name, "input", shape, shape);
}

inline Node outputNode(const std::string &name, std::vector<int64_t> shape,
                       std::vector<InputEdge> inputs) {
  return makeNode(name, "output", shape, shape, std::move(inputs));
}

/// A neuron node with the same coefficients for all n elements.
inline Node neuronNode(const std::string &name, int64_t n,
                       const model::DiscreteCoeffs &c, bool hasSyn,
                       bool spiking, bool subtract,
                       std::vector<InputEdge> inputs) {
  Node node = makeNode(name, "neuron", {n}, {n}, std::move(inputs));
  auto fill = [&](const char *key, double v) {
    node.f[key] = std::vector<double>(n, v);
  };
  fill("a_syn", c.aSyn);
  fill("b_syn", c.bSyn);
  fill("a_mem", c.aMem);
  fill("c_mem_syn", c.cMemSyn);
  fill("c_mem_in", c.cMemIn);
  fill("c_mem_0", c.cMem0);
  fill("v_threshold", c.vThreshold);
  fill("v_reset", c.vReset);
  node.i["has_syn"] = {hasSyn};
  node.i["spiking"] = {spiking};
  node.i["reset_subtract"] = {subtract};
  return node;
}

/// Coefficients of a non-spiking identity neuron (v = x): its output is
/// dense, which forces the dense path in the node after it.
inline model::DiscreteCoeffs identityCoeffs() {
  model::DiscreteCoeffs c;
  c.aMem = 0;
  c.cMemIn = 1;
  return c;
}

inline Node affineNode(const std::string &name, int64_t in, int64_t out,
                       std::vector<double> weight, std::vector<double> bias,
                       std::vector<InputEdge> inputs) {
  Node n = makeNode(name, "affine", {in}, {out}, std::move(inputs));
  n.f["weight"] = std::move(weight);
  if (!bias.empty())
    n.f["bias"] = std::move(bias);
  return n;
}

/// One non-delayed edge from node `source`.
inline std::vector<InputEdge> from(std::initializer_list<uint32_t> sources) {
  std::vector<InputEdge> edges;
  for (uint32_t s : sources)
    edges.push_back({s, false});
  return edges;
}

/// Events with value `value` at the given (step, neuron) pairs.
inline std::vector<engine::Event>
events(std::initializer_list<std::pair<int64_t, int64_t>> at,
       double value = 1.0) {
  std::vector<engine::Event> out;
  for (auto [step, neuron] : at)
    out.push_back({step, neuron, value});
  return out;
}

/// x.size() steps with x[t] (when nonzero) into element 0 of input "in",
/// node "n" traced: the run of a single-neuron test network.
inline engine::RunConfig singleNeuronRun(const std::vector<double> &x) {
  engine::RunConfig cfg;
  cfg.steps = static_cast<int64_t>(x.size());
  std::vector<engine::Event> ev;
  for (size_t t = 0; t < x.size(); ++t)
    if (x[t] != 0)
      ev.push_back({static_cast<int64_t>(t), 0, x[t]});
  cfg.inputs["in"] = {ev};
  cfg.traceNodes = {"n"};
  return cfg;
}

/// Trace `var` of `node` for sample 0 as steps x size.
inline std::vector<double> trace0(const engine::RunResult &r,
                                  const std::string &node,
                                  const std::string &var) {
  const engine::NodeResult *n = r.find(node);
  const std::vector<double> &t = n->traces.at(var);
  return std::vector<double>(t.begin(), t.begin() + r.steps * n->size);
}

} // namespace nmc::test

#endif // NMC_TESTS_EMULATOR_TESTIMAGES_H
