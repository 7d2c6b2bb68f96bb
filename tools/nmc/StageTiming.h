//===- StageTiming.h - Seconds and peak memory per compile stage -*- C++
//-*-===//
//
// `nmc compile --timing`: every pass of a target's pipelines and every
// stage a target names itself (image building, writing) as a row of
// seconds and the process's peak resident memory at the stage's end
// (getrusage: a high-water mark, so a stage's own peak is at most its row).
// Off unless enabled; the compile benchmark (bench/spinnaker) reads it.
//===----------------------------------------------------------------------===//
#ifndef NMC_TOOLS_NMC_STAGETIMING_H
#define NMC_TOOLS_NMC_STAGETIMING_H

#include "mlir/Pass/PassManager.h"

#include <chrono>
#include <iosfwd>
#include <string>
#include <vector>

namespace nmc::driver {

struct StageTime {
  std::string stage;
  double seconds = 0;
  double peakMiB = 0;
};

class StageTiming {
public:
  static StageTiming &get();
  void enable() { enabled = true; }
  bool isEnabled() const { return enabled; }
  /// Adds a row per pass `pm` runs (nested passes included).
  void instrument(mlir::PassManager &pm);
  /// Adds a row `stage` with the time since the last row (or since
  /// enable()).
  void mark(const std::string &stage);
  /// A table of every row and the total.
  void print(std::ostream &os) const;

  /// Internal: a pass ended after `seconds`.
  void addPass(const std::string &name, double seconds);

private:
  bool enabled = false;
  std::vector<StageTime> rows;
  std::chrono::steady_clock::time_point last = std::chrono::steady_clock::now();
};

/// The process's peak resident memory so far, MiB.
double peakResidentMiB();

} // namespace nmc::driver

#endif // NMC_TOOLS_NMC_STAGETIMING_H
