//===- Frontend.h - Load networks and compile them --------------*- C++ -*-===//
#ifndef NMC_TOOLS_NMC_FRONTEND_H
#define NMC_TOOLS_NMC_FRONTEND_H

#include "nmc/Image/OpenImage.h"
#include "nmc/Pipelines/Pipelines.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OwningOpRef.h"

#include <memory>
#include <string>

namespace nmc::driver {

/// An MLIR context with the snn dialect loaded.
struct Frontend {
  Frontend();
  mlir::MLIRContext context;

  /// Loads a network: a NIR file (.nir/.h5) or snn MLIR (.mlir text, .mlirbc
  /// bytecode). Errors are
  /// printed as diagnostics; returns null on failure.
  mlir::OwningOpRef<mlir::ModuleOp> load(const std::string &path);

};

/// The snn-lower pipeline + buildReferenceImage on the module's graph; `source`
/// names the model in the image. With a `contextOwner` (keeping the module's
/// context alive), big arrays of the image view the module's attributes.
/// Throws std::runtime_error (after the diagnostics were printed) on failure.
image::Image
lowerToReferenceImage(mlir::ModuleOp module, const SNNLoweringOptions &options,
                      const std::string &source,
                      std::shared_ptr<const void> contextOwner = nullptr);

/// buildReferenceImage on the (lowered) module's graph (arrays viewing the
/// module's attributes if `contextOwner` is given); throws on failure.
image::Image buildImage(mlir::ModuleOp module, const std::string &source,
                        std::shared_ptr<const void> contextOwner = nullptr);

/// What `nmc run` and `nmc compile` start from: if `path` is an nmc image,
/// it is opened (and must be for `target` when `targetGiven`); otherwise it
/// is a model (.nir, .mlir) loaded and compiled for `target`, in memory.
/// Throws std::runtime_error naming the file or target at fault.
image::LoadedImage loadImageOrModel(const std::string &path,
                                    const std::string &target,
                                    bool targetGiven,
                                    const SNNLoweringOptions &options);

/// True if `path` is an HDF5 file with an nmc image header.
bool isImageFile(const std::string &path);

} // namespace nmc::driver

#endif // NMC_TOOLS_NMC_FRONTEND_H
