//===- RingBufferShift.h - sPyNNaker's ring-buffer shift choice -*- C++ -*-===//
//
// How sPyNNaker picks the left shift that turns a 16-bit ring-buffer sum
// into an s16.15 input (spinnaker.md §A.4), re-derived from
// sPyNNaker/spynnaker/pyNN/models/neuron/abstract_population_vertex.py
// (`_Stats`, `_ring_buffer_expected_upper_bound`, `get_ring_buffer_shifts`)
// and spynnaker/pyNN/utilities/running_stats.py (`RunningStats.add_items`).
// Plain C++, no MLIR: the arithmetic is tested in isolation.
//===----------------------------------------------------------------------===//
#ifndef NMC_CONVERSION_SNNTOSPINN_RINGBUFFERSHIFT_H
#define NMC_CONVERSION_SNNTOSPINN_RINGBUFFERSHIFT_H

#include <cstdint>

namespace nmc::spinn {

/// What sPyNNaker's `_Stats` gathers for one synapse type of one post
/// population, one `addProjection` per incoming projection (here: per
/// projection and sign).
struct SynapseTypeStats {
  /// RunningStats over the weights: items, mean, sum of squared deviations.
  double n = 0, mean = 0, m2 = 0;
  /// Sum over projections of spikes-per-tick x max|w| x fan-in: the worst
  /// case of one ring-buffer slot.
  double totalWeight = 0;
  /// Largest |w| seen.
  double biggestWeight = 0;
  /// Some projection's delays are not all equal (delay variance > 0).
  bool delaysVary = false;

  /// One projection: mean, (population) variance and max of |w| over its
  /// synapses of this type, `fanIn` the most synapses onto one post neuron,
  /// `delayVariance` the variance of its delays.
  void addProjection(double wMean, double wVariance, double wMax, int64_t fanIn,
                     double delayVariance, double spikesPerTick);
};

/// `_ring_buffer_expected_upper_bound`: mean + sigma x SD of the summed
/// weight per step for `nSynapses` Poisson sources at `spikesPerSecond`.
double ringBufferUpperBound(double wMean, double wStdDev,
                            double spikesPerSecond, double stepsPerSecond,
                            double nSynapses, double sigma);

/// `_Stats.get_max_weight`: the worst case when delays are all equal,
/// otherwise the Poisson bound capped by the worst case, at least the
/// largest weight.
double expectedMaxWeight(const SynapseTypeStats &stats, double spikesPerSecond,
                         double stepsPerSecond, double sigma);

/// `get_ring_buffer_shifts` for one synapse type: 0 for max <= 0, else
/// ceil(log2(max)) (at least 0), plus 1 when 2^shift <= max.
int64_t ringBufferShift(double maxWeight);

} // namespace nmc::spinn

#endif // NMC_CONVERSION_SNNTOSPINN_RINGBUFFERSHIFT_H
