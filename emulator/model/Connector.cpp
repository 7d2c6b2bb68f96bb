//===- Connector.cpp - Expanding a connector into synapses ----------------===//
//
// Targets are visited in ascending order; each draws from its own stream
// (seed, target), so a slice of targets expands exactly as the same targets
// do in a whole expansion (nmc/Model/Connector.h). The synapses are gathered
// target-major, then bucketed by source (a stable counting sort), which keeps
// each source's row in target order and multapses in draw order.
//===----------------------------------------------------------------------===//
#include "ConnectorInternal.h"
#include "ConnectorRandom.h"

#include "nmc/Support/FastRound.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>
#include <unordered_set>

namespace nmc::model {
namespace {

using detail::Stream;

/// Most synapses one call may produce (the caller's arrays hold them).
constexpr double kMaxExpandedSynapses = 2147483647.0; // int32 max
/// Delay slots are 16-bit (Connector.h).
constexpr int64_t kMaxDelaySteps = 65535;

/// The synapses of one expansion, target-major, before bucketing. Kept per
/// thread between calls (a SpiNNaker image expands connectors core by core:
/// fresh buffers every time were mostly page faults), unless large.
struct Gathered {
  std::vector<int32_t> pre, post;
  std::vector<float> weights;
  std::vector<uint16_t> delays;

  void clear() {
    pre.clear();
    post.clear();
    weights.clear();
    delays.clear();
  }
  /// Frees the buffers if they hold more than 64 MB.
  void trim() {
    if (pre.capacity() * 14 > (size_t(64) << 20))
      *this = Gathered();
  }
};

thread_local Gathered gathered;

class Expander {
public:
  Expander(const ConnectorSpec &s, double dt)
      : s(s), dt(dt), pre(gathered.pre), post(gathered.post),
        weights(gathered.weights), delays(gathered.delays) {
    withDelays =
        !(s.delay.kind == Distribution::Kind::Constant && s.delay.a == 0);
  }

  std::string run(int64_t postBegin, int64_t postEnd, ExpandedConnector &out);

private:
  double draw(const Distribution &d, Stream &st);
  void add(int64_t pre, int64_t post, Stream &st);
  void pick(int64_t k, int64_t target, Stream &st);
  std::vector<int64_t> totalCounts(int64_t postBegin, int64_t postEnd);
  std::vector<int64_t> allCounts(int64_t end);

