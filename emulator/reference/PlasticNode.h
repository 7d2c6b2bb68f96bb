//===- PlasticNode.h - STDP state and updates of a node ---------*- C++ -*-===//
//
// The plain loop's side of nmc/Model/Plasticity.h for one plastic affine /
// sparse_affine / connector node, in the run's number type T: the rule, the
// initial weights (each sample starts from them), the pre traces (one per
// input), the post traces (one per output), and a transposed index (for each
// post neuron, the positions of its incoming synapses in storage order), so
// that a pre spike costs its out-degree and a post spike its in-degree:
// nothing here is per synapse per step.
//
// The weights themselves live in the runner's node (PlainNode::weight, in
// storage order: affine [out, in] row-major, sparse CSR by source), where the
// forward pass reads them; update() changes them at the end of a step.
//===----------------------------------------------------------------------===//
#ifndef NMC_ENGINE_PLASTICNODE_H
#define NMC_ENGINE_PLASTICNODE_H

#include "Program.h"

#include "nmc/Model/Plasticity.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace nmc::engine::detail {

template <class T> class PlasticNode {
public:
  /// Discretizes the rule (fixed types: inside the run's FixedContext) and
  /// builds the index; `weight` holds the image's weights in storage order.
  void init(const NodeSpec &spec, const std::vector<T> &weight) {
    // Image taus are in steps already (Image.h): dt = 1.
    rule = model::discretizeStdp<T>(*spec.stdp, 1.0);
    dense = spec.kind == Kind::Affine;
    in = spec.inSize;
    out = spec.outSize;
    initial = weight;
    pre.assign(size_t(in), {});
    post.assign(size_t(out), {});
    preDelay = spec.preDelay;
    if (preDelay > 0)
      ring.assign(size_t(preDelay) + 1, std::vector<T>(size_t(in), T{}));
    if (dense)
      return;
    // Counting sort of the synapses by target, ascending position within a
    // target (storage order).
    const int64_t nnz = spec.indptr[in];
    postPtr.assign(size_t(out) + 1, 0);
    synPre.resize(size_t(nnz));
    auto target = [&](int64_t s) -> int64_t {
      return spec.narrowIndices.empty() ? spec.indices[s]
                                        : spec.narrowIndices[s];
    };
    for (int64_t j = 0; j < in; ++j)
      for (int64_t s = spec.indptr[j]; s < spec.indptr[j + 1]; ++s) {
        synPre[size_t(s)] = int32_t(j);
        ++postPtr[size_t(target(s)) + 1];
      }
    for (int64_t i = 0; i < out; ++i)
      postPtr[size_t(i) + 1] += postPtr[size_t(i)];
    postSyn.resize(size_t(nnz));
    std::vector<int64_t> fill(postPtr.begin(), postPtr.end() - 1);
    for (int64_t s = 0; s < nnz; ++s)
      postSyn[size_t(fill[size_t(target(s))]++)] = s;
  }

  /// A new sample: the image's weights, traces at 0, no spikes in flight.
  void startSample(std::vector<T> &weight) {
    weight = initial;
    std::fill(pre.begin(), pre.end(), model::Trace<T>{});
    std::fill(post.begin(), post.end(), model::Trace<T>{});
    for (std::vector<T> &slot : ring)
      std::fill(slot.begin(), slot.end(), T{});
  }

  /// What reaches the synapses at step t when the node's input is x: x
  /// itself, or x of step t - preDelay (zeros before). Also notes the pre
  /// spikes of step t (its nonzero positions) for update().
  const std::vector<T> &arrive(const std::vector<T> &x, int64_t t) {
    const std::vector<T> *arrived = &x;
    if (preDelay > 0) {
      const int64_t slots = preDelay + 1;
      ring[size_t(t % slots)] = x;
      arrived = &ring[size_t((t + 1) % slots)]; // = t - preDelay mod slots
      if (t < preDelay)
        arrived = &zeros(x.size());
    }
    preSpikes.clear();
    for (int64_t j = 0; j < in; ++j)
      if ((*arrived)[size_t(j)] != T{})
        preSpikes.push_back(j);
    return *arrived;
  }

  /// The end of step t (Plasticity.h, in its order): depression for each
  /// pre spike noted by arrive(), then the pre traces; potentiation for
  /// each nonzero of `postOut` (the post node's output), then the post
  /// traces. Adds the synapse visits to `visits`.
  template <class Arith>
  void update(Arith &ar, const NodeSpec &spec, std::vector<T> &weight,
              const std::vector<T> &postOut, int64_t t, int64_t &visits) {
    // (1) Depression: synapses of pre neuron j in storage order.
    for (int64_t j : preSpikes) {
      if (dense) {
        for (int64_t i = 0; i < out; ++i) {
          T &w = weight[size_t(i * in + j)];
          w = model::depress(ar, rule, w,
                             model::traceAt(ar, rule.eMinus, post[i], t));
        }
        visits += out;
      } else {
        const int64_t b = spec.indptr[j], e = spec.indptr[j + 1];
        auto visit = [&](const auto &targets) {
          for (int64_t s = b; s < e; ++s)
            weight[size_t(s)] = model::depress(
                ar, rule, weight[size_t(s)],
                model::traceAt(ar, rule.eMinus, post[targets[s]], t));
        };
        if (spec.narrowIndices.empty())
          visit(spec.indices);
        else
          visit(spec.narrowIndices);
        visits += e - b;
      }
    }
    for (int64_t j : preSpikes)
      model::traceSpike(ar, rule.pairing, rule.ePlus, pre[j], t);
    // (2) Potentiation: synapses into post neuron i in storage order.
    postSpikes.clear();
    for (int64_t i = 0; i < out; ++i)
      if (postOut[size_t(i)] != T{})
        postSpikes.push_back(i);
    for (int64_t i : postSpikes) {
      if (dense) {
        T *row = &weight[size_t(i * in)];
        for (int64_t j = 0; j < in; ++j)
          row[j] = model::potentiate(ar, rule, row[j],
                                     model::traceAt(ar, rule.ePlus, pre[j], t));
        visits += in;
      } else {
        const int64_t b = postPtr[size_t(i)], e = postPtr[size_t(i) + 1];
        for (int64_t p = b; p < e; ++p) {
          const int64_t s = postSyn[size_t(p)];
          weight[size_t(s)] = model::potentiate(
              ar, rule, weight[size_t(s)],
              model::traceAt(ar, rule.ePlus, pre[synPre[size_t(s)]], t));
        }
        visits += e - b;
      }
    }
    for (int64_t i : postSpikes)
      model::traceSpike(ar, rule.pairing, rule.eMinus, post[i], t);
  }

private:
  const std::vector<T> &zeros(size_t n) {
    if (zeroInput.size() != n)
      zeroInput.assign(n, T{});
    return zeroInput;
  }

  model::StdpRuleT<T> rule;
  bool dense = false;
  int64_t in = 0, out = 0;
  std::vector<T> initial;
  std::vector<model::Trace<T>> pre, post;
  /// sparse: incoming synapses of post neuron i are
  /// postSyn[postPtr[i] .. postPtr[i+1]), ascending; synPre[s] is the pre
  /// neuron of synapse s.
  std::vector<int64_t> postPtr, postSyn;
  std::vector<int32_t> synPre;
  /// preDelay > 0: the last preDelay + 1 inputs, slot t % (preDelay + 1).
  int32_t preDelay = 0;
  std::vector<std::vector<T>> ring;
  std::vector<T> zeroInput;
  std::vector<int64_t> preSpikes, postSpikes;
};

} // namespace nmc::engine::detail

#endif // NMC_ENGINE_PLASTICNODE_H
