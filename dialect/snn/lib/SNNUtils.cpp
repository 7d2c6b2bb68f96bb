//===- SNNUtils.cpp - Helpers over snn graphs -----------------------------===//
#include "nmc/Dialect/SNN/SNNUtils.h"
#include "nmc/Dialect/SNN/SNNOps.h"

#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/Support/CheckedArithmetic.h"

#include <algorithm>
#include <string>

using namespace mlir;

namespace nmc::snn {

bool isNode(Operation *op) { return op->hasTrait<OpTrait::SNNNode>(); }

StringRef getNodeName(Operation *op) {
  if (auto name = op->getAttrOfType<StringAttr>("name"))
    return name.getValue();
  return "";
}

void replaceBySum(Value value, ValueRange sources, RewriterBase *rewriter) {
  llvm::SetVector<Operation *> users;
  for (Operation *user : value.getUsers())
    users.insert(user);
  SmallVector<Value> src(sources.begin(), sources.end());
  for (Operation *user : users) {
    SmallVector<Value> operands;
    for (Value operand : user->getOperands()) {
      if (operand == value)
        operands.append(src.begin(), src.end());
      else
        operands.push_back(operand);
    }
    if (rewriter)
      rewriter->modifyOpInPlace(user, [&] { user->setOperands(operands); });
    else
      user->setOperands(operands);
  }
}

namespace {

/// `attr` as a NumArray of element type T (its storage type).
template <class Array, class T>
Array arrayOf(DenseElementsAttr attr, std::shared_ptr<const void> owner) {
  if (owner && !attr.isSplat()) {
    ArrayRef<char> raw = attr.getRawData();
    return Array::view(reinterpret_cast<const T *>(raw.data()),
                       size_t(attr.getNumElements()), std::move(owner));
  }
  auto values = attr.getValues<T>();
  return Array::owning(std::vector<T>(values.begin(), values.end()));
}

} // namespace

std::vector<double> getFloatValues(DenseFPElementsAttr attr) {
  return getFloatArray(attr).values();
}

FloatArray getFloatArray(DenseFPElementsAttr attr,
                         std::shared_ptr<const void> owner) {
  if (attr.getElementType().isF32())
    return arrayOf<FloatArray, float>(attr, std::move(owner));
  return arrayOf<FloatArray, double>(attr, std::move(owner));
}

IntArray getIntArray(DenseIntElementsAttr attr,
                     std::shared_ptr<const void> owner) {
  if (attr.getElementType().isInteger(16))
    return arrayOf<IntArray, int16_t>(attr, std::move(owner));
  if (attr.getElementType().isInteger(32))
    return arrayOf<IntArray, int32_t>(attr, std::move(owner));
  return arrayOf<IntArray, int64_t>(attr, std::move(owner));
}

std::optional<SmallVector<int64_t>> getShape(Type type) {
  auto ranked = dyn_cast<RankedTensorType>(type);
  if (!ranked)
    return std::nullopt;
  return SmallVector<int64_t>(ranked.getShape());
}

int64_t numElements(ArrayRef<int64_t> shape) {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

RankedTensorType getEdgeType(MLIRContext *ctx, ArrayRef<int64_t> shape) {
  return RankedTensorType::get(shape, Float32Type::get(ctx));
}

std::optional<int64_t> convOutputSize(int64_t in, int64_t kernel,
                                      int64_t stride, int64_t padLo,
                                      int64_t padHi, int64_t dilation,
                                      std::string *why) {
  // Every number may come from a file: overflow-checked, and the reason
  // names the values as written.
  auto fail = [&](const std::string &reason) -> std::optional<int64_t> {
    if (why)
      *why = reason;
    return std::nullopt;
  };
  auto str = [](int64_t v) { return std::to_string(v); };
  if (stride < 1)
    return fail("stride " + str(stride) + " must be >= 1");
  if (padLo < 0 || padHi < 0)
    return fail("padding " + str(padLo) + ", " + str(padHi) + " must be >= 0");
  std::optional<int64_t> span =
      kernel < 1 || dilation < 1
          ? std::nullopt
          : llvm::checkedMulAdd(dilation, kernel - 1, int64_t(1));
  if (!span)
    return fail("kernel size " + str(kernel) + " with dilation " +
                str(dilation) + " has no span: dilation * (kernel - 1) + 1 " +
                "must be a positive int64");
  std::optional<int64_t> padded = llvm::checkedAdd(in, padLo);
  if (padded)
    padded = llvm::checkedAdd(*padded, padHi);
  if (!padded)
    return fail("input size " + str(in) + " plus padding " + str(padLo) +
                " + " + str(padHi) + " overflows int64");
  if (*padded < *span)
    return fail("kernel size " + str(kernel) + " with dilation " +
                str(dilation) + " spans " + str(*span) +
                " cells, more than the padded input (" + str(in) + " + " +
                str(padLo) + " + " + str(padHi) + " = " + str(*padded) + ")");
  return (*padded - *span) / stride + 1;
}

LogicalResult resolvePadding(Attribute padding, ArrayRef<int64_t> kernel,
                             ArrayRef<int64_t> dilation,
                             SmallVectorImpl<int64_t> &lo,
                             SmallVectorImpl<int64_t> &hi) {
  lo.clear();
  hi.clear();
  if (auto explicitPad = dyn_cast<DenseI64ArrayAttr>(padding)) {
    if (explicitPad.size() != static_cast<int64_t>(kernel.size()))
      return failure();
    lo.append(explicitPad.asArrayRef().begin(), explicitPad.asArrayRef().end());
    hi.append(lo.begin(), lo.end());
    return success();
  }
  auto str = dyn_cast<StringAttr>(padding);
  if (!str)
    return failure();
  for (size_t d = 0; d < kernel.size(); ++d) {
    int64_t total = 0;
    if (str.getValue() == "same") {
      auto reach = llvm::checkedMul(dilation[d], kernel[d] - 1);
      if (!reach || *reach < 0)
        return failure();
      total = *reach;
    } else if (str.getValue() != "valid")
      return failure();
    lo.push_back(total / 2);
    hi.push_back(total - total / 2);
  }
  return success();
}

template <typename ConvOp>
static std::optional<SmallVector<int64_t>> inferConv(ConvOp op,
                                                     ArrayRef<int64_t> in) {
  auto wShape = op.getWeight().getType().getShape();
  size_t spatial = wShape.size() - 2;
  if (in.size() != spatial + 1 || op.getStride().size() != spatial ||
      op.getDilation().size() != spatial)
    return std::nullopt;
  SmallVector<int64_t> lo, hi;
  if (failed(resolvePadding(op.getPadding(), wShape.drop_front(2),
                            op.getDilation(), lo, hi)))
    return std::nullopt;
  SmallVector<int64_t> out{wShape[0]};
  for (size_t d = 0; d < spatial; ++d) {
    auto size = convOutputSize(in[d + 1], wShape[d + 2], op.getStride()[d],
                               lo[d], hi[d], op.getDilation()[d]);
    if (!size)
      return std::nullopt;
    out.push_back(*size);
  }
  return out;
}

template <typename PoolOp>
static std::optional<SmallVector<int64_t>> inferPool(PoolOp op,
                                                     ArrayRef<int64_t> in) {
  if (in.size() != 3 || op.getKernelSize().size() != 2 ||
      op.getStride().size() != 2 || op.getPadding().size() != 2)
    return std::nullopt;
  SmallVector<int64_t> out{in[0]};
  for (int d = 0; d < 2; ++d) {
    auto size =
        convOutputSize(in[d + 1], op.getKernelSize()[d], op.getStride()[d],
                       op.getPadding()[d], op.getPadding()[d], 1);
    if (!size)
      return std::nullopt;
    out.push_back(*size);
  }
  return out;
}

static std::optional<SmallVector<int64_t>> inferFlatten(FlattenOp op,
                                                        ArrayRef<int64_t> in) {
  int64_t rank = in.size();
  int64_t start = static_cast<int64_t>(op.getStartDim());
  int64_t end = static_cast<int64_t>(op.getEndDim());
  if (start < 0)
    start += rank;
  if (end < 0)
    end += rank;
  if (start < 0 || end >= rank || start > end)
    return std::nullopt;
  SmallVector<int64_t> out(in.begin(), in.begin() + start);
  out.push_back(numElements(in.slice(start, end - start + 1)));
  out.append(in.begin() + end + 1, in.end());
  return out;
}

std::optional<SmallVector<int64_t>> inferOutputShape(Operation *op,
                                                     ArrayRef<int64_t> in) {
  if (auto conn = dyn_cast<ConnectorOp>(op))
    return SmallVector<int64_t>{static_cast<int64_t>(conn.getNPost())};
  if (auto conv = dyn_cast<Conv1dOp>(op))
    return inferConv(conv, in);
  if (auto conv = dyn_cast<Conv2dOp>(op))
    return inferConv(conv, in);
  if (auto pool = dyn_cast<SumPool2dOp>(op))
    return inferPool(pool, in);
  if (auto pool = dyn_cast<AvgPool2dOp>(op))
    return inferPool(pool, in);
  if (auto flatten = dyn_cast<FlattenOp>(op))
    return inferFlatten(flatten, in);
  return std::nullopt;
}

} // namespace nmc::snn

std::vector<Operation *> nmc::snn::executionOrder(Block &body) {
  // Users of every node, listed once each in block order (the order the
  // walk visits them in, which fixes the image), gathered in one pass over
  // the use lists: linear in nodes + edges.
  llvm::DenseMap<Operation *, unsigned> position;
  for (Operation &op : body)
    position[&op] = position.size();
  auto usersOf = [&](Operation *op) {
    std::vector<Operation *> users;
    for (Operation *user : op->getUsers())
      if (user->getBlock() == &body)
        users.push_back(user);
    llvm::sort(users, [&](Operation *a, Operation *b) {
      return position.lookup(a) < position.lookup(b);
    });
    users.erase(std::unique(users.begin(), users.end()), users.end());
    return users;
  };

  std::vector<Operation *> postorder;
  llvm::DenseSet<Operation *> visited;
  // Iterative DFS: (op, its users, next user index) frames.
  struct Frame {
    Operation *op;
    std::vector<Operation *> users;
    size_t next = 0;
  };
  std::vector<Frame> stack;
  auto visit = [&](Operation *root) {
    if (!visited.insert(root).second)
      return;
    stack.push_back({root, usersOf(root)});
    while (!stack.empty()) {
      Frame &top = stack.back();
      if (top.next == top.users.size()) {
        postorder.push_back(top.op);
        stack.pop_back();
        continue;
      }
      Operation *next = top.users[top.next++];
      if (visited.insert(next).second)
        stack.push_back({next, usersOf(next)});
    }
  };
  for (Operation &op : body)
    if (isa<InputOp>(op))
      visit(&op);
  for (Operation &op : body)
    if (op.getNumOperands() == 0)
      visit(&op);
  for (Operation &op : body)
    visit(&op);
  return std::vector<Operation *>(postorder.rbegin(), postorder.rend());
}
