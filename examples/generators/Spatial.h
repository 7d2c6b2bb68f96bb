//===- Spatial.h - Supervised learning of spatial patterns (STDP) -*- C++
//-*-===//
//
// The second SpiNNaker seed application of issue 14 (Davies, Gait, Rowley,
// Di Nuovo, Neurocomputing 611:128650, 2025; code train_bit_pattern.py and
// homeostasis.py; ../../shared/reference/spinnaker.md §C.5 (b)), with the
// seed's parameters, as two NIR networks (time in seconds, voltages in mV
// above the -65 mV rest, currents in nA):
//
// Training (`nmc gen spatial --pattern P`), one run of 75 steps per pattern.
// One Input `input` of 22 channels: 0-9 the "1" sources (bit i of the
// pattern, MSB first, fires at 1, 26, 56 ms when set), 10-19 the "0" sources
// (fire at 6, 36, 59 ms when the bit is clear), 20 the "save" source (65 ms)
// and 21 the teacher (29 ms).
//   input -> Delay 1 ms -> Linear -> LIF inj_exc (10)   ("1" sources + save)
//   input -> Delay 1 ms -> Linear -> LIF inj_inh (10)   ("0" sources + save)
//   input -> Delay 2 ms -> Linear -> LIF out_exc, out_inh (1 each: teacher)
//   inj_exc -> Delay 1 ms -> Linear w_exc (STDP) -> out_exc
//   inj_inh -> Delay 1 ms -> Linear w_inh (STDP) -> out_inh
// Every static weight is the seed's 20 nA (one spike per input spike): the
// LIFs are IF_curr_delta (tau_m 20 ms, R 20 MOhm, threshold 15 mV, reset
// 0). STDP: nearest pair, tau+- 5 ms, A+ 1, A- -1, additive, w in [0, 20],
// w0 0, delay 1 ms. w_inh is an inhibitory projection in the seed: here its
// weights are negative, w in [-20, 0] with A+ -1, A- 1 (the same additive
// rule on -w).
//
// Test (`nmc gen spatial-test --weights F.nir,... --factor f`): the learned
// weights summed over the training runs (the seed's weight_exc_sum), scaled
// by the homeostasis factor f. One Input `input` of 20 channels (0-9 "1"
// sources, 10-19 "0" sources, firing at 10 ms), injectors inj_1/inj_0, and
// one LIF `out` fed by inj_1 with f*(w_exc - |w_inh|) and by inj_0 with
// f*(|w_inh| - w_exc) (the seed's four projections onto one neuron), run 20
// steps. Its stimulus has one sample per test pattern.
//===----------------------------------------------------------------------===//
#ifndef NMC_EXAMPLES_GENERATORS_SPATIAL_H
#define NMC_EXAMPLES_GENERATORS_SPATIAL_H

#include "nmc/NIR/Graph.h"

#include <cstdint>
#include <string>
#include <vector>

namespace nmc::netgen {

inline constexpr int64_t kSpatialBits = 10;
inline constexpr int64_t kSpatialPatterns = int64_t(1) << kSpatialBits;
inline constexpr int64_t kSpatialTrainSteps = 75; ///< save spike + 10 ms
inline constexpr int64_t kSpatialTestSteps = 20;

struct SpatialOptions {
  int64_t pattern = 992;                ///< training pattern, in [0, 1023]
  std::vector<int64_t> testPatterns;    ///< test samples; empty = all 1024
  std::vector<std::string> weightFiles; ///< trained networks (test)
  double factor = 1.0;                  ///< homeostasis factor (test)
  double dt = 1e-3;                     ///< the seed's 1 ms step
  std::string method = "exact";
};

/// Bit i of the pattern as the seed orders its neurons: neuron 0 is the MSB.
inline bool spatialBit(int64_t pattern, int64_t neuron) {
  return (pattern >> (kSpatialBits - 1 - neuron)) & 1;
}

nir::Model makeSpatialTraining(const SpatialOptions &options);
/// `step,neuron` CSV of the training run's 22 input channels.
void writeSpatialTrainingStimulus(const std::string &path,
                                  const SpatialOptions &options);

/// The test network; throws std::runtime_error naming the file at fault
/// when a weight file is not a trained spatial network.
nir::Model makeSpatialTest(const SpatialOptions &options);
/// `sample,step,neuron` CSV: sample k presents testPatterns[k] (or k).
void writeSpatialTestStimulus(const std::string &path,
                              const SpatialOptions &options);

} // namespace nmc::netgen

#endif // NMC_EXAMPLES_GENERATORS_SPATIAL_H
