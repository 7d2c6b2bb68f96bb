//===- ImageWrite.cpp - Reference payload: Image -> HDF5 -----------------===//
#include "ImageInternal.h"
#include "nmc/Emulator/ImageIO.h"

namespace nmc::image {
namespace {

bool writeNode(hid_t nodes, const Image &image, size_t index,
               std::string &error) {
  const Node &node = image.nodes[index];
  std::string name = detail::recordGroupName(index, image.nodes.size());
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
  return detail::writeRecord(g.get(), referenceSchema(), node, error) &&
         detail::writeVector(g.get(), "in_shape", node.inShape, error) &&
         detail::writeVector(g.get(), "out_shape", node.outShape, error) &&
         detail::writeVector(g.get(), "inputs", sources, error) &&
         detail::writeVector(g.get(), "inputs_delayed", delayed, error);
}

} // namespace

bool detail::writeReferenceBody(hid_t file, const Image &image,
                                std::string &error) {
  if (!h5::writeAttribute(file, "method", image.method, error) ||
      !h5::writeAttribute(file, "reset_mode", image.resetMode, error) ||
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

namespace {

bool writeAll(hid_t file, const Image &image, std::string &error) {
  return detail::writeHeader(file, makeHeader(image), error) &&
         detail::writeReferenceBody(file, image, error);
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
