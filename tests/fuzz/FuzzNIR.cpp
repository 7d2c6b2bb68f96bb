//===- FuzzNIR.cpp - One fuzz input as a NIR file, imported ---------------===//
#include "FuzzNIR.h"
#include "FuzzSupport.h"

#include "nmc/Dialect/SNN/SNNDialect.h"
#include "nmc/NIR/NIRFile.h"
#include "nmc/NIR/NIRTranslation.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"

#include <cstdio>
#include <cstdlib>

namespace nmc::fuzz {

void finding(const std::string &what) {
  std::fprintf(stderr, "nmc fuzz finding: %s\n", what.c_str());
  std::abort();
}

NIRFuzzInput::NIRFuzzInput(const uint8_t *data, size_t size)
    : file(writeScratchFile(data, size, ".nir")),
      ctx(mlir::MLIRContext::Threading::DISABLED) {
  ctx.loadDialect<snn::SNNDialect>();
  // Formats every diagnostic (its code runs) but prints none.
  ctx.getDiagEngine().registerHandler([this](mlir::Diagnostic &d) {
    if (d.str().empty())
      finding("a diagnostic without text");
    if (d.getSeverity() == mlir::DiagnosticSeverity::Error)
      ++errorCount;
    return mlir::success();
  });
}

bool NIRFuzzInput::libhdf5Survives() const { return libhdf5SurvivesFile(file); }

mlir::OwningOpRef<mlir::ModuleOp> NIRFuzzInput::importAndVerify() {
  nir::Model model;
  std::string error;
  std::vector<std::string> warnings;
  if (!nir::readNIRFile(file, model, error, &warnings)) {
    if (error.empty())
      finding("readNIRFile failed without a message");
    return nullptr;
  }
  mlir::OwningOpRef<mlir::ModuleOp> module =
      importNIR(std::move(model), file, "fuzz", &ctx);
  if (!module) {
    if (errorCount == 0)
      finding("importNIR failed without an error");
    return nullptr;
  }
  if (mlir::failed(mlir::verify(*module)))
    finding("importNIR accepted the file but its module does not verify");
  return module;
}

} // namespace nmc::fuzz
