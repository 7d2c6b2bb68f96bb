//===- PlasticNode.h - STDP state and updates of a node ---------*- C++ -*-===//
//
// The plain loop's side of nmc/Model/Plasticity.h for one plastic affine /
// sparse_affine / connector node, in the run's number type T, with
// sPyNNaker's timing: d is the dendritic delay (NodeSpec::stdpDelay), a pre
// spike arriving at step A was emitted at T = A - d, a post spike of step p
// counts at P = p + d. All updates happen when a pre spike arrives (its row,
// in storage order), before the node's forward pass, so the synapse
// transmits the updated weight. State: the rule, the initial weights (each
// sample starts from them), per pre neuron its trace and last emission
// T_last, per post neuron the history of its post spikes (P, y after it).
//
// Cost: a pre spike costs its out-degree times (1 + the pairs it applies +
// the post spikes of its target in the last 2d steps, which it steps over);
// a post spike appends one entry. The
// histories are trimmed (trim()): an entry with P < cut, cut = the oldest
// T_last over the pre neurons that have spiked (at most the earliest T a
// later pre spike can have), can pair with no synapse
// any more (potentiation needs P > T_last), except the newest such entry,
// which a depression may still read; both are kept exactly. Pre neurons
// that never spiked have x = 0, so their potentiations change nothing but
// the clipping, which the depression that follows repeats (the same post
// spikes exist), so they need only the newest entry with P <= T. Trimming
// runs when the entries added since the last trim exceed in + out, so it
// costs O(1) amortized per post spike (plus O(log) per post neuron).
// Memory: the post spikes since the oldest T_last (a pre neuron that spiked
// once and then stopped pins the histories; documented in semantics.md).
//
// The weights themselves live in the runner's node (PlainNode::weight, in
// storage order: affine [out, in] row-major, sparse CSR by source), where the
// forward pass reads them.
//===----------------------------------------------------------------------===//
#ifndef NMC_ENGINE_PLASTICNODE_H
#define NMC_ENGINE_PLASTICNODE_H

#include "Program.h"

#include "nmc/Model/Plasticity.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <vector>

