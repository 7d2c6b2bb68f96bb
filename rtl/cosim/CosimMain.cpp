//===- CosimMain.cpp - Lockstep co-simulation of an xbar image ------------===//
//
// nmc-rtl-cosim IMAGE RTLDIR [--steps N] [--seed S] [--rate R] [--trace F]
// [--summary-json F] runs the xbar emulator on IMAGE and the verilated nmc_mesh
// on RTLDIR (written by `nmc compile --target xbar --rtl-out RTLDIR`) in
// lockstep on random input spikes, compares every step and prints the summary
// and the RTL simulation speed (--summary-json: also as a report, the section
// "cosim" `nmc cosim` prints). Exit 0: identical; 1: a mismatch (reported); 2:
// bad usage or input.
//===----------------------------------------------------------------------===//
#include "VerilatedMesh.h"

#include "nmc/Image/OpenImage.h"
#include "nmc/Sim/Report.h"

#include <fmt/format.h>

#include <cstdlib>
#include <cstring>
#include <ctime>
#include <stdexcept>

using namespace nmc;
using namespace nmc::xbar;

namespace {

/// CPU time of this thread, s (the machine may be shared: wall time would
/// count other processes).
double threadSeconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return double(t.tv_sec) + 1e-9 * double(t.tv_nsec);
}

/// Forwards to a model and adds up the CPU time of its inject and step.
class TimedModel : public StepModel {
public:
  explicit TimedModel(StepModel &m) : model(m) {}
  std::string name() const override { return model.name(); }
  void inject(std::span<const int64_t> a) override {
    const double t0 = threadSeconds();
    model.inject(a);
    seconds += threadSeconds() - t0;
  }
  void step() override {
    const double t0 = threadSeconds();
    model.step();
    seconds += threadSeconds() - t0;
  }
  std::vector<int64_t> outputSpikes() const override {
    return model.outputSpikes();
  }
  int64_t stepCycles() const override { return model.stepCycles(); }
  int64_t membrane(const std::string &n, int64_t e) const override {
    return model.membrane(n, e);
  }
  double seconds = 0;

private:
  StepModel &model;
};

int usage() {
  fmt::print(stderr, "usage: nmc-rtl-cosim IMAGE RTLDIR [--steps N] [--seed "
                     "S] [--rate R] [--trace FILE.fst] [--summary-json "
                     "FILE]\n");
  return 2;
}

/// The comparison as the report section "cosim" (docs/rtl.md).
sim::Section cosimSection(const LockstepReport &report, int64_t steps,
                          uint64_t seed, double rate, double cycles,
                          double seconds) {
  using sim::Unit;
  sim::Section s{"cosim", {}, {}};
  s.add("steps", steps, Unit::Steps, "steps run")
      .add("identical", report.ok, Unit::None,
           "emulator and RTL agreed on every step")
      .add("steps_identical", report.steps, Unit::Steps)
      .add("step_cycles", report.cycles, Unit::Cycles,
           "sum of the identical steps' cycles")
      .add("output_spikes", report.outputSpikes, Unit::Count,
           "output spikes compared")
      .add("membranes", report.membranes, Unit::Count, "membranes compared")
      .add("input_probability", rate, Unit::None,
           "spike probability of each input per step")
      .add("seed", int64_t(seed), Unit::None, "of the input spikes");
  if (!report.ok)
    s.add("first_mismatch", report.mismatch);
  s.add("rtl_cycles", cycles, Unit::Cycles,
        "clock cycles simulated (loading excluded)")
      .add("rtl_cpu", seconds, Unit::Seconds,
           "CPU time of the RTL's inject and step")
      .add("rtl_speed", seconds > 0 ? cycles / seconds : 0.0, Unit::PerSecond,
           "RTL clock cycles per CPU second");
  return s;
}

} // namespace

int main(int argc, char **argv) {
  std::vector<std::string> positional;
  int64_t steps = 100;
  uint64_t seed = 1;
  double rate = 0.3;
  std::string trace, summaryJson;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const bool hasValue = i + 1 < argc;
    if (a == "--steps" && hasValue)
      steps = std::atoll(argv[++i]);
    else if (a == "--seed" && hasValue)
      seed = std::strtoull(argv[++i], nullptr, 10);
    else if (a == "--rate" && hasValue)
      rate = std::atof(argv[++i]);
    else if (a == "--trace" && hasValue)
      trace = argv[++i];
    else if (a == "--summary-json" && hasValue)
      summaryJson = argv[++i];
    else if (!a.empty() && a[0] == '-')
      return usage();
    else
      positional.push_back(a);
  }
  if (positional.size() != 2 || steps <= 0 || !(rate >= 0 && rate <= 1))
    return usage();
  try {
    const image::LoadedImage loaded = image::openImage(positional[0]);
    const auto *payload = loaded.as<XbarPayload>();
    if (!payload)
      throw std::runtime_error(positional[0] + " is not an xbar image");
    auto shared = std::make_shared<XbarPayload>(*payload);
    const RtlImage rtlImage = readRtlImage(positional[1]);
    EmulatorStepModel emulator(shared);
    VerilatedMesh mesh(rtlImage, trace);
    TimedModel timed(mesh);
    const uint64_t cycles0 = mesh.clockCycles();
    const LockstepReport report =
        runLockstep(emulator, timed, rtlImage,
                    randomSpikes(steps, rtlImage.inputSize, rate, seed));
    const double cycles = double(mesh.clockCycles() - cycles0);
    fmt::print("cosim {}: {} of {} steps identical ({} output spikes, {} "
               "membranes, {} step cycles)\n",
               positional[0], report.steps, steps, report.outputSpikes,
               report.membranes, report.cycles);
    fmt::print("rtl simulation: {:.0f} clock cycles in {:.3f} s of CPU = "
               "{:.0f} cycles/s\n",
               cycles, timed.seconds,
               timed.seconds > 0 ? cycles / timed.seconds : 0.0);
    if (!summaryJson.empty())
      sim::writeJson(summaryJson, {"nmc-rtl-cosim: " + positional[0],
                                   {cosimSection(report, steps, seed, rate,
                                                 cycles, timed.seconds)}});
    if (!report.ok) {
      fmt::print("{}\n", report.mismatch);
      return 1;
    }
    return 0;
  } catch (const std::exception &e) {
    fmt::print(stderr, "nmc-rtl-cosim: {}\n", e.what());
    return 2;
  }
}
