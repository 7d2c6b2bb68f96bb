//===- VerilatedMesh.h - The verilated nmc_mesh as a StepModel --*- C++ -*-===//
//
// Loads an RtlImage through the mesh's load port, then runs timesteps:
// input spikes into the host port, a `tick`, the clock until the step and
// its output drain are over; reads the step's cycles, the output AER events
// and the membranes through the backdoor. Built with the parameters of
// RtlMeshParams{} (rtl/cosim/CMakeLists.txt); images must fit them.
//===----------------------------------------------------------------------===//
#ifndef NMC_RTL_COSIM_VERILATEDMESH_H
#define NMC_RTL_COSIM_VERILATEDMESH_H

#include "nmc/Target/Xbar/Cosim.h"

#include <memory>
#include <string>

class Vnmc_mesh;
class VerilatedContext;
class VerilatedFstC;

namespace nmc::xbar {

class VerilatedMesh : public StepModel {
public:
  /// Loads `image`; with `fstPath` non-empty, dumps an FST waveform there
  /// (built with -DNMC_RTL_TRACE=ON only; else throws).
  explicit VerilatedMesh(const RtlImage &image,
                         const std::string &fstPath = "");
  ~VerilatedMesh() override;
  std::string name() const override { return "rtl"; }
  void inject(std::span<const int64_t> addresses) override;
  void step() override;
  std::vector<int64_t> outputSpikes() const override { return spikes; }
  int64_t stepCycles() const override { return cycles; }
  int64_t membrane(const std::string &node, int64_t element) const override;

  /// Clock cycles simulated so far (loading and output drains included).
  uint64_t clockCycles() const;
  /// The parameters this model was verilated with.
  static RtlMeshParams params();

private:
  void clock();
  RtlImage image;
  std::unique_ptr<VerilatedContext> context;
  std::unique_ptr<Vnmc_mesh> dut;
  /// Deletes the waveform writer (which exists only with NMC_RTL_TRACE).
  struct FstDeleter {
    void operator()(VerilatedFstC *f) const;
  };
  std::unique_ptr<VerilatedFstC, FstDeleter> fst;
  uint64_t time = 0;
  std::vector<int64_t> spikes;
  int64_t cycles = 0;
};

} // namespace nmc::xbar

#endif // NMC_RTL_COSIM_VERILATEDMESH_H
