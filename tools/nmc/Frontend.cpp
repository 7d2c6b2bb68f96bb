//===- Frontend.cpp - Load networks and compile them -----------------------===//
#include "Frontend.h"

#include "nmc/Dialect/SNN/SNNDialect.h"
#include "nmc/NIR/NIRTranslation.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Support/Path.h"

#include <stdexcept>

namespace nmc::driver {

Frontend::Frontend() { context.loadDialect<snn::SNNDialect>(); }

mlir::OwningOpRef<mlir::ModuleOp> Frontend::load(const std::string &path) {
  if (llvm::sys::path::extension(path) == ".mlir")
    return mlir::parseSourceFile<mlir::ModuleOp>(path, &context);
  return importNIRFile(path, &context);
}

image::Image Frontend::compile(const std::string &path,
                               const DiscretizeOptions &options) {
  mlir::OwningOpRef<mlir::ModuleOp> module = load(path);
  if (!module)
    throw std::runtime_error("cannot load '" + path + "'");
  if (mlir::failed(lowerToDiscrete(*module, options)))
    throw std::runtime_error("cannot compile '" + path + "'");
  auto graphs = module->getOps<snn::GraphOp>();
  if (graphs.empty())
    throw std::runtime_error("'" + path + "' holds no snn.graph");
  image::Image image;
  if (mlir::failed(buildReferenceImage(*graphs.begin(), image)))
    throw std::runtime_error("cannot build the engine image of '" + path +
                             "'");
  image.source = path;
  return image;
}

} // namespace nmc::driver
