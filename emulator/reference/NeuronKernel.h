//===- NeuronKernel.h - Vectorizable loop over a neuron population
//---------===//
//
// The body is nmc::model::stepNeuron (NeuronModel.h) written over arrays:
// same operations, same evaluation order, so double results are identical
// (the engine is built with -ffp-contract=off so no FMA changes rounding).
// The only difference: without a synapse the `cMemSyn * 0` term of
// stepNeuron is left out, which adds an exact zero there. The flags are
// template parameters so each combination is a branch-free loop that GCC
// vectorizes; `Uniform` reads one coefficient for the whole population.
// A node with two inputs reads both directly (x0 + x1) instead of summing
// them into a buffer first; the sum rounds the same either way.
//===----------------------------------------------------------------------===//
#ifndef NMC_ENGINE_NEURONKERNEL_H
#define NMC_ENGINE_NEURONKERNEL_H

#include "Program.h"

#include <cstdint>

namespace nmc::engine::detail {

template <class T> struct NeuronCoefPtrs {
  const T *c[kNumCoefs]; ///< n entries each, or 1 when uniform
};

/// Updates n neurons with input x0 (+ x1 when not null: two summed inputs,
/// added as x0 + x1 exactly like the engine's input sum).
template <class T>
using NeuronFn = void (*)(const NeuronCoefPtrs<T> &, const T *x0, const T *x1,
                          T *v, T *syn, T *out, int64_t n);

template <class T, bool Uniform, bool HasSyn, bool Spiking, bool Subtract,
          bool TwoInputs>
[[gnu::always_inline]] inline void
neuronBody(const NeuronCoefPtrs<T> &p, const T *__restrict x0,
           const T *__restrict x1, T *__restrict v, T *__restrict syn,
           T *__restrict out, int64_t n) {
  const T *__restrict aSyn = p.c[ASyn];
  const T *__restrict bSyn = p.c[BSyn];
  const T *__restrict aMem = p.c[AMem];
  const T *__restrict cMemSyn = p.c[CMemSyn];
  const T *__restrict cMemIn = p.c[CMemIn];
  const T *__restrict cMem0 = p.c[CMem0];
  const T *__restrict vTh = p.c[VThreshold];
  const T *__restrict vReset = p.c[VReset];
  for (int64_t i = 0; i < n; ++i) {
    const int64_t j = Uniform ? 0 : i;
    const T xi = TwoInputs ? x0[i] + x1[i] : x0[i];
    T nv;
    if constexpr (HasSyn) {
      const T oldSyn = syn[i];
      syn[i] = aSyn[j] * oldSyn + bSyn[j] * xi;
      nv = aMem[j] * v[i] + cMemSyn[j] * oldSyn + cMemIn[j] * xi + cMem0[j];
    } else {
      nv = aMem[j] * v[i] + cMemIn[j] * xi + cMem0[j];
    }
    if constexpr (Spiking) {
      const bool fire = nv > vTh[j]; // strict '>' (docs/semantics.md)
      const T after = Subtract ? nv - vTh[j] : vReset[j];
      v[i] = fire ? after : nv;
      out[i] = fire ? T(1) : T(0);
    } else {
      v[i] = nv;
      out[i] = nv;
    }
  }
}

template <class T, bool U, bool S, bool Spk, bool Sub>
void neuronLoop(const NeuronCoefPtrs<T> &p, const T *x0, const T *x1, T *v,
                T *syn, T *out, int64_t n) {
  if (x1)
    neuronBody<T, U, S, Spk, Sub, true>(p, x0, x1, v, syn, out, n);
  else
    neuronBody<T, U, S, Spk, Sub, false>(p, x0, x1, v, syn, out, n);
}

#if defined(__GNUC__) && defined(__x86_64__)
#define NMC_ENGINE_AVX2 1
/// The same loop compiled for AVX2 (no FMA: rounding is unchanged), picked
/// at run time when the CPU has it.
template <class T, bool U, bool S, bool Spk, bool Sub>
[[gnu::target("avx2")]] void neuronLoopAvx2(const NeuronCoefPtrs<T> &p,
                                            const T *x0, const T *x1, T *v,
                                            T *syn, T *out, int64_t n) {
  if (x1)
    neuronBody<T, U, S, Spk, Sub, true>(p, x0, x1, v, syn, out, n);
  else
    neuronBody<T, U, S, Spk, Sub, false>(p, x0, x1, v, syn, out, n);
}
#endif

/// The loop instance for one node's flags.
template <class T>
NeuronFn<T> selectNeuronLoop(bool uniform, bool hasSyn, bool spiking,
                             bool subtract) {
#ifdef NMC_ENGINE_AVX2
  const bool avx2 = __builtin_cpu_supports("avx2");
#define NMC_LOOP(U, S, Spk, Sub)                                               \
  (avx2 ? &neuronLoopAvx2<T, U, S, Spk, Sub> : &neuronLoop<T, U, S, Spk, Sub>)
#else
#define NMC_LOOP(U, S, Spk, Sub) (&neuronLoop<T, U, S, Spk, Sub>)
#endif
#define NMC_PICK(U, S)                                                         \
  if (uniform == U && hasSyn == S) {                                           \
    if (!spiking)                                                              \
      return NMC_LOOP(U, S, false, false);                                     \
    return subtract ? NMC_LOOP(U, S, true, true)                               \
                    : NMC_LOOP(U, S, true, false);                             \
  }
  NMC_PICK(true, true)
  NMC_PICK(true, false)
  NMC_PICK(false, true)
  NMC_PICK(false, false)
#undef NMC_PICK
#undef NMC_LOOP
  return nullptr;
}

} // namespace nmc::engine::detail

#endif // NMC_ENGINE_NEURONKERNEL_H
