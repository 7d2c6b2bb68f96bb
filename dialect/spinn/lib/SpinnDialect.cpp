//===- SpinnDialect.cpp - spinn dialect registration ---------------------===//
#include "nmc/Dialect/Spinn/SpinnDialect.h"
#include "nmc/Dialect/Spinn/SpinnOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace nmc::spinn;

#include "nmc/Dialect/Spinn/SpinnOpsDialect.cpp.inc"

#include "nmc/Dialect/Spinn/SpinnEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "nmc/Dialect/Spinn/SpinnAttrs.cpp.inc"

void SpinnDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "nmc/Dialect/Spinn/SpinnOps.cpp.inc"
      >();
  addAttributes<
#define GET_ATTRDEF_LIST
#include "nmc/Dialect/Spinn/SpinnAttrs.cpp.inc"
      >();
}
