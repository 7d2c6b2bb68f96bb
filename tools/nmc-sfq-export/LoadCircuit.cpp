//===- LoadCircuit.cpp - Parse, legalize and lower one sfq.circuit --------===//
#include "LoadCircuit.h"

#include "nmc/Backends/SFQNetlistBuilder.h"
#include "nmc/Dialect/SFQ/SFQDialect.h"
#include "nmc/Pipelines/SFQPipeline.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

namespace nmc::tools {

std::optional<LoadedCircuit> loadCircuit(const std::string &path,
                                         const std::string &circuit,
                                         bool legalize, double periodPs) {
  mlir::MLIRContext ctx;
  ctx.getOrLoadDialect<sfq::SFQDialect>();
  llvm::SourceMgr sourceMgr;
  mlir::SourceMgrDiagnosticHandler handler(sourceMgr, &ctx);
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceFile<mlir::ModuleOp>(path, sourceMgr,
                                            mlir::ParserConfig(&ctx));
  if (!module)
    return std::nullopt;
  sfq::CircuitOp chosen;
  int count = 0;
  std::string names;
  for (sfq::CircuitOp op : module->getOps<sfq::CircuitOp>()) {
    ++count;
    names += (names.empty() ? "" : ", ") + op.getSymName().str();
    if (circuit.empty() ? count == 1 : op.getSymName() == circuit)
      chosen = op;
  }
  if (!chosen || (circuit.empty() && count > 1)) {
    llvm::errs() << path << ": "
                 << (count == 0 ? "no sfq.circuit"
                     : circuit.empty()
                         ? "several circuits (" + names +
                               "): choose one with --circuit"
                         : "no circuit '" + circuit + "' (have: " + names + ")")
                 << "\n";
    return std::nullopt;
  }
  if (legalize) {
    mlir::PassManager pm(&ctx, mlir::ModuleOp::getOperationName());
    SFQLegalizeOptions options;
    options.clockPeriodPs = periodPs;
    populateSFQLegalizePipeline(pm, options);
    if (mlir::failed(pm.run(*module)))
      return std::nullopt;
  }
  mlir::FailureOr<sfq::Netlist> netlist = buildSFQNetlist(chosen);
  if (mlir::failed(netlist))
    return std::nullopt;
  return LoadedCircuit{chosen.getSymName().str(), std::move(*netlist)};
}

} // namespace nmc::tools
