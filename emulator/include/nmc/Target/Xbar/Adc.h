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

#include <cstdint>

namespace nmc::xbar {

class AdcModel {
public:
  /// An ADC of `bits` (0 = ideal; else at least 2) for `fullScale` level
  /// units; throws std::runtime_error for bits 1 or above 62.
  AdcModel(int64_t bits, double fullScale);

  /// q = code * LSB for the analog value `a`; a clamped code adds one to
  /// `saturations`.
  double convert(double a, int64_t &saturations) const;

  int64_t bits() const { return bits_; }
  int64_t codeMax() const { return codeMax_; }
  double lsb() const { return lsb_; }

private:
  int64_t bits_ = 0, codeMax_ = 0;
  double lsb_ = 1;
};

} // namespace nmc::xbar

#endif // NMC_TARGET_XBAR_ADC_H
