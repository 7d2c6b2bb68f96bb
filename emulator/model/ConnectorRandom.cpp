//===- ConnectorRandom.cpp - Binomial and hypergeometric variates ---------===//
//
// Both are drawn by inversion of one uniform, visiting outcomes from the mode
// outwards (always the more probable neighbour next), so the expected work is
// about one standard deviation and the result is exact up to rounding of the
// probabilities. The pmf at the mode comes from lgamma, its neighbours from
// the ratio f(k+1)/f(k).
//===----------------------------------------------------------------------===//
#include "ConnectorRandom.h"

#include <algorithm>

namespace nmc::model::detail {
namespace {

double logChoose(double n, double k) {
  return std::lgamma(n + 1) - std::lgamma(k + 1) - std::lgamma(n - k + 1);
}

/// Inverts u over a unimodal pmf on [lo, hi] with f(mode) = fMode and
/// ratio(k) = f(k+1) / f(k) for lo <= k < hi.
template <class Ratio>
int64_t invertFromMode(double u, int64_t lo, int64_t hi, int64_t mode,
                       double fMode, Ratio ratio) {
  u -= fMode;
  if (u < 0)
    return mode;
  int64_t down = mode, up = mode;
  double fDown = down > lo ? fMode / ratio(down - 1) : 0;
  double fUp = up < hi ? fMode * ratio(up) : 0;
  // Both neighbours underflowing to 0 ends the search: u was within
  // rounding of 1, and the mode is as good an answer as any.
  while (fDown > 0 || fUp > 0) {
    if (fUp >= fDown) {
      ++up;
      u -= fUp;
      if (u < 0)
        return up;
      fUp = up < hi ? fUp * ratio(up) : 0;
    } else {
      --down;
      u -= fDown;
      if (u < 0)
        return down;
      fDown = down > lo ? fDown / ratio(down - 1) : 0;
    }
  }
  return mode;
}

} // namespace

int64_t Stream::binomial(int64_t n, double p) {
  if (n <= 0 || p <= 0)
    return 0;
  if (p >= 1)
    return n;
  const double q = 1 - p, dn = static_cast<double>(n);
  const int64_t mode =
      std::min<int64_t>(n, static_cast<int64_t>(std::floor((dn + 1) * p)));
  const double dm = static_cast<double>(mode);
  const double fMode = std::exp(logChoose(dn, dm) + dm * std::log(p) +
                                (dn - dm) * std::log1p(-p));
  const double pq = p / q;
  return invertFromMode(uniform(), 0, n, mode, fMode, [&](int64_t k) {
    return (dn - static_cast<double>(k)) / static_cast<double>(k + 1) * pq;
  });
}

int64_t Stream::hypergeometric(int64_t total, int64_t good, int64_t draws) {
  const int64_t bad = total - good;
  const int64_t lo = std::max<int64_t>(0, draws - bad);
  const int64_t hi = std::min(draws, good);
  if (lo >= hi)
    return lo;
  const double N = static_cast<double>(total), K = static_cast<double>(good),
               n = static_cast<double>(draws);
  const int64_t mode = std::clamp<int64_t>(
      static_cast<int64_t>(std::floor((n + 1) * (K + 1) / (N + 2))), lo, hi);
  const double m = static_cast<double>(mode);
  const double fMode =
      std::exp(logChoose(K, m) + logChoose(N - K, n - m) - logChoose(N, n));
  return invertFromMode(uniform(), lo, hi, mode, fMode, [&](int64_t k) {
    const double dk = static_cast<double>(k);
    return (K - dk) * (n - dk) / ((dk + 1) * (N - K - n + dk + 1));
  });
}

} // namespace nmc::model::detail
