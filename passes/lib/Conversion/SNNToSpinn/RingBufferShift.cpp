//===- RingBufferShift.cpp - sPyNNaker's ring-buffer shift choice ---------===//
#include "RingBufferShift.h"

#include <algorithm>
#include <cmath>

using namespace nmc::spinn;

/// sPyNNaker utilities/constants.py POSSION_SIGMA_SUMMATION_LIMIT.
static constexpr double kPoissonSigmaSummationLimit = 3.0;

void SynapseTypeStats::addProjection(double wMean, double wVariance,
                                     double wMax, int64_t fanIn,
                                     double delayVariance,
                                     double spikesPerTick) {
  if (fanIn <= 0)
    return;
  // RunningStats.add_items (Chan et al.'s pairwise combination).
  const double k = double(fanIn), total = n + k;
  const double delta = wMean - mean;
  m2 += wVariance * (k - 1.0) + delta * delta * n * k / total;
  mean = (n * mean + k * wMean) / total;
  n = total;
  biggestWeight = std::max(biggestWeight, wMax);
  // delay_running_totals.add_items(0, d_var, n): its variance is 0 exactly
  // when every projection's delay variance is (or it has one synapse).
  if (delayVariance > 0.0 && fanIn > 1)
    delaysVary = true;
  totalWeight += spikesPerTick * wMax * k;
}

double nmc::spinn::ringBufferUpperBound(double wMean, double wStdDev,
                                        double spikesPerSecond,
                                        double stepsPerSecond, double nSynapses,
                                        double sigma) {
  const double lambda = nSynapses * spikesPerSecond / stepsPerSecond;
  const double poissonVariance = lambda * wMean * wMean;
  const int64_t upper =
      std::llround(lambda + kPoissonSigmaSummationLimit * std::sqrt(lambda));
  double weightVariance = 0.0;
  if (wStdDev > 0.0 && lambda > 0.0) {
    // sPyNNaker: exp(-l) l sd^2 (e^l Q(u+1, l) - l^u / u!), with Q the
    // regularised upper incomplete gamma; for integer u, e^l Q(u+1, l) =
    // sum_{k=0..u} l^k / k!, so the bracket is sum_{k=0..u-1} l^k / k!.
    const double bigRatio =
        std::log(lambda) * double(upper) - std::lgamma(1.0 + double(upper));
    if (bigRatio > -701.0 && bigRatio < 701.0 && bigRatio != 0.0) {
      double sum = 0.0; // e^-l sum_{k<u} l^k / k!, terms in log space
      for (int64_t k = 0; k < upper; ++k)
        sum += std::exp(double(k) * std::log(lambda) - lambda -
                        std::lgamma(double(k) + 1.0));
      weightVariance = lambda * wStdDev * wStdDev * sum;
    }
  }
  return lambda * wMean + sigma * std::sqrt(poissonVariance + weightVariance);
}

double nmc::spinn::expectedMaxWeight(const SynapseTypeStats &stats,
                                     double spikesPerSecond,
                                     double stepsPerSecond, double sigma) {
  if (!stats.delaysVary)
    return std::max(stats.totalWeight, stats.biggestWeight);
  const double variance = stats.n > 1 ? stats.m2 / (stats.n - 1.0) : 0.0;
  double w =
      ringBufferUpperBound(stats.mean, std::sqrt(variance), spikesPerSecond,
                           stepsPerSecond, stats.n, sigma);
  w = std::min(w, stats.totalWeight);
  return std::max(w, stats.biggestWeight);
}

int64_t nmc::spinn::ringBufferShift(double maxWeight) {
  if (!(maxWeight > 0.0))
    return 0;
  int64_t shift = int64_t(std::ceil(std::max(0.0, std::log2(maxWeight))));
  if (std::ldexp(1.0, int(shift)) <= maxWeight)
    ++shift;
  return shift;
}
