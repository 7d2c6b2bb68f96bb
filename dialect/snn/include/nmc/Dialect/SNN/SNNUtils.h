//===- SNNUtils.h - Helpers over snn graphs --------------------*- C++ -*-===//
#ifndef NMC_DIALECT_SNN_SNNUTILS_H
#define NMC_DIALECT_SNN_SNNUTILS_H

#include "nmc/Support/NumArray.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Operation.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>
#include <string>
#include <vector>

namespace nmc::snn {

/// True if `op` is a NIR node (carries the SNNNode trait).
bool isNode(mlir::Operation *op);

/// The NIR name of a node op.
llvm::StringRef getNodeName(mlir::Operation *op);

/// Replaces every use of `value` by the sum of `sources`: since node inputs
/// are summed, a use is erased and `sources` are appended to the user's
/// inputs. Used to remove identity nodes and to inline subgraphs.
void replaceBySum(mlir::Value value, mlir::ValueRange sources,
                  mlir::RewriterBase *rewriter = nullptr);

/// The values of an f32/f64 parameter, widened to double (exact). For
/// small arrays; big ones go through getFloatArray.
std::vector<double> getFloatValues(mlir::DenseFPElementsAttr attr);

/// The values of a parameter in its own element type (f32 stays float32,
/// i32 stays int32). With an `owner` that keeps the attribute's MLIR
/// context alive, the array views the attribute's storage (no copy; a
/// splat is still expanded); without, it owns a copy.
FloatArray getFloatArray(mlir::DenseFPElementsAttr attr,
                         std::shared_ptr<const void> owner = nullptr);
IntArray getIntArray(mlir::DenseIntElementsAttr attr,
                     std::shared_ptr<const void> owner = nullptr);

/// Shape of a ranked value type, or nullopt if unranked.
std::optional<llvm::SmallVector<int64_t>> getShape(mlir::Type type);

/// Element count of a shape.
int64_t numElements(llvm::ArrayRef<int64_t> shape);

/// `tensor<shape x f32>`, the type of values on edges.
mlir::RankedTensorType getEdgeType(mlir::MLIRContext *ctx,
                                   llvm::ArrayRef<int64_t> shape);

/// Output spatial size of a PyTorch convolution or pooling along one dim;
/// nullopt (and the reason, naming the values as given, in `why`) when a
/// value is out of range, the arithmetic overflows int64, or the kernel's
/// span exceeds the padded input.
std::optional<int64_t> convOutputSize(int64_t in, int64_t kernel,
                                      int64_t stride, int64_t padLo,
                                      int64_t padHi, int64_t dilation,
                                      std::string *why = nullptr);

/// Resolves Conv `padding` (explicit or "same"/"valid") into per-side sizes
/// for `spatial` dims; fails on an unknown string. "same" splits
/// d·(k−1) with the extra cell on the high side, as PyTorch does.
mlir::LogicalResult resolvePadding(mlir::Attribute padding,
                                   llvm::ArrayRef<int64_t> kernel,
                                   llvm::ArrayRef<int64_t> dilation,
                                   llvm::SmallVectorImpl<int64_t> &lo,
                                   llvm::SmallVectorImpl<int64_t> &hi);

/// The output shape a node op computes from `inShape`, for the ops whose
/// output shape follows from the input (conv, pool, flatten). Returns
/// nullopt for other ops or when the parameters do not fit.
std::optional<llvm::SmallVector<int64_t>>
inferOutputShape(mlir::Operation *op, llvm::ArrayRef<int64_t> inShape);

/// Execution order of a graph body: reverse post-order of a depth-first
/// walk along edges, starting at nodes without inputs (graph inputs first).
/// An edge that points backwards in this order closes a cycle. The order
/// of the reference image's nodes, and of the crossbar's layers and tiles.
std::vector<mlir::Operation *> executionOrder(mlir::Block &body);

} // namespace nmc::snn

#endif // NMC_DIALECT_SNN_SNNUTILS_H
