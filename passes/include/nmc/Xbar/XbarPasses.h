//===- XbarPasses.h - Passes of the crossbar target -------------*- C++ -*-===//
#ifndef NMC_XBAR_XBARPASSES_H
#define NMC_XBAR_XBARPASSES_H

#include "nmc/Dialect/SNN/SNNOps.h"
#include "nmc/Dialect/Xbar/XbarDialect.h"
#include "nmc/Target/Xbar/Hardware.h"

#include "mlir/Pass/Pass.h"
#include "llvm/Support/CommandLine.h"

namespace nmc {

namespace xbar {
/// Command-line values of the enum options (names as in HardwareJson).
inline llvm::cl::ValuesClass signOptionValues() {
  return llvm::cl::values(
      clEnumValN(SignScheme::Differential, "differential",
                 "G+/G- pair on two rows"),
      clEnumValN(SignScheme::Offset, "offset",
                 "one device per weight and a reference column"));
}
inline llvm::cl::ValuesClass adcRangeOptionValues() {
  return llvm::cl::values(
      clEnumValN(AdcRange::Calibrated, "calibrated",
                 "per tile, the largest column sum of its levels"),
      clEnumValN(AdcRange::Fixed, "fixed", "adc-full-scale for every tile"));
}
} // namespace xbar

#define GEN_PASS_DECL
#include "nmc/Xbar/XbarPasses.h.inc"

#define GEN_PASS_REGISTRATION
#include "nmc/Xbar/XbarPasses.h.inc"

} // namespace nmc

#endif // NMC_XBAR_XBARPASSES_H
