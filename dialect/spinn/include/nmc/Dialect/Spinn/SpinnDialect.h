//===- SpinnDialect.h - spinn dialect declaration --------------*- C++ -*-===//
#ifndef NMC_DIALECT_SPINN_SPINNDIALECT_H
#define NMC_DIALECT_SPINN_SPINNDIALECT_H

#include "mlir/IR/Dialect.h"

#include "nmc/Dialect/Spinn/SpinnOpsDialect.h.inc"

#endif // NMC_DIALECT_SPINN_SPINNDIALECT_H
