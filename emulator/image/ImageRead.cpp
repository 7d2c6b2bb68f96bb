//===- ImageRead.cpp - readImage: HDF5 (docs/image-format.md) -> Image
//-----===//
#include "ImageInternal.h"
#include "nmc/Emulator/ImageIO.h"
#include "nmc/Support/H5.h"

#include <limits>

namespace nmc::image {

namespace {

/// Reads rank-1 dataset `g/name` as int64 (resp. double).
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

bool readNode(hid_t nodes, const std::string &groupName, Node &node,
              std::string &error) {
  h5::Group g = h5::openGroup(nodes, groupName, error);
  std::vector<int64_t> sources, delayed;
  if (!g || !h5::readAttribute(g.get(), "name", node.name, error) ||
      !h5::readAttribute(g.get(), "kind", node.kind, error) ||
      !readVector(g.get(), "in_shape", node.inShape, error) ||
      !readVector(g.get(), "out_shape", node.outShape, error) ||
      !readVector(g.get(), "inputs", sources, error) ||
      !readVector(g.get(), "inputs_delayed", delayed, error))
    return false;
  std::string inputs = h5::childPath(g.get(), "inputs");
  if (sources.size() != delayed.size()) {
    error = inputs + ": " + std::to_string(sources.size()) + " inputs but " +
            std::to_string(delayed.size()) + " inputs_delayed flags";
    return false;
  }
  for (size_t k = 0; k < sources.size(); ++k) {
    if (sources[k] < 0 || sources[k] > std::numeric_limits<uint32_t>::max()) {
      error = inputs + ": invalid node index " + std::to_string(sources[k]);
      return false;
    }
    if (delayed[k] != 0 && delayed[k] != 1) {
      error = h5::childPath(g.get(), "inputs_delayed") +
              ": expected 0 or 1, got " + std::to_string(delayed[k]);
      return false;
    }
    node.inputs.push_back({uint32_t(sources[k]), delayed[k] == 1});
  }
  auto getF = [&](hid_t at, const std::string &key, std::vector<double> &v) {
    return readVector(at, key, v, error);
  };
  auto getI = [&](hid_t at, const std::string &key, std::vector<int64_t> &v) {
    return readVector(at, key, v, error);
  };
  auto getS = [&](hid_t at, const std::string &key, std::string &v) {
    return h5::readString(at, key, v, error);
  };
  return readMap(g.get(), "f", node.f, getF, error) &&
         readMap(g.get(), "i", node.i, getI, error) &&
         readMap(g.get(), "s", node.s, getS, error);
}

/// Node groups must be named 0..N-1 (decimal, any zero padding).
bool nodeIndex(const std::string &name, size_t count, size_t &index) {
  if (name.empty() || name.size() > 18 ||
      name.find_first_not_of("0123456789") != std::string::npos)
    return false;
  index = size_t(std::stoull(name));
  return index < count;
}

bool readAll(hid_t file, Image &image, std::string &error) {
  std::string format;
  int64_t version = 0;
  if (!h5::readAttribute(file, "format", format, error))
    return false;
  if (format != kFormatName) {
    error = "/@format: expected \"" + std::string(kFormatName) +
            "\", found \"" + format + "\"";
    return false;
  }
  if (!h5::readAttribute(file, "format_version", version, error))
    return false;
  if (version != kFormatVersion) {
    error = "/@format_version: expected version " +
            std::to_string(kFormatVersion) + ", found version " +
            std::to_string(version) +
            (version > kFormatVersion ? " (written by a newer nmc)" : "");
    return false;
  }
  std::string why;
  if (!h5::readAttribute(file, "dt", image.dt, error) ||
      !h5::readAttribute(file, "method", image.method, error) ||
      !h5::readAttribute(file, "reset_mode", image.resetMode, error) ||
      !h5::readAttribute(file, "source", image.source, error))
    return false;
  // Absent in floating-point images.
  if (h5::hasAttribute(file, "number_format") &&
      !h5::readAttribute(file, "number_format", image.numberFormat, error))
    return false;
  if (!detail::checkDt(image.dt, why)) {
    error = "/@dt: " + why;
    return false;
  }
  h5::Group nodes = h5::openGroup(file, "nodes", error);
  std::vector<h5::Child> children;
  if (!nodes || !h5::listChildren(nodes.get(), children, error))
    return false;
  image.nodes.assign(children.size(), Node());
  std::vector<std::string> names(children.size());
  for (const h5::Child &c : children) {
    size_t k = 0;
    if (c.kind != h5::Child::Kind::Group ||
        !nodeIndex(c.name, children.size(), k) || !names[k].empty()) {
      error = h5::childPath(nodes.get(), c.name) +
              ": expected node groups named 000000.." +
              detail::nodeGroupName(children.size() - 1, children.size());
      return false;
    }
    names[k] = c.name;
    if (!readNode(nodes.get(), c.name, image.nodes[k], error))
      return false;
  }
  for (size_t k = 0; k < image.nodes.size(); ++k) {
    std::string field;
    if (!detail::checkNode(image, k, field, why)) {
      error = "/nodes/" + names[k] + "/" + field + ": " + why;
      return false;
    }
  }
  return true;
}

} // namespace

bool readImage(const std::string &path, Image &out, std::string &error) {
  out = Image();
  std::string why;
  h5::File file = h5::openFile(path, why);
  if (file && readAll(file.get(), out, why))
    return true;
  out = Image();
  error = path + ": " + why;
  return false;
}

} // namespace nmc::image
