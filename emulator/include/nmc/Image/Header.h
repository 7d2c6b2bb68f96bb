//===- Header.h - The header every nmc image starts with --------*- C++ -*-===//
//
// Whatever the target, an image file says what it is and what the network
// looks like from outside, so any command can check inputs and name outputs
// without knowing the payload. On disk (HDF5, docs/image-format.md):
//   /@format, /@format_version, /@target, /@dt, /@source   root attributes
//   /io/input_names, /io/input_sizes                       the Input nodes
//   /io/output_names, /io/output_sizes                     the Output nodes
//===----------------------------------------------------------------------===//
#ifndef NMC_IMAGE_HEADER_H
#define NMC_IMAGE_HEADER_H

#include <cstdint>
#include <string>
#include <vector>

namespace nmc::image {

/// An input or output of the network: node name and element count.
struct Port {
  std::string name;
  int64_t size = 0;
};

struct Header {
  std::string format;  ///< payload format, e.g. "nmc-reference-image"
  int64_t version = 0; ///< version of that format
  std::string target;  ///< target registry name, e.g. "reference"
  double dt = 0;       ///< time step, in the model's time unit
  std::string source;  ///< the model file the image was compiled from
  std::vector<Port> inputs, outputs;

  /// The input port called `name`, or nullptr.
  const Port *findInput(const std::string &name) const {
    for (const Port &p : inputs)
      if (p.name == name)
        return &p;
    return nullptr;
  }
};

} // namespace nmc::image

#endif // NMC_IMAGE_HEADER_H
