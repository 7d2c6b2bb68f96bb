//===- FixedPoint.h - Fixed-point numbers, defined once ---------*- C++ -*-===//
//
// The one definition of nmc's fixed-point arithmetic (docs/semantics.md,
// "Fixed-point arithmetic"). The quantize pass, the reference engine's
// fixed-point loop and every digital target use these functions, so they
// agree bit for bit.
//
// A format sI.F (signed) or uI.F (unsigned) stores a value as an integer
// `raw` times 2^-F with I integer bits, F fraction bits and, if signed, a
// sign bit: s16.15 is SpiNNaker's 32-bit `accum`, s0.15 and u0.16 are 16-bit
// fractions, s7.0 an 8-bit integer code. At most 32 bits in all, so a
// product of two raws is exact in int64_t.
//
// Rounding (where a result has more fraction bits than the format):
//   nearest     to the nearest value; ties away from zero (as std::round)
//   truncate    toward minus infinity (an arithmetic right shift)
//   stochastic  up with probability equal to the discarded fraction, from a
//               seeded generator: the same seed gives the same bits
// Results outside the range saturate to the nearest end. QuantizeStats
// counts what was lost.
//===----------------------------------------------------------------------===//
#ifndef NMC_MODEL_FIXEDPOINT_H
#define NMC_MODEL_FIXEDPOINT_H

#include "nmc/Support/Random.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

namespace nmc::model {

/// A fixed-point format: value = raw * 2^-fracBits.
struct FixedFormat {
  bool isSigned = true;
  int intBits = 16, fracBits = 15;

