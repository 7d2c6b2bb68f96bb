//===- FuzzNIRImport.cpp - libFuzzer target: NIR reader + importer --------===//
//
// Bytes -> a scratch .nir file -> readNIRFile -> importNIR -> the verifier,
// what `nmc import` and `nmc-translate --import-nir` do. Inputs that crash or
// hang libhdf5 itself are skipped (FuzzSupport.h). A finding is a crash, a
// hang, a failure without a message, or an imported module that does not
// verify.
//===----------------------------------------------------------------------===//
#include "FuzzNIR.h"
#include "FuzzSupport.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  nmc::fuzz::NIRFuzzInput input(data, size);
  if (!input.libhdf5Survives())
    return -1; // libhdf5's own defect, contained by nmc: not a finding
  input.importAndVerify();
  return 0;
}
