//===- NIRTranslationRegistration.cpp - mlir-translate hooks --------------===//
#include "nmc/NIR/NIRTranslation.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"

using namespace mlir;

namespace nmc {

void registerNIRTranslations() {
  static TranslateToMLIRRegistration importReg(
      "import-nir", "import a NIR (HDF5) file into the snn dialect",
      [](llvm::SourceMgr &sourceMgr,
         MLIRContext *ctx) -> OwningOpRef<Operation *> {
        // HDF5 reads files, not buffers: reopen the named input.
        StringRef path = sourceMgr.getMemoryBuffer(sourceMgr.getMainFileID())
                             ->getBufferIdentifier();
        if (path == "<stdin>" || path == "-") {
          emitError(UnknownLoc::get(ctx))
              << "--import-nir needs a file path, not standard input";
          return nullptr;
        }
        return importNIRFile(path, ctx);
      },
      [](DialectRegistry &registry) { registry.insert<snn::SNNDialect>(); });

  static TranslateFromMLIRRegistration exportReg(
      "export-nir", "export an snn graph to a NIR (HDF5) file",
      [](Operation *op, llvm::raw_ostream &os) -> LogicalResult {
        auto module = dyn_cast<ModuleOp>(op);
        if (!module)
          return op->emitError("expected a module");
        // HDF5 writes files: write a temporary one and stream its bytes.
        llvm::SmallString<128> tmp;
        if (llvm::sys::fs::createTemporaryFile("nmc-export", "nir", tmp))
          return module.emitError("cannot create a temporary file");
        LogicalResult result = exportNIRFile(module, tmp);
        if (succeeded(result)) {
          auto buffer = llvm::MemoryBuffer::getFile(tmp, /*IsText=*/false);
          if (!buffer)
            result = module.emitError("cannot read back the written file");
          else
            os << (*buffer)->getBuffer();
        }
        llvm::sys::fs::remove(tmp);
        return result;
      },
      [](DialectRegistry &registry) { registry.insert<snn::SNNDialect>(); });
}

} // namespace nmc
