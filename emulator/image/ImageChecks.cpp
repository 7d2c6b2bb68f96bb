//===- ImageChecks.cpp - Structural checks shared by reader and writer ---===//
#include "ImageInternal.h"

#include <cmath>

namespace nmc::image::detail {

static bool checkShape(const std::vector<int64_t> &shape, std::string &why) {
  for (int64_t d : shape)
    if (d < 0) {
      why = "negative dimension " + std::to_string(d);
      return false;
    }
  return true;
}

bool checkNode(const Image &image, size_t index, std::string &field,
               std::string &why) {
  const Node &node = image.nodes[index];
  field = "in_shape";
  if (!checkShape(node.inShape, why))
    return false;
  field = "out_shape";
  if (!checkShape(node.outShape, why))
    return false;
  field = "inputs";
  for (size_t k = 0; k < node.inputs.size(); ++k) {
    const InputEdge &in = node.inputs[k];
    if (in.source >= image.nodes.size()) {
      why = "input " + std::to_string(k) + " refers to node " +
            std::to_string(in.source) + ", but the image has " +
            std::to_string(image.nodes.size()) + " nodes";
      return false;
    }
    // Only a delayed input may read a node that runs later (or itself):
    // it reads the previous step's output.
    if (!in.delayed && in.source >= index) {
      why = "non-delayed input " + std::to_string(k) + " from node " +
            std::to_string(in.source) + " does not precede node " +
            std::to_string(index) + " in execution order";
      return false;
    }
  }
  return true;
}

bool checkDt(double dt, std::string &why) {
  if (std::isfinite(dt) && dt > 0)
    return true;
  why = "expected a finite positive time step, got " + std::to_string(dt);
  return false;
}

bool isValidKey(const std::string &name) {
  return !name.empty() && name != "." && name.find('/') == std::string::npos;
}

} // namespace nmc::image::detail
