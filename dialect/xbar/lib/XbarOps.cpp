//===- XbarOps.cpp - xbar op verifiers and helpers -----------------------===//
//
// Every verifier names the layer at fault ("layer 'fc1': ...").
//===----------------------------------------------------------------------===//
#include "nmc/Dialect/Xbar/XbarOps.h"
#include "nmc/Dialect/SNN/SNNUtils.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"
#include "llvm/ADT/DenseSet.h"

using namespace mlir;
using namespace nmc::xbar;

#define GET_OP_CLASSES
#include "nmc/Dialect/Xbar/XbarOps.cpp.inc"

//===----------------------------------------------------------------------===//
// LayerOp
//===----------------------------------------------------------------------===//

void LayerOp::build(OpBuilder &builder, OperationState &state, Type output,
                    StringRef name, ValueRange inputs, MatrixKind kind,
                    int64_t rows, int64_t cols, int64_t groups) {
  state.addOperands(inputs);
  state.addTypes(output);
  state.addAttribute(getNameAttrName(state.name), builder.getStringAttr(name));
  state.addAttribute(getKindAttrName(state.name),
                     MatrixKindAttr::get(builder.getContext(), kind));
  state.addAttribute(getRowsAttrName(state.name),
                     builder.getI64IntegerAttr(rows));
  state.addAttribute(getColsAttrName(state.name),
                     builder.getI64IntegerAttr(cols));
  state.addAttribute(getGroupsAttrName(state.name),
                     builder.getI64IntegerAttr(groups));
  Region *body = state.addRegion();
  body->push_back(new Block());
}

llvm::iterator_range<Block::op_iterator<TileOp>> LayerOp::getTiles() {
  return getBodyBlock().getOps<TileOp>();
}

llvm::iterator_range<Block::op_iterator<RouteOp>> LayerOp::getRoutes() {
  return getBodyBlock().getOps<RouteOp>();
}

double LayerOp::getEntry(int64_t group, int64_t row, int64_t col) {
  if (auto matrix = getMatrix())
    return matrix
        ->getValues<double>()[(group * getRows() + row) * getCols() + col];
  auto indptr = getIndptr()->getValues<int64_t>();
  auto indices = getIndices()->getValues<int64_t>();
  for (int64_t k = indptr[row]; k < indptr[row + 1]; ++k)
    if (indices[k] == col)
      return getValues()->getValues<double>()[k];
  return 0.0;
}

void LayerOp::forEachEntry(
    llvm::function_ref<void(int64_t, int64_t, int64_t, double)> fn) {
  const int64_t rows = getRows(), cols = getCols();
  if (auto matrix = getMatrix()) {
    int64_t k = 0;
    for (double w : matrix->getValues<double>()) {
      fn(k / (rows * cols), (k / cols) % rows, k % cols, w);
      ++k;
    }
    return;
  }
  auto indptr = getIndptr()->getValues<int64_t>();
  auto indices = getIndices()->getValues<int64_t>();
  auto values = getValues()->getValues<double>();
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t k = indptr[r]; k < indptr[r + 1]; ++k)
      fn(0, r, indices[k], values[k]);
}

