//===- EmuNeuronLoops.cpp - Array loops of a uniform neuron slice ---------===//
#include "EmuNeuronLoops.h"

#include "nmc/Target/SpiNNaker/SpinnImage.h"

#include <algorithm>

namespace nmc::spinn::emu {

namespace {

constexpr int kFrac = kNumberFormat.fracBits;
constexpr int64_t kHalf = int64_t(1) << (kFrac - 1);
constexpr int64_t kLo = kNumberFormat.minRaw(), kHi = kNumberFormat.maxRaw();

// fixed::saturate; `out` (0/1) tells whether it clamped. Each loop adds
// its flags once per element: one update of each counter per iteration is
// what the vectorizer takes as a reduction.
[[gnu::always_inline]] inline int64_t satRaw(int64_t s, int64_t &out) {
  out = (s > kHi) | (s < kLo);
  return std::min(std::max(s, kLo), kHi);
}

// FixedArith::mul: fixed::roundShift (nearest), countRounding, saturate.
struct Product {
  int64_t value, saturated, rounded, toZero;
};
[[gnu::always_inline]] inline Product mulRaw(int64_t a, int64_t b) {
  const int64_t p = a * b;
  const int64_t q = (p + kHalf - (p < 0)) >> kFrac;
  const int64_t inexact = (q << kFrac) != p;
  Product r;
  r.rounded = inexact;
  r.toZero = inexact & (q == 0);
  r.value = satRaw(q, r.saturated);
  return r;
}

template <bool Negate>
[[gnu::always_inline]] inline void filterBody(const FilterLoop &f, int64_t n,
                                              LoopCounts &k) {
  int64_t sat = 0, rounded = 0, toZero = 0, inSat = 0;
  uint16_t *__restrict r = f.ring;
  int64_t *__restrict cur = f.cur;
  const int shift = f.shift;
  const int64_t a = f.a, cIn = f.cIn, c0 = f.c0;
  for (int64_t i = 0; i < n; ++i) {
    int64_t x = int64_t(r[i]) << shift;
    if constexpr (Negate)
      x = -x;
    int64_t s0, s1, s2;
    x = satRaw(x, s0);
    inSat += s0;
    r[i] = 0;
    const Product m = mulRaw(a, cur[i]);
    const Product in = mulRaw(cIn, x);
    cur[i] = satRaw(satRaw(m.value + in.value, s1) + c0, s2);
    sat += m.saturated + in.saturated + s1 + s2;
    rounded += m.rounded + in.rounded;
    toZero += m.toZero + in.toZero;
  }
  k.saturated += sat;
  k.rounded += rounded;
  k.roundedToZero += toZero;
  k.inputSaturations += inSat;
}

/// Input: 0 = ring buffers, 1 = x0, 2 = x0 + x1.
template <int Input, bool Subtract>
[[gnu::always_inline]] inline void neuronBody(const NeuronLoop &l, int64_t n,
                                              LoopCounts &k) {
  int64_t sat = 0, rounded = 0, toZero = 0, inSat = 0;
  uint16_t *__restrict exc = l.exc, *__restrict inh = l.inh;
  const int64_t *__restrict x0 = l.x0, *__restrict x1 = l.x1;
  int64_t *__restrict v = l.v;
  uint8_t *__restrict z = l.spiked;
  const int sE = l.shiftExc, sI = l.shiftInh;
  const int64_t aMem = l.aMem, cIn = l.cIn, c0 = l.c0, th = l.th,
                reset = l.reset;
  for (int64_t i = 0; i < n; ++i) {
    int64_t x, sx = 0, s1, s2, s3 = 0;
    if constexpr (Input == 0) {
      int64_t in;
      x = satRaw((int64_t(exc[i]) << sE) - (int64_t(inh[i]) << sI), in);
      inSat += in;
      exc[i] = 0;
      inh[i] = 0;
    } else if constexpr (Input == 1) {
      x = x0[i];
    } else {
      x = satRaw(x0[i] + x1[i], sx);
    }
    const Product m = mulRaw(aMem, v[i]);
    const Product in = mulRaw(cIn, x);
    const int64_t nv = satRaw(satRaw(m.value + in.value, s1) + c0, s2);
    const int64_t spike = nv > th;
    int64_t after = reset;
    if constexpr (Subtract)
      after = satRaw(nv - th, s3);
    sat += sx + m.saturated + in.saturated + s1 + s2 + (spike & s3);
    rounded += m.rounded + in.rounded;
    toZero += m.toZero + in.toZero;
    v[i] = spike ? after : nv;
    z[i] = uint8_t(spike);
  }
  k.saturated += sat;
  k.rounded += rounded;
  k.roundedToZero += toZero;
  k.inputSaturations += inSat;
}

#define NMC_LOOPS(ATTR, SUFFIX)                                                \
  ATTR void filterLoop##SUFFIX(const FilterLoop &f, int64_t n,                 \
                               LoopCounts &k) {                                \
    if (f.negate)                                                              \
      filterBody<true>(f, n, k);                                               \
    else                                                                       \
      filterBody<false>(f, n, k);                                              \
  }                                                                            \
  ATTR void neuronLoop##SUFFIX(const NeuronLoop &l, int64_t n,                 \
                               LoopCounts &k) {                                \
    const int input = l.exc ? 0 : l.x1 ? 2 : 1;                                \
    if (l.subtract) {                                                          \
      if (input == 0)                                                          \
        neuronBody<0, true>(l, n, k);                                          \
      else if (input == 1)                                                     \
        neuronBody<1, true>(l, n, k);                                          \
      else                                                                     \
        neuronBody<2, true>(l, n, k);                                          \
    } else {                                                                   \
      if (input == 0)                                                          \
        neuronBody<0, false>(l, n, k);                                         \
      else if (input == 1)                                                     \
        neuronBody<1, false>(l, n, k);                                         \
      else                                                                     \
        neuronBody<2, false>(l, n, k);                                         \
    }                                                                          \
  }

NMC_LOOPS(, Generic)
#if defined(__GNUC__) && defined(__x86_64__)
#define NMC_EMU_AVX512 1
NMC_LOOPS([[gnu::target("avx512f,avx512vl,avx512dq,avx512bw")]], Avx512)
#endif

bool haveAvx512() {
#ifdef NMC_EMU_AVX512
  static const bool have =
      __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl") &&
      __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512bw");
  return have;
#else
  return false;
#endif
}

} // namespace

void runFilterLoop(const FilterLoop &f, int64_t n, LoopCounts &k) {
#ifdef NMC_EMU_AVX512
  if (haveAvx512())
    return filterLoopAvx512(f, n, k);
#endif
  filterLoopGeneric(f, n, k);
}

void runNeuronLoop(const NeuronLoop &l, int64_t n, LoopCounts &k) {
#ifdef NMC_EMU_AVX512
  if (haveAvx512())
    return neuronLoopAvx512(l, n, k);
#endif
  neuronLoopGeneric(l, n, k);
}

} // namespace nmc::spinn::emu
