//===- HideLLVMOptions.h - Keep --help to the options nmc uses --*- C++ -*-===//
//
// nmc-opt and nmc-translate link LLVM as one shared library, which registers
// hundreds of code generator options (--amdgpu-*, --arm-*, ...) that mean
// nothing here and buried the MLIR options in --help (issue 9). Called at
// the top of main(), before the MLIR driver adds its own options, this hides
// every option registered so far except MLIR's (--mlir-*) and the few
// general ones a user of these tools needs; --help-hidden still lists all.
//===----------------------------------------------------------------------===//
#ifndef NMC_TOOLS_HIDELLVMOPTIONS_H
#define NMC_TOOLS_HIDELLVMOPTIONS_H

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/CommandLine.h"

namespace nmc::tools {

inline void hideLLVMOptions() {
  // nmc's own static options (nmc-translate --trusted-input) stay too.
  static const llvm::StringRef kKept[] = {
      "help", "help-hidden", "help-list", "version", "color", "trusted-input"};
  for (auto &entry : llvm::cl::getRegisteredOptions()) {
    llvm::StringRef name = entry.getKey();
    if (name.starts_with("mlir-") || llvm::is_contained(kKept, name))
      continue;
    entry.getValue()->setHiddenFlag(llvm::cl::Hidden);
  }
}

} // namespace nmc::tools

#endif // NMC_TOOLS_HIDELLVMOPTIONS_H
