//===- SNNDialect.cpp - snn dialect registration
//---------------------------===//
#include "nmc/Dialect/SNN/SNNDialect.h"
#include "nmc/Dialect/SNN/SNNOps.h"

using namespace mlir;
using namespace nmc::snn;

#include "nmc/Dialect/SNN/SNNOpsDialect.cpp.inc"

void SNNDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "nmc/Dialect/SNN/SNNOps.cpp.inc"
      >();
}
