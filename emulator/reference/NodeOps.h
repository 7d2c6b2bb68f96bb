//===- NodeOps.h - One step of each node kind -------------------*- C++ -*-===//
//
// Each op reads its summed input signal and writes st.cur. Weight nodes
// visit only nonzero inputs, in ascending order, and start from the bias, so
// every output is accumulated as bias + sum over inputs in input order: the
// same rounding whether the input came as a sparse list or dense.
//===----------------------------------------------------------------------===//
#ifndef NMC_ENGINE_NODEOPS_H
#define NMC_ENGINE_NODEOPS_H

#include "NodeState.h"

#include <algorithm>

namespace nmc::engine::detail {

/// Fills the output with the bias (or zeros), broadcast over `plane` cells
/// per bias entry.
template <class T>
void fillBias(T *out, const T *bias, int64_t channels, int64_t plane) {
  if (!bias) {
    std::fill(out, out + channels * plane, T(0));
    return;
  }
  for (int64_t c = 0; c < channels; ++c)
    std::fill(out + c * plane, out + (c + 1) * plane, bias[c]);
}

/// y = W x + b with W stored in-major: one input adds one contiguous row.
template <class T>
void runAffine(const NodeSpec &spec, NodeState<T> &st, const Signal<T> &in,
               int64_t &events) {
  const int64_t n = spec.outSize;
  st.cur.beginDense();
  T *__restrict o = st.cur.val.data();
  fillBias(o, st.bias, n, 1);
  int64_t active = 0;
  in.forEachNonzero([&](int32_t j, T x) {
    const T *__restrict w = st.weight + int64_t(j) * n;
    for (int64_t i = 0; i < n; ++i)
      o[i] += x * w[i];
    ++active;
  });
  events += active * n;
}

/// CSR by source: an input walks its row of (target, weight) pairs.
template <class T, class Index>
void runSparseRows(const NodeSpec &spec, NodeState<T> &st, const Signal<T> &in,
                   const Index *__restrict target, int64_t &events) {
  st.cur.beginDense();
  T *__restrict o = st.cur.val.data();
  const int64_t *ptr = spec.indptr.data();
  const bool track = st.trackTouched;
  if (track && !st.touchedAll) {
    // Only last step's rows left nonzeros: zero their targets.
    for (int32_t j : st.touched)
      for (int64_t k = ptr[j], end = ptr[j + 1]; k < end; ++k)
        o[target[k]] = T(0);
  } else {
    fillBias(o, st.bias, spec.outSize, 1);
  }
  st.touched.clear();
  const T *__restrict w = st.weight;
  int64_t visited = 0;
  if (const T *rowW = st.values) { // one weight per source row
    in.forEachNonzero([&](int32_t j, T x) {
      const int64_t begin = ptr[j], end = ptr[j + 1];
      const T xw = x * rowW[j];
      for (int64_t k = begin; k < end; ++k) {
        if ((k & 15) == 0) // rows come from DRAM; run ahead of the stream
          __builtin_prefetch(target + k + 256);
        o[target[k]] += xw;
      }
      visited += end - begin;
      if (track)
        st.touched.push_back(j);
    });
  } else {
    in.forEachNonzero([&](int32_t j, T x) {
      const int64_t begin = ptr[j], end = ptr[j + 1];
      for (int64_t k = begin; k < end; ++k) {
        if ((k & 15) == 0) {
          __builtin_prefetch(target + k + 256);
          __builtin_prefetch(w + k + 256);
          __builtin_prefetch(w + k + 264);
        }
        o[target[k]] += x * w[k];
      }
      visited += end - begin;
      if (track)
        st.touched.push_back(j);
    });
  }
  // Re-walking the rows costs about what adding them did; past a quarter of
  // the output a fill is cheaper.
  st.touchedAll = visited * 4 > spec.outSize;
  events += visited;
}

template <class T>
void runSparse(const NodeSpec &spec, NodeState<T> &st, const Signal<T> &in,
               int64_t &events) {
  if (spec.outSize <= kNarrowTargets)
    runSparseRows(spec, st, in, spec.narrowIndices.data(), events);
  else
    runSparseRows(spec, st, in, spec.indices.data(), events);
}

template <class T>
void runScale(const NodeSpec &spec, NodeState<T> &st, const Signal<T> &in) {
  Signal<T> &out = st.cur;
  const T *__restrict s = st.values;
  if (in.sparse()) {
    out.beginSparse();
    for (int64_t k = 0; k < in.count; ++k) {
      int32_t i = in.idx[k];
      out.val[i] = s[i] * in.val[i];
      out.push(i);
    }
    return;
  }
  out.beginDense();
  T *__restrict o = out.val.data();
  const T *__restrict x = in.val.data();
  for (int64_t i = 0; i < spec.outSize; ++i)
    o[i] = s[i] * x[i];
}

template <class T>
void runThreshold(const NodeSpec &spec, NodeState<T> &st, const Signal<T> &in) {
  Signal<T> &out = st.cur;
  const T *th = st.values;
  // Unlisted zeros cannot fire when every threshold is >= 0.
  if (in.sparse() && spec.allNonNegative) {
    out.beginSparse();
    for (int64_t k = 0; k < in.count; ++k) {
      int32_t i = in.idx[k];
      if (in.val[i] > th[i]) {
        out.val[i] = T(1);
        out.push(i);
      }
    }
    return;
  }
  out.beginDense();
  for (int64_t i = 0; i < spec.outSize; ++i)
    out.val[i] = in.val[i] > th[i] ? T(1) : T(0);
  out.listNonzeros();
}

/// Ring of event lists: an input of element i at step t is emitted at
/// t + steps[i]. Elements have one fixed delay each, so a slot never holds
/// the same element twice.
template <class T>
void runDelay(const NodeSpec &spec, NodeState<T> &st, const Signal<T> &in,
              int64_t t) {
  Signal<T> &out = st.cur;
  if (spec.maxDelay == 0) {
    out.copyFrom(in);
    return;
  }
  out.beginSparse();
  const int64_t slots = spec.maxDelay + 1;
  auto &due = st.ring[t % slots];
  for (auto [i, x] : due) {
    out.val[i] = x;
    out.push(i);
  }
  due.clear();
  const int32_t *d = spec.delaySteps.data();
  in.forEachNonzero([&](int32_t i, T x) {
    if (d[i] == 0) {
      out.val[i] = x;
      out.push(i);
    } else {
      st.ring[(t + d[i]) % slots].emplace_back(i, x);
    }
  });
  // Mixed delays interleave elements from different input steps.
  if (!spec.uniformDelay)
    std::sort(out.idx.begin(), out.idx.begin() + out.count);
}

/// Lists the (tap, output) pairs of one input coordinate along one axis:
/// output o takes input pos = o*stride - pad + tap*dilation.
inline void listTaps(std::vector<int64_t> &taps, int64_t pos, int64_t k,
                     int64_t stride, int64_t dilation, int64_t pad,
                     int64_t outLen) {
  taps.clear();
  for (int64_t tap = 0; tap < k; ++tap) {
    int64_t num = pos + pad - tap * dilation;
    if (num < 0)
      break;
    if (num % stride == 0 && num / stride < outLen) {
      taps.push_back(tap);
      taps.push_back(num / stride);
    }
  }
}

/// PyTorch cross-correlation, scattered per nonzero input: for a fixed
/// output the contributions arrive in (channel, ky, kx) order, as a direct
/// gather would add them.
template <class T>
void runConv(const NodeSpec &spec, NodeState<T> &st, const Signal<T> &in,
             int64_t &events) {
  const Geometry &g = spec.geom;
  st.cur.beginDense();
  T *o = st.cur.val.data();
  const int64_t plane = g.oh * g.ow, inPlane = g.h * g.w;
  fillBias(o, st.bias, g.cout, plane);
  const int64_t cinG = g.cin / g.groups, coutG = g.cout / g.groups;
  const int64_t cells = g.kh * g.kw;
  in.forEachNonzero([&](int32_t pos, T x) {
    const int64_t c = pos / inPlane, rest = pos % inPlane;
    listTaps(st.tapsH, rest / g.w, g.kh, g.sh, g.dh, g.ph, g.oh);
    listTaps(st.tapsW, rest % g.w, g.kw, g.sw, g.dw, g.pw, g.ow);
    events += spec.fanout[pos];
    const int64_t group = c / cinG, local = c % cinG;
    for (int64_t oc = group * coutG; oc < (group + 1) * coutG; ++oc) {
      const T *w = st.weight + (oc * cinG + local) * cells;
      T *op = o + oc * plane;
      for (size_t a = 0; a < st.tapsH.size(); a += 2) {
        const T *wrow = w + st.tapsH[a] * g.kw;
        T *orow = op + st.tapsH[a + 1] * g.ow;
        for (size_t b = 0; b < st.tapsW.size(); b += 2)
          orow[st.tapsW[b + 1]] += x * wrow[st.tapsW[b]];
      }
    }
  });
}

/// Sum / average pooling, scattered like a depthwise all-ones conv. A
/// sparse input gives a sparse output (the touched windows).
template <class T>
void runPool(const NodeSpec &spec, NodeState<T> &st, const Signal<T> &in) {
  const Geometry &g = spec.geom;
  Signal<T> &out = st.cur;
  const bool track = in.sparse();
  if (track) {
    out.beginSparse();
  } else {
    out.beginDense();
    std::fill(out.val.begin(), out.val.end(), T(0));
  }
  const int64_t plane = g.oh * g.ow, inPlane = g.h * g.w;
  in.forEachNonzero([&](int32_t pos, T x) {
    const int64_t c = pos / inPlane, rest = pos % inPlane;
    listTaps(st.tapsH, rest / g.w, g.kh, g.sh, 1, g.ph, g.oh);
    listTaps(st.tapsW, rest % g.w, g.kw, g.sw, 1, g.pw, g.ow);
    for (size_t a = 0; a < st.tapsH.size(); a += 2)
      for (size_t b = 0; b < st.tapsW.size(); b += 2) {
        int64_t cell = c * plane + st.tapsH[a + 1] * g.ow + st.tapsW[b + 1];
        out.val[cell] += x;
        if (track && !st.mark[cell]) {
          st.mark[cell] = 1;
          out.push(static_cast<int32_t>(cell));
        }
      }
  });
  if (track) {
    std::sort(out.idx.begin(), out.idx.begin() + out.count);
    for (int64_t k = 0; k < out.count; ++k)
      st.mark[out.idx[k]] = 0;
  }
  if (spec.kind == Kind::AvgPool) {
    const T cells = T(g.kh * g.kw);
    if (track) {
      for (int64_t k = 0; k < out.count; ++k)
        out.val[out.idx[k]] /= cells;
    } else {
      for (T &v : out.val)
        v /= cells;
    }
  }
}

/// `x1` is a second input to add (or null).
template <class T>
void runNeuron(const NodeSpec &spec, NodeState<T> &st, const T *x0, const T *x1,
               int64_t &updates) {
  if (spec.spikingNeuron) {
    // Zeroes last step's spikes; the loop sets and lists the new ones.
    st.cur.beginSparse();
    st.cur.count =
        st.spikeFn(st.coef, x0, x1, st.v.data(), st.syn.data(),
                   st.cur.val.data(), st.cur.idx.data(), spec.outSize);
  } else {
    st.cur.beginDense();
    T *v = st.vMode == VFromIn ? st.prev.val.data() : st.v.data();
    st.neuronFn(st.coef, x0, x1, v, st.syn.data(), st.cur.val.data(),
                spec.outSize);
  }
  updates += spec.outSize;
}

} // namespace nmc::engine::detail

#endif // NMC_ENGINE_NODEOPS_H
