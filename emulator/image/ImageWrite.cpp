//===- ImageWrite.cpp - writeImage: Image -> HDF5 (docs/image-format.md)
//---===//
#include "ImageInternal.h"
#include "nmc/Emulator/ImageIO.h"
#include "nmc/Support/H5.h"

#include <cstdio>

namespace nmc::image {

namespace {

bool writeIntArray(hid_t g, const std::string &name,
                   const std::vector<int64_t> &v, std::string &error) {
  return h5::writeInt64s(g, name, {int64_t(v.size())}, v, h5::FileType::I64,
                         v.size() >= detail::kCompressMin, error);
}

/// Group `name` with one dataset per map entry, written by `put`.
template <typename Map, typename Put>
bool writeMap(hid_t parent, const char *name, const Map &map, Put put,
              std::string &error) {
  h5::Group g = h5::createGroup(parent, name, error);
  if (!g)
    return false;
  for (const auto &[key, value] : map) {
    if (!detail::isValidKey(key)) {
      error = h5::pathOf(g.get()) + ": invalid array name \"" + key + "\"";
      return false;
    }
    if (!put(g.get(), key, value))
      return false;
  }
  return true;
}

bool writeNode(hid_t nodes, const Image &image, size_t index,
               std::string &error) {
  const Node &node = image.nodes[index];
  std::string name = detail::nodeGroupName(index, image.nodes.size());
  std::string field, why;
  if (!detail::checkNode(image, index, field, why)) {
    error = h5::childPath(nodes, name) + "/" + field + ": " + why;
    return false;
  }
  h5::Group g = h5::createGroup(nodes, name, error);
  if (!g)
    return false;
  std::vector<int64_t> sources, delayed;
  for (const InputEdge &in : node.inputs) {
    sources.push_back(in.source);
    delayed.push_back(in.delayed ? 1 : 0);
  }
  auto putF = [&](hid_t at, const std::string &key,
                  const std::vector<double> &v) {
    return h5::writeDoubles(at, key, {int64_t(v.size())}, v, h5::FileType::F64,
                            v.size() >= detail::kCompressMin, error);
  };
  auto putI = [&](hid_t at, const std::string &key,
                  const std::vector<int64_t> &v) {
    return writeIntArray(at, key, v, error);
  };
  auto putS = [&](hid_t at, const std::string &key, const std::string &v) {
    return h5::writeString(at, key, v, error);
  };
  return h5::writeAttribute(g.get(), "name", node.name, error) &&
         h5::writeAttribute(g.get(), "kind", node.kind, error) &&
         writeIntArray(g.get(), "in_shape", node.inShape, error) &&
         writeIntArray(g.get(), "out_shape", node.outShape, error) &&
         writeIntArray(g.get(), "inputs", sources, error) &&
         writeIntArray(g.get(), "inputs_delayed", delayed, error) &&
         writeMap(g.get(), "f", node.f, putF, error) &&
         writeMap(g.get(), "i", node.i, putI, error) &&
         writeMap(g.get(), "s", node.s, putS, error);
}

bool writeAll(hid_t file, const Image &image, std::string &error) {
  std::string why;
  if (!detail::checkDt(image.dt, why)) {
    error = "/@dt: " + why;
    return false;
  }
  if (!h5::writeAttribute(file, "format", std::string(kFormatName), error) ||
      !h5::writeAttribute(file, "format_version", kFormatVersion, error) ||
      !h5::writeAttribute(file, "dt", image.dt, error) ||
      !h5::writeAttribute(file, "method", image.method, error) ||
      !h5::writeAttribute(file, "reset_mode", image.resetMode, error) ||
      !h5::writeAttribute(file, "source", image.source, error))
    return false;
  if (!image.numberFormat.empty() &&
      !h5::writeAttribute(file, "number_format", image.numberFormat, error))
    return false;
  h5::Group nodes = h5::createGroup(file, "nodes", error);
  if (!nodes)
    return false;
  for (size_t k = 0; k < image.nodes.size(); ++k)
    if (!writeNode(nodes.get(), image, k, error))
      return false;
  return true;
}

} // namespace

bool writeImage(const std::string &path, const Image &image,
                std::string &error) {
  return h5::writeWholeFile(
      path,
      [&](hid_t file, std::string &why) { return writeAll(file, image, why); },
      error);
}

} // namespace nmc::image
