//===- SFQDialect.cpp - sfq dialect registration -------------------------===//
#include "nmc/Dialect/SFQ/SFQDialect.h"
#include "nmc/Dialect/SFQ/SFQOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace nmc::sfq;

#include "nmc/Dialect/SFQ/SFQOpsDialect.cpp.inc"

#define GET_TYPEDEF_CLASSES
#include "nmc/Dialect/SFQ/SFQOpsTypes.cpp.inc"

void SFQDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "nmc/Dialect/SFQ/SFQOps.cpp.inc"
      >();
  addTypes<
#define GET_TYPEDEF_LIST
#include "nmc/Dialect/SFQ/SFQOpsTypes.cpp.inc"
      >();
}