namespace {

InFlightDiagnostic layerError(LayerOp layer) {
  return layer.emitOpError() << "layer '" << layer.getName() << "': ";
}

/// Element count of a ranked tensor value type, if ranked.
std::optional<int64_t> elements(Type type) {
  if (auto shape = nmc::snn::getShape(type))
    return nmc::snn::numElements(*shape);
  return std::nullopt;
}

LogicalResult verifyMatrix(LayerOp op) {
  const int64_t rows = op.getRows(), cols = op.getCols();
  auto matrix = op.getMatrix();
  if (!matrix)
    return layerError(op) << "needs a 'matrix'";
  if (op.getIndptr() || op.getIndices() || op.getValues())
    return layerError(op) << "a " << stringifyMatrixKind(op.getKind())
                          << " layer has no CSR (indptr/indices/values)";
  if (matrix->getType().getShape() !=
      ArrayRef<int64_t>{op.getGroups() * rows, cols})
    return layerError(op) << "matrix must be (groups*rows) x cols = "
                          << op.getGroups() * rows << "x" << cols;
  return success();
}

LogicalResult verifySparse(LayerOp op) {
  if (op.getGroups() != 1)
    return layerError(op) << "a sparse layer has one group";
  if (op.getMatrix())
    return layerError(op) << "a sparse layer holds its matrix as CSR, not "
                             "'matrix'";
  auto indptr = op.getIndptr(), indices = op.getIndices();
  auto values = op.getValues();
  if (!indptr || !indices || !values)
    return layerError(op) << "a sparse layer needs indptr, indices and values";
  if (indptr->getNumElements() != op.getRows() + 1)
    return layerError(op) << "indptr has " << indptr->getNumElements()
                          << " entries, expected rows + 1 = "
                          << op.getRows() + 1;
  const int64_t nnz = indices->getNumElements();
  if (values->getNumElements() != nnz)
    return layerError(op) << "has " << nnz << " indices but "
                          << values->getNumElements() << " values";
  int64_t previous = 0;
  for (int64_t p : indptr->getValues<int64_t>()) {
    if (p < previous || p > nnz)
      return layerError(op) << "indptr must rise from 0 to " << nnz;
    previous = p;
  }
  if (previous != nnz)
    return layerError(op) << "indptr ends at " << previous << " but there are "
                          << nnz << " entries";
  for (int64_t c : indices->getValues<int64_t>())
    if (c < 0 || c >= op.getCols())
      return layerError(op)
             << "column index " << c << " outside [0, " << op.getCols() << ")";
  return success();
}

/// Dense/sparse: input elements = rows, output elements = cols.
LogicalResult verifyMatmulShapes(LayerOp op) {
  if (op.getKernel() || op.getStride() || op.getDilation() || op.getPadLo() ||
      op.getPadHi())
    return layerError(op) << "only a conv layer has convolution geometry";
  for (Value in : op.getInputs())
    if (auto n = elements(in.getType()); n && *n != op.getRows())
      return layerError(op) << "input has " << *n << " elements but the "
                            << "matrix has " << op.getRows() << " rows";
  if (auto n = elements(op.getType()); n && *n != op.getCols())
    return layerError(op) << "output has " << *n << " elements but the "
                          << "matrix has " << op.getCols() << " columns";
  return success();
}

LogicalResult verifyConvShapes(LayerOp op) {
  auto kernel = op.getKernel(), stride = op.getStride();
  auto dilation = op.getDilation(), lo = op.getPadLo(), hi = op.getPadHi();
  if (!kernel || !stride || !dilation || !lo || !hi)
    return layerError(op) << "a conv layer needs kernel, stride, dilation, "
                             "pad_lo and pad_hi";
  const size_t spatial = kernel->size();
  if (spatial < 1 || stride->size() != spatial || dilation->size() != spatial ||
      lo->size() != spatial || hi->size() != spatial)
    return layerError(op) << "kernel, stride, dilation, pad_lo and pad_hi "
                             "need one entry per spatial dimension";
  int64_t window = 1;
  for (int64_t k : *kernel) {
    if (k < 1)
      return layerError(op) << "kernel sizes must be >= 1";
    window *= k;
  }
  if (op.getRows() % window != 0)
    return layerError(op) << "rows " << op.getRows()
                          << " is not (Cin/groups) * " << window;
  for (Value in : op.getInputs())
    if (auto shape = nmc::snn::getShape(in.getType());
        shape && (shape->size() != spatial + 1 ||
                  (*shape)[0] * window != op.getGroups() * op.getRows()))
      return layerError(op)
             << "input channels do not match rows " << op.getRows()
             << " x groups " << op.getGroups() << " / kernel " << window;
  if (auto shape = nmc::snn::getShape(op.getType());
      shape && (shape->size() != spatial + 1 ||
                (*shape)[0] != op.getGroups() * op.getCols()))
    return layerError(op) << "output channels must be groups * cols = "
                          << op.getGroups() * op.getCols();
  return success();
}

} // namespace

