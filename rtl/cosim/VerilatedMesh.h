//===- VerilatedMesh.h - The verilated nmc_mesh as a StepModel --*- C++ -*-===//
//
// Loads an RtlImage through the mesh's load port, then runs timesteps:
// input spikes into the host port, a `tick`, the clock until the step and
// its output drain are over; reads the step's cycles, the output AER events
// and the membranes through the backdoor. nmc_mesh is verilated once per
// configuration of rtlMeshConfigs() (rtl/cosim/CMakeLists.txt); an image
// runs on the model built with its parameters.
//===----------------------------------------------------------------------===//
#ifndef NMC_RTL_COSIM_VERILATEDMESH_H
#define NMC_RTL_COSIM_VERILATEDMESH_H

#include "nmc/Target/Xbar/Cosim.h"

#include <cstdint>
#include <memory>
#include <string>

namespace nmc::xbar {

class VerilatedMesh : public StepModel {
public:
  /// Loads `image`; with `fstPath` non-empty, dumps an FST waveform there
  /// (built with -DNMC_RTL_TRACE=ON only; else throws). With
  /// `randomInitSeed` (nonzero) every register and memory starts from
  /// Verilator's random values of that seed instead of 0, as flip-flops
  /// and RAMs power up; the mesh must not depend on them.
  explicit VerilatedMesh(const RtlImage &image, const std::string &fstPath = "",
                         uint32_t randomInitSeed = 0);
  ~VerilatedMesh() override;
  std::string name() const override { return "rtl"; }
  void inject(std::span<const int64_t> addresses) override;
  void step() override;
  std::vector<int64_t> outputSpikes() const override { return spikes; }
  int64_t stepCycles() const override { return cycles; }
  int64_t membrane(const std::string &node, int64_t element) const override;

  /// Clock cycles simulated so far (loading and output drains included).
  uint64_t clockCycles() const;

  /// One verilated configuration's ports (VerilatedMesh.cpp).
  class Driver;

private:
  RtlImage image;
  std::unique_ptr<Driver> dut;
  std::vector<int64_t> spikes;
  int64_t cycles = 0;
};

} // namespace nmc::xbar

#endif // NMC_RTL_COSIM_VERILATEDMESH_H
