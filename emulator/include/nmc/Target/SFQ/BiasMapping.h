//===- BiasMapping.h - Bias current <-> synapse p and neuron N --*- C++ -*-===//
//
// How a bias current sets the seed paper's two neuromorphic cells
// (../shared/reference/sfq.md §1.2: "synapse weights and neuron biases are
// set with bias current"; §1.3: the curves are not in the abstracts). The
// shapes and numbers are nmc's choice [assumed] until read from the paper:
//   synapse: p(I) = 1 / (1 + exp(-(I - i50) / iWidth)), a sigmoid;
//   neuron:  N(I) = max(1, round(n0 * iNominal / I)) pulses to fire.
// convert-snn-to-sfq uses the inverses; the emulator's cell library uses
// the same defaults. MLIR-free.
//===----------------------------------------------------------------------===//
#ifndef NMC_TARGET_SFQ_BIASMAPPING_H
#define NMC_TARGET_SFQ_BIASMAPPING_H

#include <algorithm>
#include <cmath>

namespace nmc::sfq {

struct BiasMapping {
  double i50MA = 0.1;      ///< synapse bias with p = 1/2, mA [assumed]
  double iWidthMA = 0.005; ///< synapse sigmoid width, mA [assumed]
  double n0 = 4;           ///< neuron threshold (pulses) at iNominal [assumed]
  double iNominalMA = 0.1; ///< neuron nominal bias, mA [assumed]

  double synapseP(double iMA) const {
    return 1.0 / (1.0 + std::exp(-(iMA - i50MA) / iWidthMA));
  }
  /// The inverse of synapseP, for 0 < p < 1.
  double synapseBias(double p) const {
    return i50MA + iWidthMA * std::log(p / (1.0 - p));
  }
  long neuronThreshold(double iMA) const {
    return std::max(1L, std::lround(n0 * iNominalMA / iMA));
  }
  /// The inverse of neuronThreshold: the bias whose threshold is n >= 1.
  double neuronBias(long n) const { return n0 * iNominalMA / double(n); }
};

} // namespace nmc::sfq

#endif // NMC_TARGET_SFQ_BIASMAPPING_H
