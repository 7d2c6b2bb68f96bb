//===- Connectivity.h - Random sparse connectivity (seeded) -----*- C++ -*-===//
#ifndef NMC_EXAMPLES_GENERATORS_CONNECTIVITY_H
#define NMC_EXAMPLES_GENERATORS_CONNECTIVITY_H

#include "nmc/Model/Plasticity.h"
#include "nmc/NIR/Graph.h"

#include <cstdint>
#include <random>

namespace nmc::netgen {

/// Bernoulli(p) connections from sources [srcBegin, srcEnd) to every one of
/// `targets` neurons, all with weight `weight`. Appends to CSR-by-source
/// arrays (indptr must already hold the entry for srcBegin). Skips ahead
/// geometrically, so the cost is per connection, not per pair.
/// std::mt19937_64's output is fixed by the C++ standard, so the same seed
/// gives the same network everywhere.
void connectBernoulli(std::mt19937_64 &rng, int64_t srcBegin, int64_t srcEnd,
                      int64_t targets, double p, double weight,
                      std::vector<int64_t> &indptr,
                      std::vector<int64_t> &indices,
                      std::vector<double> &weights);

/// An nmc.SparseAffine node from CSR arrays (int32 indices, f32 weights).
nir::Node sparseNode(const std::string &name, int64_t out, int64_t in,
                     std::vector<int64_t> indptr, std::vector<int64_t> indices,
                     std::vector<double> weights);

/// A standard normal draw by Box-Muller from two uniforms of `rng` (the
/// standard library's normal_distribution differs between implementations).
double standardNormal(std::mt19937_64 &rng);

/// An empty NIR 1.0.7 model whose graph metadata holds `description`.
nir::Model describedModel(std::string description);

/// A LIF node of n neurons with the same parameters each.
nir::Node lifNode(const std::string &name, int64_t n, double tau, double r,
                  double vLeak, double vThreshold, double vReset);

/// An Input or Output node (`type`) of n channels.
nir::Node portNode(const std::string &name, const std::string &type, int64_t n);

/// A node parameter that repeats `value` n times (f64).
nir::Param filled(int64_t n, double value);

/// Makes `node` plastic: the nmc STDP extension's metadata
/// (docs/nir-support.md, "nmc extension: STDP"; taus in seconds).
void addStdpMetadata(nir::Node &node, const model::StdpParams &rule);

} // namespace nmc::netgen

#endif // NMC_EXAMPLES_GENERATORS_CONNECTIVITY_H
