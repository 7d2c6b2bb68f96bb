//===- NeuronExtension.cpp - nmc neuron fields in NIR metadata -----------===//
#include "NeuronExtension.h"
#include "ParamAttr.h"

#include "mlir/IR/Diagnostics.h"

#include <string>

using namespace mlir;

namespace nmc {

LogicalResult importNeuronExtension(Builder &b, Location loc, nir::Node &node,
                                    llvm::ArrayRef<int64_t> shape,
                                    NamedAttrList &attrs) {
  const bool spiking =
      node.type == "IF" || node.type == "LIF" || node.type == "CubaLIF";
  for (const char *field : kNeuronExtFields) {
    auto it = node.metadata.find(std::string(kNeuronExtPrefix) + field);
    if (it == node.metadata.end())
      continue;
    const nir::Param &p = it->second;
    if (!spiking)
      return emitError(loc) << "node '" << node.name << "': metadata "
                            << it->first << " applies to IF, LIF and CubaLIF "
                            << "only, not " << node.type;
    if (p.kind == nir::Param::Kind::String)
      return emitError(loc) << "node '" << node.name << "': metadata "
                            << it->first << " must be numeric";
    if (p.shape != std::vector<int64_t>(shape.begin(), shape.end()) &&
        p.numElements() != 1)
      return emitError(loc) << "node '" << node.name << "': metadata "
                            << it->first << " has shape " << shapeToString(p.shape)
                            << " but the neuron shape is " << shapeToString(shape);
    attrs.append(field, floatParamToAttr(b, p, shape));
    node.metadata.erase(it);
  }
  return success();
}

void exportNeuronExtension(nir::Node &node) {
  for (const char *field : kNeuronExtFields) {
    auto it = node.params.find(field);
    if (it == node.params.end())
      continue;
    node.metadata[std::string(kNeuronExtPrefix) + field] =
        std::move(it->second);
    node.params.erase(it);
  }
}

} // namespace nmc
