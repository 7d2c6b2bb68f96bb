//===- ParamIO.cpp - One NIR dataset <-> Param ----------------------------===//
#include "NIRIOInternal.h"

namespace nmc::nir::detail {

bool isValidLinkName(const std::string &name) {
  return !name.empty() && name != "." && name.find('/') == std::string::npos;
}

std::vector<std::string> splitKey(const std::string &key) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t slash; (slash = key.find('/', start)) != std::string::npos;
       start = slash + 1)
    parts.push_back(key.substr(start, slash - start));
  parts.push_back(key.substr(start));
  return parts;
}

/// Stored integer width -> DType (values always fit int64 in memory).
static Param::DType intType(const h5::Info &info) {
  bool fits32 = info.size < 4 || (info.size == 4 && info.isSigned);
  return info.cls == h5::Info::Class::Int && fits32 ? Param::DType::I32
                                                    : Param::DType::I64;
}

bool readParam(hid_t loc, const std::string &name, Param &out,
               std::string &error) {
  h5::Dataset ds = h5::openDataset(loc, name, error);
  h5::Info info;
  if (!ds || !h5::inspect(ds.get(), info, error))
    return false;
  std::string path = h5::pathOf(ds.get());
  if (info.count == 0 && info.shape.empty()) {
    error = path + ": empty dataset (NULL dataspace)";
    return false;
  }
  out = Param();
  out.shape = info.shape;
  switch (info.cls) {
  case h5::Info::Class::String: {
    std::vector<std::string> values;
    if (!h5::readStrings(ds.get(), values, error))
      return false;
    if (values.size() != 1) {
      error =
          path + ": expected one string, got " + std::to_string(values.size());
      return false;
    }
    out = Param::string(std::move(values.front()));
    return true;
  }
  case h5::Info::Class::Float:
    out.kind = Param::Kind::Float;
    out.dtype = info.size <= 4 ? Param::DType::F32 : Param::DType::F64;
    return h5::readArray(ds.get(), out.floats, error);
  case h5::Info::Class::Int:
  case h5::Info::Class::Bool:
    out.kind = Param::Kind::Int;
    out.dtype = intType(info);
    return h5::readArray(ds.get(), out.ints, error);
  case h5::Info::Class::Other:
    break;
  }
  error = path + ": unsupported datatype (expected float, integer or string)";
  return false;
}

bool writeParam(hid_t loc, const std::string &name, const Param &p,
                bool compress, std::string &error) {
  switch (p.kind) {
  case Param::Kind::String:
    return h5::writeString(loc, name, p.str, error);
  case Param::Kind::Int: {
    bool i32 = p.dtype == Param::DType::I32;
    // Data already in the file type is written as it is, without a copy.
    if (p.ints.dtype() == (i32 ? DType::I32 : DType::I64))
      return h5::writeArray(loc, name, p.ints, compress, error, &p.shape);
    return h5::writeInt64s(loc, name, p.shape, p.ints.values(),
                           i32 ? h5::FileType::I32 : h5::FileType::I64,
                           compress, error);
  }
  case Param::Kind::Float: {
    bool f32 = p.dtype == Param::DType::F32;
    if (p.floats.dtype() == (f32 ? DType::F32 : DType::F64))
      return h5::writeArray(loc, name, p.floats, compress, error, &p.shape);
    return h5::writeDoubles(loc, name, p.shape, p.floats.values(),
                            f32 ? h5::FileType::F32 : h5::FileType::F64,
                            compress, error);
  }
  }
  error = h5::childPath(loc, name) + ": invalid parameter kind";
  return false;
}

} // namespace nmc::nir::detail
