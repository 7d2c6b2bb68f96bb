//===- ImageWrite.cpp - Reference payload: Image -> HDF5 -----------------===//
#include "ImageInternal.h"
#include "nmc/Emulator/ImageIO.h"

namespace nmc::image {
bool detail::writeReferenceBody(hid_t file, const Image &image,
                                std::string &error) {
  if (!h5::writeAttribute(file, "method", image.method, error) ||
      !h5::writeAttribute(file, "reset_mode", image.resetMode, error) ||
      !h5::writeAttribute(file, "number_format", image.numberFormat, error))
    return false;
  h5::Group nodes = h5::createGroup(file, "nodes", error);
  return nodes && detail::writeNodeTable(nodes.get(), image, error);
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
