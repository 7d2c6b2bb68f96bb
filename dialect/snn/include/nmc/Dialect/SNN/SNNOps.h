//===- SNNOps.h - snn dialect operations -----------------------*- C++ -*-===//
#ifndef NMC_DIALECT_SNN_SNNOPS_H
#define NMC_DIALECT_SNN_SNNOPS_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/RegionKindInterface.h"
#include "mlir/IR/SymbolTable.h"

#include "nmc/Dialect/SNN/SNNDialect.h"
#include "nmc/Dialect/SNN/SNNEnums.h"
#include "nmc/Dialect/SNN/SNNNodeTrait.h"

#define GET_OP_CLASSES
#include "nmc/Dialect/SNN/SNNOps.h.inc"

#endif // NMC_DIALECT_SNN_SNNOPS_H
