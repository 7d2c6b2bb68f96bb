//===- ParamAttr.cpp - NIR dataset <-> MLIR attribute ---------------------===//
#include "ParamAttr.h"
#include "nmc/Dialect/SNN/SNNUtils.h"

#include "mlir/IR/BuiltinTypes.h"

using namespace mlir;

namespace nmc {

static Type floatType(Builder &b, const nir::Param &p) {
  if (p.kind == nir::Param::Kind::Float && p.dtype == nir::Param::DType::F32)
    return b.getF32Type();
  return b.getF64Type();
}

/// `values` as an attribute of element type `elt`: straight from its buffer
/// when it already holds that type (no temporary), else converted.
template <class Array>
static DenseElementsAttr rawOrConverted(RankedTensorType type,
                                        const Array &values) {
  Type elt = type.getElementType();
  bool same = (elt.isF32() && values.dtype() == DType::F32) ||
              (elt.isF64() && values.dtype() == DType::F64) ||
              (elt.isInteger(32) && values.dtype() == DType::I32) ||
              (elt.isInteger(64) && values.dtype() == DType::I64);
  if (same && int64_t(values.size()) == type.getNumElements() &&
      !values.empty())
    return DenseElementsAttr::getFromRawBuffer(
        type, ArrayRef<char>(static_cast<const char *>(values.rawData()),
                             values.size() * sizeOf(values.dtype())));
  return values.visit([&](auto span) -> DenseElementsAttr {
    if (elt.isF32())
      return DenseElementsAttr::get(
          type, ArrayRef(std::vector<float>(span.begin(), span.end())));
    if (elt.isF64())
      return DenseElementsAttr::get(
          type, ArrayRef(std::vector<double>(span.begin(), span.end())));
    if (elt.isInteger(32))
      return DenseElementsAttr::get(
          type, ArrayRef(std::vector<int32_t>(span.begin(), span.end())));
    return DenseElementsAttr::get(
        type, ArrayRef(std::vector<int64_t>(span.begin(), span.end())));
  });
}

static DenseFPElementsAttr floatsAttr(Type elt, ArrayRef<int64_t> shape,
                                      const FloatArray &values) {
  return cast<DenseFPElementsAttr>(
      rawOrConverted(RankedTensorType::get(shape, elt), values));
}

static FloatArray asFloats(const nir::Param &p) {
  if (p.kind == nir::Param::Kind::Int)
    return std::vector<double>(p.ints.begin(), p.ints.end());
  return p.floats;
}

DenseFPElementsAttr floatParamToAttr(Builder &b, const nir::Param &p) {
  return floatsAttr(floatType(b, p), p.shape, asFloats(p));
}

DenseFPElementsAttr floatParamToAttr(Builder &b, const nir::Param &p,
                                     ArrayRef<int64_t> shape) {
  FloatArray values = asFloats(p);
  if (ArrayRef<int64_t>(p.shape) == shape)
    return floatsAttr(floatType(b, p), shape, values);
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  std::vector<double> spread(n, values.empty() ? 0.0 : values.front());
  return floatsAttr(floatType(b, p), shape, spread);
}

DenseIntElementsAttr intParamToAttr(Builder &b, const nir::Param &p) {
  bool i32 = p.dtype == nir::Param::DType::I32;
  auto type =
      RankedTensorType::get(p.shape, i32 ? b.getI32Type() : b.getI64Type());
  return cast<DenseIntElementsAttr>(rawOrConverted(type, p.ints));
}

Attribute paramToAttr(Builder &b, const nir::Param &p) {
  switch (p.kind) {
  case nir::Param::Kind::String:
    return b.getStringAttr(p.str);
  case nir::Param::Kind::Int:
    if (p.shape.empty() && p.ints.size() == 1)
      return b.getI64IntegerAttr(p.ints.front());
    return intParamToAttr(b, p);
  case nir::Param::Kind::Float:
    if (p.shape.empty() && p.floats.size() == 1)
      return b.getFloatAttr(floatType(b, p), p.floats.front());
    return floatParamToAttr(b, p);
  }
  return {};
}

nir::Param floatAttrToParam(DenseFPElementsAttr attr) {
  nir::Param p;
  p.kind = nir::Param::Kind::Float;
  p.dtype = attr.getElementType().isF32() ? nir::Param::DType::F32
                                          : nir::Param::DType::F64;
  p.shape.assign(attr.getType().getShape().begin(),
                 attr.getType().getShape().end());
  p.floats = snn::getFloatArray(attr);
  return p;
}

nir::Param intAttrToParam(DenseIntElementsAttr attr) {
  nir::Param p;
  p.kind = nir::Param::Kind::Int;
  bool i32 = attr.getElementType().isInteger(32);
  p.dtype = i32 ? nir::Param::DType::I32 : nir::Param::DType::I64;
  p.shape.assign(attr.getType().getShape().begin(),
                 attr.getType().getShape().end());
  p.ints = snn::getIntArray(attr);
  return p;
}

bool attrToParam(Attribute attr, nir::Param &out) {
  if (auto s = dyn_cast<StringAttr>(attr)) {
    out = nir::Param::string(s.str());
    return true;
  }
  if (auto i = dyn_cast<IntegerAttr>(attr)) {
    out = nir::Param::intScalar(i.getInt());
    return true;
  }
  if (auto f = dyn_cast<FloatAttr>(attr)) {
    out = nir::Param::floatArray({}, {f.getValueAsDouble()},
                                 f.getType().isF32() ? nir::Param::DType::F32
                                                     : nir::Param::DType::F64);
    return true;
  }
  if (auto fp = dyn_cast<DenseFPElementsAttr>(attr)) {
    out = floatAttrToParam(fp);
    return true;
  }
  if (auto ints = dyn_cast<DenseIntElementsAttr>(attr)) {
    out = intAttrToParam(ints);
    return true;
  }
  return false;
}

DictionaryAttr metadataToAttr(Builder &b,
                              const std::map<std::string, nir::Param> &m) {
  SmallVector<NamedAttribute> entries;
  for (const auto &[key, value] : m)
    if (Attribute a = paramToAttr(b, value))
      entries.push_back(b.getNamedAttr(key, a));
  return b.getDictionaryAttr(entries);
}

std::map<std::string, nir::Param> attrToMetadata(DictionaryAttr dict) {
  std::map<std::string, nir::Param> m;
  if (!dict)
    return m;
  for (NamedAttribute entry : dict) {
    nir::Param p;
    if (attrToParam(entry.getValue(), p))
      m[entry.getName().str()] = std::move(p);
  }
  return m;
}

std::string shapeToString(llvm::ArrayRef<int64_t> dims) {
  std::string s = "[";
  for (size_t i = 0; i < dims.size(); ++i)
    s += (i ? ", " : "") + std::to_string(dims[i]);
  return s + "]";
}

} // namespace nmc
