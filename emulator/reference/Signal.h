//===- Signal.h - A node output: values + nonzero list ----------*- C++ -*-===//
//
// `val` is always the full output. When `listed` is true, `idx` holds, in
// ascending order, a superset of the nonzero positions (every unlisted
// position is zero), so consumers can visit only those. Ascending order keeps
// the summation order of every consumer independent of the representation.
//===----------------------------------------------------------------------===//
#ifndef NMC_ENGINE_SIGNAL_H
#define NMC_ENGINE_SIGNAL_H

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <type_traits>
#include <vector>

namespace nmc::engine::detail {

template <class T> struct Signal {
  std::vector<T> val;
  std::vector<int32_t> idx; ///< capacity = size; first `count` entries used
  int64_t count = 0;
  bool listed = true;

  void init(int64_t size) {
    val.assign(size, T(0));
    idx.assign(size, 0);
    count = 0;
    listed = true;
  }
  int64_t size() const { return static_cast<int64_t>(val.size()); }

  /// Zeroes the output for an op that accumulates; keeps it listed (empty).
  void beginSparse() {
    if (listed) {
      for (int64_t k = 0; k < count; ++k)
        val[idx[k]] = T(0);
    } else {
      std::fill(val.begin(), val.end(), T(0));
    }
    count = 0;
    listed = true;
  }
  /// For an op that overwrites every value; marks the output unlisted.
  void beginDense() {
    count = 0;
    listed = false;
  }
  void push(int32_t i) { idx[count++] = i; }
  /// True if visiting the list beats a dense pass (density <= 1/8).
  bool sparse() const { return listed && count * 8 <= size(); }

  /// Calls f(i, v) for every nonzero value in ascending i.
  template <class F> void forEachNonzero(F &&f) const {
    if (listed) {
      for (int64_t k = 0; k < count; ++k) {
        int32_t i = idx[k];
        if (val[i] != T(0))
          f(i, val[i]);
      }
    } else {
      scanNonzero(val.data(), size(), f);
    }
  }

  /// Lists the nonzero positions of a fully written `val`: all-zero blocks
  /// of 8 are skipped, others compacted without branches.
  void listNonzeros() {
    using Bits = std::conditional_t<sizeof(T) == 8, uint64_t, uint32_t>;
    const T *v = val.data();
    const int64_t n = size();
    int32_t *out = idx.data();
    int64_t m = 0, i = 0;
    for (; i + 8 <= n; i += 8) {
      Bits any = 0;
      for (int k = 0; k < 8; ++k) {
        Bits b;
        std::memcpy(&b, v + i + k, sizeof b);
        any |= b << 1; // drop the sign: -0 is zero
      }
      if (any)
        for (int k = 0; k < 8; ++k) {
          out[m] = static_cast<int32_t>(i + k);
          m += v[i + k] != T(0);
        }
    }
    for (; i < n; ++i) {
      out[m] = static_cast<int32_t>(i);
      m += v[i] != T(0);
    }
    count = m;
    listed = true;
  }

  /// Calls f(i, v[i]) for the nonzero v[i], ascending. Skips blocks of 8
  /// whose bit patterns (sign dropped, so -0 counts as zero) are all zero:
  /// sparse data costs little more than a vectorized OR.
  template <class F> static void scanNonzero(const T *v, int64_t n, F &&f) {
    using Bits = std::conditional_t<sizeof(T) == 8, uint64_t, uint32_t>;
    int64_t i = 0;
    for (; i + 8 <= n; i += 8) {
      Bits any = 0;
      for (int k = 0; k < 8; ++k) {
        Bits b;
        std::memcpy(&b, v + i + k, sizeof b);
        any |= b << 1;
      }
      if (any)
        for (int k = 0; k < 8; ++k)
          if (v[i + k] != T(0))
            f(static_cast<int32_t>(i + k), v[i + k]);
    }
    for (; i < n; ++i)
      if (v[i] != T(0))
        f(static_cast<int32_t>(i), v[i]);
  }

  /// Copies `src` (same size) preserving its representation.
  void copyFrom(const Signal &src) {
    if (src.sparse()) {
      beginSparse();
      for (int64_t k = 0; k < src.count; ++k) {
        int32_t i = src.idx[k];
        val[i] = src.val[i];
        idx[k] = i;
      }
      count = src.count;
    } else {
      std::copy(src.val.begin(), src.val.end(), val.begin());
      count = 0;
      listed = false;
    }
  }
};

} // namespace nmc::engine::detail

#endif // NMC_ENGINE_SIGNAL_H
