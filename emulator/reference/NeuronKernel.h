//===- NeuronKernel.h - Vector neuron loops ---------------------*- C++ -*-===//
//
// The body is nmc::model::stepNeuron (NeuronModel.h) written over arrays:
// same operations, same evaluation order, so double results are identical
// (the engine is built with -ffp-contract=off so no FMA changes rounding);
// like stepNeuron, it has no cMemSyn term without a synapse. The flags are
// template parameters so each combination is a branch-free loop that GCC
// vectorizes; `Uniform` reads one coefficient for the whole population.
// A node with two inputs reads both directly (x0 + x1) instead of summing
// them into a buffer first; the sum rounds the same either way.
//===----------------------------------------------------------------------===//
#ifndef NMC_ENGINE_NEURONKERNEL_H
#define NMC_ENGINE_NEURONKERNEL_H

#include "Program.h"

#include <cstdint>
#include <cstring>
#include <type_traits>

namespace nmc::engine::detail {

template <class T> struct NeuronCoefPtrs {
  const T *c[kNumCoefs]; ///< n entries each, or 1 when uniform
};

/// Where a non-spiking loop keeps the membrane potential. A non-spiking
/// neuron's output equals v, so when v starts at zero (no initialV) the
/// output buffer can hold v and the separate v array is not touched:
///  - VState:   v is read from and written to `v`; `out` gets a copy.
///  - VFromIn:  v is read from `v` (the previous output buffer of a delayed
///              source, read-only) and written to `out` only.
///  - VInPlace: v is read from and written to `out` (`v` unused).
/// Spiking loops always use VState.
enum VMode { VState = 0, VFromIn = 1, VInPlace = 2 };

/// Updates n neurons with input x0 (+ x1 when not null: two summed inputs,
/// added as x0 + x1 exactly like the engine's input sum).
template <class T>
using NeuronFn = void (*)(const NeuronCoefPtrs<T> &, const T *x0, const T *x1,
                          T *v, T *syn, T *out, int64_t n);

/// A spiking population that also lists its spikes: `out` must be all zero
/// on entry; fired positions are set to 1 and their indices written to `idx`
/// in ascending order. Returns the number of spikes.
template <class T>
using SpikeFn = int64_t (*)(const NeuronCoefPtrs<T> &, const T *x0, const T *x1,
                            T *v, T *syn, T *out, int32_t *idx, int64_t n);

/// Two non-spiking neurons L0, L1 (no synapse, one input each) whose only
/// reader is a spiking neuron N through delayed edges, updated inside N's
/// loop one step late (Runner::planFusion): l[k] holds L_k's previous
/// output, acc[k] the input L_k would have read last step. Coefficients
/// have one entry when uniform (template LU), else n.
template <class T> struct FusedLI {
  T *l[2];
  const T *acc[2];
  const T *aMem[2], *cMemIn[2], *cMem0[2];
};

/// Spiking loop over N with both inputs fused (see FusedLI).
template <class T>
using FusedSpikeFn = int64_t (*)(const NeuronCoefPtrs<T> &, const FusedLI<T> &,
                                 T *v, T *syn, T *out, int32_t *idx, int64_t n);

/// Inputs: 1 = x0, 2 = x0 + x1, 3 = fused (x = l0 + l1 after updating both
/// exactly as the non-spiking loop would, see FusedLI).
template <class T, bool Uniform, bool HasSyn, bool Spiking, bool Subtract,
          int Inputs, int Mode, bool LU = true>
[[gnu::always_inline]] inline int64_t
neuronBody(const NeuronCoefPtrs<T> &p, const T *__restrict x0,
           const T *__restrict x1, T *__restrict v, T *__restrict syn,
           T *__restrict out, int64_t n, const FusedLI<T> *f = nullptr) {
  static_assert(Mode == VState || !Spiking);
  const T *__restrict aSyn = p.c[ASyn];
  const T *__restrict bSyn = p.c[BSyn];
  const T *__restrict aMem = p.c[AMem];
  const T *__restrict cMemSyn = p.c[CMemSyn];
  const T *__restrict cMemIn = p.c[CMemIn];
  const T *__restrict cMem0 = p.c[CMem0];
  const T *__restrict vTh = p.c[VThreshold];
  const T *__restrict vReset = p.c[VReset];
  T *__restrict l0 = nullptr, *__restrict l1 = nullptr;
  const T *__restrict acc0 = nullptr, *__restrict acc1 = nullptr;
  const T *__restrict la0 = nullptr, *__restrict la1 = nullptr;
  const T *__restrict lc0 = nullptr, *__restrict lc1 = nullptr;
  const T *__restrict ld0 = nullptr, *__restrict ld1 = nullptr;
  if constexpr (Inputs == 3) {
    l0 = f->l[0], l1 = f->l[1], acc0 = f->acc[0], acc1 = f->acc[1];
    la0 = f->aMem[0], la1 = f->aMem[1], lc0 = f->cMemIn[0], lc1 = f->cMemIn[1],
    ld0 = f->cMem0[0], ld1 = f->cMem0[1];
  }
  // Uniform coefficients are read once into values: read through pointers
  // inside the loop, GCC turned the reset read into a masked load and
  // gave up vectorizing the fused loop. co(k, i) is coefficient k of neuron
  // i for N, lc(k, m, i) that of fused neuron m.
  const T *__restrict const cp[kNumCoefs] = {aSyn,   bSyn,  aMem, cMemSyn,
                                             cMemIn, cMem0, vTh,  vReset};
  T cu[kNumCoefs] = {};
  if constexpr (Uniform)
    for (int k = 0; k < kNumCoefs; ++k)
      if (cp[k])
        cu[k] = cp[k][0];
  auto co = [&](int k, int64_t i) { return Uniform ? cu[k] : cp[k][i]; };
  const T *__restrict const lp[3][2] = {{la0, la1}, {lc0, lc1}, {ld0, ld1}};
  T lu[3][2] = {};
  if constexpr (LU && Inputs == 3)
    for (int k = 0; k < 3; ++k)
      for (int m = 0; m < 2; ++m)
        lu[k][m] = lp[k][m][0];
  auto lc = [&](int k, int m, int64_t i) {
    return LU ? lu[k][m] : lp[k][m][i];
  };
  int64_t fired = 0;
  // Every access is at index i (or a read-only coefficient [0]): no
  // loop-carried dependence, whatever GCC's alias analysis concludes.
#pragma GCC ivdep
  for (int64_t i = 0; i < n; ++i) {
    T xi;
    if constexpr (Inputs == 3) {
      // The non-spiking, synapse-free branch below, for L0 and L1.
      const T nl0 = lc(0, 0, i) * l0[i] + lc(1, 0, i) * acc0[i] + lc(2, 0, i);
      const T nl1 = lc(0, 1, i) * l1[i] + lc(1, 1, i) * acc1[i] + lc(2, 1, i);
      l0[i] = nl0;
      l1[i] = nl1;
      xi = nl0 + nl1;
    } else {
      xi = Inputs == 2 ? x0[i] + x1[i] : x0[i];
    }
    const T vOld = Mode == VInPlace ? out[i] : v[i];
    T nv;
    if constexpr (HasSyn) {
      const T oldSyn = syn[i];
      syn[i] = co(ASyn, i) * oldSyn + co(BSyn, i) * xi;
      nv = co(AMem, i) * vOld + co(CMemSyn, i) * oldSyn + co(CMemIn, i) * xi +
           co(CMem0, i);
    } else {
      nv = co(AMem, i) * vOld + co(CMemIn, i) * xi + co(CMem0, i);
    }
    if constexpr (Spiking) {
      const bool fire =
          nv > co(VThreshold, i); // strict '>' (docs/semantics.md)
      const T after = Subtract ? nv - co(VThreshold, i) : co(VReset, i);
      v[i] = fire ? after : nv;
      out[i] = fire ? T(1) : T(0);
      fired += fire;
    } else {
      if constexpr (Mode == VState)
        v[i] = nv;
      out[i] = nv;
    }
  }
  return fired;
}

template <class T, bool U, bool S, bool Spk, bool Sub, int Mode>
void neuronLoop(const NeuronCoefPtrs<T> &p, const T *x0, const T *x1, T *v,
                T *syn, T *out, int64_t n) {
  if (x1)
    neuronBody<T, U, S, Spk, Sub, 2, Mode>(p, x0, x1, v, syn, out, n);
  else
    neuronBody<T, U, S, Spk, Sub, 1, Mode>(p, x0, x1, v, syn, out, n);
}

/// The spiking loop in blocks: each block's 0/1 outputs go to a stack
/// buffer (in L1), which is then scanned; only blocks of 8 holding a spike
/// are copied to `out` and listed in `idx`. Saves the dense write of
/// `out` and the separate listing pass over it.
template <class T, bool U, bool S, bool Sub, int In, bool LU = true>
[[gnu::always_inline]] inline int64_t
spikeBlocks(const NeuronCoefPtrs<T> &p, const T *x0, const T *x1, T *v, T *syn,
            T *out, int32_t *idx, int64_t n, const FusedLI<T> *f = nullptr) {
  constexpr int64_t B = 256;
  alignas(64) T fires[B];
  int64_t m = 0;
  for (int64_t b = 0; b < n; b += B) {
    const int64_t len = n - b < B ? n - b : B;
    NeuronCoefPtrs<T> q = p;
    if (!U)
      for (int c = 0; c < kNumCoefs; ++c)
        if (q.c[c])
          q.c[c] += b;
    FusedLI<T> g{};
    if constexpr (In == 3) {
      g = *f;
      for (int k = 0; k < 2; ++k) {
        g.l[k] += b;
        g.acc[k] += b;
        if (!LU) {
          g.aMem[k] += b;
          g.cMemIn[k] += b;
          g.cMem0[k] += b;
        }
      }
    }
    if (!neuronBody<T, U, S, true, Sub, In, VState, LU>(
            q, In == 3 ? nullptr : x0 + b, In == 2 ? x1 + b : nullptr, v + b,
            S ? syn + b : nullptr, fires, len, &g))
      continue; // most blocks hold no spike
    // fires holds exactly 0 or 1. Unlike Signal::scanNonzero, blocks of 8
    // holding a spike are listed without branches: Brunel fires often
    // enough that a branch per neuron costs about 10% (bench/engine).
    using Bits = std::conditional_t<sizeof(T) == 8, uint64_t, uint32_t>;
    int64_t i = 0;
    for (; i + 8 <= len; i += 8) {
      Bits any = 0;
      for (int k = 0; k < 8; ++k) {
        Bits bits;
        std::memcpy(&bits, fires + i + k, sizeof bits);
        any |= bits;
      }
      if (any)
        for (int k = 0; k < 8; ++k) {
          idx[m] = static_cast<int32_t>(b + i + k);
          m += fires[i + k] != T(0);
          out[b + i + k] = fires[i + k];
        }
    }
    for (; i < len; ++i) {
      idx[m] = static_cast<int32_t>(b + i);
      m += fires[i] != T(0);
      out[b + i] = fires[i];
    }
  }
  return m;
}

template <class T, bool U, bool S, bool Sub>
int64_t spikeLoop(const NeuronCoefPtrs<T> &p, const T *x0, const T *x1, T *v,
                  T *syn, T *out, int32_t *idx, int64_t n) {
  if (x1)
    return spikeBlocks<T, U, S, Sub, 2>(p, x0, x1, v, syn, out, idx, n);
  return spikeBlocks<T, U, S, Sub, 1>(p, x0, x1, v, syn, out, idx, n);
}

#if defined(__GNUC__) && defined(__x86_64__)
#define NMC_ENGINE_AVX2 1
/// The same loops compiled for AVX2 (no FMA: rounding is unchanged), picked
/// at run time when the CPU has it.
template <class T, bool U, bool S, bool Spk, bool Sub, int Mode>
[[gnu::target("avx2")]] void neuronLoopAvx2(const NeuronCoefPtrs<T> &p,
                                            const T *x0, const T *x1, T *v,
                                            T *syn, T *out, int64_t n) {
  if (x1)
    neuronBody<T, U, S, Spk, Sub, 2, Mode>(p, x0, x1, v, syn, out, n);
  else
    neuronBody<T, U, S, Spk, Sub, 1, Mode>(p, x0, x1, v, syn, out, n);
}

template <class T, bool U, bool S, bool Sub>
[[gnu::target("avx2")]] int64_t
spikeLoopAvx2(const NeuronCoefPtrs<T> &p, const T *x0, const T *x1, T *v,
              T *syn, T *out, int32_t *idx, int64_t n) {
  if (x1)
    return spikeBlocks<T, U, S, Sub, 2>(p, x0, x1, v, syn, out, idx, n);
  return spikeBlocks<T, U, S, Sub, 1>(p, x0, x1, v, syn, out, idx, n);
}
#endif

template <class T, bool U, bool S, bool Sub, bool LU>
int64_t fusedSpikeLoop(const NeuronCoefPtrs<T> &p, const FusedLI<T> &f, T *v,
                       T *syn, T *out, int32_t *idx, int64_t n) {
  return spikeBlocks<T, U, S, Sub, 3, LU>(p, nullptr, nullptr, v, syn, out, idx,
                                          n, &f);
}
#ifdef NMC_ENGINE_AVX2
template <class T, bool U, bool S, bool Sub, bool LU>
[[gnu::target("avx2")]] int64_t
fusedSpikeLoopAvx2(const NeuronCoefPtrs<T> &p, const FusedLI<T> &f, T *v,
                   T *syn, T *out, int32_t *idx, int64_t n) {
  return spikeBlocks<T, U, S, Sub, 3, LU>(p, nullptr, nullptr, v, syn, out, idx,
                                          n, &f);
}
template <class T, bool U, bool S, bool Sub, bool LU>
[[gnu::target("avx512f,avx512vl,avx512dq,prefer-vector-width=512")]] int64_t
fusedSpikeLoopAvx512(const NeuronCoefPtrs<T> &p, const FusedLI<T> &f, T *v,
                     T *syn, T *out, int32_t *idx, int64_t n) {
  return spikeBlocks<T, U, S, Sub, 3, LU>(p, nullptr, nullptr, v, syn, out, idx,
                                          n, &f);
}
#endif

/// Calls f with one std::bool_constant per runtime flag, so that each
/// combination of flags picks its own loop instance.
template <class F> decltype(auto) withFlags(F &&f) { return f(); }
template <class F, class... Rest>
decltype(auto) withFlags(F &&f, bool flag, Rest... rest) {
  if (flag)
    return withFlags([&](auto... c) { return f(std::true_type{}, c...); },
                     rest...);
  return withFlags([&](auto... c) { return f(std::false_type{}, c...); },
                   rest...);
}

/// Which instruction set the loops below run with.
enum class Isa { Generic, Avx2, Avx512 };

inline Isa detectIsa() {
#ifdef NMC_ENGINE_AVX2
  if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl") &&
      __builtin_cpu_supports("avx512dq"))
    return Isa::Avx512;
  if (__builtin_cpu_supports("avx2"))
    return Isa::Avx2;
#endif
  return Isa::Generic;
}

