//===- NIRImport.cpp - NIR graph -> snn dialect --------------------------===//
//
// Nodes become ops first (without operands), then every edge appends its
// source's value to the destination's summed inputs; that order lets edges
// form cycles. Diagnostics name the node (NameLoc) and the file. The op of
// each NIR type and the parameters of neurons come from the type table
// (NIRSchema.h).
//===----------------------------------------------------------------------===//
#include "NeuronExtension.h"
#include "ParamAttr.h"
#include "StdpExtension.h"
#include "nmc/Dialect/SNN/SNNEnums.h"
#include "nmc/Dialect/SNN/SNNUtils.h"
#include "nmc/NIR/ConnectorParams.h"
#include "nmc/NIR/NIRFile.h"
#include "nmc/NIR/NIRSchema.h"
#include "nmc/NIR/NIRTranslation.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Path.h"

using namespace mlir;
using namespace nmc::snn;

namespace nmc {
namespace {

/// Spatial parameters may be stored as a scalar or as one value per dim.
SmallVector<int64_t> spatialInts(const nir::Param *p, size_t dims,
                                 int64_t fallback) {
  SmallVector<int64_t> v;
  if (!p || p->ints.empty())
    return SmallVector<int64_t>(dims, fallback);
  if (p->ints.size() == 1)
    return SmallVector<int64_t>(dims, p->ints.front());
  v.assign(p->ints.begin(), p->ints.end());
  return v;
}

class Importer {
public:
  Importer(MLIRContext *ctx, StringRef file) : ctx(ctx), b(ctx), file(file) {}

  OwningOpRef<ModuleOp> run(nir::Model &model, StringRef symbol) {
    Location topLoc = FileLineColLoc::get(ctx, file, 0, 0);
    OwningOpRef<ModuleOp> module = ModuleOp::create(topLoc);
    b.setInsertionPointToEnd(module->getBody());
    auto graph = b.create<GraphOp>(topLoc, b.getStringAttr(symbol), nullptr,
                                   nullptr, nullptr, nullptr, nullptr);
    if (!model.version.empty())
      graph.setNirVersionAttr(b.getStringAttr(model.version));
    if (!model.graph.metadata.empty())
      graph.setMetadataAttr(metadataToAttr(b, model.graph.metadata));
    Block *body = new Block();
    graph.getBody().push_back(body);
    if (failed(buildGraph(model.graph, *body, "")))
      return nullptr;
    if (failed(verify(*module)))
      return nullptr;
    return module;
  }

private:
  Location loc(StringRef path) {
    return NameLoc::get(b.getStringAttr(path),
                        FileLineColLoc::get(ctx, file, 0, 0));
  }

  /// Builds `graph` into `body`, releasing each node's parameters once they
  /// are attributes: a big array is never held more than twice.
  LogicalResult buildGraph(nir::Graph &graph, Block &body, StringRef prefix) {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToEnd(&body);
    llvm::StringMap<Operation *> byName;
    for (nir::Node &node : graph.nodes) {
      Operation *op = buildNode(node, prefix);
      if (!op)
        return failure();
      byName[node.name] = op;
      node.params.clear();
    }
    std::string where = prefix.empty()
                            ? std::string("the root graph")
                            : "graph '" + prefix.drop_back().str() + "'";
    for (const auto &[src, dst] : graph.edges) {
      Operation *from = byName.lookup(src), *to = byName.lookup(dst);
      if (!from || !to)
        return emitError(loc(prefix.str() + (from ? dst : src)))
               << "edge '" << src << "' -> '" << dst << "' in " << where
               << " refers to missing node '" << (from ? dst : src) << "'";
      if (isa<InputOp>(to))
        return emitError(loc(prefix.str() + dst))
               << "edge '" << src << "' -> '" << dst << "' in " << where
               << " feeds an Input node";
      to->insertOperands(to->getNumOperands(), from->getResult(0));
    }
    for (Operation &op : body)
      if (auto output = dyn_cast<OutputOp>(&op))
        if (failed(fixOutputShape(output)))
          return failure();
    return success();
  }

  /// NIR Output nodes repeat the shape of what feeds them; Rockpool writes
  /// [1,1,1] for [1]. Same element count: warn and use the incoming shape.
  LogicalResult fixOutputShape(OutputOp output) {
    if (output.getInputs().empty())
      return success();
    Type incoming = output.getInputs().front().getType();
    auto in = getShape(incoming);
    auto declared = getShape(output.getType());
    if (!in || !declared || *in == *declared)
      return success();
    if (numElements(*in) != numElements(*declared))
      return success(); // the verifier reports the mismatch
    emitWarning(output.getLoc())
        << "node '" << output.getName()
        << "': Output shape differs from its input shape with the same size "
           "(a known Rockpool export quirk); using the input shape";
    output.getOutput().setType(cast<TensorType>(incoming));
    return success();
  }

