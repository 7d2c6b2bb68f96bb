//===- SFQDialect.h - sfq dialect declaration ------------------*- C++ -*-===//
#ifndef NMC_DIALECT_SFQ_SFQDIALECT_H
#define NMC_DIALECT_SFQ_SFQDIALECT_H

#include "mlir/IR/Dialect.h"

#include "nmc/Dialect/SFQ/SFQOpsDialect.h.inc"

#endif // NMC_DIALECT_SFQ_SFQDIALECT_H
