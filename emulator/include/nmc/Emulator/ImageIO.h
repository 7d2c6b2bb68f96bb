//===- ImageIO.h - Read and write reference images --------------*- C++ -*-===//
//
// On-disk layout: docs/image-format.md (format "nmc-reference-image",
// version image::kFormatVersion). Plain C++ over the HDF5 C API; no MLIR, no
// exceptions. Errors are one line naming the file and the HDF5 path at
// fault, e.g. "net.h5: /nodes/000002/inputs: input 0 refers to node 7, but
// the image has 3 nodes".
//===----------------------------------------------------------------------===//
#ifndef NMC_EMULATOR_IMAGEIO_H
#define NMC_EMULATOR_IMAGEIO_H

#include "nmc/Emulator/Image.h"

#include <string>

namespace nmc::image {

/// Reads `path` into `out`. Checks the format name and version, that every
/// input index is in range, and that every non-delayed input refers to an
/// earlier node (execution order). Returns false and sets `error` on failure.
bool readImage(const std::string &path, Image &out, std::string &error);

/// Writes `image` to `path` (replacing it). Runs the same input checks as
/// readImage, so a written image always reads back. Returns false and sets
/// `error` on failure (no partial file is left behind).
bool writeImage(const std::string &path, const Image &image,
                std::string &error);

} // namespace nmc::image

#endif // NMC_EMULATOR_IMAGEIO_H