  const nir::Param *param(const nir::Node &node, const char *key) {
    auto it = node.params.find(key);
    return it == node.params.end() ? nullptr : &it->second;
  }

  Operation *buildNode(nir::Node &node, StringRef prefix) {
    Location l = loc(prefix.str() + node.name);
    NamedAttrList attrs;
    attrs.append("name", b.getStringAttr(node.name));
    const std::string &t = node.type;
    const nir::TypeSpec *spec = nir::findNodeType(t);
    if (!spec) {
      emitError(l) << "node '" << node.name << "' has unknown type '" << t
                   << "'";
      return nullptr;
    }
    if (spec->isGraph)
      return buildSubgraph(node, prefix, attrs, l);
    Type result = UnrankedTensorType::get(b.getF32Type());
    StringRef opName = spec->op;
    auto req = [&](const char *key) -> const nir::Param * {
      const nir::Param *p = param(node, key);
      if (!p)
        emitError(l) << "node '" << node.name << "' (" << t
                     << ") has no dataset '" << key << "'";
      return p;
    };
    auto floatAttr = [&](const char *key) -> Attribute {
      const nir::Param *p = req(key);
      return p ? Attribute(floatParamToAttr(b, *p)) : Attribute();
    };

    if (t == "Input" || t == "Output") {
      const nir::Param *shape = req("shape");
      if (!shape)
        return nullptr;
      result = getEdgeType(ctx, shape->ints.values());
    } else if (t == "Affine" || t == "Linear") {
      Attribute w = floatAttr("weight");
      if (!w)
        return nullptr;
      attrs.append("weight", w);
      if (t == "Affine") {
        Attribute bias = floatAttr("bias");
        if (!bias)
          return nullptr;
        attrs.append("bias", bias);
      }
      auto wShape = cast<DenseFPElementsAttr>(w).getType().getShape();
      if (wShape.size() >= 2) {
        SmallVector<int64_t> out(wShape.drop_back(2));
        out.push_back(wShape[wShape.size() - 2]);
        result = getEdgeType(ctx, out);
      }
    } else if (t == "nmc.SparseAffine") {
      const nir::Param *shape = req("shape"), *indptr = req("indptr"),
                       *indices = req("indices"), *w = req("weight");
      if (!shape || !indptr || !indices || !w)
        return nullptr;
      attrs.append("indptr", intParamToAttr(b, *indptr));
      attrs.append("indices", intParamToAttr(b, *indices));
      node.params.erase("indices"); // the largest array: release it now
      attrs.append("weight", floatParamToAttr(b, *w));
      if (const nir::Param *bias = param(node, "bias"))
        attrs.append("bias", floatParamToAttr(b, *bias));
      if (shape->ints.size() == 2)
        result = getEdgeType(ctx, {shape->ints[0]});
    } else if (t == "nmc.Connector") {
      model::ConnectorSpec spec;
      std::string key, why;
      if (!nir::connectorFromParams(node.params, spec, key, why)) {
        emitError(l) << "node '" << node.name << "' (" << t << ") dataset '"
                     << key << "': " << why;
        return nullptr;
      }
      auto f64s = [&](const model::Distribution &d) {
        return b.getDenseF64ArrayAttr(model::distributionParams(d));
      };
      attrs.append("rule", ConnectorRuleAttr::get(ctx, toSNN(spec.rule)));
      attrs.append("n_pre", b.getI64IntegerAttr(spec.nPre));
      attrs.append("n_post", b.getI64IntegerAttr(spec.nPost));
      if (spec.rule == model::ConnectorRule::FixedProbability)
        attrs.append("p", b.getF64FloatAttr(spec.p));
      if (spec.rule == model::ConnectorRule::FixedNumberPre ||
          spec.rule == model::ConnectorRule::FixedTotalNumber)
        attrs.append("n", b.getI64IntegerAttr(spec.n));
      attrs.append("allow_self", b.getBoolAttr(spec.allowSelf));
      attrs.append("with_replacement", b.getBoolAttr(spec.withReplacement));
      attrs.append("weight_distribution",
                   DistributionKindAttr::get(ctx, toSNN(spec.weight.kind)));
      attrs.append("weight", f64s(spec.weight));
      if (node.params.count("delay")) {
        attrs.append("delay_distribution",
                     DistributionKindAttr::get(ctx, toSNN(spec.delay.kind)));
        attrs.append("delay", f64s(spec.delay));
      }
      attrs.append("seed",
                   b.getI64IntegerAttr(static_cast<int64_t>(spec.seed)));
      result = getEdgeType(ctx, {spec.nPost});
    } else if (t == "Scale" || t == "Delay" || t == "Threshold") {
      const char *key = spec->datasets.front().name;
      Attribute p = floatAttr(key);
      if (!p)
        return nullptr;
      attrs.append(key, p);
      result =
          getEdgeType(ctx, cast<DenseFPElementsAttr>(p).getType().getShape());
    } else if (t == "Conv1d" || t == "Conv2d") {
      size_t dims = t == "Conv1d" ? 1 : 2;
      Attribute w = floatAttr("weight");
      if (!w)
        return nullptr;
      attrs.append("weight", w);
      auto wShape = cast<DenseFPElementsAttr>(w).getType().getShape();
      if (const nir::Param *bias = param(node, "bias"))
        attrs.append("bias", floatParamToAttr(b, *bias));
      else if (!wShape.empty()) // NIR allows bias-free convs in old files
        attrs.append("bias", floatParamToAttr(
                                 b, nir::Param::floatArray(
                                        {wShape[0]},
                                        std::vector<double>(wShape[0], 0.0))));
      attrs.append("stride", b.getDenseI64ArrayAttr(
                                 spatialInts(param(node, "stride"), dims, 1)));
      attrs.append("dilation", b.getDenseI64ArrayAttr(spatialInts(
                                   param(node, "dilation"), dims, 1)));
      const nir::Param *pad = param(node, "padding");
      if (pad && pad->kind == nir::Param::Kind::String)
        attrs.append("padding", b.getStringAttr(pad->str));
      else
        attrs.append("padding",
                     b.getDenseI64ArrayAttr(spatialInts(pad, dims, 0)));
      const nir::Param *groups = param(node, "groups");
      attrs.append("groups", b.getI64IntegerAttr(groups && !groups->ints.empty()
                                                     ? groups->ints.front()
                                                     : 1));
      if (const nir::Param *inShape = param(node, "input_shape");
          inShape && !inShape->ints.empty())
        attrs.append("input_shape",
                     b.getDenseI64ArrayAttr(spatialInts(inShape, dims, 0)));
    } else if (t == "Flatten") {
      const nir::Param *start = param(node, "start_dim"),
                       *end = param(node, "end_dim");
      attrs.append("start_dim",
                   b.getI64IntegerAttr(start && !start->ints.empty()
                                           ? start->ints.front()
                                           : 1));
      attrs.append("end_dim", b.getI64IntegerAttr(end && !end->ints.empty()
                                                      ? end->ints.front()
                                                      : -1));
      if (const nir::Param *in = param(node, "input_type"))
        attrs.append("input_type", b.getDenseI64ArrayAttr(in->ints.values()));
    } else if (t == "SumPool2d" || t == "AvgPool2d") {
      const nir::Param *kernel = req("kernel_size");
      if (!kernel)
        return nullptr;
      SmallVector<int64_t> k = spatialInts(kernel, 2, 1);
      SmallVector<int64_t> s = spatialInts(param(node, "stride"), 2, 0);
      if (!param(node, "stride"))
        s = k; // PyTorch: stride defaults to the kernel size
      attrs.append("kernel_size", b.getDenseI64ArrayAttr(k));
      attrs.append("stride", b.getDenseI64ArrayAttr(s));
      attrs.append("padding", b.getDenseI64ArrayAttr(
                                  spatialInts(param(node, "padding"), 2, 0)));
    } else if (spec->isNeuron) {
      std::vector<const char *> keys;
      for (const nir::DatasetSpec &d : spec->datasets)
        keys.push_back(d.name);
      // The neuron shape is the largest-rank parameter shape; scalar or
      // one-element parameters are broadcast to it.
      SmallVector<int64_t> shape;
      for (const char *key : keys)
        if (const nir::Param *p = param(node, key))
          if (p->shape.size() > shape.size() ||
              (p->shape.size() == shape.size() &&
               p->numElements() > numElements(shape)))
            shape.assign(p->shape.begin(), p->shape.end());
      const nir::Param *dtypeRef = nullptr;
      for (const char *key : keys)
        if ((dtypeRef = param(node, key)))
          break;
      for (const nir::DatasetSpec &d : spec->datasets) {
        const char *key = d.name;
        const nir::Param *p = param(node, key);
        nir::Param fallback;
        if (!p) {
          if (d.required) {
            req(key);
            return nullptr;
          }
          // The optional ones: NIR < 1.0.6 has no v_reset (= 0); w_in
          // defaults to 1.
          std::string k = key;
          fallback = nir::Param::floatArray({}, {k == "w_in" ? 1.0 : 0.0},
                                            dtypeRef ? dtypeRef->dtype
                                                     : nir::Param::DType::F32);
          p = &fallback;
        } else if (p->shape !=
                       std::vector<int64_t>(shape.begin(), shape.end()) &&
                   p->numElements() != 1) {
          // Same element count, other shape ([3] vs [1, 3]) is still a
          // mismatch: print both shapes, not counts.
          emitError(l) << "node '" << node.name << "': parameter '" << key
                       << "' has shape " << shapeToString(p->shape)
                       << " but the neuron shape is " << shapeToString(shape);
          return nullptr;
        }
        attrs.append(key, floatParamToAttr(b, *p, shape));
      }
      if (failed(importNeuronExtension(b, l, node, shape, attrs)))
        return nullptr;
      result = getEdgeType(ctx, shape);
    } else {
      emitError(l) << "node '" << node.name << "': type '" << t
                   << "' has no snn import";
      return nullptr;
    }
    if (failed(importStdpExtension(b, l, node, attrs)))
      return nullptr;
    if (!node.metadata.empty())
      attrs.append("nir.metadata", metadataToAttr(b, node.metadata));
    OperationState state(l, opName);
    state.addAttributes(attrs);
    state.addTypes(result);
    Operation *op = b.create(state);
    // Shapes that follow from parameters stored in the file.
    if (auto conv = dyn_cast<Conv1dOp>(op); conv && conv.getInputShape())
      setInferred(op, *conv.getInputShape(), conv.getWeight(),
                  conv.getGroups());
    if (auto conv = dyn_cast<Conv2dOp>(op); conv && conv.getInputShape())
      setInferred(op, *conv.getInputShape(), conv.getWeight(),
                  conv.getGroups());
    if (auto flat = dyn_cast<FlattenOp>(op); flat && flat.getInputType())
      if (auto out = inferOutputShape(op, *flat.getInputType()))
        op->getResult(0).setType(getEdgeType(ctx, *out));
    return op;
  }

