//===- ImageRead.cpp - Reference payload: HDF5 -> Image ------------------===//
#include "ImageInternal.h"
#include "nmc/Emulator/ImageIO.h"
#include "nmc/Image/OpenImage.h"

#include <limits>

namespace nmc::image {
namespace {

bool readNode(hid_t nodes, const std::string &groupName, Node &node,
              std::string &error) {
  h5::Group g = h5::openGroup(nodes, groupName, error);
  std::vector<int64_t> sources, delayed;
  if (!g || !detail::readRecord(g.get(), referenceSchema(), node, error) ||
      !detail::readVector(g.get(), "in_shape", node.inShape, error) ||
      !detail::readVector(g.get(), "out_shape", node.outShape, error) ||
      !detail::readVector(g.get(), "inputs", sources, error) ||
      !detail::readVector(g.get(), "inputs_delayed", delayed, error))
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
  return true;
}

} // namespace

bool readReferencePayload(hid_t file, const Header &header, Image &image,
                          std::string &error) {
  image.target = header.target;
  image.dt = header.dt;
  image.source = header.source;
  if (!h5::readAttribute(file, "method", image.method, error) ||
      !h5::readAttribute(file, "reset_mode", image.resetMode, error) ||
      !h5::readAttribute(file, "number_format", image.numberFormat, error))
    return false;
  h5::Group nodes = h5::openGroup(file, "nodes", error);
  std::vector<h5::Child> children;
  if (!nodes || !h5::listChildren(nodes.get(), children, error))
    return false;
  image.nodes.assign(children.size(), Node());
  std::vector<std::string> names(children.size());
  for (const h5::Child &c : children) {
    size_t k = 0;
    if (c.kind != h5::Child::Kind::Group ||
        !detail::recordIndex(c.name, children.size(), k) ||
        !names[k].empty()) {
      error = h5::childPath(nodes.get(), c.name) +
              ": expected node groups named 000000.." +
              detail::recordGroupName(children.size() - 1, children.size());
      return false;
    }
    names[k] = c.name;
    if (!readNode(nodes.get(), c.name, image.nodes[k], error))
      return false;
  }
  std::string why;
  for (size_t k = 0; k < image.nodes.size(); ++k) {
    std::string field;
    if (!detail::checkNode(image, k, field, why)) {
      error = "/nodes/" + names[k] + "/" + field + ": " + why;
      return false;
    }
  }
  // The header's ports must be the payload's input and output nodes.
  Header derived = makeHeader(image);
  auto same = [](const std::vector<Port> &a, const std::vector<Port> &b) {
    if (a.size() != b.size())
      return false;
    for (size_t k = 0; k < a.size(); ++k)
      if (a[k].name != b[k].name || a[k].size != b[k].size)
        return false;
    return true;
  };
  if (!same(derived.inputs, header.inputs) ||
      !same(derived.outputs, header.outputs)) {
    error = "/io: the header's inputs/outputs do not match the input and "
            "output nodes of /nodes";
    return false;
  }
  return true;
}

bool readImage(const std::string &path, Image &out, std::string &error) {
  try {
    LoadedImage loaded = openImage(path);
    const auto *payload = loaded.as<ReferencePayload>();
    if (!payload) {
      error = path + ": image of format '" + loaded.header.format +
              "' is not a reference-engine image";
      return false;
    }
    out = payload->image;
    return true;
  } catch (const std::exception &e) {
    out = Image();
    error = e.what();
    return false;
  }
}

} // namespace nmc::image
