//===- SaveWeights.cpp - nmc run --save-weights ---------------------------===//
#include "SaveWeights.h"
#include "Commands.h"

#include "nmc/Dialect/SNN/SNNStdp.h"
#include "nmc/Dialect/SNN/SNNUtils.h"
#include "nmc/NIR/NIRTranslation.h"
#include "nmc/Sim/OutputFile.h"
#include "nmc/Transforms/ExpandConnector.h"

#include "mlir/IR/BuiltinTypes.h"

#include <stdexcept>

namespace nmc::driver {

namespace {

/// The node's name as snn-inline-subgraphs leaves it: prefixed with the
/// names of the nested graphs around it.
std::string flatName(mlir::Operation *op) {
  std::string name = snn::getNodeName(op).str();
  for (auto sub = op->getParentOfType<snn::SubgraphOp>(); sub;
       sub = sub->getParentOfType<snn::SubgraphOp>())
    name = sub.getName().str() + "." + name;
  return name;
}

/// `values` as a dense attribute of `like`'s shape and element type (the
/// file keeps its f32/f64 storage).
mlir::DenseFPElementsAttr withValues(mlir::DenseFPElementsAttr like,
                                     const std::vector<double> &values) {
  auto type = like.getType();
  if (type.getElementType().isF64())
    return mlir::DenseFPElementsAttr::get(type, llvm::ArrayRef(values));
  std::vector<float> f(values.begin(), values.end());
  return mlir::DenseFPElementsAttr::get(type, llvm::ArrayRef(f));
}

} // namespace

WeightSaver::WeightSaver(const std::string &model, const Target &target,
                         const std::string &out)
    : model(model), out(out) {
  if (!target.learns)
    throw std::runtime_error("--save-weights: target '" +
                             std::string(target.name) +
                             "' has no synaptic plasticity yet (use "
                             "reference, reference-fixed or spinnaker)");
  if (isImageFile(model))
    throw std::runtime_error(
        "--save-weights: '" + model +
        "' is an image; give the model file (.nir or .mlir) it was compiled "
        "from, whose weights are written back");
  sim::checkWritable(out);
  frontend = std::make_unique<Frontend>();
  module = frontend->load(model);
  if (!module)
    throw ReportedError("cannot load '" + model + "'");
  module->walk([&](mlir::Operation *op) {
    if (snn::getStdp(op))
      plastic[flatName(op)] = op;
  });
  if (plastic.empty())
    throw std::runtime_error("--save-weights: '" + model +
                             "' has no plastic node (no Affine, Linear, "
                             "nmc.SparseAffine or nmc.Connector with "
                             "metadata nmc/stdp)");
}

WeightSaver::~WeightSaver() = default;

void WeightSaver::write(const std::vector<sim::LearnedWeights> &learned) {
  std::map<std::string, const std::vector<double> *> byName;
  for (const sim::LearnedWeights &l : learned)
    byName[l.node] = &l.weights;
  for (auto &[name, op] : plastic) {
    auto it = byName.find(name);
    if (it == byName.end())
      throw std::runtime_error("--save-weights: the engine reported no "
                               "learned weights for plastic node '" +
                               name + "'");
    const std::vector<double> &w = *it->second;
    auto check = [&](int64_t expected) {
      if (int64_t(w.size()) != expected)
        throw std::runtime_error("--save-weights: node '" + name + "' has " +
                                 std::to_string(expected) +
                                 " synapses but the engine reported " +
                                 std::to_string(w.size()) + " learned weights");
    };
    if (auto conn = mlir::dyn_cast<snn::ConnectorOp>(op)) {
      // The rule cannot hold learned values: the connector's synapses
      // become an nmc.SparseAffine (the engine's expansion order).
      llvm::StringSet<> taken;
      for (mlir::Operation &other : *op->getBlock())
        if (snn::isNode(&other))
          taken.insert(snn::getNodeName(&other));
      mlir::FailureOr<snn::SparseAffineOp> sparse =
          expandConnectorOp(conn, taken);
      if (mlir::failed(sparse))
        throw ReportedError("--save-weights: cannot expand connector '" + name +
                            "'");
      op = *sparse;
    }
    if (auto affine = mlir::dyn_cast<snn::AffineOp>(op)) {
      check(affine.getWeight().getNumElements());
      affine.setWeightAttr(withValues(affine.getWeight(), w));
    } else if (auto linear = mlir::dyn_cast<snn::LinearOp>(op)) {
      check(linear.getWeight().getNumElements());
      linear.setWeightAttr(withValues(linear.getWeight(), w));
    } else if (auto sparse = mlir::dyn_cast<snn::SparseAffineOp>(op)) {
      check(sparse.getWeight().getNumElements());
      sparse.setWeightAttr(withValues(sparse.getWeight(), w));
    }
  }
  if (mlir::failed(exportNIRFile(*module, out)))
    throw ReportedError("--save-weights: cannot write '" + out + "'");
}

} // namespace nmc::driver
