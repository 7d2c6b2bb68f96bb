//===- nmc-translate.cpp - NIR <-> snn MLIR -------------------------------===//
#include "nmc/NIR/NIRTranslation.h"

#include "mlir/Tools/mlir-translate/MlirTranslateMain.h"

int main(int argc, char **argv) {
  nmc::registerNIRTranslations();
  return mlir::failed(
             mlir::mlirTranslateMain(argc, argv, "nmc translation driver\n"))
             ? 1
             : 0;
}
