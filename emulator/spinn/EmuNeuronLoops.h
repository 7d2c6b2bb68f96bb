//===- EmuNeuronLoops.h - Array loops of a uniform neuron slice -*- C++ -*-===//
//
// The neuron update of a core whose neurons share their coefficients and
// have no refractory period, adaptive threshold or synaptic current
// (CoreSim::uniformTimer): model::integrateNeuron and the threshold test of
// model::stepNeuronExtWith in s16.15 rounded to nearest, over raw values,
// as branch-free loops the compiler vectorizes (an AVX-512 build of them
// is picked at run time where the CPU has it). Same results and counts as
// the per-neuron code with model::FixedArith.
//===----------------------------------------------------------------------===//
#ifndef NMC_SPINN_EMUNEURONLOOPS_H
#define NMC_SPINN_EMUNEURONLOOPS_H

#include <cstdint>

namespace nmc::spinn::emu {

/// FixedArith's counters, and the ring-buffer inputs clamped to s16.15.
struct LoopCounts {
  int64_t saturated = 0, rounded = 0, roundedToZero = 0;
  int64_t inputSaturations = 0;
};

/// An LI synapse filter of one synapse type: per neuron i, the input
/// x = clamp(±(r[i] << shift)) (negated for the inhibitory type), r[i] = 0,
/// cur[i] = ((a * cur[i]) + (cIn * x)) + c0.
struct FilterLoop {
  uint16_t *ring;
  int shift;
  bool negate;
  int64_t a, cIn, c0;
  int64_t *cur;
};

/// The neuron: x = clamp((exc[i] << shiftExc) - (inh[i] << shiftInh))
/// (the ring-buffer slots, zeroed) when `exc` is set, else x = x0[i]
/// (+ x1[i] when set); v' = ((aMem * v) + (cIn * x)) + c0; a spike when
/// v' > th, then v' = reset (or v' - th with `subtract`). spiked[i] = 0/1.
struct NeuronLoop {
  uint16_t *exc = nullptr, *inh = nullptr;
  int shiftExc = 0, shiftInh = 0;
  const int64_t *x0 = nullptr, *x1 = nullptr;
  int64_t aMem = 0, cIn = 0, c0 = 0, th = 0, reset = 0;
  bool subtract = false;
  int64_t *v = nullptr;
  uint8_t *spiked = nullptr;
};

void runFilterLoop(const FilterLoop &f, int64_t n, LoopCounts &k);
void runNeuronLoop(const NeuronLoop &l, int64_t n, LoopCounts &k);

} // namespace nmc::spinn::emu

#endif // NMC_SPINN_EMUNEURONLOOPS_H
