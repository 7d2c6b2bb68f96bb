//===- SNNDialect.h - snn dialect declaration ------------------*- C++ -*-===//
#ifndef NMC_DIALECT_SNN_SNNDIALECT_H
#define NMC_DIALECT_SNN_SNNDIALECT_H

#include "mlir/IR/Dialect.h"

#include "nmc/Dialect/SNN/SNNOpsDialect.h.inc"

#endif // NMC_DIALECT_SNN_SNNDIALECT_H
