//===- ConnectorStats.h - Ring-buffer statistics of a connector -*- C++ -*-===//
//
// What convert-snn-to-spinn feeds sPyNNaker's `_Stats` (RingBufferShift.h)
// for a connector-form projection, from its rule and weight distribution
// instead of expanded synapses (as sPyNNaker's `get_weight_mean/variance/
// maximum` and `get_n_connections_to_post_vertex_maximum` do for its
// connectors, spinnaker.md §A.4). Plain C++, unit-tested.
//===----------------------------------------------------------------------===//
#ifndef NMC_CONVERSION_SNNTOSPINN_CONNECTORSTATS_H
#define NMC_CONVERSION_SNNTOSPINN_CONNECTORSTATS_H

#include "nmc/Model/Connector.h"

#include <array>
#include <cstdint>

namespace nmc::spinn {

/// The part of a weight distribution on one side of 0, as |w|.
struct WeightPart {
  double mass = 0;     ///< probability that a drawn weight has this sign
  double mean = 0;     ///< E|w| given this sign
  double variance = 0; ///< Var|w| given this sign
  double max = 0;      ///< largest |w| of this sign
};

/// Splits a weight distribution by sign: [0] w > 0 (excitatory), [1] w < 0
/// (inhibitory); w == 0 is in neither (not a synapse).
/// - constant, choice: exact;
/// - uniform [a, b): each side is uniform on its sub-interval;
/// - normal_clipped: each side is the normal truncated to its part of
///   [low, high] (closed-form truncated-normal mean and variance); an
///   infinite bound is replaced by mean ± 6 sd for the maximum [assumed:
///   sPyNNaker takes a high quantile of the distribution].
std::array<WeightPart, 2> splitWeights(const model::Distribution &weight);

/// The most synapses onto one target (fan-in) the ring buffer must hold:
/// all_to_all n_pre, one_to_one 1, fixed_number_pre n; for
/// fixed_probability and fixed_total_number, whose in-degree is binomial
/// (n_pre, p) resp. (n, 1/n_post), mean + 3 sd rounded up, at most n_pre
/// (resp. n with replacement, min(n, n_pre) without) [assumed: a 3-sigma
/// bound; sPyNNaker uses a 1 - 1/(10 n) quantile].
int64_t connectorFanIn(const model::ConnectorSpec &spec);

} // namespace nmc::spinn

#endif // NMC_CONVERSION_SNNTOSPINN_CONNECTORSTATS_H
