//===- OpenImage.h - Open any nmc image, whatever its target ----*- C++ -*-===//
//
// openImage reads the common header, finds the payload format in the format
// table (imageFormats()) and lets that format read its payload. Commands
// never switch on the format or the target: they hand the LoadedImage to the
// target registry's engine factory, which takes its payload type back out.
//===----------------------------------------------------------------------===//
#ifndef NMC_IMAGE_OPENIMAGE_H
#define NMC_IMAGE_OPENIMAGE_H

#include "nmc/Emulator/Image.h"
#include "nmc/Image/Header.h"
#include "nmc/Support/H5.h"

#include <memory>
#include <string>
#include <vector>

namespace nmc::image {

/// A target's payload, as its format's reader returns it.
struct Payload {
  virtual ~Payload() = default;
};

/// The reference engines' payload (format "nmc-reference-image").
struct ReferencePayload : Payload {
  Image image;
};

struct LoadedImage {
  Header header;
  std::shared_ptr<const Payload> payload;

  /// The payload as `T`, or nullptr if it is another format's.
  template <class T> const T *as() const {
    return dynamic_cast<const T *>(payload.get());
  }
};

/// One payload format: its name and version in the header, and its reader.
struct ImageFormat {
  const char *name;
  int64_t version;
  /// Reads the payload of `file`, whose header is `header`. Returns nullptr
  /// and sets `error` (an HDF5 path and what is wrong) on failure.
  std::shared_ptr<const Payload> (*read)(hid_t file, const Header &header,
                                         std::string &error);
};

/// Every format nmc reads (OpenImage.cpp; a new target adds its line).
const std::vector<ImageFormat> &imageFormats();

/// Opens `path`. Throws std::runtime_error "PATH: ..." for a file that is
/// not an nmc image, a format nmc does not know, a version newer (or older)
/// than this nmc reads, or a malformed header or payload.
LoadedImage openImage(const std::string &path);

/// Reads the reference payload (ImageRead.cpp).
bool readReferencePayload(hid_t file, const Header &header, Image &image,
                          std::string &error);

} // namespace nmc::image

#endif // NMC_IMAGE_OPENIMAGE_H