  constexpr int totalBits() const {
    return (isSigned ? 1 : 0) + intBits + fracBits;
  }
  constexpr int64_t maxRaw() const {
    return (int64_t(1) << (intBits + fracBits)) - 1;
  }
  constexpr int64_t minRaw() const {
    return isSigned ? -(int64_t(1) << (intBits + fracBits)) : 0;
  }
  /// The value of raw 1 (2^-fracBits).
  double resolution() const { return std::ldexp(1.0, -fracBits); }
  /// Formats nmc can compute in: 1 to 32 bits, no negative counts.
  constexpr bool valid() const {
    return intBits >= 0 && fracBits >= 0 && intBits + fracBits >= 1 &&
           totalBits() <= 32;
  }
  friend constexpr bool operator==(const FixedFormat &,
                                   const FixedFormat &) = default;
};

/// Parses "s16.15" / "u0.16"; nullopt if malformed or not valid().
inline std::optional<FixedFormat> parseFixedFormat(std::string_view s) {
  if (s.size() < 4 || (s[0] != 's' && s[0] != 'u'))
    return std::nullopt;
  FixedFormat f;
  f.isSigned = s[0] == 's';
  size_t pos = 1;
  auto number = [&](int &out) {
    size_t start = pos;
    out = 0;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9' && pos - start < 3)
      out = out * 10 + (s[pos++] - '0');
    return pos > start;
  };
  if (!number(f.intBits) || pos >= s.size() || s[pos++] != '.' ||
      !number(f.fracBits) || pos != s.size() || !f.valid())
    return std::nullopt;
  return f;
}

inline std::string toString(const FixedFormat &f) {
  std::string s(1, f.isSigned ? 's' : 'u');
  s += std::to_string(f.intBits);
  s += '.';
  s += std::to_string(f.fracBits);
  return s;
}

enum class Rounding { Nearest, Truncate, Stochastic };

inline const char *toString(Rounding r) {
  switch (r) {
  case Rounding::Nearest:
    return "nearest";
  case Rounding::Truncate:
    return "truncate";
  case Rounding::Stochastic:
    return "stochastic";
  }
  return "?";
}
inline std::optional<Rounding> parseRounding(std::string_view s) {
  for (Rounding r :
       {Rounding::Nearest, Rounding::Truncate, Rounding::Stochastic})
    if (s == toString(r))
      return r;
  return std::nullopt;
}

/// What conversions and arithmetic lost.
struct QuantizeStats {
  int64_t saturated = 0;     ///< results clamped to the format's range
  int64_t roundedToZero = 0; ///< nonzero exact results that became 0
  int64_t rounded = 0;       ///< inexact results (saturated ones excluded)
};

/// Raw-integer arithmetic: the single implementation. `stats` may be null;
/// `rng` is only drawn from by stochastic rounding (null otherwise is fine).
namespace fixed {

using Rng = Xoshiro256;

/// Clamps `raw` to [lo, hi], counting a saturation.
inline int64_t saturate(int64_t raw, int64_t lo, int64_t hi,
                        QuantizeStats *stats) {
  if (raw > hi || raw < lo) {
    if (stats)
      ++stats->saturated;
    return raw > hi ? hi : lo;
  }
  return raw;
}
/// Clamps `raw` to the format, counting a saturation.
inline int64_t saturate(int64_t raw, const FixedFormat &f,
                        QuantizeStats *stats) {
  return saturate(raw, f.minRaw(), f.maxRaw(), stats);
}

/// p / 2^shift rounded by `mode` (0 <= shift <= 62, |p| < 2^62).
inline int64_t roundShift(int64_t p, int shift, Rounding mode, Rng *rng) {
  if (shift == 0)
    return p;
  switch (mode) {
  case Rounding::Truncate:
    return p >> shift; // arithmetic shift: floor
  case Rounding::Nearest: {
    // Ties away from zero: floor((p + half) / 2^shift) for p >= 0 and
    // -floor((-p + half) / 2^shift) = floor((p + half - 1) / 2^shift) for
    // p < 0, without a branch on the sign.
    const int64_t half = int64_t(1) << (shift - 1);
    return (p + half - (p < 0)) >> shift;
  }
  case Rounding::Stochastic:
    // Adding shift uniform bits rounds up with probability frac.
    return (p + static_cast<int64_t>(rng->next() >> (64 - shift))) >> shift;
  }
  return p;
}

/// Counts q = p / 2^shift rounded, if it is inexact.
inline void countRounding(int64_t q, int64_t p, int shift,
                          QuantizeStats *stats) {
  if (!stats || shift == 0 || (q << shift) == p)
    return;
  ++stats->rounded;
  if (q == 0 && p != 0)
    ++stats->roundedToZero;
}

inline int64_t add(int64_t a, int64_t b, const FixedFormat &f,
                   QuantizeStats *stats) {
  return saturate(a + b, f, stats);
}
inline int64_t sub(int64_t a, int64_t b, const FixedFormat &f,
                   QuantizeStats *stats) {
  return saturate(a - b, f, stats);
}

/// a * b: the exact product has 2F fraction bits; it is rounded to F, then
/// saturated.
inline int64_t mul(int64_t a, int64_t b, const FixedFormat &f, Rounding mode,
                   Rng *rng, QuantizeStats *stats) {
  const int64_t p = a * b;
  const int64_t q = roundShift(p, f.fracBits, mode, rng);
  countRounding(q, p, f.fracBits, stats);
  return saturate(q, f, stats);
}

/// a / n for an integer n >= 1 (average pooling), rounded by `mode`.
inline int64_t divide(int64_t a, int64_t n, const FixedFormat &f, Rounding mode,
                      Rng *rng, QuantizeStats *stats) {
  int64_t fl = a / n, rem = a % n;
  if (rem < 0) { // floor division
    --fl;
    rem += n;
  }
  int64_t q = fl;
  if (rem != 0) {
    switch (mode) {
    case Rounding::Truncate:
      break;
    case Rounding::Nearest: // 2 rem >= n rounds up; ties away from zero
      q += 2 * rem > n || (2 * rem == n && a > 0);
      break;
    case Rounding::Stochastic: // up with probability rem / n
      q +=
          static_cast<int64_t>(((rng->next() >> 32) * uint64_t(n)) >> 32) < rem;
      break;
    }
    if (stats) {
      ++stats->rounded;
      stats->roundedToZero += q == 0;
    }
  }
  return saturate(q, f, stats);
}

/// The nearest (by `mode`) representable value of x, saturated. NaN
/// converts to 0 and counts as saturated.
inline int64_t fromDouble(double x, const FixedFormat &f, Rounding mode,
                          Rng *rng, QuantizeStats *stats) {
  if (std::isnan(x)) {
    if (stats)
      ++stats->saturated;
    return 0;
  }
  const double y = std::ldexp(x, f.fracBits); // exact
  double r = y;
  switch (mode) {
  case Rounding::Nearest:
    r = std::round(y);
    break;
  case Rounding::Truncate:
    r = std::floor(y);
    break;
  case Rounding::Stochastic: {
    r = std::floor(y);
    if (r != y && rng->uniform() < y - r) // y - r is exact below 2^52
      r += 1;
    break;
  }
  }
  if (r > double(f.maxRaw()) || r < double(f.minRaw())) {
    if (stats)
      ++stats->saturated;
    return r > 0 ? f.maxRaw() : f.minRaw();
  }
  const int64_t q = static_cast<int64_t>(r);
  if (stats && r != y) {
    ++stats->rounded;
    stats->roundedToZero += q == 0;
  }
  return q;
}

/// raw * 2^-fracBits as one product: the power of two is built from its
/// exponent bits (0 <= fracBits <= 62, so it is a normal double), which
/// equals ldexp exactly without the library call (spikes are converted on
/// the hot path of every fixed-point run).
inline double toDouble(int64_t raw, const FixedFormat &f) {
  const double scale = std::bit_cast<double>(uint64_t(1023 - f.fracBits) << 52);
  return static_cast<double>(raw) * scale;
}

} // namespace fixed

/// Where fixed-point numbers (below) count losses and draw stochastic bits,
/// and, for DynamicFixed, which format and rounding they use. One per
/// thread; FixedContextScope installs another for a while.
struct FixedContext {
  FixedFormat format;
  Rounding rounding = Rounding::Nearest;
  Xoshiro256 rng{0};
  QuantizeStats stats;
};

namespace detail {
inline thread_local FixedContext *currentFixedContext = nullptr;
}

inline FixedContext &fixedContext() {
  thread_local FixedContext fallback;
  return detail::currentFixedContext ? *detail::currentFixedContext : fallback;
}

/// Makes `ctx` the current context until the scope ends.
class FixedContextScope {
public:
  explicit FixedContextScope(FixedContext &ctx)
      : saved(detail::currentFixedContext) {
    detail::currentFixedContext = &ctx;
  }
  ~FixedContextScope() { detail::currentFixedContext = saved; }
  FixedContextScope(const FixedContextScope &) = delete;
  FixedContextScope &operator=(const FixedContextScope &) = delete;

private:
  FixedContext *saved;
};

/// A fixed-point number whose format and rounding come from `Policy`
/// (compile-time for Fixed, the current FixedContext for DynamicFixed).
/// Arithmetic saturates and counts into the current context.
template <class Policy> class FixedNumber {
public:
  constexpr FixedNumber() = default;
  /// The integer v, saturated.
  explicit FixedNumber(int v)
      : raw_(fixed::saturate(int64_t(v) << format().fracBits, format(),
                             &fixedContext().stats)) {}

  static constexpr FixedNumber fromRaw(int64_t raw) {
    FixedNumber x;
    x.raw_ = raw;
    return x;
  }
  /// x rounded by the policy's rounding, saturated.
  static FixedNumber fromDouble(double x, Rounding mode = rounding()) {
    FixedContext &ctx = fixedContext();
    return fromRaw(fixed::fromDouble(x, format(), mode, &ctx.rng, &ctx.stats));
  }
  static FixedFormat format() { return Policy::format(); }
  static Rounding rounding() { return Policy::rounding(); }

  constexpr int64_t raw() const { return raw_; }
  double toDouble() const { return fixed::toDouble(raw_, format()); }

  friend FixedNumber operator+(FixedNumber a, FixedNumber b) {
    return fromRaw(fixed::add(a.raw_, b.raw_, format(), &fixedContext().stats));
  }
  friend FixedNumber operator-(FixedNumber a, FixedNumber b) {
    return fromRaw(fixed::sub(a.raw_, b.raw_, format(), &fixedContext().stats));
  }
  friend FixedNumber operator*(FixedNumber a, FixedNumber b) {
    FixedContext &ctx = fixedContext();
    return fromRaw(
        fixed::mul(a.raw_, b.raw_, format(), rounding(), &ctx.rng, &ctx.stats));
  }
  FixedNumber &operator+=(FixedNumber b) { return *this = *this + b; }
  /// Division by a positive integer count (average pooling).
  FixedNumber dividedBy(int64_t n) const {
    FixedContext &ctx = fixedContext();
    return fromRaw(
        fixed::divide(raw_, n, format(), rounding(), &ctx.rng, &ctx.stats));
  }
  friend constexpr bool operator==(FixedNumber a, FixedNumber b) {
    return a.raw_ == b.raw_;
  }
  friend constexpr auto operator<=>(FixedNumber a, FixedNumber b) {
    return a.raw_ <=> b.raw_;
  }

private:
  int64_t raw_ = 0;
};

template <int IntBits, int FracBits, bool Signed, Rounding R>
struct StaticFixedPolicy {
  static constexpr FixedFormat format() { return {Signed, IntBits, FracBits}; }
  static constexpr Rounding rounding() { return R; }
  static_assert(format().valid(), "fixed-point format out of range");
};

/// A format chosen at compile time: Fixed<16, 15> is s16.15.
template <int IntBits, int FracBits, bool Signed = true,
          Rounding R = Rounding::Nearest>
using Fixed = FixedNumber<StaticFixedPolicy<IntBits, FracBits, Signed, R>>;

/// SpiNNaker's accum (s16.15).
using Accum = Fixed<16, 15>;

struct ContextFixedPolicy {
  static FixedFormat format() { return fixedContext().format; }
  static Rounding rounding() { return fixedContext().rounding; }
};

/// A format chosen at run time (the current FixedContext's), e.g. from an
/// image's number_format.
using DynamicFixed = FixedNumber<ContextFixedPolicy>;

/// DynamicFixed arithmetic in one FixedContext with its format and rounding
/// read once: the same results, counts and random draws as DynamicFixed's
/// operators inside that context, without a thread-local lookup per
/// operation (the plain loop's hot path). `ctx` must outlive it and keep its
/// format and rounding; its generator and counters are used live.
class FixedArith {
public:
  using Number = DynamicFixed;
  explicit FixedArith(FixedContext &ctx)
      : ctx(ctx), mode(ctx.rounding), frac(ctx.format.fracBits),
        lo(ctx.format.minRaw()), hi(ctx.format.maxRaw()),
        oneRaw(std::min(int64_t(1) << frac, hi)),
        oneSaturates((int64_t(1) << frac) > hi) {}

