//===- ParamAttr.h - NIR dataset <-> MLIR attribute ------------*- C++ -*-===//
#ifndef NMC_BACKENDS_NIR_PARAMATTR_H
#define NMC_BACKENDS_NIR_PARAMATTR_H

#include "nmc/NIR/Graph.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"

#include <string>

namespace nmc {

/// Float dataset -> dense tensor attribute keeping f32/f64 (ints become f64).
mlir::DenseFPElementsAttr floatParamToAttr(mlir::Builder &b,
                                           const nir::Param &p);
/// Float dataset broadcast to `shape` (a scalar or one-element array only).
mlir::DenseFPElementsAttr floatParamToAttr(mlir::Builder &b,
                                           const nir::Param &p,
                                           llvm::ArrayRef<int64_t> shape);
/// Integer dataset -> i64/i32 dense tensor attribute.
mlir::DenseIntElementsAttr intParamToAttr(mlir::Builder &b,
                                          const nir::Param &p);
/// Any dataset -> attribute (metadata): strings, float/int scalars, arrays.
mlir::Attribute paramToAttr(mlir::Builder &b, const nir::Param &p);

nir::Param floatAttrToParam(mlir::DenseFPElementsAttr attr);
nir::Param intAttrToParam(mlir::DenseIntElementsAttr attr);
/// Inverse of paramToAttr; fails (returns false) on other attributes.
bool attrToParam(mlir::Attribute attr, nir::Param &out);

/// "[2, 3]": a shape as messages print it.
std::string shapeToString(llvm::ArrayRef<int64_t> dims);

/// Metadata map <-> dictionary attribute.
mlir::DictionaryAttr metadataToAttr(mlir::Builder &b,
                                    const std::map<std::string, nir::Param> &m);
std::map<std::string, nir::Param> attrToMetadata(mlir::DictionaryAttr dict);

} // namespace nmc

#endif // NMC_BACKENDS_NIR_PARAMATTR_H
