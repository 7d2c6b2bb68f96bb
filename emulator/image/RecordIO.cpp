//===- RecordIO.cpp - Payload records and the header on disk (HDF5) ------===//
//
// The one HDF5 reader and writer of image payloads: a record is a group with
// attributes `name` and `kind` and subgroups f/, i/, s/ holding its 1-D
// float, integer and string arrays; the schema table of the format says
// which arrays each kind has.
//===----------------------------------------------------------------------===//
#include "ImageInternal.h"

namespace nmc::image::detail {

bool readVector(hid_t g, const std::string &name, std::vector<int64_t> &out,
                std::string &error) {
  h5::Dataset ds = h5::openDataset(g, name, error);
  h5::Info info;
  if (!ds || !h5::inspect(ds.get(), info, error))
    return false;
  if (info.shape.size() != 1) {
    error = h5::pathOf(ds.get()) + ": expected a 1-D integer array";
    return false;
  }
  return h5::readInt64s(ds.get(), out, error);
}

bool readVector(hid_t g, const std::string &name, std::vector<double> &out,
                std::string &error) {
  h5::Dataset ds = h5::openDataset(g, name, error);
  h5::Info info;
  if (!ds || !h5::inspect(ds.get(), info, error))
    return false;
  if (info.shape.size() != 1 || info.cls != h5::Info::Class::Float) {
    error = h5::pathOf(ds.get()) + ": expected a 1-D float array";
    return false;
  }
  return h5::readDoubles(ds.get(), out, error);
}

bool writeVector(hid_t g, const std::string &name,
                 const std::vector<int64_t> &v, std::string &error) {
  return h5::writeInt64s(g, name, {int64_t(v.size())}, v, h5::FileType::I64,
                         v.size() >= kCompressMin, error);
}

bool writeVector(hid_t g, const std::string &name, const std::vector<double> &v,
                 std::string &error) {
  return h5::writeDoubles(g, name, {int64_t(v.size())}, v, h5::FileType::F64,
                          v.size() >= kCompressMin, error);
}

namespace {

/// A 1-D float or integer dataset of `g`, in its stored element type.
template <class Array>
bool readArray(hid_t g, const std::string &name, Array &out,
               std::string &error) {
  constexpr bool isFloat = std::is_same_v<Array, FloatArray>;
  h5::Dataset ds = h5::openDataset(g, name, error);
  h5::Info info;
  if (!ds || !h5::inspect(ds.get(), info, error))
    return false;
  if (info.shape.size() != 1 ||
      (isFloat && info.cls != h5::Info::Class::Float)) {
    error = h5::pathOf(ds.get()) + (isFloat ? ": expected a 1-D float array"
                                            : ": expected a 1-D integer array");
    return false;
  }
  return h5::readArray(ds.get(), out, error);
}

/// Reads every dataset of optional group `g/name` into `out` via `get`.
template <typename Map, typename Get>
bool readMap(hid_t g, const char *name, Map &out, Get get, std::string &error) {
  if (!h5::exists(g, name))
    return true;
  h5::Group group = h5::openGroup(g, name, error);
  std::vector<h5::Child> children;
  if (!group || !h5::listChildren(group.get(), children, error))
    return false;
  for (const h5::Child &c : children)
    if (!get(group.get(), c.name, out[c.name]))
      return false;
  return true;
}

/// Group `name` with one dataset per map entry, written by `put`.
template <typename Map, typename Put>
bool writeMap(hid_t parent, const char *name, const Map &map, Put put,
              std::string &error) {
  h5::Group g = h5::createGroup(parent, name, error);
  if (!g)
    return false;
  for (const auto &[key, value] : map) {
    if (!isValidKey(key)) {
      error = h5::pathOf(g.get()) + ": invalid array name \"" + key + "\"";
      return false;
    }
    if (!put(g.get(), key, value))
      return false;
  }
  return true;
}

bool check(hid_t g, const PayloadSchema &schema, const Record &record,
           std::string &error) {
  std::string field, why;
  if (checkRecord(schema, record, field, why))
    return true;
  error = h5::pathOf(g) + (field.empty() ? "/@kind" : "/" + field) + ": " + why;
  return false;
}

} // namespace

bool readRecord(hid_t g, const PayloadSchema &schema, Record &record,
                std::string &error) {
  auto getF = [&](hid_t at, const std::string &key, FloatArray &v) {
    return readArray(at, key, v, error);
  };
  auto getI = [&](hid_t at, const std::string &key, IntArray &v) {
    return readArray(at, key, v, error);
  };
  auto getS = [&](hid_t at, const std::string &key, std::string &v) {
    return h5::readString(at, key, v, error);
  };
  return h5::readAttribute(g, "name", record.name, error) &&
         h5::readAttribute(g, "kind", record.kind, error) &&
         readMap(g, "f", record.f, getF, error) &&
         readMap(g, "i", record.i, getI, error) &&
         readMap(g, "s", record.s, getS, error) &&
         check(g, schema, record, error);
}

bool writeRecord(hid_t g, const PayloadSchema &schema, const Record &record,
                 std::string &error) {
  auto putF = [&](hid_t at, const std::string &key, const FloatArray &v) {
    return h5::writeArray(at, key, v, v.size() >= kCompressMin, error);
  };
  auto putI = [&](hid_t at, const std::string &key, const IntArray &v) {
    return h5::writeArray(at, key, v, v.size() >= kCompressMin, error);
  };
  auto putS = [&](hid_t at, const std::string &key, const std::string &v) {
    return h5::writeString(at, key, v, error);
  };
  return check(g, schema, record, error) &&
         h5::writeAttribute(g, "name", record.name, error) &&
         h5::writeAttribute(g, "kind", record.kind, error) &&
         writeMap(g, "f", record.f, putF, error) &&
         writeMap(g, "i", record.i, putI, error) &&
         writeMap(g, "s", record.s, putS, error);
}

bool readHeader(hid_t file, Header &h, std::string &error) {
  std::string why;
  if (!h5::readAttribute(file, "format", h.format, error) ||
      !h5::readAttribute(file, "format_version", h.version, error) ||
      !h5::readAttribute(file, "target", h.target, error) ||
      !h5::readAttribute(file, "dt", h.dt, error) ||
      !h5::readAttribute(file, "source", h.source, error))
    return false;
  if (!checkDt(h.dt, why)) {
    error = "/@dt: " + why;
    return false;
  }
  h5::Group io = h5::openGroup(file, "io", error);
  if (!io)
    return false;
  for (auto [ports, what] :
       {std::pair{&h.inputs, "input"}, std::pair{&h.outputs, "output"}}) {
    std::vector<std::string> names;
    std::vector<int64_t> sizes;
    const std::string namesKey = std::string(what) + "_names",
                      sizesKey = std::string(what) + "_sizes";
    h5::Dataset ds = h5::openDataset(io.get(), namesKey, error);
    if (!ds || !h5::readStrings(ds.get(), names, error) ||
        !readVector(io.get(), sizesKey, sizes, error))
      return false;
    if (names.size() != sizes.size()) {
      error = "/io/" + sizesKey + ": " + std::to_string(sizes.size()) +
              " sizes for " + std::to_string(names.size()) + " names";
      return false;
    }
    for (size_t k = 0; k < names.size(); ++k) {
      if (sizes[k] < 0) {
        error =
            "/io/" + sizesKey + ": negative size " + std::to_string(sizes[k]);
        return false;
      }
      ports->push_back({names[k], sizes[k]});
    }
  }
  return true;
}

bool writeHeader(hid_t file, const Header &h, std::string &error) {
  std::string why;
  if (!checkDt(h.dt, why)) {
    error = "/@dt: " + why;
    return false;
  }
  if (!h5::writeAttribute(file, "format", h.format, error) ||
      !h5::writeAttribute(file, "format_version", h.version, error) ||
      !h5::writeAttribute(file, "target", h.target, error) ||
      !h5::writeAttribute(file, "dt", h.dt, error) ||
      !h5::writeAttribute(file, "source", h.source, error))
    return false;
  h5::Group io = h5::createGroup(file, "io", error);
  if (!io)
    return false;
  for (auto [ports, what] :
       {std::pair{&h.inputs, "input"}, std::pair{&h.outputs, "output"}}) {
    std::vector<std::string> names;
    std::vector<int64_t> sizes;
    for (const Port &p : *ports) {
      names.push_back(p.name);
      sizes.push_back(p.size);
    }
    if (!h5::writeStrings(io.get(), std::string(what) + "_names",
                          {int64_t(names.size())}, names, error) ||
        !writeVector(io.get(), std::string(what) + "_sizes", sizes, error))
      return false;
  }
  return true;
}

} // namespace nmc::image::detail
