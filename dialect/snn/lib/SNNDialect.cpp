//===- SNNDialect.cpp - snn dialect registration -------------------------===//
#include "nmc/Dialect/SNN/SNNDialect.h"
#include "nmc/Dialect/SNN/SNNEnums.h"
#include "nmc/Dialect/SNN/SNNOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace nmc::snn;

#include "nmc/Dialect/SNN/SNNOpsDialect.cpp.inc"

#include "nmc/Dialect/SNN/SNNEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "nmc/Dialect/SNN/SNNAttrs.cpp.inc"

void SNNDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "nmc/Dialect/SNN/SNNOps.cpp.inc"
      >();
  addAttributes<
#define GET_ATTRDEF_LIST
#include "nmc/Dialect/SNN/SNNAttrs.cpp.inc"
      >();
}
