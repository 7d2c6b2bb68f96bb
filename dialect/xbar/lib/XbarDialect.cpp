//===- XbarDialect.cpp - xbar dialect registration -----------------------===//
#include "nmc/Dialect/Xbar/XbarDialect.h"
#include "nmc/Dialect/Xbar/XbarOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace nmc::xbar;

#include "nmc/Dialect/Xbar/XbarOpsDialect.cpp.inc"

#include "nmc/Dialect/Xbar/XbarEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "nmc/Dialect/Xbar/XbarAttrs.cpp.inc"

void XbarDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "nmc/Dialect/Xbar/XbarOps.cpp.inc"
      >();
  addAttributes<
#define GET_ATTRDEF_LIST
#include "nmc/Dialect/Xbar/XbarAttrs.cpp.inc"
      >();
}

/// `xbar.periphery`: triples (begin, end, tile) with 0 <= begin < end and
/// tile >= 0.
LogicalResult XbarDialect::verifyOperationAttribute(Operation *op,
                                                    NamedAttribute attr) {
  if (attr.getName() != kPeripheryAttr)
    return op->emitError() << "unknown xbar attribute '" << attr.getName()
                           << "'";
  auto slices = dyn_cast<DenseI64ArrayAttr>(attr.getValue());
  if (!slices || slices.size() % 3 != 0)
    return op->emitError() << "'" << kPeripheryAttr
                           << "' must be array<i64> of (begin, end, tile) "
                              "triples";
  ArrayRef<int64_t> v = slices.asArrayRef();
  for (size_t k = 0; k < v.size(); k += 3)
    if (v[k] < 0 || v[k] >= v[k + 1] || v[k + 2] < 0)
      return op->emitError() << "'" << kPeripheryAttr << "' slice [" << v[k]
                             << ", " << v[k + 1] << ") on tile " << v[k + 2]
                             << " needs 0 <= begin < end and tile >= 0";
  return success();
}
