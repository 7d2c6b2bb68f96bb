//===- nmc-translate.cpp - NIR <-> snn MLIR -------------------------------===//
#include "../common/HideLLVMOptions.h"
#include "nmc/IO/H5Guard.h"
#include "nmc/NIR/NIRTranslation.h"

#include "mlir/Tools/mlir-translate/MlirTranslateMain.h"
#include "llvm/Support/CommandLine.h"

// Parsed inside mlirTranslateMain; the callback sets the guard before any
// file is read.
static llvm::cl::opt<bool> trustedInput(
    "trusted-input",
    llvm::cl::desc("Read NIR files directly, without first checking them in "
                   "a child process for libhdf5 crashes (also: "
                   "NMC_TRUSTED_INPUT=1)"),
    llvm::cl::init(false),
    llvm::cl::cb<void, bool>([](bool on) { nmc::io::setTrustedInput(on); }));

int main(int argc, char **argv) {
  nmc::tools::hideLLVMOptions();
  nmc::registerNIRTranslations();
  return mlir::failed(
             mlir::mlirTranslateMain(argc, argv, "nmc translation driver\n"))
             ? 1
             : 0;
}
