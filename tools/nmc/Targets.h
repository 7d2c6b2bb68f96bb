//===- Targets.h - The table of targets the driver knows --------*- C++ -*-===//
//
// One entry per target: its name, a one-line description, its own
// command-line options, its compile pipeline (snn module -> image in memory),
// its image writer and its engine factory. Commands look targets up here and
// never switch on a target's name; adding a target is adding an entry
// (docs/architecture.md, "How to add a target").
//===----------------------------------------------------------------------===//
#ifndef NMC_TOOLS_NMC_TARGETS_H
#define NMC_TOOLS_NMC_TARGETS_H

#include "nmc/Backends/ReferenceImage.h"
#include "nmc/Image/OpenImage.h"
#include "nmc/Pipelines/Pipelines.h"
#include "nmc/Sim/Simulator.h"

#include "mlir/IR/BuiltinOps.h"

#include <boost/program_options/options_description.hpp>
#include <boost/program_options/variables_map.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace nmc::driver {

/// Options every target's pipeline takes (dt, method, reset).
using CompileOptions = SNNLoweringOptions;

struct Target {
  const char *name;
  const char *description;
  /// A target option whose explicit use selects this target when --target
  /// is not given (e.g. --quantize selects reference-fixed), or nullptr.
  const char *selectedBy;
  /// Adds the target's own options (bound to its own settings) to `opts`.
  void (*addOptions)(boost::program_options::options_description &opts);
  /// Lowers `module` for the target and returns its image, in memory.
  /// `contextOwner` keeps the module's MLIRContext alive: the image may
  /// hold it and view big attributes instead of copying them. Diagnostics
  /// are printed; throws std::runtime_error on failure.
  image::LoadedImage (*compile)(mlir::ModuleOp module,
                                const CompileOptions &options,
                                const std::string &source,
                                std::shared_ptr<const void> contextOwner);
  /// Writes `image` (produced by `compile`) to `path`; throws on failure.
  void (*write)(const image::LoadedImage &image, const std::string &path);
  /// An engine that runs `image`; throws on a bad image.
  std::unique_ptr<sim::Simulator> (*makeEngine)(
      const image::LoadedImage &image);
  /// Loads the dialects the target's own input files use (e.g. sfq's
  /// hand-written circuits) into the frontend's context, or nullptr.
  void (*loadDialects)(mlir::MLIRContext &context) = nullptr;
  /// A run of the target's own that is not a step-based network run (sfq:
  /// a circuit driven pulse by pulse with --pulses), or nullptr. `nmc run`
  /// calls it first; it returns the exit code, or nothing when the command
  /// line asks for the ordinary network run.
  std::optional<int> (*runOwn)(const std::string &input,
                               const boost::program_options::variables_map &vm,
                               const CompileOptions &options) = nullptr;
  /// True if the target's engine runs plastic (STDP) nodes and reports
  /// their learned weights (`nmc run --save-weights`).
  bool learns = false;
};

/// Every target, the default ("reference") first.
const std::vector<Target> &targets();

/// The target called `name`; throws listing the valid names if none is.
const Target &findTarget(const std::string &name);

/// Adds --target and every target's options, in one group per target.
void addTargetOptions(boost::program_options::options_description &opts,
                      std::string &target);

/// The target a command line asks for: --target if given, else the target
/// selected by an option given explicitly (Target::selectedBy), else the
/// default. Throws if an explicit --target contradicts such an option.
std::string chosenTarget(const boost::program_options::variables_map &vm);

/// Throws if an option of another target than `target` was given
/// explicitly (it would be ignored), naming the option and its target.
void checkTargetOptions(const boost::program_options::variables_map &vm,
                        const std::string &target);

/// True if the command line named the target (--target or a selecting
/// option).
bool targetGiven(const boost::program_options::variables_map &vm);

/// The reference targets (ReferenceTargets.cpp).
Target referenceTarget();
Target referenceFixedTarget();
/// The memristive crossbar target (XbarTarget.cpp).
Target xbarTarget();
/// The superconducting SFQ target (SfqTarget.cpp).
Target sfqTarget();
/// The SpiNNaker many-core target (SpinnTarget.cpp).
Target spinnakerTarget();

} // namespace nmc::driver

#endif // NMC_TOOLS_NMC_TARGETS_H
