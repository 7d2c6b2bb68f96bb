//===- BiasModels.h - Bias -> synapse p, neuron N ---------------*- C++ -*-===//
//
// nmc's model of the seed paper's two neuromorphic cells (the paper body is
// not available, ../shared/reference/sfq.md §1.3: these formulas are nmc's
// [assumed] model, their parameters live in the cell library). Header-only
// and dependency-free so the compiler (bias currents from weights and
// thresholds) and the emulator use the same mapping. Currents in mA.
//
//   synapse: p(I) = 1 / (1 + exp(-(I - i50) / iWidth))
//            I(p) = i50 + iWidth * ln(p / (1 - p))          (0 < p < 1)
//   neuron:  N(I) = max(1, round(n0 * iNominal / I))          (I > 0)
//            I(N) = n0 * iNominal / N                         (N >= 1)
//
// N(I(N)) == N for every N >= 1; p(I(p)) == p up to rounding.
//===----------------------------------------------------------------------===//
#ifndef NMC_TARGET_SFQ_BIASMODELS_H
#define NMC_TARGET_SFQ_BIASMODELS_H

#include <cmath>
#include <cstdint>

namespace nmc::sfq {

/// Pass probability of a stochastic synapse biased with `biasMA`.
inline double synapsePassProbability(double biasMA, double i50MA,
                                     double iWidthMA) {
  return 1.0 / (1.0 + std::exp(-(biasMA - i50MA) / iWidthMA));
}

/// The bias giving pass probability `p` (0 < p < 1; 0 and 1 give -inf and
/// +inf, which no cell accepts).
inline double synapseBiasForProbability(double p, double i50MA,
                                        double iWidthMA) {
  return i50MA + iWidthMA * std::log(p / (1.0 - p));
}

/// Threshold (pulses to fire) of a neuron biased with `biasMA` (> 0); a
/// bias that is not positive gives the largest threshold (never fires).
inline int64_t neuronThreshold(double biasMA, double n0, double iNominalMA) {
  constexpr double kMax = 2147483647.0;
  if (!(biasMA > 0))
    return static_cast<int64_t>(kMax);
  const double n = std::round(n0 * iNominalMA / biasMA);
  return static_cast<int64_t>(std::fmax(1.0, std::fmin(n, kMax)));
}

/// The bias at which the threshold is exactly `threshold` (>= 1): the
/// middle of that threshold's rounding interval in n0 * iNominal / I.
inline double neuronBiasForThreshold(int64_t threshold, double n0,
                                     double iNominalMA) {
  return n0 * iNominalMA / static_cast<double>(threshold);
}

/// The four parameters together, as the compiler's pass options carry them;
/// defaults equal the cell library's (emulator/sfq/cells/pylse.json).
struct BiasMapping {
  double i50MA = 0.30;    ///< synapse bias with p = 1/2, mA [assumed]
  double iWidthMA = 0.02; ///< synapse sigmoid width, mA [assumed]
  double n0 = 4;          ///< neuron threshold (pulses) at iNominal [assumed]
  double iNominalMA = 0.70; ///< neuron nominal bias, mA [assumed]

  double synapseP(double iMA) const {
    return synapsePassProbability(iMA, i50MA, iWidthMA);
  }
  double synapseBias(double p) const {
    return synapseBiasForProbability(p, i50MA, iWidthMA);
  }
  int64_t neuronThreshold(double iMA) const {
    return sfq::neuronThreshold(iMA, n0, iNominalMA);
  }
  double neuronBias(int64_t n) const {
    return neuronBiasForThreshold(n, n0, iNominalMA);
  }
};

} // namespace nmc::sfq

#endif // NMC_TARGET_SFQ_BIASMODELS_H
