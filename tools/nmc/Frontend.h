//===- Frontend.h - Load networks and compile them (driver side) -*- C++
//-*-===//
#ifndef NMC_TOOLS_NMC_FRONTEND_H
#define NMC_TOOLS_NMC_FRONTEND_H

#include "nmc/Emulator/Image.h"
#include "nmc/Pipelines/Pipelines.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OwningOpRef.h"

#include <string>

namespace nmc::driver {

/// An MLIR context with the snn dialect loaded.
struct Frontend {
  Frontend();
  mlir::MLIRContext context;

  /// Loads a network: a NIR file (.nir/.h5) or snn MLIR (.mlir). Errors are
  /// printed as diagnostics; returns null on failure.
  mlir::OwningOpRef<mlir::ModuleOp> load(const std::string &path);

  /// load + the snn-lower pipeline + buildReferenceImage. Throws
  /// std::runtime_error
  /// (after the diagnostics were printed) on failure.
  image::Image compile(const std::string &path,
                       const SNNLoweringOptions &options);
};

} // namespace nmc::driver

#endif // NMC_TOOLS_NMC_FRONTEND_H
