//===- PlainRunner.cpp - The plain step loop over dense arrays -----------===//
//
// The definition of a step, written as simply as possible: every node reads
// its inputs as dense arrays and writes a dense output; neurons apply
// nmc::model::stepNeuron element by element. No event lists, no fusion, no
// vector kernels. The fast runner (Runner.cpp) must equal it bit for bit
// (PlainEngineTest.cpp), and it is the only loop that runs fixed point.
//
// Summation orders (which the fast paths keep): a weight node starts from
// its bias (or zero) and adds products in ascending input index; conv adds
// in (channel, ky, kx) order, pooling in (ky, kx) order; several edges into
// a node are added in edge order. Zero inputs are skipped, which changes
// nothing but the sign of a zero sum.
//
// In fixed point a WeightHook (RunConfig::weightHook) may compute the weight
// nodes instead: the loop fills their output with the bias and lets the hook
// add the weighted sum; everything else runs as without a hook.
//===----------------------------------------------------------------------===//
#include "PlainRunner.h"
#include "ExtNeuron.h"
#include "PlasticNode.h"
#include "RunSetup.h"

#include "nmc/Model/NeuronModel.h"

#include <algorithm>
#include <optional>
#include <type_traits>

// The unit neuron loop, also compiled for AVX2 and picked at run time (the
// project itself targets baseline x86-64).
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define NMC_PLAIN_CLONES [[gnu::target_clones("avx2", "default")]]
#else
#define NMC_PLAIN_CLONES
#endif