LogicalResult LayerOp::verify() {
  if (getRows() < 1 || getCols() < 1 || getGroups() < 1)
    return layerError(*this) << "rows, cols and groups must be >= 1";
  switch (getKind()) {
  case MatrixKind::Dense:
    if (getGroups() != 1)
      return layerError(*this) << "a dense layer has one group";
    if (failed(verifyMatrix(*this)) || failed(verifyMatmulShapes(*this)))
      return failure();
    break;
  case MatrixKind::Sparse:
    if (failed(verifySparse(*this)) || failed(verifyMatmulShapes(*this)))
      return failure();
    break;
  case MatrixKind::Conv:
    if (failed(verifyMatrix(*this)) || failed(verifyConvShapes(*this)))
      return failure();
    break;
  }
  const int64_t outputs =
      getKind() == MatrixKind::Conv ? getGroups() * getCols() : getCols();
  if (auto bias = getBias();
      bias && bias->getType().getShape() != ArrayRef<int64_t>{outputs})
    return layerError(*this) << "bias must have shape [" << outputs << "]";
  if (auto scale = getScale(); scale && !(scale->convertToDouble() > 0))
    return layerError(*this) << "scale must be > 0";
  if (auto maxLevel = getMaxLevel(); maxLevel && *maxLevel < 1)
    return layerError(*this) << "max_level must be >= 1";
  if (auto u = getUtilization();
      u && !(u->convertToDouble() > 0 && u->convertToDouble() <= 1))
    return layerError(*this) << "utilization must be in (0, 1]";
  if ((getClipped() && *getClipped() < 0) || (getZeroed() && *getZeroed() < 0))
    return layerError(*this) << "clipped and zeroed are counts (>= 0)";
  llvm::DenseSet<int64_t> ids;
  for (Operation &op : getBodyBlock()) {
    if (!isa<TileOp, RouteOp>(op))
      return layerError(*this)
             << "holds only xbar.tile and xbar.route, not " << op.getName();
    if (auto tile = dyn_cast<TileOp>(op);
        tile && tile.getId() && !ids.insert(*tile.getId()).second)
      return layerError(*this) << "two tiles have id " << *tile.getId();
  }
  return success();
}

//===----------------------------------------------------------------------===//
// TileOp, RouteOp
//===----------------------------------------------------------------------===//

LogicalResult TileOp::verify() {
  auto layer = cast<LayerOp>((*this)->getParentOp());
  auto err = [&]() {
    return emitOpError() << "in layer '" << layer.getName() << "': ";
  };
  if (getGroup() < 0 || getGroup() >= layer.getGroups())
    return err() << "group " << getGroup() << " outside [0, "
                 << layer.getGroups() << ")";
  if (getRows() < 1 || getCols() < 1 || getRowStart() < 0 ||
      getColStart() < 0 || getRowStart() + getRows() > layer.getRows() ||
      getColStart() + getCols() > layer.getCols())
    return err() << "block rows [" << getRowStart() << ", "
                 << getRowStart() + getRows() << ") x cols [" << getColStart()
                 << ", " << getColStart() + getCols()
                 << ") is empty or outside the " << layer.getRows() << "x"
                 << layer.getCols() << " matrix";
  if (auto levels = getLevels()) {
    if (levels->getType().getShape() != ArrayRef<int64_t>{getRows(), getCols()})
      return err() << "levels must be rows x cols = " << getRows() << "x"
                   << getCols();
    if (auto maxLevel = layer.getMaxLevel())
      for (int32_t level : levels->getValues<int32_t>())
        if (level > *maxLevel || level < -*maxLevel)
          return err() << "level " << level << " exceeds max_level "
                       << *maxLevel;
  }
  if (auto fullScale = getAdcFullScale();
      fullScale && fullScale->convertToDouble() < 0)
    return err() << "adc_full_scale must be >= 0";
  if ((getId() && *getId() < 0) || (getX() && *getX() < 0) ||
      (getY() && *getY() < 0))
    return err() << "id, x and y must be >= 0";
  return success();
}

LogicalResult RouteOp::verify() {
  auto layer = cast<LayerOp>((*this)->getParentOp());
  auto err = [&]() {
    return emitOpError() << "in layer '" << layer.getName() << "': ";
  };
  if (getBegin() < 0 || getBegin() >= getEnd())
    return err() << "element range [" << getBegin() << ", " << getEnd()
                 << ") is empty or negative";
  if (getFromTile() < -1)
    return err() << "from_tile must be a tile id or -1 (host)";
  if (getHops() < 0)
    return err() << "hops must be >= 0";
  for (TileOp tile : layer.getTiles())
    if (tile.getId() && *tile.getId() == getToTile())
      return success();
  return err() << "to_tile " << getToTile() << " is not a tile of this layer";
}
