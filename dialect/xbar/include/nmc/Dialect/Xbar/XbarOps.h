//===- XbarOps.h - xbar dialect operations ---------------------*- C++ -*-===//
#ifndef NMC_DIALECT_XBAR_XBAROPS_H
#define NMC_DIALECT_XBAR_XBAROPS_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/DialectImplementation.h"
#include "mlir/IR/OpDefinition.h"

#include "nmc/Dialect/SNN/SNNNodeTrait.h"
#include "nmc/Dialect/Xbar/XbarDialect.h"

#include "nmc/Dialect/Xbar/XbarEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "nmc/Dialect/Xbar/XbarAttrs.h.inc"

namespace nmc::xbar {
class TileOp;
class RouteOp;
} // namespace nmc::xbar

#define GET_OP_CLASSES
#include "nmc/Dialect/Xbar/XbarOps.h.inc"

#endif // NMC_DIALECT_XBAR_XBAROPS_H
