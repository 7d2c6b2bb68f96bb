//===- NodeState.h - Per-node state of one run ------------------*- C++ -*-===//
#ifndef NMC_ENGINE_NODESTATE_H
#define NMC_ENGINE_NODESTATE_H

#include "ExtNeuron.h"
#include "NeuronKernel.h"
#include "Program.h"
#include "Signal.h"

#include "nmc/Emulator/Engine.h"

#include <utility>

namespace nmc::engine::detail {

/// Run state of one node. Arrays come from the program: used in place for
/// double, converted once per run (own*) for float.
template <class T> struct NodeState {
  Signal<T> cur;             ///< output of the current step
  Signal<T> prev;            ///< previous step's output (doubleBuffered only)
  Signal<T> sum;             ///< summed input (nodes with several inputs)
  std::vector<uint8_t> mark; ///< scratch flags (input union, pooling)

  const T *weight = nullptr, *bias = nullptr, *values = nullptr;
  std::vector<T> ownWeight, ownBias, ownValues;
  NeuronCoefPtrs<T> coef{};
  std::vector<T> ownCoef[kNumCoefs];
  NeuronFn<T> neuronFn = nullptr; ///< non-spiking neurons
  SpikeFn<T> spikeFn = nullptr;   ///< spiking neurons (list their spikes)
  int vMode = VState;    ///< non-spiking: where v lives (NeuronKernel.h)
  std::vector<T> v, syn; ///< neuron state
  ExtNeuron<T> ext;      ///< NodeSpec::extended neurons only
  /// Deferred fusion (Runner::planFusion): this non-spiking neuron is
  /// updated one step late inside its only reader's loop, so it is skipped.
  bool fusedAway = false;
  /// Spiking neuron whose two inputs are fused neurons fuseL[k], fed by
  /// fuseS[k]; used from step 1 on (step 0 reads their zero outputs).
  FusedSpikeFn<T> fusedFn = nullptr;
  size_t fuseL[2] = {0, 0}, fuseS[2] = {0, 0};
  std::vector<T> initialV; ///< empty = zeros; size 1 = uniform
  std::vector<std::vector<std::pair<int32_t, T>>> ring; ///< delay slots
  std::vector<int64_t> tapsH, tapsW; ///< conv/pool scratch: (tap, out) pairs

  // sparse_affine without bias, not double-buffered: the source rows added
  // into cur last step, so the next step zeroes only their targets instead
  // of the whole output. `touchedAll` = too many to be worth it.
  bool trackTouched = false, touchedAll = true;
  std::vector<int32_t> touched;

  // Input node feeds for the current run.
  const EventBatch *events = nullptr;
  std::vector<Event> sorted; ///< this sample's events ordered by step
  size_t cursor = 0;
  InputSource *source = nullptr;
  std::vector<double> scratch;

  // Recording.
  bool spiking = false, traced = false;
};

/// Runs `program` in precision T (Runner.cpp).
template <class T>
RunResult runProgram(const Program &program, const RunConfig &config);

extern template RunResult runProgram<float>(const Program &, const RunConfig &);
extern template RunResult runProgram<double>(const Program &,
                                             const RunConfig &);

} // namespace nmc::engine::detail

#endif // NMC_ENGINE_NODESTATE_H
