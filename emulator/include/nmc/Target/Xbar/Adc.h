//===- Adc.h - The crossbar column ADC model --------------------*- C++ -*-===//
//
// docs/targets/xbar.md, "What one step computes": a signed ADC of b bits
// digitizes an analog column value a (level units) as code = round(a / LSB)
// (ties away from zero) clamped to +-codeMax, codeMax = 2^(b-1) - 1, with
// LSB = 1 if the full scale fits in codeMax, else the smallest power of two
// with LSB * codeMax >= fullScale (a shift in hardware). b = 0 is ideal.
//===----------------------------------------------------------------------===//
#ifndef NMC_TARGET_XBAR_ADC_H
#define NMC_TARGET_XBAR_ADC_H

#include <cmath>
#include <cstdint>

namespace nmc::xbar {

class AdcModel {
public:
  /// An ADC of `bits` (0 = ideal; else at least 2) for `fullScale` level
  /// units; throws std::runtime_error for bits 1 or above 62.
  AdcModel(int64_t bits, double fullScale);

  /// q = code * LSB for the analog value `a`; a clamped code adds one to
  /// `saturations`.
  double convert(double a, int64_t &saturations) const {
    if (bits_ == 0)
      return a;
    double code = roundHalfAway(a * invLsb_); // exact: LSB is 2^k
    if (code > double(codeMax_) || code < -double(codeMax_)) {
      ++saturations;
      code = code > 0 ? double(codeMax_) : -double(codeMax_);
    }
    return code * lsb_;
  }

  /// convert() of an integer `a` in integers (round by a shift): the same
  /// value whenever exactIntegers() and |a| < 2^53.
  int64_t convertExact(int64_t a, int64_t &saturations) const {
    if (bits_ == 0)
      return a;
    const uint64_t mag = a < 0 ? 0 - uint64_t(a) : uint64_t(a);
    uint64_t code = shift_ == 0 ? mag : (mag + half_) >> shift_;
    if (code > uint64_t(codeMax_)) {
      ++saturations;
      code = uint64_t(codeMax_);
    }
    const int64_t q = int64_t(code << shift_);
    return a < 0 ? -q : q;
  }
  /// convertExact() cannot overflow: codeMax * LSB fits in 62 bits.
  bool exactIntegers() const { return bits_ == 0 || bits_ - 1 + shift_ < 62; }

  int64_t bits() const { return bits_; }
  int64_t codeMax() const { return codeMax_; }
  double lsb() const { return lsb_; }

private:
  /// std::round without the library call: truncate, then step away from
  /// zero on a remainder of at least one half (exact below 2^62).
  static double roundHalfAway(double x) {
    if (!(std::fabs(x) < 0x1p62))
      return std::round(x);
    const int64_t t = int64_t(x);
    const double rest = x - double(t); // exact: |x| < 2^62 and t = trunc(x)
    if (rest >= 0.5)
      return double(t + 1);
    if (rest <= -0.5)
      return double(t - 1);
    return double(t);
  }

  int64_t bits_ = 0, codeMax_ = 0, shift_ = 0;
  uint64_t half_ = 0; ///< LSB / 2, for rounding by a shift
  double lsb_ = 1, invLsb_ = 1;
};

} // namespace nmc::xbar

#endif // NMC_TARGET_XBAR_ADC_H