  Number add(Number a, Number b) { return fromRaw(sat(a.raw() + b.raw())); }
  Number sub(Number a, Number b) { return fromRaw(sat(a.raw() - b.raw())); }
  // Inlined into the neuron update, where it is most of the work.
  [[gnu::always_inline]] Number mul(Number a, Number b) {
    const int64_t p = a.raw() * b.raw();
    const int64_t q = fixed::roundShift(p, frac, mode, &ctx.rng);
    fixed::countRounding(q, p, frac, &ctx.stats);
    return fromRaw(sat(q));
  }
  /// a / n for an integer n >= 1 (average pooling).
  Number divide(Number a, int64_t n) {
    return fromRaw(
        fixed::divide(a.raw(), n, ctx.format, mode, &ctx.rng, &ctx.stats));
  }
  /// The number 1, as Number(1): saturated (and counted) in formats
  /// without an integer bit.
  Number one() {
    if (oneSaturates)
      ++ctx.stats.saturated;
    return fromRaw(oneRaw);
  }
  /// x rounded to nearest and saturated, as fromDouble<DynamicFixed>; 0 and
  /// 1 (spikes) skip the floating-point conversion.
  Number fromDouble(double x) {
    if (x == 0.0)
      return Number();
    if (x == 1.0)
      return one();
    return fromRaw(fixed::fromDouble(x, ctx.format, Rounding::Nearest, &ctx.rng,
                                     &ctx.stats));
  }

private:
  static Number fromRaw(int64_t raw) { return Number::fromRaw(raw); }
  int64_t sat(int64_t raw) { return fixed::saturate(raw, lo, hi, &ctx.stats); }