  void setInferred(Operation *op, ArrayRef<int64_t> spatial,
                   DenseFPElementsAttr weight, uint64_t groups) {
    SmallVector<int64_t> in{weight.getType().getShape()[1] *
                            static_cast<int64_t>(groups)};
    in.append(spatial.begin(), spatial.end());
    if (auto out = inferOutputShape(op, in))
      op->getResult(0).setType(getEdgeType(ctx, *out));
  }

  Operation *buildSubgraph(nir::Node &node, StringRef prefix,
                           NamedAttrList &attrs, Location l) {
    if (!node.subgraph) {
      emitError(l) << "node '" << node.name << "' is a NIRGraph without nodes";
      return nullptr;
    }
    if (!node.metadata.empty())
      attrs.append("metadata", metadataToAttr(b, node.metadata));
    OperationState state(l, "snn.subgraph");
    state.addAttributes(attrs);
    state.addTypes(UnrankedTensorType::get(b.getF32Type()));
    state.addRegion();
    Operation *op = b.create(state);
    Block *body = new Block();
    op->getRegion(0).push_back(body);
    if (failed(buildGraph(*node.subgraph, *body,
                          (prefix + node.name + ".").str())))
      return nullptr;
    for (Operation &inner : *body)
      if (auto output = dyn_cast<OutputOp>(&inner))
        op->getResult(0).setType(output.getType());
    return op;
  }

  MLIRContext *ctx;
  OpBuilder b;
  std::string file;
};

} // namespace

OwningOpRef<ModuleOp> importNIR(nir::Model model, StringRef fileName,
                                StringRef symbol, MLIRContext *context) {
  context->getOrLoadDialect<snn::SNNDialect>();
  return Importer(context, fileName).run(model, symbol);
}

OwningOpRef<ModuleOp> importNIRFile(StringRef path, MLIRContext *context) {
  nir::Model model;
  std::string error;
  std::vector<std::string> warnings;
  Location fileLoc = FileLineColLoc::get(context, path, 0, 0);
  if (!nir::readNIRFile(path.str(), model, error, &warnings)) {
    // The reader names the file; the location already does.
    StringRef message(error);
    message.consume_front((path + ": ").str());
    emitError(fileLoc) << message;
    return nullptr;
  }
  for (const std::string &w : warnings)
    emitWarning(fileLoc) << w;
  return importNIR(std::move(model), path, llvm::sys::path::stem(path),
                   context);
}

} // namespace nmc
