//===- XbarDialect.h - xbar dialect declaration ----------------*- C++ -*-===//
#ifndef NMC_DIALECT_XBAR_XBARDIALECT_H
#define NMC_DIALECT_XBAR_XBARDIALECT_H

#include "mlir/IR/Dialect.h"

#include "nmc/Dialect/Xbar/XbarOpsDialect.h.inc"

#endif // NMC_DIALECT_XBAR_XBARDIALECT_H