  FixedContext &ctx;
  const Rounding mode;
  const int frac;
  const int64_t lo, hi, oneRaw;
  const bool oneSaturates;
};

/// FixedArith for a loop over many elements: the rounding mode is the
/// template parameter `Mode` (no switch per product), and the generator and
/// counters are copies held in the object (registers in a hot loop) until
/// flush() hands them back to the context. The same results, counts and
/// random draws as FixedArith in a context whose rounding is `Mode`, once
/// flushed; nothing else may use the context's generator or counters in
/// between.
template <Rounding Mode> class LocalFixedArith {
public:
  using Number = DynamicFixed;
  explicit LocalFixedArith(FixedContext &ctx)
      : ctx(ctx), rng(ctx.rng), frac(ctx.format.fracBits),
        lo(ctx.format.minRaw()), hi(ctx.format.maxRaw()),
        oneRaw(std::min(int64_t(1) << frac, hi)),
        oneSaturates((int64_t(1) << frac) > hi) {}
  LocalFixedArith(const LocalFixedArith &) = delete;
  LocalFixedArith &operator=(const LocalFixedArith &) = delete;

  /// Adds the counts to the context and gives its generator back.
  void flush() {
    ctx.rng = rng;
    ctx.stats.saturated += saturated;
    ctx.stats.rounded += rounded;
    ctx.stats.roundedToZero += roundedToZero;
    saturated = rounded = roundedToZero = 0;
  }

  Number add(Number a, Number b) { return fromRaw(sat(a.raw() + b.raw())); }
  Number sub(Number a, Number b) { return fromRaw(sat(a.raw() - b.raw())); }
  [[gnu::always_inline]] Number mul(Number a, Number b) {
    const int64_t p = a.raw() * b.raw();
    const int64_t q = fixed::roundShift(p, frac, Mode, &rng);
    // fixed::countRounding without branches (shift 0: q == p).
    const bool inexact = (q << frac) != p;
    rounded += inexact;
    roundedToZero += inexact & (q == 0);
    return fromRaw(sat(q));
  }
  Number one() {
    saturated += oneSaturates;
    return fromRaw(oneRaw);
  }
  /// a is exactly 1 (then mul(a, b) = saturate(b), in every mode but
  /// stochastic, which draws a number).
  bool isOne(Number a) const { return !oneSaturates && a.raw() == oneRaw; }

private:
  static Number fromRaw(int64_t raw) { return Number::fromRaw(raw); }
  int64_t sat(int64_t raw) {
    saturated += (raw > hi) | (raw < lo);
    return std::clamp(raw, lo, hi);
  }

  FixedContext &ctx;
  Xoshiro256 rng;
  const int frac;
  const int64_t lo, hi, oneRaw;
  const bool oneSaturates;
  int64_t saturated = 0, rounded = 0, roundedToZero = 0;
};

/// Generic code over double, float and the fixed types.
template <class T> inline constexpr bool isFixed = false;
template <class P> inline constexpr bool isFixed<FixedNumber<P>> = true;

/// x in T: a cast for floating types; for fixed types rounded to nearest
/// (how parameters and inputs enter a computation) and saturated.
template <class T> T fromDouble(double x) {
  if constexpr (isFixed<T>)
    return T::fromDouble(x, Rounding::Nearest);
  else
    return static_cast<T>(x);
}
template <class T> double toDouble(T x) {
  if constexpr (isFixed<T>)
    return x.toDouble();
  else
    return static_cast<double>(x);
}
/// x / n for a count n >= 1.
template <class T> T divideByCount(T x, int64_t n) {
  if constexpr (isFixed<T>)
    return x.dividedBy(n);
  else
    return x / static_cast<T>(n);
}

/// Arithmetic on T through its own operators; the generic kernels
/// (stepNeuronWith, the plain loop) take an arithmetic object so that the
/// fixed-point loop can pass a FixedArith instead.
template <class T> struct NativeArith {
  using Number = T;
  T add(T a, T b) const { return a + b; }
  T sub(T a, T b) const { return a - b; }
  T mul(T a, T b) const { return a * b; }
  T divide(T a, int64_t n) const { return divideByCount(a, n); }
  T one() const { return T(1); }
  T fromDouble(double x) const { return model::fromDouble<T>(x); }
};

/// The fastest arithmetic on T inside the current FixedContext: FixedArith
/// for DynamicFixed, else T's operators.
template <class T> auto arithFor() {
  if constexpr (std::is_same_v<T, DynamicFixed>)
    return FixedArith(fixedContext());
  else
    return NativeArith<T>();
}

} // namespace nmc::model

#endif // NMC_MODEL_FIXEDPOINT_H
