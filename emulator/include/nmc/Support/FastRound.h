//===- FastRound.h - std::round and std::ldexp without libm calls -*- C++ -*-=//
//
// The baseline x86-64 target has no roundsd, so std::round and std::ldexp
// are library calls; on the ~0.3 G synapses of a full-scale PD14 image they
// were ~5 % of the compile. These give bit-identical results.
//===----------------------------------------------------------------------===//
#ifndef NMC_SUPPORT_FASTROUND_H
#define NMC_SUPPORT_FASTROUND_H

#include <bit>
#include <cmath>
#include <cstdint>

namespace nmc {

/// std::round: to the nearest integer, ties away from zero. Below 2^52 the
/// integer part fits int64 and x minus it is exact; at or above it (and for
/// inf / NaN) x is its own rounding. (The sign of a zero result may differ
/// from std::round's for x in (-0.5, 0): -0.0 vs 0.0, which compare equal.)
inline double roundHalfAway(double x) {
  if (!(std::fabs(x) < 4503599627370496.0)) // 2^52
    return x;
  double t = double(int64_t(x));
  const double f = x - t;
  if (f >= 0.5)
    t += 1;
  else if (f <= -0.5)
    t -= 1;
  return t;
}

/// 2^e exactly, for -1022 <= e <= 1023: x * pow2(e) == std::ldexp(x, e)
/// (both are the correctly rounded product).
inline double pow2(int e) {
  return std::bit_cast<double>(uint64_t(1023 + e) << 52);
}

} // namespace nmc

#endif // NMC_SUPPORT_FASTROUND_H
