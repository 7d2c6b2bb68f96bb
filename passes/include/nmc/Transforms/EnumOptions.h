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

/// One command-line value of an snn enum, named by its ODS string.
template <typename Enum>
llvm::cl::OptionEnumValue enumOptionValue(Enum value, llvm::StringRef help) {
  return {snn::stringifyEnum(value), static_cast<int>(value), help};
}

inline llvm::cl::ValuesClass methodOptionValues() {
  return llvm::cl::values(
      enumOptionValue(snn::DiscretizeMethod::Euler,
                      "forward Euler, as NIR's reference implementation"),
      enumOptionValue(snn::DiscretizeMethod::Exact,
                      "exact solution with the input held over the step"));
}

inline llvm::cl::ValuesClass resetOptionValues() {
  return llvm::cl::values(
      enumOptionValue(snn::ResetMode::ToValue, "on a spike, v = v_reset"),
      enumOptionValue(snn::ResetMode::Subtract,
                      "on a spike, v -= v_threshold"));
}

} // namespace nmc

#endif // NMC_TRANSFORMS_ENUMOPTIONS_H
