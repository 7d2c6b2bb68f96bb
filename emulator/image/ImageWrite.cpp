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

bool detail::writeTargetImage(hid_t file, const Header &header,
                              const Image &network, const char *group,
                              const char *attr, const std::string &attrJson,
                              const PayloadSchema &schema,
                              const std::vector<Record> &records,
                              const Image &reference, std::string &error) {
  if (!detail::writeHeader(file, header, error) ||
      !detail::writeReferenceBody(file, network, error))
    return false;
  h5::Group g = h5::createGroup(file, group, error);
  if (!g || !h5::writeAttribute(g.get(), attr, attrJson, error))
    return false;
  for (const Record &r : records) {
    h5::Group sub = h5::createGroup(g.get(), r.kind, error);
    if (!sub || !detail::writeRecord(sub.get(), schema, r, error))
      return false;
  }
  if (reference.nodes.empty())
    return true;
  h5::Group ref = h5::createGroup(file, "reference", error);
  return ref && detail::writeReferenceBody(ref.get(), reference, error);
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