/// The fused spiking loop instance for one node's flags (`lUniform`: the
/// fused neurons' coefficients).
template <class T>
FusedSpikeFn<T> selectFusedSpikeLoop(bool uniform, bool hasSyn, bool subtract,
                                     bool lUniform) {
  const Isa isa = detectIsa();
  return withFlags(
      [&](auto U, auto S, auto Sub, auto LU) -> FusedSpikeFn<T> {
#ifdef NMC_ENGINE_AVX2
        if (isa == Isa::Avx512)
          return &fusedSpikeLoopAvx512<T, U, S, Sub, LU>;
        if (isa == Isa::Avx2)
          return &fusedSpikeLoopAvx2<T, U, S, Sub, LU>;
#endif
        return &fusedSpikeLoop<T, U, S, Sub, LU>;
      },
      uniform, hasSyn, subtract, lUniform);
}

/// The non-spiking (or plain spiking) loop instance for one node's flags.
template <class T>
NeuronFn<T> selectNeuronLoop(bool uniform, bool hasSyn, bool spiking,
                             bool subtract, int mode = VState) {
  const bool avx2 = detectIsa() != Isa::Generic;
  auto pick = [&](auto U, auto S, auto Spk, auto Sub, auto M) -> NeuronFn<T> {
#ifdef NMC_ENGINE_AVX2
    if (avx2)
      return &neuronLoopAvx2<T, U, S, Spk, Sub, M()>;
#endif
    return &neuronLoop<T, U, S, Spk, Sub, M()>;
  };
  using VStateC = std::integral_constant<int, VState>;
  return withFlags(
      [&](auto U, auto S, auto Spk, auto Sub) -> NeuronFn<T> {
        if constexpr (Spk)
          return pick(U, S, Spk, Sub, VStateC{});
        else if constexpr (Sub)
          return nullptr; // non-spiking loops never reset
        else if (mode == VInPlace)
          return pick(U, S, Spk, Sub, std::integral_constant<int, VInPlace>{});
        else if (mode == VFromIn)
          return pick(U, S, Spk, Sub, std::integral_constant<int, VFromIn>{});
        else
          return pick(U, S, Spk, Sub, VStateC{});
      },
      uniform, hasSyn, spiking, spiking &&subtract);
}

/// The listing spiking loop instance for one node's flags.
template <class T>
SpikeFn<T> selectSpikeLoop(bool uniform, bool hasSyn, bool subtract) {
  const bool avx2 = detectIsa() != Isa::Generic;
  return withFlags(
      [&](auto U, auto S, auto Sub) -> SpikeFn<T> {
#ifdef NMC_ENGINE_AVX2
        if (avx2)
          return &spikeLoopAvx2<T, U, S, Sub>;
#endif
        return &spikeLoop<T, U, S, Sub>;
      },
      uniform, hasSyn, subtract);
}

} // namespace nmc::engine::detail

#endif // NMC_ENGINE_NEURONKERNEL_H
