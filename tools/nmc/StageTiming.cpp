//===- StageTiming.cpp - Seconds and peak memory per compile stage --------===//
#include "StageTiming.h"

#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassInstrumentation.h"

#include <fmt/format.h>
#include <sys/resource.h>

#include <ostream>

namespace nmc::driver {
namespace {

using Clock = std::chrono::steady_clock;

/// Times every pass; nested pass managers report their passes too. Passes
/// run one at a time here (the driver's contexts have threading off or
/// one graph), so one start time per pass suffices.
class PassTimer : public mlir::PassInstrumentation {
public:
  void runBeforePass(mlir::Pass *, mlir::Operation *) override {
    starts.push_back(Clock::now());
  }
  void runAfterPass(mlir::Pass *pass, mlir::Operation *) override {
    finish(pass);
  }
  void runAfterPassFailed(mlir::Pass *pass, mlir::Operation *) override {
    finish(pass);
  }

private:
  void finish(mlir::Pass *pass) {
    if (starts.empty())
      return;
    const double s =
        std::chrono::duration<double>(Clock::now() - starts.back()).count();
    starts.pop_back();
    // A pass manager adaptor's time includes its nested passes' rows.
    if (pass->getArgument().empty())
      return;
    StageTiming::get().addPass(pass->getArgument().str(), s);
  }
  std::vector<Clock::time_point> starts;
};

} // namespace

StageTiming &StageTiming::get() {
  static StageTiming timing;
  return timing;
}

double peakResidentMiB() {
  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  return double(usage.ru_maxrss) / 1024.0; // KiB on Linux
}

void StageTiming::instrument(mlir::PassManager &pm) {
  if (enabled)
    pm.addInstrumentation(std::make_unique<PassTimer>());
}

void StageTiming::addPass(const std::string &name, double seconds) {
  rows.push_back({name, seconds, peakResidentMiB()});
  last = Clock::now();
}

void StageTiming::mark(const std::string &stage) {
  if (!enabled)
    return;
  const auto now = Clock::now();
  rows.push_back({stage, std::chrono::duration<double>(now - last).count(),
                  peakResidentMiB()});
  last = now;
}

void StageTiming::print(std::ostream &os) const {
  if (!enabled)
    return;
  double total = 0;
  os << fmt::format("{:<32} {:>10} {:>14}\n", "stage", "seconds",
                    "peak RSS MiB");
  for (const StageTime &r : rows) {
    os << fmt::format("{:<32} {:>10.3f} {:>14.1f}\n", r.stage, r.seconds,
                      r.peakMiB);
    total += r.seconds;
  }
  os << fmt::format("{:<32} {:>10.3f} {:>14.1f}\n", "total", total,
                    peakResidentMiB());
}

} // namespace nmc::driver
