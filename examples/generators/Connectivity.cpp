//===- Connectivity.cpp - Random sparse connectivity ----------------------===//
#include "Connectivity.h"

#include <cmath>

namespace nmc::netgen {

/// Uniform double in (0, 1) from the top 53 bits.
static double uniformOpen(std::mt19937_64 &rng) {
  return (static_cast<double>(rng() >> 11) + 0.5) * 0x1.0p-53;
}

void connectBernoulli(std::mt19937_64 &rng, int64_t srcBegin, int64_t srcEnd,
                      int64_t targets, double p, double weight,
                      std::vector<int64_t> &indptr,
                      std::vector<int64_t> &indices,
                      std::vector<double> &weights) {
  double logq = std::log1p(-p);
  for (int64_t src = srcBegin; src < srcEnd; ++src) {
    if (p >= 1.0) {
      for (int64_t t = 0; t < targets; ++t)
        indices.push_back(t);
    } else if (p > 0.0) {
      // Gaps between successes of a Bernoulli(p) sequence are geometric.
      int64_t t = static_cast<int64_t>(std::log(uniformOpen(rng)) / logq);
      while (t < targets) {
        indices.push_back(t);
        t += 1 + static_cast<int64_t>(std::log(uniformOpen(rng)) / logq);
      }
    }
    weights.resize(indices.size(), weight);
    indptr.push_back(static_cast<int64_t>(indices.size()));
  }
}

nir::Node sparseNode(const std::string &name, int64_t out, int64_t in,
                     std::vector<int64_t> indptr, std::vector<int64_t> indices,
                     std::vector<double> weights) {
  nir::Node node;
  node.name = name;
  node.type = "nmc.SparseAffine";
  node.params["shape"] = nir::Param::intArray({2}, {out, in});
  // Sizes first: argument evaluation order would allow moving before size().
  int64_t nnz = static_cast<int64_t>(indices.size());
  int64_t ptrs = static_cast<int64_t>(indptr.size());
  node.params["indptr"] = nir::Param::intArray({ptrs}, std::move(indptr));
  nir::Param idx = nir::Param::intArray({nnz}, std::move(indices));
  idx.dtype = nir::Param::DType::I32;
  node.params["indices"] = std::move(idx);
  node.params["weight"] =
      nir::Param::floatArray({nnz}, std::move(weights), nir::Param::DType::F32);
  return node;
}

double standardNormal(std::mt19937_64 &rng) {
  double u1 = uniformOpen(rng), u2 = uniformOpen(rng);
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
}

nir::Param filled(int64_t n, double value) {
  return nir::Param::floatArray({n}, std::vector<double>(n, value),
                                nir::Param::DType::F64);
}

void addStdpMetadata(nir::Node &node, const model::StdpParams &rule) {
  auto scalar = [](double v) {
    return nir::Param::floatArray({}, {v}, nir::Param::DType::F64);
  };
  node.metadata["nmc/stdp/pairing"] =
      nir::Param::string(model::toString(rule.pairing));
  node.metadata["nmc/stdp/dependence"] =
      nir::Param::string(model::toString(rule.dependence));
  node.metadata["nmc/stdp/tau_plus"] = scalar(rule.tauPlus);
  node.metadata["nmc/stdp/tau_minus"] = scalar(rule.tauMinus);
  node.metadata["nmc/stdp/a_plus"] = scalar(rule.aPlus);
  node.metadata["nmc/stdp/a_minus"] = scalar(rule.aMinus);
  node.metadata["nmc/stdp/w_min"] = scalar(rule.wMin);
  node.metadata["nmc/stdp/w_max"] = scalar(rule.wMax);
}

nir::Model describedModel(std::string description) {
  nir::Model model;
  model.version = "1.0.7";
  model.graph.metadata["description"] =
      nir::Param::string(std::move(description));
  return model;
}

nir::Node lifNode(const std::string &name, int64_t n, double tau, double r,
                  double vLeak, double vThreshold, double vReset) {
  nir::Node lif;
  lif.name = name;
  lif.type = "LIF";
  lif.params["tau"] = filled(n, tau);
  lif.params["r"] = filled(n, r);
  lif.params["v_leak"] = filled(n, vLeak);
  lif.params["v_threshold"] = filled(n, vThreshold);
  lif.params["v_reset"] = filled(n, vReset);
  return lif;
}

nir::Node portNode(const std::string &name, const std::string &type,
                   int64_t n) {
  nir::Node port;
  port.name = name;
  port.type = type;
  port.params["shape"] = nir::Param::intArray({1}, {n});
  return port;
}

} // namespace nmc::netgen
