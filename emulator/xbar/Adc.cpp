//===- Adc.cpp - The crossbar column ADC model ----------------------------===//
#include "nmc/Target/Xbar/Adc.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace nmc::xbar {

AdcModel::AdcModel(int64_t bits, double fullScale) : bits_(bits) {
  if (bits == 0)
    return;
  if (bits < 2 || bits > 62)
    throw std::runtime_error("adc.bits = " + std::to_string(bits) +
                             ": a signed ADC needs 2 to 62 bits (0 = ideal)");
  codeMax_ = (int64_t(1) << (bits - 1)) - 1;
  // The smallest power of two that brings the full scale into range.
  while (lsb_ * double(codeMax_) < fullScale)
    lsb_ *= 2;
}

double AdcModel::convert(double a, int64_t &saturations) const {
  if (bits_ == 0)
    return a;
  double code = std::round(a / lsb_); // exact division: LSB is 2^k
  if (code > double(codeMax_) || code < -double(codeMax_)) {
    ++saturations;
    code = code > 0 ? double(codeMax_) : -double(codeMax_);
  }
  return code * lsb_;
}

} // namespace nmc::xbar
