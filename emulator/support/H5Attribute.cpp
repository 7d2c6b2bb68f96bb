//===- H5Attribute.cpp - Scalar string and numeric attributes -------------===//
#include "H5Internal.h"

namespace nmc::h5 {

static std::string attrPath(hid_t obj, const std::string &name) {
  return pathOf(obj) + "@" + name;
}

bool hasAttribute(hid_t obj, const std::string &name) {
  return H5Aexists(obj, name.c_str()) > 0;
}

/// Opens attribute `name` of `obj` and checks it holds exactly one value.
static Attribute openScalar(hid_t obj, const std::string &name, Info &info,
                            std::string &error) {
  if (!hasAttribute(obj, name)) {
    error = attrPath(obj, name) + ": missing attribute";
    return Attribute();
  }
  Attribute a(H5Aopen(obj, name.c_str(), H5P_DEFAULT));
  Datatype type(a ? H5Aget_type(a.get()) : -1);
  Dataspace space(a ? H5Aget_space(a.get()) : -1);
  std::string why;
  if (!a || !type || !space || !detail::describeSpace(space.get(), info, why)) {
    error = attrPath(obj, name) + ": unreadable attribute";
    return Attribute();
  }
  detail::classify(type.get(), info);
  if (info.count != 1) {
    error = attrPath(obj, name) + ": expected a single value, got " +
            std::to_string(info.count);
    return Attribute();
  }
  return a;
}

bool readAttribute(hid_t obj, const std::string &name, std::string &out,
                   std::string &error) {
  Info info;
  Attribute a = openScalar(obj, name, info, error);
  if (!a)
    return false;
  if (info.cls != Info::Class::String) {
    error = attrPath(obj, name) + ": expected a string attribute";
    return false;
  }
  Datatype type(H5Aget_type(a.get()));
  std::vector<std::string> values;
  auto read = [&](hid_t mem, void *buf) { return H5Aread(a.get(), mem, buf); };
  if (!detail::readStringData(type.get(), 1, read, values)) {
    error = attrPath(obj, name) + ": cannot read attribute";
    return false;
  }
  out = values.front();
  return true;
}

template <typename T>
static bool readNumber(hid_t obj, const std::string &name, hid_t memType,
                       bool allowFloat, T &out, std::string &error) {
  Info info;
  Attribute a = openScalar(obj, name, info, error);
  if (!a)
    return false;
  bool ok = info.cls == Info::Class::Int || info.cls == Info::Class::Bool ||
            (allowFloat && info.cls == Info::Class::Float);
  if (!ok) {
    error = attrPath(obj, name) +
            (allowFloat ? ": expected a number" : ": expected an integer");
    return false;
  }
  auto read = [&](hid_t mem, void *buf) { return H5Aread(a.get(), mem, buf); };
  Datatype type(H5Aget_type(a.get()));
  bool done = info.cls == Info::Class::Bool
                  ? detail::readEnumData(type.get(), 1, memType, read, &out)
                  : read(memType, &out) >= 0;
  if (!done)
    error = attrPath(obj, name) + ": cannot read attribute";
  return done;
}

bool readAttribute(hid_t obj, const std::string &name, double &out,
                   std::string &error) {
  return readNumber(obj, name, H5T_NATIVE_DOUBLE, true, out, error);
}

bool readAttribute(hid_t obj, const std::string &name, int64_t &out,
                   std::string &error) {
  return readNumber(obj, name, H5T_NATIVE_INT64, false, out, error);
}

/// Creates (replacing) a scalar attribute of `fileType` and writes `data`.
static bool writeScalar(hid_t obj, const std::string &name, hid_t fileType,
                        hid_t memType, const void *data, std::string &error) {
  if (hasAttribute(obj, name))
    H5Adelete(obj, name.c_str());
  Dataspace space(H5Screate(H5S_SCALAR));
  Attribute a(H5Acreate2(obj, name.c_str(), fileType, space.get(), H5P_DEFAULT,
                         H5P_DEFAULT));
  if (!space || !a || H5Awrite(a.get(), memType, data) < 0) {
    error = attrPath(obj, name) + ": cannot write attribute";
    return false;
  }
  return true;
}

bool writeAttribute(hid_t obj, const std::string &name,
                    const std::string &value, std::string &error) {
  Datatype type = detail::vlenUtf8();
  const char *p = value.c_str();
  return writeScalar(obj, name, type.get(), type.get(), &p, error);
}

bool writeAttribute(hid_t obj, const std::string &name, double value,
                    std::string &error) {
  return writeScalar(obj, name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, &value,
                     error);
}

bool writeAttribute(hid_t obj, const std::string &name, int64_t value,
                    std::string &error) {
  return writeScalar(obj, name, H5T_STD_I64LE, H5T_NATIVE_INT64, &value, error);
}

} // namespace nmc::h5
