//===- FusedKernelAvx512.h - Fused spiking loop in AVX-512 intrinsics -----===//
//
// The fused spiking loop of NeuronKernel.h (FusedLI: a spiking population
// and its two synapse populations), for float64 with uniform coefficients
// on AVX-512 CPUs -- CUBA's case. Same operations in the same order as
// neuronBody (no FMA), so results are bit-identical; the gain is in the
// spike test: the compare mask is tested directly instead of writing a 0/1
// buffer and scanning it, about 15% less time on CUBA (bench/engine).
//===----------------------------------------------------------------------===//
#ifndef NMC_ENGINE_FUSEDKERNELAVX512_H
#define NMC_ENGINE_FUSEDKERNELAVX512_H

#include "NeuronKernel.h"

#include <cstdint>

#if defined(__GNUC__) && defined(__x86_64__)
#define NMC_ENGINE_FUSED_AVX512 1
#include <immintrin.h>
#endif

namespace nmc::engine::detail {

#ifdef NMC_ENGINE_FUSED_AVX512

#define NMC_AVX512 gnu::target("avx512f,avx512vl,avx512dq")

template <bool Tail>
[[NMC_AVX512, gnu::always_inline]] inline __m512d load8(const double *p,
                                                        __mmask8 lanes) {
  if constexpr (Tail)
    return _mm512_maskz_loadu_pd(lanes, p);
  else
    return _mm512_loadu_pd(p);
}

template <bool Tail>
[[NMC_AVX512, gnu::always_inline]] inline void store8(double *p, __mmask8 lanes,
                                                      __m512d x) {
  if constexpr (Tail)
    _mm512_mask_storeu_pd(p, lanes, x);
  else
    _mm512_storeu_pd(p, x);
}

/// Neurons [i, i + 8); with Tail only those in `lanes`.
template <bool S, bool Sub, bool Tail>
[[NMC_AVX512, gnu::always_inline]] inline int64_t
fusedBlockAvx512(const __m512d *c, const __m512d *la, const __m512d *lc,
                 const __m512d *ld, double *l0, double *l1, const double *acc0,
                 const double *acc1, double *v, double *syn, double *out,
                 int32_t *idx, int64_t i, __mmask8 lanes) {
  // Synapse population k: aMem*l + cMemIn*acc + cMem0.
  const __m512d n0 = _mm512_add_pd(
      _mm512_add_pd(_mm512_mul_pd(la[0], load8<Tail>(l0 + i, lanes)),
                    _mm512_mul_pd(lc[0], load8<Tail>(acc0 + i, lanes))),
      ld[0]);
  const __m512d n1 = _mm512_add_pd(
      _mm512_add_pd(_mm512_mul_pd(la[1], load8<Tail>(l1 + i, lanes)),
                    _mm512_mul_pd(lc[1], load8<Tail>(acc1 + i, lanes))),
      ld[1]);
  store8<Tail>(l0 + i, lanes, n0);
  store8<Tail>(l1 + i, lanes, n1);
  const __m512d x = _mm512_add_pd(n0, n1);
  __m512d nv = _mm512_mul_pd(c[AMem], load8<Tail>(v + i, lanes));
  if constexpr (S) {
    const __m512d oldSyn = load8<Tail>(syn + i, lanes);
    store8<Tail>(syn + i, lanes,
                 _mm512_add_pd(_mm512_mul_pd(c[ASyn], oldSyn),
                               _mm512_mul_pd(c[BSyn], x)));
    nv = _mm512_add_pd(nv, _mm512_mul_pd(c[CMemSyn], oldSyn));
  }
  nv = _mm512_add_pd(_mm512_add_pd(nv, _mm512_mul_pd(c[CMemIn], x)), c[CMem0]);
  // Strict '>' (docs/semantics.md); ordered, so NaN does not fire.
  const __mmask8 fire =
      _mm512_mask_cmp_pd_mask(lanes, nv, c[VThreshold], _CMP_GT_OQ);
  const __m512d after = Sub ? _mm512_sub_pd(nv, c[VThreshold]) : c[VReset];
  store8<Tail>(v + i, lanes, _mm512_mask_blend_pd(fire, nv, after));
  int64_t count = 0;
  if (fire) [[unlikely]] {
    for (unsigned bits = fire; bits; bits &= bits - 1) {
      const int64_t j = i + __builtin_ctz(bits);
      out[j] = 1.0;
      idx[count++] = static_cast<int32_t>(j);
    }
  }
  return count;
}

/// The fused spiking loop (FusedSpikeFn), uniform coefficients.
template <bool S, bool Sub>
[[NMC_AVX512]] int64_t
fusedSpikeLoopUniformAvx512(const NeuronCoefPtrs<double> &p,
                            const FusedLI<double> &f, double *v, double *syn,
                            double *out, int32_t *idx, int64_t n) {
  __m512d c[kNumCoefs];
  for (int k = 0; k < kNumCoefs; ++k)
    c[k] = _mm512_set1_pd(p.c[k] ? p.c[k][0] : 0.0);
  const __m512d la[2] = {_mm512_set1_pd(f.aMem[0][0]),
                         _mm512_set1_pd(f.aMem[1][0])};
  const __m512d lc[2] = {_mm512_set1_pd(f.cMemIn[0][0]),
                         _mm512_set1_pd(f.cMemIn[1][0])};
  const __m512d ld[2] = {_mm512_set1_pd(f.cMem0[0][0]),
                         _mm512_set1_pd(f.cMem0[1][0])};
  double *l0 = f.l[0], *l1 = f.l[1];
  const double *acc0 = f.acc[0], *acc1 = f.acc[1];
  int64_t count = 0;
  const int64_t whole = n - n % 8;
  for (int64_t i = 0; i < whole; i += 8)
    count += fusedBlockAvx512<S, Sub, false>(c, la, lc, ld, l0, l1, acc0, acc1,
                                             v, syn, out, idx + count, i, 0xFF);
  if (whole < n)
    count += fusedBlockAvx512<S, Sub, true>(
        c, la, lc, ld, l0, l1, acc0, acc1, v, syn, out, idx + count, whole,
        static_cast<__mmask8>((1u << (n - whole)) - 1));
  return count;
}

#undef NMC_AVX512
#endif

/// The loop for N's flags, or null when the CPU lacks AVX-512
/// (the general fused loop then runs).
inline FusedSpikeFn<double> selectFusedSpikeLoopUniformAvx512(bool hasSyn,
                                                              bool subtract) {
#ifdef NMC_ENGINE_FUSED_AVX512
  if (detectIsa() != Isa::Avx512)
    return nullptr;
  if (hasSyn)
    return subtract ? &fusedSpikeLoopUniformAvx512<true, true>
                    : &fusedSpikeLoopUniformAvx512<true, false>;
  return subtract ? &fusedSpikeLoopUniformAvx512<false, true>
                  : &fusedSpikeLoopUniformAvx512<false, false>;
#else
  return nullptr;
#endif
}

} // namespace nmc::engine::detail

#endif // NMC_ENGINE_FUSEDKERNELAVX512_H
