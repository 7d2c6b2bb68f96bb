//===- SaveWeights.h - nmc run --save-weights -------------------*- C++ -*-===//
//
// Writes what a run learned back to a NIR file (issue 14): the source model
// re-imported, the weights of its plastic nodes replaced by
// Simulator::learnedWeights(), exported with the NIR exporter. The STDP
// metadata stays, so the file can be trained further.
//===----------------------------------------------------------------------===//
#ifndef NMC_TOOLS_NMC_SAVEWEIGHTS_H
#define NMC_TOOLS_NMC_SAVEWEIGHTS_H

#include "Frontend.h"
#include "Targets.h"

#include "nmc/Sim/Simulator.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace nmc::driver {

class WeightSaver {
public:
  /// Checks, before the run, everything that would make the write fail:
  /// `model` is a model file (not an image), `target` learns, `out` can be
  /// written and the model has a plastic node. Throws a one-line error.
  WeightSaver(const std::string &model, const Target &target,
              const std::string &out);
  ~WeightSaver();

  /// Replaces the plastic nodes' weights by `learned` and writes the NIR
  /// file. Throws if a plastic node has no learned weights or their count
  /// differs from the node's synapses.
  void write(const std::vector<sim::LearnedWeights> &learned);

  const std::string &path() const { return out; }

private:
  std::string model, out;
  std::unique_ptr<Frontend> frontend;
  mlir::OwningOpRef<mlir::ModuleOp> module;
  /// Plastic ops by their name after snn-inline-subgraphs ("sub.w"), the
  /// name the image and the engine know them by.
  std::map<std::string, mlir::Operation *> plastic;
};

} // namespace nmc::driver

#endif // NMC_TOOLS_NMC_SAVEWEIGHTS_H