  const ConnectorSpec &s;
  double dt;
  bool withDelays;
  std::string error;
  std::vector<int32_t> &pre, &post;
  std::vector<float> &weights;
  std::vector<uint16_t> &delays;
};

double Expander::draw(const Distribution &d, Stream &st) {
  switch (d.kind) {
  case Distribution::Kind::Constant:
    return d.a;
  case Distribution::Kind::Uniform:
    return d.a + (d.b - d.a) * st.uniform();
  case Distribution::Kind::NormalClipped: {
    if (d.b == 0)
      return d.a;
    // validateConnector keeps the acceptance >= 1e-3; the cap only
    // guarantees termination.
    for (int tries = 0; tries < (1 << 20); ++tries) {
      const double x = d.a + d.b * st.normal();
      if (x >= d.low && x <= d.high)
        return x;
    }
    return std::clamp(d.a, d.low, d.high);
  }
  case Distribution::Kind::Choice:
    return d.values[st.below(d.values.size())];
  }
  return 0;
}

void Expander::add(int64_t j, int64_t i, Stream &st) {
  pre.push_back(static_cast<int32_t>(j));
  post.push_back(static_cast<int32_t>(i));
  weights.push_back(static_cast<float>(draw(s.weight, st)));
  if (!withDelays)
    return;
  const double d = draw(s.delay, st);
  const double steps = roundHalfAway(d / dt); // = std::round (FastRound.h)
  if (!(steps <= static_cast<double>(kMaxDelaySteps))) {
    if (error.empty())
      error = "delay " + std::to_string(d) + " s (synapse " +
              std::to_string(j) + " -> " + std::to_string(i) + ") is " +
              std::to_string(steps) + " steps of dt = " + std::to_string(dt) +
              " s, more than the " + std::to_string(kMaxDelaySteps) +
              " steps a connector delay can have";
    delays.push_back(0);
    return;
  }
  delays.push_back(static_cast<uint16_t>(steps));
}

/// k sources for `target` from its pool: with replacement in draw order,
/// else k distinct ones (Floyd's algorithm) in ascending order, the weights
/// and delays drawn after all sources.
void Expander::pick(int64_t k, int64_t target, Stream &st) {
  const int64_t pool = sourcePool(s, target);
  const bool skipSelf = !s.allowSelf && target < s.nPre;
  auto source = [&](int64_t t) { return skipSelf && t >= target ? t + 1 : t; };
  if (s.withReplacement) {
    for (int64_t r = 0; r < k; ++r)
      add(source(static_cast<int64_t>(st.below(pool))), target, st);
    return;
  }
  std::vector<int64_t> chosen;
  if (k >= pool) {
    chosen.resize(pool);
    for (int64_t t = 0; t < pool; ++t)
      chosen[t] = t;
  } else if (k * 8 >= pool) {
    std::vector<char> marked(pool, 0);
    for (int64_t r = pool - k; r < pool; ++r) {
      const int64_t t = static_cast<int64_t>(st.below(r + 1));
      marked[marked[t] ? r : t] = 1;
    }
    for (int64_t t = 0; t < pool; ++t)
      if (marked[t])
        chosen.push_back(t);
  } else {
    std::unordered_set<int64_t> set;
    set.reserve(static_cast<size_t>(k) * 2);
    for (int64_t r = pool - k; r < pool; ++r) {
      const int64_t t = static_cast<int64_t>(st.below(r + 1));
      set.insert(set.count(t) ? r : t);
    }
    chosen.assign(set.begin(), set.end());
    std::sort(chosen.begin(), chosen.end());
  }
  for (int64_t t : chosen)
    add(source(t), target, st);
}

/// FixedTotalNumber: the number of synapses of each target in
/// [postBegin, postEnd), from one stream (seed, nPost) drawn for targets
/// 0, 1, ... in turn: successive binomials (a multinomial) with
/// replacement, successive hypergeometrics without.
///
/// The split of all targets is kept per thread for the last few specs (it
/// depends on nothing else): a SpiNNaker image expands a connector slice by
/// slice, and each slice would otherwise redraw the split of every target
/// before it. Above 4 M targets (32 MB a split) it is drawn each time.
std::vector<int64_t> Expander::totalCounts(int64_t postBegin, int64_t postEnd) {
  if (s.nPost > (int64_t(1) << 22)) {
    std::vector<int64_t> counts = allCounts(postEnd);
    counts.erase(counts.begin(), counts.begin() + postBegin);
    return counts;
  }
  using Key = std::tuple<uint64_t, int64_t, int64_t, int64_t, bool, bool>;
  thread_local std::map<Key, std::vector<int64_t>> splits;
  const Key key{s.seed, s.nPre, s.nPost, s.n, s.withReplacement, s.allowSelf};
  auto it = splits.find(key);
  if (it == splits.end()) {
    if (splits.size() >= 64)
      splits.clear();
    it = splits.emplace(key, allCounts(s.nPost)).first;
  }
  return std::vector<int64_t>(it->second.begin() + postBegin,
                              it->second.begin() + postEnd);
}

/// The split of targets [0, end).
std::vector<int64_t> Expander::allCounts(int64_t end) {
  Stream st(s.seed, static_cast<uint64_t>(s.nPost));
  std::vector<int64_t> counts;
  counts.reserve(static_cast<size_t>(end));
  int64_t left = s.n, pairsLeft = connectorPairs(s);
  for (int64_t i = 0; i < end; ++i) {
    const int64_t pool = sourcePool(s, i);
    int64_t k = left;
    if (i + 1 < s.nPost)
      k = s.withReplacement
              ? st.binomial(left, 1.0 / static_cast<double>(s.nPost - i))
              : st.hypergeometric(pairsLeft, pool, left);
    left -= k;
    pairsLeft -= pool;
    counts.push_back(k);
  }
  return counts;
}

std::string Expander::run(int64_t postBegin, int64_t postEnd,
                          ExpandedConnector &out) {
  const double share =
      static_cast<double>(postEnd - postBegin) / static_cast<double>(s.nPost);
  const double expected = expectedSynapses(s) * share;
  if (expected > kMaxExpandedSynapses)
    return "expanding targets [" + std::to_string(postBegin) + ", " +
           std::to_string(postEnd) + ") gives about " +
           std::to_string(static_cast<int64_t>(expected)) +
           " synapses, more than the " +
           std::to_string(static_cast<int64_t>(kMaxExpandedSynapses)) +
           " one expansion can hold";
  if (withDelays && !(dt > 0 && std::isfinite(dt)))
    return "dt = " + std::to_string(dt) +
           " must be a positive number to turn connector delays into steps";
  const size_t reserve = static_cast<size_t>(expected * 1.05) + 16;
  pre.reserve(reserve);
  post.reserve(reserve);
  weights.reserve(reserve);
  if (withDelays)
    delays.reserve(reserve);

  std::vector<int64_t> counts;
  if (s.rule == ConnectorRule::FixedTotalNumber)
    counts = totalCounts(postBegin, postEnd);
  const double log1mp = std::log1p(-s.p);
  for (int64_t i = postBegin; i < postEnd && error.empty(); ++i) {
    Stream st(s.seed, static_cast<uint64_t>(i));
    switch (s.rule) {
    case ConnectorRule::AllToAll:
      for (int64_t j = 0; j < s.nPre; ++j)
        if (s.allowSelf || j != i)
          add(j, i, st);
      break;
    case ConnectorRule::OneToOne:
      add(i, i, st);
      break;
    case ConnectorRule::FixedProbability: {
      if (s.p <= 0)
        break;
      const double n = static_cast<double>(s.nPre);
      for (double j = -1;;) {
        j += s.p >= 1 ? 1 : 1 + st.geometricSkip(log1mp);
        if (!(j < n))
          break;
        const int64_t jj = static_cast<int64_t>(j);
        if (s.allowSelf || jj != i)
          add(jj, i, st);
      }
      break;
    }
    case ConnectorRule::FixedNumberPre:
      pick(s.n, i, st);
      break;
    case ConnectorRule::FixedTotalNumber:
      pick(counts[i - postBegin], i, st);
      break;
    }
  }
  if (!error.empty())
    return error;

  // Bucket by source, stable.
  out.indptr.assign(s.nPre + 1, 0);
  for (int32_t j : pre)
    ++out.indptr[j + 1];
  for (int64_t j = 0; j < s.nPre; ++j)
    out.indptr[j + 1] += out.indptr[j];
  std::vector<int64_t> next(out.indptr.begin(), out.indptr.end() - 1);
  out.indices.assign(pre.size(), 0);
  out.weights.assign(pre.size(), 0);
  out.delaySteps.assign(withDelays ? pre.size() : 0, 0);
  for (size_t k = 0; k < pre.size(); ++k) {
    const int64_t at = next[pre[k]]++;
    out.indices[at] = post[k];
    out.weights[at] = weights[k];
    if (withDelays)
      out.delaySteps[at] = delays[k];
  }
  return "";
}

} // namespace

std::string expandConnector(const ConnectorSpec &spec, int64_t postBegin,
                            int64_t postEnd, double dt,
                            ExpandedConnector &out) {
  if (std::string e = validateConnector(spec); !e.empty())
    return e;
  if (postBegin < 0 || postBegin > postEnd || postEnd > spec.nPost)
    return "target range [" + std::to_string(postBegin) + ", " +
           std::to_string(postEnd) +
           ") is not within [0, n_post = " + std::to_string(spec.nPost) + ")";
  // Cleared, not reassigned: a caller expanding range after range reuses
  // the capacity.
  out.indptr.clear();
  out.indices.clear();
  out.weights.clear();
  out.delaySteps.clear();
  gathered.clear();
  std::string error = Expander(spec, dt).run(postBegin, postEnd, out);
  gathered.trim();
  return error;
}

} // namespace nmc::model
