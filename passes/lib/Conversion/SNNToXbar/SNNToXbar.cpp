//===- SNNToXbar.cpp - convert-snn-to-xbar -------------------------------===//
//
// Weight nodes become xbar.layer matrices in the crossbar convention (rows =
// inputs, columns = outputs); everything else stays snn and runs in the
// periphery.
//===----------------------------------------------------------------------===//
#include "nmc/Dialect/SNN/SNNStdp.h"
#include "nmc/Dialect/SNN/SNNUtils.h"
#include "nmc/Dialect/Xbar/XbarOps.h"
#include "nmc/Xbar/XbarPasses.h"

#include "mlir/IR/Builders.h"

using namespace mlir;
using namespace nmc::snn;
using nmc::xbar::LayerOp;
using nmc::xbar::MatrixKind;

namespace nmc {
#define GEN_PASS_DEF_CONVERTSNNTOXBAR
#include "nmc/Xbar/XbarPasses.h.inc"
} // namespace nmc

namespace {

DenseElementsAttr f64Attr(MLIRContext *ctx, ArrayRef<int64_t> shape,
                          ArrayRef<double> values) {
  auto type = RankedTensorType::get(shape, Float64Type::get(ctx));
  return DenseElementsAttr::get(type, values);
}

/// A splat stays a splat (a constant matrix is the same transposed).
DenseElementsAttr f64Attr(DenseFPElementsAttr attr,
                          std::optional<ArrayRef<int64_t>> shape = {}) {
  auto type = RankedTensorType::get(shape ? *shape : attr.getType().getShape(),
                                    Float64Type::get(attr.getContext()));
  if (attr.isSplat())
    return DenseElementsAttr::get(type, getFloatValues(attr)[0]);
  return DenseElementsAttr::get(type, ArrayRef(getFloatValues(attr)));
}

/// NIR weight[out, in] -> matrix[in, out].
FailureOr<LayerOp> convertMatmul(OpBuilder &b, Operation *op,
                                 DenseFPElementsAttr weight) {
  auto shape = weight.getType().getShape();
  if (shape.size() != 2)
    return op->emitError() << "convert-snn-to-xbar: node '" << getNodeName(op)
                           << "': batched weights (rank " << shape.size()
                           << ") cannot be mapped onto a crossbar";
  const int64_t outs = shape[0], ins = shape[1];
  auto layer = b.create<LayerOp>(op->getLoc(), op->getResult(0).getType(),
                                 getNodeName(op), op->getOperands(),
                                 MatrixKind::Dense, ins, outs, /*groups=*/1);
  if (weight.isSplat()) {
    layer.setMatrixAttr(f64Attr(weight, ArrayRef<int64_t>{ins, outs}));
    return layer;
  }
  std::vector<double> w = getFloatValues(weight), m(w.size());
  for (int64_t o = 0; o < outs; ++o)
    for (int64_t i = 0; i < ins; ++i)
      m[i * outs + o] = w[o * ins + i];
  layer.setMatrixAttr(f64Attr(b.getContext(), {ins, outs}, m));
  return layer;
}

/// weight (Cout, Cin/g, k...) -> per group g, matrix[g*rows + r][c] =
/// weight[g*Cout/g + c] flattened over (channel, ky, kx) at r.
FailureOr<LayerOp> convertConv(OpBuilder &b, Operation *op) {
  auto weight = op->getAttrOfType<DenseFPElementsAttr>("weight");
  auto shape = weight.getType().getShape();
  const int64_t groups = op->getAttrOfType<IntegerAttr>("groups").getInt();
  const int64_t coutPerGroup = shape[0] / groups;
  const int64_t rows = numElements(shape.drop_front());
  SmallVector<int64_t> lo, hi;
  auto dilation = op->getAttrOfType<DenseI64ArrayAttr>("dilation");
  if (failed(resolvePadding(op->getAttr("padding"), shape.drop_front(2),
                            dilation, lo, hi)))
    return op->emitError() << "convert-snn-to-xbar: node '" << getNodeName(op)
                           << "': invalid padding";
  auto layer = b.create<LayerOp>(op->getLoc(), op->getResult(0).getType(),
                                 getNodeName(op), op->getOperands(),
                                 MatrixKind::Conv, rows, coutPerGroup, groups);
  if (weight.isSplat()) {
    layer.setMatrixAttr(
        f64Attr(weight, ArrayRef<int64_t>{groups * rows, coutPerGroup}));
  } else {
    std::vector<double> w = getFloatValues(weight), m(w.size());
    for (int64_t g = 0; g < groups; ++g)
      for (int64_t c = 0; c < coutPerGroup; ++c)
        for (int64_t r = 0; r < rows; ++r)
          m[(g * rows + r) * coutPerGroup + c] =
              w[(g * coutPerGroup + c) * rows + r];
    layer.setMatrixAttr(
        f64Attr(b.getContext(), {groups * rows, coutPerGroup}, m));
  }
  layer.setKernel(shape.drop_front(2));
  layer.setStride(op->getAttrOfType<DenseI64ArrayAttr>("stride").asArrayRef());
  layer.setDilation(dilation.asArrayRef());
  layer.setPadLo(lo);
  layer.setPadHi(hi);
  layer.setBiasAttr(f64Attr(op->getAttrOfType<DenseFPElementsAttr>("bias")));
  return layer;
}

FailureOr<LayerOp> convertSparse(OpBuilder &b, SparseAffineOp op) {
  auto out = getShape(op.getType());
  if (!out)
    return op.emitError() << "convert-snn-to-xbar: node '" << op.getName()
                          << "': unknown output shape";
  const int64_t rows = op.getIndptr().getNumElements() - 1;
  auto i64 = [&](DenseIntElementsAttr attr) {
    std::vector<int64_t> v;
    for (const APInt &x : attr.getValues<APInt>())
      v.push_back(x.getSExtValue());
    auto type = RankedTensorType::get({int64_t(v.size())}, b.getI64Type());
    return DenseIntElementsAttr::get(type, ArrayRef(v));
  };
  auto layer = b.create<LayerOp>(op.getLoc(), op.getType(), op.getName(),
                                 op.getInputs(), MatrixKind::Sparse, rows,
                                 numElements(*out), /*groups=*/1);
  layer.setIndptrAttr(i64(op.getIndptr()));
  layer.setIndicesAttr(i64(op.getIndices()));
  layer.setValuesAttr(f64Attr(op.getWeight()));
  if (auto bias = op.getBias())
    layer.setBiasAttr(f64Attr(*bias));
  return layer;
}

struct ConvertSNNToXbarPass
    : nmc::impl::ConvertSNNToXbarBase<ConvertSNNToXbarPass> {
  void runOnOperation() override {
    SmallVector<Operation *> weights;
    if (failed(nmc::snn::refusePlasticNodes(getOperation(), "xbar")))
      return signalPassFailure();
    for (Operation &op : getOperation().getBodyBlock())
      if (isa<AffineOp, LinearOp, SparseAffineOp, Conv1dOp, Conv2dOp>(op))
        weights.push_back(&op);
    for (Operation *op : weights) {
      OpBuilder b(op);
      FailureOr<LayerOp> layer = failure();
      if (auto affine = dyn_cast<AffineOp>(op)) {
        layer = convertMatmul(b, op, affine.getWeight());
        if (succeeded(layer))
          layer->setBiasAttr(f64Attr(affine.getBias()));
      } else if (auto linear = dyn_cast<LinearOp>(op)) {
        layer = convertMatmul(b, op, linear.getWeight());
      } else if (auto sparse = dyn_cast<SparseAffineOp>(op)) {
        layer = convertSparse(b, sparse);
      } else {
        layer = convertConv(b, op);
      }
      if (failed(layer))
        return signalPassFailure();
      op->replaceAllUsesWith(*layer);
      op->erase();
    }
  }
};

} // namespace