namespace nmc::engine::detail {

template <class T> class PlasticNode {
public:
  /// Discretizes the rule (fixed types: inside the run's FixedContext);
  /// `weight` holds the image's weights in storage order.
  void init(const NodeSpec &spec, const std::vector<T> &weight) {
    // Image taus are in steps already (Image.h): dt = 1.
    rule = model::discretizeStdp<T>(*spec.stdp, 1.0);
    dense = spec.kind == Kind::Affine;
    in = spec.inSize;
    out = spec.outSize;
    d = spec.stdpDelay;
    initial = weight;
    preDelay = spec.preDelay;
    if (preDelay > 0)
      ring.assign(size_t(preDelay) + 1, std::vector<T>(size_t(in), T{}));
    pre.assign(size_t(in), {});
    preLast.assign(size_t(in), kNever);
    post.assign(size_t(out), {});
    hist.assign(size_t(out), {});
    newest.assign(size_t(out), Post{kNever, T{}});
  }

  /// A new sample: the image's weights, no spikes in flight or in history.
  void startSample(std::vector<T> &weight) {
    weight = initial;
    std::fill(pre.begin(), pre.end(), model::Trace<T>{});
    std::fill(preLast.begin(), preLast.end(), kNever);
    for (std::vector<Post> &h : hist)
      h.clear();
    std::fill(newest.begin(), newest.end(), Post{kNever, T{}});
    std::fill(post.begin(), post.end(), model::Trace<T>{});
    added = 0;
    for (std::vector<T> &slot : ring)
      std::fill(slot.begin(), slot.end(), T{});
  }

  /// What reaches the synapses at step t = A when the node's input is x: x
  /// itself, or x of step t - preDelay (zeros before). Each pre spike (a
  /// nonzero position, ascending) updates its row first (Plasticity.h (1),
  /// (2)), so the forward pass that follows transmits the updated weights.
  /// Adds the synapse visits to `visits`.
  template <class Arith>
  const std::vector<T> &arrive(Arith &ar, const NodeSpec &spec,
                               std::vector<T> &weight, const std::vector<T> &x,
                               int64_t t, int64_t &visits) {
    const std::vector<T> *arrived = &x;
    if (preDelay > 0) {
      const int64_t slots = preDelay + 1;
      ring[size_t(t % slots)] = x;
      arrived = &ring[size_t((t + 1) % slots)]; // = t - preDelay mod slots
      if (t < preDelay)
        arrived = &zeros(x.size());
    }
    const int64_t T0 = t - d; // emission step of the spikes arriving now
    for (int64_t j = 0; j < in; ++j) {
      if ((*arrived)[size_t(j)] == T{})
        continue;
      if (dense) {
        for (int64_t i = 0; i < out; ++i) {
          T &w = weight[size_t(i * in + j)];
          w = row(ar, w, j, i, T0);
        }
        visits += out;
      } else {
        const int64_t b = spec.indptr[j], e = spec.indptr[j + 1];
        auto visit = [&](const auto &targets) {
          for (int64_t s = b; s < e; ++s)
            weight[size_t(s)] =
                row(ar, weight[size_t(s)], j, int64_t(targets[s]), T0);
        };
        if (spec.narrowIndices.empty())
          visit(spec.indices);
        else
          visit(spec.narrowIndices);
        visits += e - b;
      }
      // After the row, x_j takes the spike of T0.
      model::traceSpike(ar, rule.pairing, rule.ePlus, pre[size_t(j)], T0);
      preLast[size_t(j)] = T0;
    }
    return *arrived;
  }

  /// The end of step t: the post node's spikes (nonzeros of `postOut`) join
  /// the histories at P = t + d with the post trace after them.
  template <class Arith>
  void endStep(Arith &ar, const std::vector<T> &postOut, int64_t t) {
    const int64_t P = t + d;
    for (int64_t i = 0; i < out; ++i)
      if (postOut[size_t(i)] != T{}) {
        model::traceSpike(ar, rule.pairing, rule.eMinus, post[size_t(i)], P);
        hist[size_t(i)].push_back({P, post[size_t(i)].value});
        newest[size_t(i)] = hist[size_t(i)].back();
        ++added;
      }
    if (added > in + out)
      trim(t + 1 - d);
  }

private:
  struct Post {
    int64_t P;
    T y; ///< post trace just after this spike
  };
  static constexpr int64_t kNever = std::numeric_limits<int64_t>::min();

  /// The updates of synapse j -> i (weight w) by j's spike emitted at T0.
  template <class Arith>
  T row(Arith &ar, T w, int64_t j, int64_t i, int64_t T0) {
    const int64_t last = preLast[size_t(j)];
    // Fast path (the common case): no post spike since j's last spike, or
    // none at all, so only the newest entry matters; `newest` is contiguous,
    // the histories are not touched.
    const Post &nw = newest[size_t(i)];
    if (nw.P == kNever)
      return w; // no post spike yet
    if (nw.P <= T0 && (last == kNever || nw.P <= last)) {
      if (last == kNever)
        w = model::clampWeight(w, rule.wMin, rule.wMax); // x = 0 (below)
      return model::depress(ar, rule, w, ar.mul(nw.y, rule.eMinus(T0 - nw.P)));
    }
    // Walk back from the newest entry (cache friendly; the entries passed
    // are the posts with P > T0, from the last 2d steps only, and the pairs
    // applied): entries with P <= T0 are [0, end), those with
    // T_last < P <= T0 are [begin, end).
    const std::vector<Post> &h = hist[size_t(i)];
    auto end = h.end();
    while (end != h.begin() && (end - 1)->P > T0)
      --end;
    if (end == h.begin())
      return w; // no post spike with P <= T0: nothing to do
    if (last == kNever) {
      // x = 0: each potentiation only clips (Plasticity.h); once is enough.
      w = model::clampWeight(w, rule.wMin, rule.wMax);
    } else {
      // (1) potentiation by each post spike with T_last < P <= T0.
      auto begin = end;
      while (begin != h.begin() && (begin - 1)->P > last)
        --begin;
      for (; begin != end; ++begin)
        w = model::potentiate(
            ar, rule, w,
            model::traceAt(ar, rule.ePlus, pre[size_t(j)], begin->P));
    }
    // (2) depression with y_i(T0) of the last post spike with P <= T0.
    const Post &e = *(end - 1);
    return model::depress(ar, rule, w, ar.mul(e.y, rule.eMinus(T0 - e.P)));
  }

  /// Drops the history entries no synapse can still read (header comment).
  /// `next` is the earliest emission step a later pre spike can have.
  void trim(int64_t next) {
    added = 0;
    int64_t cut = next;
    for (int64_t last : preLast)
      if (last != kNever)
        cut = std::min(cut, last);
    for (std::vector<Post> &h : hist) {
      // Keep the newest entry with P <= cut and everything after it.
      auto firstAbove =
          std::upper_bound(h.begin(), h.end(), cut,
                           [](int64_t v, const Post &e) { return v < e.P; });
      if (firstAbove - h.begin() > 1)
        h.erase(h.begin(), firstAbove - 1);
    }
  }

  const std::vector<T> &zeros(size_t n) {
    if (zeroInput.size() != n)
      zeroInput.assign(n, T{});
    return zeroInput;
  }

  model::StdpRuleT<T> rule;
  bool dense = false;
  int64_t in = 0, out = 0, d = 0;
  std::vector<T> initial;
  std::vector<model::Trace<T>> pre, post;
  std::vector<int64_t> preLast;
  std::vector<std::vector<Post>> hist;
  std::vector<Post> newest; ///< hist[i].back(), or P = kNever
  int64_t added = 0;
  /// preDelay > 0: the last preDelay + 1 inputs, slot t % (preDelay + 1).
  int32_t preDelay = 0;
  std::vector<std::vector<T>> ring;
  std::vector<T> zeroInput;
};

} // namespace nmc::engine::detail

#endif // NMC_ENGINE_PLASTICNODE_H
