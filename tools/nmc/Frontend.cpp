//===- Frontend.cpp - Load networks and compile them ----------------------===//
#include "Frontend.h"
#include "Commands.h"
#include "Targets.h"

#include "nmc/IO/H5Guard.h"
#include "nmc/Support/H5.h"

#include "nmc/Backends/ReferenceImage.h"
#include "nmc/Dialect/SNN/SNNDialect.h"
#include "nmc/NIR/NIRTranslation.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <stdexcept>

namespace nmc::driver {

namespace {

/// The innermost file name of a (possibly named) location.
std::string fileOf(mlir::Location loc) {
  if (auto named = mlir::dyn_cast<mlir::NameLoc>(loc))
    return fileOf(named.getChildLoc());
  if (auto file = mlir::dyn_cast<mlir::FileLineColLoc>(loc))
    return file.getLine() ? (file.getFilename().str() + ":" +
                             std::to_string(file.getLine()))
                          : file.getFilename().str();
  return "nmc";
}

const char *severityName(mlir::DiagnosticSeverity s) {
  switch (s) {
  case mlir::DiagnosticSeverity::Error:
    return "error";
  case mlir::DiagnosticSeverity::Warning:
    return "warning";
  case mlir::DiagnosticSeverity::Note:
    return "note";
  case mlir::DiagnosticSeverity::Remark:
    return "remark";
  }
  return "error";
}

} // namespace

Frontend::Frontend() {
  context.loadDialect<snn::SNNDialect>();
  // "FILE: error: message": messages already name the node at fault.
  context.getDiagEngine().registerHandler([](mlir::Diagnostic &d) {
    llvm::errs() << fileOf(d.getLocation()) << ": "
                 << severityName(d.getSeverity()) << ": " << d.str() << "\n";
    return mlir::success();
  });
}

mlir::OwningOpRef<mlir::ModuleOp> Frontend::load(const std::string &path) {
  // MLIR text or bytecode (nmc-opt --emit-bytecode; parses ~10x faster).
  llvm::StringRef ext = llvm::sys::path::extension(path);
  if (ext == ".mlir" || ext == ".mlirbc")
    return mlir::parseSourceFile<mlir::ModuleOp>(path, &context);
  return importNIRFile(path, &context);
}

image::Image lowerToReferenceImage(mlir::ModuleOp module,
                                   const SNNLoweringOptions &options,
                                   const std::string &source,
                                   std::shared_ptr<const void> contextOwner) {
  mlir::PassManager pm(module.getContext());
  populateSNNLoweringPipeline(pm, options);
  if (mlir::failed(pm.run(module)))
    throw ReportedError("cannot compile '" + source + "'");
  return buildImage(module, source, std::move(contextOwner));
}

image::Image buildImage(mlir::ModuleOp module, const std::string &source,
                        std::shared_ptr<const void> contextOwner) {
  auto graphs = module.getOps<snn::GraphOp>();
  if (graphs.empty())
    throw std::runtime_error("'" + source + "' holds no snn.graph");
  image::Image image;
  if (mlir::failed(
          buildReferenceImage(*graphs.begin(), image, std::move(contextOwner))))
    throw std::runtime_error("cannot build the engine image of '" + source +
                             "'");
  image.source = source;
  return image;
}

bool isImageFile(const std::string &path) {
  std::string error;
  if (!h5::isHDF5File(path, error))
    return false;
  if (!io::checkHDF5File(path, error))
    throw std::runtime_error(path + ": " + error);
  h5::File file = h5::openFile(path, error);
  return file && h5::hasAttribute(file.get(), "format");
}

image::LoadedImage loadImageOrModel(const std::string &path,
                                    const std::string &target, bool targetGiven,
                                    const SNNLoweringOptions &options) {
  if (isImageFile(path)) {
    image::LoadedImage loaded = image::openImage(path);
    if (targetGiven && loaded.header.target != target)
      throw std::runtime_error(path + ": the image was compiled for target '" +
                               loaded.header.target + "', not '" + target +
                               "'");
    findTarget(loaded.header.target); // a target this nmc knows
    return loaded;
  }
  const Target &t = findTarget(target);
  // The image may view the big attributes of the context (no second copy of
  // the synapses): it shares the frontend, which dies with the image. The
  // module's ops are freed on return.
  auto frontend = std::make_shared<Frontend>();
  if (t.loadDialects)
    t.loadDialects(frontend->context);
  mlir::OwningOpRef<mlir::ModuleOp> module = frontend->load(path);
  if (!module)
    throw ReportedError("cannot load '" + path + "'");
  return t.compile(*module, options, path, frontend);
}

} // namespace nmc::driver
