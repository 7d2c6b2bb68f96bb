//===- NIRExport.cpp - snn dialect -> NIR graph --------------------------===//
//
// The NIR type of each op comes from the type table (NIRSchema.h).
//===----------------------------------------------------------------------===//
#include "NeuronExtension.h"
#include "ParamAttr.h"
#include "StdpExtension.h"
#include "nmc/Dialect/SNN/SNNUtils.h"
#include "nmc/NIR/ConnectorParams.h"
#include "nmc/NIR/NIRFile.h"
#include "nmc/NIR/NIRSchema.h"
#include "nmc/NIR/NIRTranslation.h"

using namespace mlir;
using namespace nmc::snn;

namespace nmc {
namespace {

/// Sparse matrices up to this many dense entries are exported as plain NIR
/// Affine/Linear; larger ones use the nmc.SparseAffine extension.
constexpr int64_t kMaxDenseExport = 1 << 22;

bool allEqual(const nir::Param &p, double value) {
  for (double v : p.floats)
    if (v != value)
      return false;
  return true;
}

LogicalResult exportGraph(Block &body, nir::Graph &graph);

/// Dense (out, in) weights of a small sparse_affine.
void densify(SparseAffineOp op, nir::Node &node) {
  int64_t in = op.getIndptr().getNumElements() - 1;
  int64_t out = cast<RankedTensorType>(op.getType()).getShape()[0];
  nir::Param w = floatAttrToParam(op.getWeight());
  std::vector<double> dense(out * in, 0.0);
  std::vector<int64_t> indptr = intAttrToParam(op.getIndptr()).ints.values();
  std::vector<int64_t> idx = intAttrToParam(op.getIndices()).ints.values();
  for (int64_t j = 0; j < in; ++j)
    for (int64_t k = indptr[j]; k < indptr[j + 1]; ++k)
      dense[idx[k] * in + j] += w.floats[k];
  node.params.clear();
  node.params["weight"] = nir::Param::floatArray({out, in}, dense, w.dtype);
  if (auto bias = op.getBias()) {
    node.type = "Affine";
    node.params["bias"] = floatAttrToParam(*bias);
  } else {
    node.type = "Linear";
  }
}

LogicalResult exportNode(Operation *op, nir::Node &node) {
  StringRef opName = op->getName().getStringRef();
  const nir::TypeSpec *spec = nir::findNodeTypeForOp(opName);
  if (!spec)
    return op->emitError() << "node '" << getNodeName(op) << "': " << opName
                           << " has no NIR equivalent (export before "
                              "snn-discretize)";
  node.name = getNodeName(op).str();
  node.type = spec->type;
  if (auto conn = dyn_cast<ConnectorOp>(op)) {
    // The rule and seed travel, never the synapses.
    model::ConnectorSpec spec;
    if (std::string why = conn.getSpec(spec); !why.empty())
      return op->emitError() << "node '" << node.name << "': " << why;
    node.params = nir::connectorToParams(spec);
    if (auto md = op->getAttrOfType<DictionaryAttr>("nir.metadata"))
      node.metadata = attrToMetadata(md);
    exportStdpExtension(op, node);
    return success();
  }
  bool conv1d = isa<Conv1dOp>(op);
  for (StringRef key : op->getName().getAttributeNames()) {
    Attribute attr = op->getAttr(key);
    if (!attr || key == "name" || key == "metadata" || key == "stdp")
      continue;
    nir::Param p;
    if (auto arr = dyn_cast<DenseI64ArrayAttr>(attr)) {
      std::vector<int64_t> v(arr.asArrayRef().begin(), arr.asArrayRef().end());
      // NIR stores Conv1d's spatial parameters as plain ints.
      p = conv1d && v.size() == 1
              ? nir::Param::intScalar(v.front())
              : nir::Param::intArray({static_cast<int64_t>(v.size())}, v);
    } else if (!attrToParam(attr, p)) {
      return op->emitError()
             << "node '" << node.name << "': cannot export " << key;
    }
    node.params[key.str()] = std::move(p);
  }
  if (isa<InputOp, OutputOp>(op)) {
    auto shape = getShape(op->getResult(0).getType());
    if (!shape)
      return op->emitError() << "node '" << node.name << "': unknown shape";
    node.params["shape"] = nir::Param::intArray(
        {static_cast<int64_t>(shape->size())},
        std::vector<int64_t>(shape->begin(), shape->end()));
  }
  // Omit defaults so files stay readable by nir <= 1.0.5 (reference/nir.md
  // §3.3); re-import restores them.
  if (auto vr = node.params.find("v_reset");
      vr != node.params.end() && allEqual(vr->second, 0.0))
    node.params.erase(vr);
  if (auto sparse = dyn_cast<SparseAffineOp>(op)) {
    int64_t in = sparse.getIndptr().getNumElements() - 1;
    auto outShape = getShape(sparse.getType());
    int64_t out = outShape ? (*outShape)[0] : 0;
    // A plastic sparse node stays sparse: its absent synapses must not
    // become plastic zeros.
    if (in * out <= kMaxDenseExport && !sparse.getStdp())
      densify(sparse, node);
    else
      node.params["shape"] = nir::Param::intArray({2}, {out, in});
  }
  if (auto md = op->getAttrOfType<DictionaryAttr>("nir.metadata"))
    node.metadata = attrToMetadata(md);
  exportNeuronExtension(node);
  exportStdpExtension(op, node);
  if (auto sub = dyn_cast<SubgraphOp>(op)) {
    node.params.clear();
    node.metadata = attrToMetadata(sub.getMetadataAttr());
    node.subgraph = std::make_shared<nir::Graph>();
    return exportGraph(sub.getBodyBlock(), *node.subgraph);
  }
  return success();
}

LogicalResult exportGraph(Block &body, nir::Graph &graph) {
  for (Operation &op : body) {
    nir::Node node;
    if (failed(exportNode(&op, node)))
      return failure();
    for (Value in : op.getOperands())
      graph.edges.emplace_back(getNodeName(in.getDefiningOp()).str(),
                               node.name);
    graph.nodes.push_back(std::move(node));
  }
  return success();
}

} // namespace

LogicalResult exportNIR(GraphOp graph, nir::Model &model) {
  model.version = graph.getNirVersion().value_or("1.0.7").str();
  model.graph = nir::Graph();
  model.graph.metadata = attrToMetadata(graph.getMetadataAttr());
  return exportGraph(graph.getBodyBlock(), model.graph);
}

LogicalResult exportNIRFile(ModuleOp module, StringRef path) {
  SmallVector<GraphOp> graphs(module.getOps<GraphOp>());
  if (graphs.size() != 1)
    return module.emitError() << "export to NIR needs exactly one snn.graph, "
                              << "found " << graphs.size();
  nir::Model model;
  if (failed(exportNIR(graphs.front(), model)))
    return failure();
  std::string error;
  if (!nir::writeNIRFile(path.str(), model, error))
    return module.emitError() << error;
  return success();
}

} // namespace nmc