namespace nmc::engine::detail {
namespace {

using model::fromDouble;
using model::toDouble;

template <class T> std::vector<T> convert(const std::vector<double> &src) {
  std::vector<T> out(src.size());
  std::transform(src.begin(), src.end(), out.begin(), fromDouble<T>);
  return out;
}

/// One node's arrays in number type T.
template <class T> struct PlainNode {
  std::vector<T> cur, prev; ///< output of this and of the previous step
  std::vector<T> in;        ///< summed input (several edges)
  std::vector<T> weight, bias, values;
  std::vector<model::DiscreteCoeffsT<T>> coef; ///< 1 (uniform) or n
  std::vector<T> v, syn, initialV;
  ExtNeuron<T> ext;                    ///< NodeSpec::extended neurons only
  std::vector<std::vector<T>> history; ///< delay: last maxDelay+1 inputs
  /// sparse_affine with synaptic delays: maxDelay+1 output slots, slot
  /// t % slots collecting what arrives at step t; a slot starts as the bias.
  std::vector<std::vector<T>> due;
  /// Plastic weight nodes (NodeSpec::stdp): traces and index; `weight` is
  /// then this sample's mutable copy.
  std::optional<PlasticNode<T>> plastic;
  std::vector<Event> sorted; ///< input: this sample's events
  size_t cursor = 0;
  std::vector<double> scratch; ///< input with a source
};

template <class T> class PlainRunner {
public:
  PlainRunner(const Program &program, const RunConfig &config)
      : program(program), config(config), nodes(program.nodes.size()),
        ar(model::arithFor<T>()) {}
  RunResult run();

private:
  void allocate();
  void startSample(int64_t sample);
  void step(int64_t sample, int64_t t);
  const std::vector<T> &input(size_t k);
  void runInput(size_t k, int64_t t);
  void runAffine(const NodeSpec &spec, PlainNode<T> &n,
                 const std::vector<T> &x);
  void runSparseDelayed(const NodeSpec &spec, PlainNode<T> &n,
                        const std::vector<T> &x, int64_t t);
  void runSparse(const NodeSpec &spec, PlainNode<T> &n,
                 const std::vector<T> &x);
  void runConv(const NodeSpec &spec, PlainNode<T> &n, const std::vector<T> &x);
  void runPool(const NodeSpec &spec, PlainNode<T> &n, const std::vector<T> &x);
  void runDelay(const NodeSpec &spec, PlainNode<T> &n, const std::vector<T> &x,
                int64_t t);
  void runNeuron(const NodeSpec &spec, PlainNode<T> &n,
                 const std::vector<T> &x);
  void countSynapses(const NodeSpec &spec, const std::vector<T> &x);
  void beginHook();
  void runHooked(size_t k, int64_t sample, int64_t t, const std::vector<T> &x);
  void record(size_t k, int64_t t);
  void updatePlastic(int64_t t);
  Recorder *recorder = nullptr; ///< outputs of the current run

  const std::vector<T> &source(const image::InputEdge &e) const {
    return e.delayed ? nodes[e.source].prev : nodes[e.source].cur;
  }

  const Program &program;
  const RunConfig &config;
  std::vector<PlainNode<T>> nodes;
  std::vector<NodePlan> plan;
  RunResult result;
  const T zero{};
  WeightHook *hook = nullptr; ///< fixed point only
  std::vector<char> hooked;   ///< node k is computed by `hook`
  /// T's arithmetic; for fixed point the run's context read once.
  decltype(model::arithFor<T>()) ar;
  std::vector<int64_t> nonzero;    ///< affine: indices of nonzero inputs
  std::vector<Event> spikeScratch; ///< record(): a node's spikes compacted
};

template <class T> void PlainRunner<T>::allocate() {
  for (size_t k = 0; k < program.nodes.size(); ++k) {
    const NodeSpec &spec = program.nodes[k];
    PlainNode<T> &n = nodes[k];
    n.cur.assign(spec.outSize, zero);
    n.prev.assign(spec.outSize, zero);
    n.in.assign(spec.inSize, zero);
    n.bias = convert<T>(spec.bias);
    n.values = convert<T>(spec.values);
    switch (spec.kind) {
    case Kind::Input:
      n.scratch.assign(spec.outSize, 0.0);
      break;
    case Kind::Affine: // spec.weight is in-major: back to out x in
      n.weight.resize(spec.weight.size());
      for (int64_t i = 0; i < spec.inSize; ++i)
        for (int64_t o = 0; o < spec.outSize; ++o)
          n.weight[o * spec.inSize + i] =
              fromDouble<T>(spec.weight[i * spec.outSize + o]);
      break;
    case Kind::SparseAffine: // one weight per synapse
      n.weight.resize(spec.indptr.back());
      for (int64_t j = 0; j < spec.inSize; ++j)
        for (int64_t s = spec.indptr[j]; s < spec.indptr[j + 1]; ++s)
          n.weight[s] = fromDouble<T>(
              spec.rowWeight.empty() ? spec.weight[s] : spec.rowWeight[j]);
      if (!spec.synDelay.empty())
        n.due.resize(spec.maxDelay + 1);
      break;
    case Kind::Conv:
      n.weight = convert<T>(spec.weight);
      break;
    case Kind::Delay:
      n.history.assign(spec.maxDelay + 1, std::vector<T>(spec.outSize, zero));
      break;
    case Kind::Neuron: {
      n.coef = neuronCoeffs<T>(spec);
      if (spec.extended)
        n.ext.init(spec);
      n.v.assign(spec.outSize, zero);
      n.syn.assign(spec.outSize, zero);
      if (plan[k].initialV)
        n.initialV = convert<T>(*plan[k].initialV);
      break;
    }
    default:
      break;
    }
    if (spec.stdp) {
      n.plastic.emplace();
      n.plastic->init(spec, n.weight);
    }
  }
}

template <class T> void PlainRunner<T>::startSample(int64_t sample) {
  if constexpr (model::isFixed<T>)
    model::fixedContext().rng =
        Xoshiro256::forStream(config.roundingSeed, sample);
  for (size_t k = 0; k < program.nodes.size(); ++k) {
    PlainNode<T> &n = nodes[k];
    std::fill(n.cur.begin(), n.cur.end(), zero);
    std::fill(n.prev.begin(), n.prev.end(), zero);
    for (std::vector<T> &h : n.history)
      std::fill(h.begin(), h.end(), zero);
    for (std::vector<T> &slot : n.due)
      slot = n.bias.empty() ? std::vector<T>(program.nodes[k].outSize, zero)
                            : n.bias;
    std::fill(n.syn.begin(), n.syn.end(), zero);
    n.ext.reset();
    if (n.plastic)
      n.plastic->startSample(n.weight);
    if (n.initialV.size() == 1)
      std::fill(n.v.begin(), n.v.end(), n.initialV[0]);
    else if (!n.initialV.empty())
      n.v = n.initialV;
    else
      std::fill(n.v.begin(), n.v.end(), zero);
    if (plan[k].source)
      plan[k].source->begin(sample);
    n.cursor = 0;
    if (plan[k].events)
      sortEvents(*plan[k].events, sample, config.steps, n.sorted);
  }
}

/// Events of step t are added in (neuron, list) order: in double into a
/// streaming source's values, else in T.
template <class T> void PlainRunner<T>::runInput(size_t k, int64_t t) {
  PlainNode<T> &n = nodes[k];
  const std::vector<Event> &ev = n.sorted;
  if (plan[k].source) {
    fillSourceStep(*plan[k].source, ev, n.cursor, t, n.scratch);
    if constexpr (model::isFixed<T>) {
      // Spikes (every value 0 or 1): the values and counters of
      // ar.fromDouble without a branch per element.
      bool binary = true;
      int64_t ones = 0;
      for (double x : n.scratch) {
        binary &= (x == 0.0) | (x == 1.0);
        ones += x == 1.0;
      }
      if (binary && ones == 0) {
        std::fill(n.cur.begin(), n.cur.end(), zero);
        return;
      }
      if (binary) {
        const T one = ar.one(); // counted here and `ones - 1` times below
        for (int64_t i = 1; i < ones; ++i)
          ar.one();
        for (size_t i = 0; i < n.scratch.size(); ++i)
          n.cur[i] = n.scratch[i] == 1.0 ? one : zero;
        return;
      }
    }
    for (size_t i = 0; i < n.scratch.size(); ++i)
      n.cur[i] = ar.fromDouble(n.scratch[i]);
    return;
  }
  std::fill(n.cur.begin(), n.cur.end(), zero);
  for (; n.cursor < ev.size() && ev[n.cursor].step == t; ++n.cursor) {
    T &out = n.cur[ev[n.cursor].neuron];
    out = ar.add(out, ar.fromDouble(ev[n.cursor].value));
  }
}

/// The node's inputs added in edge order.
template <class T> const std::vector<T> &PlainRunner<T>::input(size_t k) {
  const std::vector<image::InputEdge> &edges = program.nodes[k].inputs;
  if (edges.size() == 1)
    return source(edges[0]);
  std::vector<T> &sum = nodes[k].in;
  if (edges.empty())
    return sum; // a neuron without inputs: all zero, nothing writes it
  sum = source(edges[0]);
  for (size_t e = 1; e < edges.size(); ++e) {
    const std::vector<T> &x = source(edges[e]);
    for (size_t i = 0; i < sum.size(); ++i)
      sum[i] = ar.add(sum[i], x[i]);
  }
  return sum;
}

template <class T>
void PlainRunner<T>::runAffine(const NodeSpec &spec, PlainNode<T> &n,
                               const std::vector<T> &x) {
  const int64_t in = spec.inSize;
  nonzero.clear();
  for (int64_t j = 0; j < in; ++j)
    if (x[j] != zero)
      nonzero.push_back(j);
  for (int64_t o = 0; o < spec.outSize; ++o) {
    T acc = n.bias.empty() ? zero : n.bias[o];
    const T *w = &n.weight[o * in];
    for (int64_t j : nonzero)
      acc = ar.add(acc, ar.mul(x[j], w[j]));
    n.cur[o] = acc;
  }
}

/// Synaptic delays: input j at step t reaches target i of synapse s at step
/// t + synDelay[s], added into that step's slot in the order the
/// undelayed loop adds (sources ascending, then row order), so a connector
/// of one delay D computes exactly what Delay(D) -> sparse_affine does.
template <class T>
void PlainRunner<T>::runSparseDelayed(const NodeSpec &spec, PlainNode<T> &n,
                                      const std::vector<T> &x, int64_t t) {
  const int64_t slots = spec.maxDelay + 1;
  auto addRows = [&](const auto &indices) {
    for (int64_t j = 0; j < spec.inSize; ++j) {
      if (x[j] == zero)
        continue;
      for (int64_t s = spec.indptr[j]; s < spec.indptr[j + 1]; ++s) {
        T &out = n.due[(t + spec.synDelay[s]) % slots][indices[s]];
        out = ar.add(out, ar.mul(x[j], n.weight[s]));
      }
    }
  };
  if (spec.narrowIndices.empty())
    addRows(spec.indices);
  else
    addRows(spec.narrowIndices);
  std::vector<T> &now = n.due[t % slots];
  std::copy(now.begin(), now.end(), n.cur.begin());
  if (n.bias.empty())
    std::fill(now.begin(), now.end(), zero);
  else
    now = n.bias;
}

template <class T>
void PlainRunner<T>::runSparse(const NodeSpec &spec, PlainNode<T> &n,
                               const std::vector<T> &x) {
  for (int64_t o = 0; o < spec.outSize; ++o)
    n.cur[o] = n.bias.empty() ? zero : n.bias[o];
  auto addRows = [&](const auto &indices) {
    for (int64_t j = 0; j < spec.inSize; ++j) {
      if (x[j] == zero)
        continue;
      for (int64_t s = spec.indptr[j]; s < spec.indptr[j + 1]; ++s) {
        T &out = n.cur[indices[s]];
        out = ar.add(out, ar.mul(x[j], n.weight[s]));
      }
    }
  };
  if (spec.narrowIndices.empty())
    addRows(spec.indices);
  else
    addRows(spec.narrowIndices);
}

/// PyTorch cross-correlation, gathered per output.
template <class T>
void PlainRunner<T>::runConv(const NodeSpec &spec, PlainNode<T> &n,
                             const std::vector<T> &x) {
  const Geometry &g = spec.geom;
  const int64_t cinG = g.cin / g.groups, coutG = g.cout / g.groups;
  for (int64_t oc = 0; oc < g.cout; ++oc)
    for (int64_t oy = 0; oy < g.oh; ++oy)
      for (int64_t ox = 0; ox < g.ow; ++ox) {
        T acc = n.bias.empty() ? zero : n.bias[oc];
        for (int64_t l = 0; l < cinG; ++l) {
          const int64_t c = oc / coutG * cinG + l;
          for (int64_t ky = 0; ky < g.kh; ++ky) {
            const int64_t iy = oy * g.sh - g.ph + ky * g.dh;
            if (iy < 0 || iy >= g.h)
              continue;
            for (int64_t kx = 0; kx < g.kw; ++kx) {
              const int64_t ix = ox * g.sw - g.pw + kx * g.dw;
              if (ix < 0 || ix >= g.w)
                continue;
              const T xi = x[(c * g.h + iy) * g.w + ix];
              if (xi != zero)
                acc = ar.add(
                    acc,
                    ar.mul(
                        xi,
                        n.weight[((oc * cinG + l) * g.kh + ky) * g.kw + kx]));
            }
          }
        }
        n.cur[(oc * g.oh + oy) * g.ow + ox] = acc;
      }
}

/// Weighted edges used: nonzero inputs times their fan-out.
template <class T>
void PlainRunner<T>::countSynapses(const NodeSpec &spec,
                                   const std::vector<T> &x) {
  if (spec.kind == Kind::Affine) {
    result.synapticEvents +=
        spec.outSize *
        std::count_if(x.begin(), x.end(), [&](T xi) { return xi != zero; });
    return;
  }
  const bool sparse = spec.kind == Kind::SparseAffine;
  for (int64_t j = 0; j < spec.inSize; ++j)
    if (x[j] != zero)
      result.synapticEvents +=
          sparse ? spec.indptr[j + 1] - spec.indptr[j] : spec.fanout[j];
}

/// Tells the hook the weight nodes and marks them.
template <class T> void PlainRunner<T>::beginHook() {
  hooked.assign(program.nodes.size(), 0);
  std::vector<WeightNodeInfo> infos;
  for (size_t k = 0; k < program.nodes.size(); ++k) {
    const NodeSpec &spec = program.nodes[k];
    WeightNodeInfo info;
    switch (spec.kind) {
    case Kind::Affine:
      info.kind = WeightKind::Affine;
      break;
    case Kind::SparseAffine:
      if (!spec.synDelay.empty())
        configError("node '" + spec.name +
                    "': a weight hook cannot compute synapses with delays "
                    "(a connector: run snn-expand-connectors)");
      info.kind = WeightKind::SparseAffine;
      break;
    case Kind::Conv:
      info.kind = WeightKind::Conv;
      info.geom = spec.geom;
      break;
    default:
      continue;
    }
    info.index = k;
    info.name = spec.name;
    info.inSize = spec.inSize;
    info.outSize = spec.outSize;
    info.hasBias = !spec.bias.empty();
    infos.push_back(std::move(info));
    hooked[k] = 1;
  }
  hook->begin(infos);
}

/// A hooked weight node: bias (per output, per channel for conv), then the
/// hook's weighted sum.
template <class T>
void PlainRunner<T>::runHooked(size_t k, int64_t sample, int64_t t,
                               const std::vector<T> &x) {
  const NodeSpec &spec = program.nodes[k];
  PlainNode<T> &n = nodes[k];
  if (n.bias.empty())
    std::fill(n.cur.begin(), n.cur.end(), zero);
  else if (spec.kind == Kind::Conv) {
    const int64_t positions = spec.geom.oh * spec.geom.ow;
    for (int64_t c = 0; c < spec.outSize / positions; ++c)
      std::fill_n(n.cur.begin() + c * positions, positions, n.bias[c]);
  } else
    n.cur = n.bias;
  if constexpr (std::is_same_v<T, model::DynamicFixed>)
    hook->addWeighted(k, sample, t, x, n.cur);
  countSynapses(spec, x);
}

template <class T>
void PlainRunner<T>::runPool(const NodeSpec &spec, PlainNode<T> &n,
                             const std::vector<T> &x) {
  const Geometry &g = spec.geom;
  for (int64_t c = 0; c < g.cin; ++c)
    for (int64_t oy = 0; oy < g.oh; ++oy)
      for (int64_t ox = 0; ox < g.ow; ++ox) {
        T acc = zero;
        for (int64_t ky = 0; ky < g.kh; ++ky) {
          const int64_t iy = oy * g.sh - g.ph + ky;
          for (int64_t kx = 0; kx < g.kw && iy >= 0 && iy < g.h; ++kx) {
            const int64_t ix = ox * g.sw - g.pw + kx;
            if (ix >= 0 && ix < g.w && x[(c * g.h + iy) * g.w + ix] != zero)
              acc = ar.add(acc, x[(c * g.h + iy) * g.w + ix]);
          }
        }
        if (spec.kind == Kind::AvgPool && acc != zero)
          acc = ar.divide(acc, g.kh * g.kw);
        n.cur[(c * g.oh + oy) * g.ow + ox] = acc;
      }
}

template <class T>
void PlainRunner<T>::runDelay(const NodeSpec &spec, PlainNode<T> &n,
                              const std::vector<T> &x, int64_t t) {
  const int64_t slots = spec.maxDelay + 1;
  n.history[t % slots] = x;
  for (int64_t i = 0; i < spec.outSize; ++i) {
    const int64_t d = spec.delaySteps[i];
    n.cur[i] = t >= d ? n.history[(t - d) % slots][i] : zero;
  }
}

/// stepNeuronWith of neurons with aMem = cMemIn = 1 (exactly), no synapse
/// and uniform coefficients, as raw integers without branches so that it
/// vectorizes: v = sat(sat(sat(v) + sat(x)) + cMem0), then the threshold.
/// The same values and counters as the general loop.
template <bool Spiking, bool Subtract>
NMC_PLAIN_CLONES void
unitNeuronLoop(const model::DiscreteCoeffsT<model::DynamicFixed> &c,
               const model::DynamicFixed *x, model::DynamicFixed *v,
               model::DynamicFixed *out, int64_t n) {
  using model::DynamicFixed;
  model::FixedContext &ctx = model::fixedContext();
  const int64_t lo = ctx.format.minRaw(), hi = ctx.format.maxRaw();
  const int64_t c0 = c.cMem0.raw(), th = c.vThreshold.raw();
  const int64_t reset = c.vReset.raw();
  const int64_t oneRaw = std::min(int64_t(1) << ctx.format.fracBits, hi);
  const int64_t oneSaturates = (int64_t(1) << ctx.format.fracBits) > hi;
  // Raw views (DynamicFixed is one int64_t) without aliasing, so that the
  // loop vectorizes.
  static_assert(sizeof(DynamicFixed) == sizeof(int64_t));
  const int64_t *__restrict xr = reinterpret_cast<const int64_t *>(x);
  int64_t *__restrict vr = reinterpret_cast<int64_t *>(v);
  int64_t *__restrict outr = reinterpret_cast<int64_t *>(out);
  int64_t saturated = 0;
  for (int64_t i = 0; i < n; ++i) {
    const int64_t a = vr[i], b = xr[i];
    int64_t count = (a > hi) + (a < lo) + (b > hi) + (b < lo);
    const int64_t s1 =
        std::min(std::max(a, lo), hi) + std::min(std::max(b, lo), hi);
    count += (s1 > hi) + (s1 < lo);
    const int64_t s2 = std::min(std::max(s1, lo), hi) + c0;
    count += (s2 > hi) + (s2 < lo);
    int64_t nv = std::min(std::max(s2, lo), hi);
    int64_t o = nv;
    if constexpr (Spiking) {
      const int64_t spike = nv > th;
      if constexpr (Subtract) {
        const int64_t d = nv - th; // saturated and counted where it spikes
        count += spike * ((d > hi) + (d < lo));
        nv = spike ? std::min(std::max(d, lo), hi) : nv;
      } else {
        nv = spike ? reset : nv;
      }
      count += spike * oneSaturates;
      o = spike * oneRaw;
    }
    saturated += count;
    vr[i] = nv;
    outr[i] = o;
  }
  ctx.stats.saturated += saturated;
}

/// stepNeuronWith of neurons with uniform coefficients and no synapse
/// (LIF, LI, IF) under nearest or truncate rounding with F > 0 fraction
/// bits, as raw integers without branches so that it vectorizes:
/// v = sat(sat(sat(round(aMem v)) + sat(round(cMemIn x))) + cMem0), then
/// the threshold. The same values and counters as the general loop.
template <model::Rounding Mode, bool Spiking, bool Subtract>
NMC_PLAIN_CLONES void
linearNeuronLoop(const model::DiscreteCoeffsT<model::DynamicFixed> &c,
                 const model::DynamicFixed *x, model::DynamicFixed *v,
                 model::DynamicFixed *out, int64_t n) {
  using model::DynamicFixed;
  static_assert(Mode != model::Rounding::Stochastic);
  model::FixedContext &ctx = model::fixedContext();
  const int frac = ctx.format.fracBits;
  const int64_t lo = ctx.format.minRaw(), hi = ctx.format.maxRaw();
  const int64_t aMem = c.aMem.raw(), cIn = c.cMemIn.raw();
  const int64_t c0 = c.cMem0.raw(), th = c.vThreshold.raw();
  const int64_t reset = c.vReset.raw();
  const int64_t half = int64_t(1) << (frac - 1);
  const int64_t oneRaw = std::min(int64_t(1) << frac, hi);
  const int64_t oneSaturates = (int64_t(1) << frac) > hi;
  static_assert(sizeof(DynamicFixed) == sizeof(int64_t));
  const int64_t *__restrict xr = reinterpret_cast<const int64_t *>(x);
  int64_t *__restrict vr = reinterpret_cast<int64_t *>(v);
  int64_t *__restrict outr = reinterpret_cast<int64_t *>(out);
  int64_t saturated = 0, rounded = 0, toZero = 0;
  // fixed::roundShift and LocalFixedArith::mul's counters.
  auto mul = [&](int64_t a, int64_t b) {
    const int64_t p = a * b;
    const int64_t q = Mode == model::Rounding::Nearest
                          ? (p + half - (p < 0)) >> frac
                          : p >> frac;
    const int64_t inexact = (q << frac) != p;
    rounded += inexact;
    toZero += inexact & (q == 0);
    saturated += (q > hi) | (q < lo);
    return std::min(std::max(q, lo), hi);
  };
  auto sat = [&](int64_t s) {
    saturated += (s > hi) | (s < lo);
    return std::min(std::max(s, lo), hi);
  };
  for (int64_t i = 0; i < n; ++i) {
    const int64_t nv = mul(aMem, vr[i]);
    const int64_t in = mul(cIn, xr[i]);
    int64_t nvv = sat(sat(nv + in) + c0);
    int64_t o = nvv;
    if constexpr (Spiking) {
      const int64_t spike = nvv > th;
      if constexpr (Subtract) {
        const int64_t d = nvv - th;
        saturated += spike * ((d > hi) | (d < lo));
        nvv = spike ? std::min(std::max(d, lo), hi) : nvv;
      } else {
        nvv = spike ? reset : nvv;
      }
      saturated += spike * oneSaturates;
      o = spike * oneRaw;
    }
    vr[i] = nvv;
    outr[i] = o;
  }
  ctx.stats.saturated += saturated;
  ctx.stats.rounded += rounded;
  ctx.stats.roundedToZero += toZero;
}

/// stepNeuronWith over a node's n neurons in fixed point, with the node's
/// flags as template arguments and LocalFixedArith's counters in registers.
template <model::Rounding Mode, bool Uniform, bool HasSyn, bool Spiking,
          bool Subtract>
[[gnu::flatten]] void
fixedNeuronLoop(const model::DiscreteCoeffsT<model::DynamicFixed> *coef,
                const model::DynamicFixed *x, model::DynamicFixed *syn,
                model::DynamicFixed *v, model::DynamicFixed *out, int64_t n) {
  model::LocalFixedArith<Mode> ar(model::fixedContext());
  const auto reset =
      Subtract ? model::ResetMode::Subtract : model::ResetMode::ToValue;
  // IF-like neurons whose aMem and cMemIn are exactly 1 (an IF with r = 1,
  // dt = 1): both products are their other operand, exact and saturated,
  // so stepNeuronWith reduces to the adds. Not with stochastic rounding,
  // which draws a number for every product.
  if constexpr (Uniform && !HasSyn && Mode != model::Rounding::Stochastic) {
    if (ar.isOne(coef[0].aMem) && ar.isOne(coef[0].cMemIn)) {
      ar.flush();
      unitNeuronLoop<Spiking, Subtract>(coef[0], x, v, out, n);
      return;
    }
    if (model::fixedContext().format.fracBits > 0) {
      ar.flush();
      linearNeuronLoop<Mode, Spiking, Subtract>(coef[0], x, v, out, n);
      return;
    }
  }
  for (int64_t i = 0; i < n; ++i)
    out[i] = model::stepNeuronWith(ar, coef[Uniform ? 0 : i], HasSyn, Spiking,
                                   reset, x[i], syn[i], v[i]);
  ar.flush();
}

using FixedNeuronLoop =
    void (*)(const model::DiscreteCoeffsT<model::DynamicFixed> *,
             const model::DynamicFixed *, model::DynamicFixed *,
             model::DynamicFixed *, model::DynamicFixed *, int64_t);

/// The fixedNeuronLoop instance for a rounding mode and a node's flags.
FixedNeuronLoop selectFixedNeuronLoop(model::Rounding mode, bool uniform,
                                      bool hasSyn, bool spiking,
                                      bool subtract) {
  auto flags = [&]<model::Rounding M>() -> FixedNeuronLoop {
    auto pick = [&]<bool U, bool S>() -> FixedNeuronLoop {
      if (!spiking)
        return &fixedNeuronLoop<M, U, S, false, false>;
      return subtract ? &fixedNeuronLoop<M, U, S, true, true>
                      : &fixedNeuronLoop<M, U, S, true, false>;
    };
    if (uniform)
      return hasSyn ? pick.template operator()<true, true>()
                    : pick.template operator()<true, false>();
    return hasSyn ? pick.template operator()<false, true>()
                  : pick.template operator()<false, false>();
  };
  switch (mode) {
  case model::Rounding::Truncate:
    return flags.template operator()<model::Rounding::Truncate>();
  case model::Rounding::Stochastic:
    return flags.template operator()<model::Rounding::Stochastic>();
  case model::Rounding::Nearest:
    break;
  }
  return flags.template operator()<model::Rounding::Nearest>();
}

template <class T>
void PlainRunner<T>::runNeuron(const NodeSpec &spec, PlainNode<T> &n,
                               const std::vector<T> &x) {
  if (spec.extended) {
    std::fill(n.cur.begin(), n.cur.end(), zero);
    n.ext.step(ar, spec, x.data(), nullptr, n.syn.data(), n.v.data(),
               [&](int64_t i, T z) { n.cur[i] = z; });
    result.neuronUpdates += spec.outSize;
    return;
  }
  if constexpr (model::isFixed<T>) {
    selectFixedNeuronLoop(model::fixedContext().rounding, n.coef.size() == 1,
                          spec.hasSyn, spec.spikingNeuron, spec.resetSubtract)(
        n.coef.data(), x.data(), n.syn.data(), n.v.data(), n.cur.data(),
        spec.outSize);
    result.neuronUpdates += spec.outSize;
    return;
  }
  const auto reset = spec.resetSubtract ? model::ResetMode::Subtract
                                        : model::ResetMode::ToValue;
  const bool uniform = n.coef.size() == 1;
  for (int64_t i = 0; i < spec.outSize; ++i)
    n.cur[i] = model::stepNeuronWith(ar, n.coef[uniform ? 0 : i], spec.hasSyn,
                                     spec.spikingNeuron, reset, x[i], n.syn[i],
                                     n.v[i]);
  result.neuronUpdates += spec.outSize;
}

template <class T> void PlainRunner<T>::record(size_t k, int64_t t) {
  const PlainNode<T> &n = nodes[k];
  if (plan[k].spiking) {
    std::vector<Event> &events = recorder->buffer();
    int64_t count = 0;
    if (recorder->active()) {
      // Branch-free compaction (spikes are sparse and random) into
      // `spikeScratch` (sized once), then copied; fixed-point values
      // converted with the format read once.
      std::vector<Event> &all = spikeScratch;
      all.resize(std::max(all.size(), n.cur.size()));
      size_t c = 0;
      if constexpr (std::is_same_v<T, model::DynamicFixed>) {
        const model::FixedFormat format = model::DynamicFixed::format();
        for (size_t i = 0; i < n.cur.size(); ++i) {
          const int64_t raw = n.cur[i].raw();
          all[c] = {t, static_cast<int64_t>(i),
                    model::fixed::toDouble(raw, format)};
          c += raw != 0;
        }
      } else {
        for (size_t i = 0; i < n.cur.size(); ++i) {
          all[c] = {t, static_cast<int64_t>(i), toDouble(n.cur[i])};
          c += n.cur[i] != zero;
        }
      }
      events.assign(all.begin(), all.begin() + c);
      count = static_cast<int64_t>(c);
    } else {
      count = std::count_if(n.cur.begin(), n.cur.end(),
                            [&](T xi) { return xi != zero; });
    }
    recorder->spikes(k, count);
  }
  if (!plan[k].traced)
    return;
  recorder->trace(k, 0, t, n.cur);
  if (program.nodes[k].kind == Kind::Neuron) {
    recorder->trace(k, 1, t, n.v);
    if (program.nodes[k].hasSyn)
      recorder->trace(k, 2, t, n.syn);
  }
}

template <class T> void PlainRunner<T>::step(int64_t sample, int64_t t) {
  // Delayed edges read last step's outputs.
  for (PlainNode<T> &n : nodes)
    n.prev.swap(n.cur);
  for (size_t k = 0; k < program.nodes.size(); ++k) {
    const NodeSpec &spec = program.nodes[k];
    PlainNode<T> &n = nodes[k];
    if (spec.kind == Kind::Input) {
      runInput(k, t);
      record(k, t);
      continue;
    }
    const std::vector<T> &x = input(k);
    if (hook && hooked[k]) {
      runHooked(k, sample, t, x);
      record(k, t);
      continue;
    }
    switch (spec.kind) {
    case Kind::Input:
      break;
    case Kind::Output:
    case Kind::Flatten:
      n.cur = x;
      break;
    case Kind::Affine:
    case Kind::SparseAffine: {
      // A plastic node's synapses see its input after its delay, and each
      // arriving pre spike updates its row before the forward pass
      // (Plasticity.h: the updated weight is transmitted).
      const std::vector<T> &xs =
          n.plastic ? n.plastic->arrive(ar, spec, n.weight, x, t,
                                        result.plasticUpdates)
                    : x;
      if (spec.kind == Kind::Affine)
        runAffine(spec, n, xs);
      else if (spec.synDelay.empty())
        runSparse(spec, n, xs);
      else
        runSparseDelayed(spec, n, xs, t);
      countSynapses(spec, xs);
      break;
    }
    case Kind::Scale:
      for (int64_t i = 0; i < spec.outSize; ++i)
        n.cur[i] = ar.mul(n.values[i], x[i]);
      break;
    case Kind::Conv:
      runConv(spec, n, x);
      countSynapses(spec, x);
      break;
    case Kind::SumPool:
    case Kind::AvgPool:
      runPool(spec, n, x);
      break;
    case Kind::Delay:
      runDelay(spec, n, x, t);
      break;
    case Kind::Threshold:
      for (int64_t i = 0; i < spec.outSize; ++i)
        n.cur[i] = x[i] > n.values[i] ? ar.one() : zero;
      break;
    case Kind::Neuron:
      runNeuron(spec, n, x);
      break;
    }
    record(k, t);
  }
  if (program.plastic)
    updatePlastic(t);
}

/// The end of step t: every plastic node in execution order notes its post
/// node's spikes (PlasticNode::endStep), then records its weights (as its
/// rows left them this step) if traced.
template <class T> void PlainRunner<T>::updatePlastic(int64_t t) {
  for (size_t k = 0; k < program.nodes.size(); ++k) {
    PlainNode<T> &n = nodes[k];
    if (!n.plastic)
      continue;
    const NodeSpec &spec = program.nodes[k];
    n.plastic->endStep(ar, nodes[spec.stdpPost].cur, t);
    if (plan[k].traced)
      recorder->trace(k, 1, t, n.weight); // NodeInfo::traces {"out", "w"}
  }
}

template <class T> RunResult PlainRunner<T>::run() {
  plan = planRun(program, config);
  allocate();
  if constexpr (std::is_same_v<T, model::DynamicFixed>)
    hook = config.weightHook;
  if (hook)
    beginHook();
  Recorder rec(program, config, plan, result);
  recorder = &rec;
  runSamples(
      config, rec,
      [&](int64_t s) {
        startSample(s);
        if (hook)
          hook->beginSample(s);
      },
      [&](int64_t s, int64_t t) {
        step(s, t);
        if (hook)
          hook->endStep(s, t);
      });
  // The last sample's weights (every sample starts from the image's).
  for (size_t k = 0; k < program.nodes.size(); ++k)
    if (nodes[k].plastic) {
      sim::LearnedWeights lw;
      lw.node = program.nodes[k].name;
      lw.weights.reserve(nodes[k].weight.size());
      for (const T &w : nodes[k].weight)
        lw.weights.push_back(toDouble(w));
      result.learnedWeights.push_back(std::move(lw));
    }
  return std::move(result);
}

} // namespace

RunResult runPlain(const Program &program, const RunConfig &config) {
  if (!program.fixed && config.weightHook)
    configError("a weight hook needs an image in fixed-point format");
  if (program.plastic && config.weightHook)
    for (const NodeSpec &spec : program.nodes)
      if (spec.stdp)
        configError("node '" + spec.name +
                    "' is plastic (STDP): a weight hook computes static "
                    "weights only");
  if (!program.fixed)
    return config.float32 ? PlainRunner<float>(program, config).run()
                          : PlainRunner<double>(program, config).run();
  if (config.float32)
    configError("float32 does not apply to an image in fixed-point format " +
                model::toString(*program.fixed));
  model::FixedContext ctx;
  ctx.format = *program.fixed;
  ctx.rounding = config.rounding;
  model::FixedContextScope scope(ctx);
  RunResult result = PlainRunner<model::DynamicFixed>(program, config).run();
  result.fixedPoint = true;
  result.saturations = ctx.stats.saturated;
  result.roundedToZero = ctx.stats.roundedToZero;
  return result;
}

} // namespace nmc::engine::detail
