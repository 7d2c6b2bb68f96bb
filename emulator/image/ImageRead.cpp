//===- ImageRead.cpp - Reference payload: HDF5 -> Image ------------------===//
#include "ImageInternal.h"
#include "nmc/Emulator/ImageIO.h"
#include "nmc/Image/OpenImage.h"

#include <limits>

namespace nmc::image {
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
  if (!nodes || !detail::readNodeTable(nodes.get(), image, error))
    return false;
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

bool detail::readFloatReference(hid_t file, const Header &header,
                                Image &reference, std::string &error) {
  if (!h5::exists(file, "reference"))
    return true;
  h5::Group ref = h5::openGroup(file, "reference", error);
  if (!ref || !readReferencePayload(ref.get(), header, reference, error))
    return false;
  reference.target = "reference";
  if (!reference.numberFormat.empty()) {
    error = "/reference/@number_format: the float reference must have none";
    return false;
  }
  return true;
}

} // namespace nmc::image
