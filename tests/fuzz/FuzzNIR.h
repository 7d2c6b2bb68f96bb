//===- FuzzNIR.h - One fuzz input as a NIR file, imported -------*- C++ -*-===//
#ifndef NMC_TESTS_FUZZ_FUZZNIR_H
#define NMC_TESTS_FUZZ_FUZZNIR_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OwningOpRef.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace nmc::fuzz {

/// A fuzz input written to a scratch .nir file, with a fresh MLIR context
/// (a shared one would keep every input's attributes alive).
class NIRFuzzInput {
public:
  NIRFuzzInput(const uint8_t *data, size_t size);

  /// See libhdf5SurvivesFile.
  bool libhdf5Survives() const;

  /// readNIRFile + importNIR + verify. Returns the module, or null if the
  /// file was rejected with an error. Aborts (a finding) if a rejection has
  /// no message or an accepted module fails to verify.
  mlir::OwningOpRef<mlir::ModuleOp> importAndVerify();

  mlir::MLIRContext &context() { return ctx; }
  const std::string &path() const { return file; }
  /// Number of error diagnostics emitted so far.
  int errors() const { return errorCount; }

private:
  std::string file;
  mlir::MLIRContext ctx;
  int errorCount = 0;
};

/// Prints `what` and aborts: a finding for libFuzzer.
[[noreturn]] void finding(const std::string &what);

} // namespace nmc::fuzz

#endif // NMC_TESTS_FUZZ_FUZZNIR_H
