//===- Adc.cpp - The crossbar column ADC model ----------------------------===//
#include "nmc/Target/Xbar/Adc.h"

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
  while (lsb_ * double(codeMax_) < fullScale) {
    lsb_ *= 2;
    ++shift_;
  }
  invLsb_ = 1.0 / lsb_; // exact: a power of two
  half_ = shift_ > 0 && shift_ < 64 ? uint64_t(1) << (shift_ - 1) : 0;
}

} // namespace nmc::xbar
