//===- OpenImage.cpp - Header check and dispatch on the payload format ---===//
#include "nmc/Image/OpenImage.h"

#include "ImageInternal.h"
#include "nmc/IO/H5Guard.h"
#include "nmc/Target/SpiNNaker/SpinnImage.h"
#include "nmc/Target/Xbar/XbarImage.h"

#include <stdexcept>

namespace nmc::image {

namespace {

std::shared_ptr<const Payload> readReference(hid_t file, const Header &header,
                                             std::string &error) {
  auto payload = std::make_shared<ReferencePayload>();
  if (!readReferencePayload(file, header, payload->image, error))
    return nullptr;
  return payload;
}

std::string formatList() {
  std::string list;
  for (const ImageFormat &f : imageFormats())
    list += (list.empty() ? "" : ", ") + std::string(f.name);
  return list;
}

} // namespace

const std::vector<ImageFormat> &imageFormats() {
  static const std::vector<ImageFormat> formats = {
      {kFormatName, kFormatVersion, readReference},
      {xbar::kFormatName, xbar::kFormatVersion, xbar::readXbarPayload},
      {spinn::kImageFormatName, spinn::kImageFormatVersion,
       spinn::readSpinnPayload},
  };
  return formats;
}

LoadedImage openImage(const std::string &path) {
  auto fail = [&](const std::string &why) -> LoadedImage {
    throw std::runtime_error(path + ": " + why);
  };
  std::string error;
  if (!io::checkHDF5File(path, error))
    return fail(error);
  h5::File file = h5::openFile(path, error);
  if (!file)
    return fail(error);
  if (!h5::hasAttribute(file.get(), "format"))
    return fail("not an nmc image (no /@format attribute); compile a model "
                "with `nmc compile`");
  LoadedImage out;
  Header &h = out.header;
  if (!h5::readAttribute(file.get(), "format", h.format, error) ||
      !h5::readAttribute(file.get(), "format_version", h.version, error))
    return fail(error);
  const ImageFormat *format = nullptr;
  for (const ImageFormat &f : imageFormats())
    if (h.format == f.name)
      format = &f;
  if (!format)
    return fail("unknown image format '" + h.format +
                "' (this nmc reads: " + formatList() + ")");
  if (h.version > format->version)
    return fail("/@format_version: " + h.format + " version " +
                std::to_string(h.version) +
                " was written by a newer nmc; this nmc reads version " +
                std::to_string(format->version));
  if (h.version < format->version)
    return fail("/@format_version: " + h.format + " version " +
                std::to_string(h.version) +
                " is no longer read by this nmc (it reads version " +
                std::to_string(format->version) + "); compile the model again");
  h.inputs.clear();
  if (!detail::readHeader(file.get(), h, error))
    return fail(error);
  out.payload = format->read(file.get(), h, error);
  if (!out.payload)
    return fail(error);
  return out;
}

} // namespace nmc::image
