//===- nmc-translate.cpp - NIR <-> snn MLIR -------------------------------===//
#include "../common/HideLLVMOptions.h"
#include "nmc/NIR/NIRTranslation.h"

#include "mlir/Tools/mlir-translate/MlirTranslateMain.h"

int main(int argc, char **argv) {
  nmc::tools::hideLLVMOptions();
  nmc::registerNIRTranslations();
  return mlir::failed(
             mlir::mlirTranslateMain(argc, argv, "nmc translation driver\n"))
             ? 1
             : 0;
}
