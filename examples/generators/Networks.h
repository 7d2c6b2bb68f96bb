//===- Networks.h - Benchmark networks written as NIR ----------*- C++ -*-===//
//
// The classic CUBA (Vogels & Abbott 2005) and Brunel (2000) networks, with
// the parameters of ../../shared/reference/spinnaker.md §C.1/§C.2, built as
// NIR models so that every nmc path (import, compile, run, targets) sees
// them like any exported network. Random connectivity takes a seed.
//===----------------------------------------------------------------------===//
#ifndef NMC_EXAMPLES_GENERATORS_NETWORKS_H
#define NMC_EXAMPLES_GENERATORS_NETWORKS_H

#include "nmc/NIR/Graph.h"

#include <cstdint>
#include <string>

namespace nmc::netgen {

struct NetworkOptions {
  double scale = 1.0;           ///< neuron count relative to the paper network
  uint64_t seed = 1;            ///< connectivity seed
  double dt = 1e-4;             ///< step the synaptic gains are computed for
  std::string method = "exact"; ///< integration method gains are exact for
};

/// CUBA: 4000·scale LIF (80% E, 20% I), in-degree 80 (p = 0.02 at full
/// size), exponential currents as two LI nodes (tau_e 5 ms, tau_i 10 ms),
/// we = 1.62 mV, wi = −9 mV, El −49 mV, Vt −50 mV, Vr −60 mV. Time in
/// seconds, voltage in mV. No input node: the depolarising rest drives it.
nir::Model makeCuba(const NetworkOptions &options);

/// Brunel: NE = 10000·scale, NI = NE/4, connection probability 0.1, delta
/// synapses J = 0.1 mV / −5J, delay 1.5 ms, tau_m 20 ms, theta 20 mV,
/// V_reset 10 mV; an Input node of N channels meant for Poisson drive at
/// CE·nu_ext = 20 kHz per neuron (scaled by J in a Scale node).
nir::Model makeBrunel(const NetworkOptions &options);

/// Input gain r that turns one unit of input in one step into a jump of one
/// unit of state for a leaky node with time constant tau (so weights are
/// jump sizes, as in Brian2's on_pre: v += w).
double unitJumpGain(double tau, const NetworkOptions &options);

} // namespace nmc::netgen

#endif // NMC_EXAMPLES_GENERATORS_NETWORKS_H
