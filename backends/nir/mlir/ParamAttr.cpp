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

static DenseFPElementsAttr floatsAttr(Builder &b, Type elt,
                                      ArrayRef<int64_t> shape,
                                      ArrayRef<double> values) {
  auto type = RankedTensorType::get(shape, elt);
  if (elt.isF32()) {
    std::vector<float> f(values.begin(), values.end());
    return cast<DenseFPElementsAttr>(
        DenseElementsAttr::get(type, ArrayRef<float>(f)));
  }
  return cast<DenseFPElementsAttr>(DenseElementsAttr::get(type, values));
}

static std::vector<double> asDoubles(const nir::Param &p) {
  if (p.kind == nir::Param::Kind::Int)
    return std::vector<double>(p.ints.begin(), p.ints.end());
  return p.floats;
}

DenseFPElementsAttr floatParamToAttr(Builder &b, const nir::Param &p) {
  return floatsAttr(b, floatType(b, p), p.shape, asDoubles(p));
}

DenseFPElementsAttr floatParamToAttr(Builder &b, const nir::Param &p,
                                     ArrayRef<int64_t> shape) {
  std::vector<double> values = asDoubles(p);
  if (ArrayRef<int64_t>(p.shape) == shape)
    return floatsAttr(b, floatType(b, p), shape, values);
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  std::vector<double> spread(n, values.empty() ? 0.0 : values.front());
  return floatsAttr(b, floatType(b, p), shape, spread);
}

DenseIntElementsAttr intParamToAttr(Builder &b, const nir::Param &p) {
  bool i32 = p.dtype == nir::Param::DType::I32;
  auto type =
      RankedTensorType::get(p.shape, i32 ? b.getI32Type() : b.getI64Type());
  if (i32) {
    std::vector<int32_t> v(p.ints.begin(), p.ints.end());
    return cast<DenseIntElementsAttr>(
        DenseElementsAttr::get(type, ArrayRef<int32_t>(v)));
  }
  return cast<DenseIntElementsAttr>(
      DenseElementsAttr::get(type, ArrayRef<int64_t>(p.ints)));
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
  p.floats = snn::getFloatValues(attr);
  return p;
}

nir::Param intAttrToParam(DenseIntElementsAttr attr) {
  nir::Param p;
  p.kind = nir::Param::Kind::Int;
  bool i32 = attr.getElementType().isInteger(32);
  p.dtype = i32 ? nir::Param::DType::I32 : nir::Param::DType::I64;
  p.shape.assign(attr.getType().getShape().begin(),
                 attr.getType().getShape().end());
  p.ints.reserve(attr.getNumElements());
  if (i32) {
    for (int32_t v : attr.getValues<int32_t>())
      p.ints.push_back(v);
  } else {
    for (int64_t v : attr.getValues<int64_t>())
      p.ints.push_back(v);
  }
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

} // namespace nmc
