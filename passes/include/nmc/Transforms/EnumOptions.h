//===- EnumOptions.h - Command-line values of the snn enums -----*- C++ -*-===//
//
// The values of the typed `method` and `reset` options of snn-discretize and
// snn-lower. Their names are the ODS strings (stringify*), so an unknown
// value fails while the options are parsed.
//===----------------------------------------------------------------------===//
#ifndef NMC_TRANSFORMS_ENUMOPTIONS_H
#define NMC_TRANSFORMS_ENUMOPTIONS_H

#include "nmc/Dialect/SNN/SNNEnums.h"

#include "llvm/Support/CommandLine.h"

namespace nmc {

inline llvm::cl::ValuesClass methodOptionValues() {
  using snn::DiscretizeMethod;
  return llvm::cl::values(
      clEnumValN(DiscretizeMethod::Euler,
                 snn::stringifyDiscretizeMethod(DiscretizeMethod::Euler),
                 "forward Euler, as NIR's reference implementation"),
      clEnumValN(DiscretizeMethod::Exact,
                 snn::stringifyDiscretizeMethod(DiscretizeMethod::Exact),
                 "exact solution with the input held over the step"));
}

inline llvm::cl::ValuesClass resetOptionValues() {
  using snn::ResetMode;
  return llvm::cl::values(
      clEnumValN(ResetMode::ToValue,
                 snn::stringifyResetMode(ResetMode::ToValue),
                 "on a spike, v = v_reset"),
      clEnumValN(ResetMode::Subtract,
                 snn::stringifyResetMode(ResetMode::Subtract),
                 "on a spike, v -= v_threshold"));
}

} // namespace nmc

#endif // NMC_TRANSFORMS_ENUMOPTIONS_H
