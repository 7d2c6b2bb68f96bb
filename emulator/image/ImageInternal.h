//===- ImageInternal.h - Shared by the image reader and writer ---*- C++
//-*-===//
#ifndef NMC_EMULATOR_IMAGE_IMAGEINTERNAL_H
#define NMC_EMULATOR_IMAGE_IMAGEINTERNAL_H

#include "nmc/Emulator/Image.h"

#include <cstddef>
#include <string>

namespace nmc::image::detail {

/// Arrays with at least this many elements are gzip-compressed.
inline constexpr size_t kCompressMin = 1024;

/// Group name of node `index` in an image of `count` nodes: zero-padded to
/// at least 6 digits, all names the same width so name order = index order.
std::string nodeGroupName(size_t index, size_t count);

/// Checks node `index`: shapes non-negative, input sources in range,
/// non-delayed sources earlier in execution order. On failure sets `field`
/// to the dataset at fault ("inputs", "in_shape", "out_shape") and `why`.
bool checkNode(const Image &image, size_t index, std::string &field,
               std::string &why);

/// dt must be finite and positive.
bool checkDt(double dt, std::string &why);

/// True if `name` can be one HDF5 link name (non-empty, no '/', not ".").
bool isValidKey(const std::string &name);

} // namespace nmc::image::detail

#endif // NMC_EMULATOR_IMAGE_IMAGEINTERNAL_H
