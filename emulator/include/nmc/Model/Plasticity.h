//===- Plasticity.h - STDP, defined once ------------------------*- C++ -*-===//
//
// The STDP rules nmc runs (issue 14; ../shared/reference/spinnaker.md §C.5):
// the `snn` attribute, the NIR extension (docs/nir-support.md), the image
// arrays (nmc/Emulator/Image.h, `stdp_*`), both reference engines and the
// `spinnaker` emulator all use this header, so they agree by construction.
//
// A plastic edge is an affine / sparse_affine (or connector, expanded) node
// whose output feeds exactly one spiking neuron node, its *post* population;
// its input spikes are the *pre* spikes. Per synapse j -> i:
//
// clang-format off
//   traces (one per pre neuron j, one per post neuron i; event-driven: each
//   keeps its value just after its last spike and the time of that spike):
//     x_j(t) = x_j(last) * E+(t - last)      pre trace, time constant tau+
//     y_i(t) = y_i(last) * E-(t - last)      post trace, time constant tau-
//     on a spike:  all_pair:      x = x(t) + 1    (every pair counts)
//                  nearest_pair:  x = 1           (only the nearest spike)
//     E(k) = exp(-k dt / tau), k whole steps (DecayTable); traces start at 0.
//   weight updates (w_min <= w <= w_max after every single update, clipped):
//     potentiation by one post spike:  additive:       w += A+ * x
//                                      multiplicative: w += (A+ * x) * (w_max - w)
//     depression by one pre spike:     additive:       w -= A- * y
//                                      multiplicative: w -= (A- * y) * (w - w_min)
// clang-format on
//
// Timing is sPyNNaker's (neural_modelling/src/neuron/plasticity/stdp/
// synapse_dynamics_stdp_mad_impl.c, timing_pair_impl.h, sPyNNaker >= 6): the
// seed applications were tuned on it, and with it examples/ca3 reproduces
// the CA3 seed's published SpiNNaker raster cell for cell.
// - Delays are dendritic. d, the plastic edge's delay, is the number of steps
//   from the pre neuron's output to the plastic node's input: Delay nodes on
//   the way, plus one per delayed (recurrent) edge, plus the node's own
//   delay (a connector's, or a sparse_affine's delay_steps: one value for all
//   synapses, else refused). A pre spike counts at its emission step T (it
//   reaches the plastic node at step A = T + d); a post spike fired at step p
//   counts at P = p + d (it travels back through the dendrite). A pair's
//   interval is P - T.
// - Updates happen when a pre spike reaches the plastic node (SpiNNaker
//   processes the spike's synaptic row then). For the spike of pre neuron j
//   emitted at T, arriving at A, for each synapse j -> i in storage order:
//     (1) potentiation once per post spike of i with T_last < P <= T, oldest
//         first (T_last: j's previous emission; so dt = P - T_last > 0), with
//         x_j(P), the pre trace as it was after T_last's spike, decayed;
//     (2) depression once, if i has a post spike with P <= T, with y_i(T):
//         the post trace after the last such spike, decayed to T (dt >= 0: a
//         post spike with P = T depresses and does not potentiate);
//     then the synapse transmits its updated weight. After the row, x_j
//     takes the spike of T. Only post spikes that have happened count:
//     p < A (this matters only for d = 0, where a post spike of step A
//     itself waits for j's next spike). Pre spikes of one step are handled
//     in ascending neuron order.
// - So a weight changes only when its pre neuron spikes: the potentiation
//   by post spikes after a synapse's last pre spike is still pending at the
//   end of a run and is not in the final weights, as on the machine (the
//   spatial seed's "save" spike is there to apply it). Engines keep, per post
//   neuron, the post spikes (step and y after each) a later pre spike may
//   still pair with.
//
// Arithmetic: every operation above in the number type T of the run, each
// product and sum rounded (and for fixed types saturated) on its own, in the
// order written (the template functions below are the definition). The
// decay E(k) is exact in floating point (std::exp); in fixed point it is a
// lookup table of fromDouble(exp(-k dt / tau)) that ends at the first k
// whose value rounds to 0 (E = 0 from there on), as sPyNNaker's exponential
// LUTs. Fixed-point STDP therefore differs from the float rule by the trace
// and product rounding (and the table's tail) only; docs/semantics.md states
// the bound per update. Fixed types need their FixedContext in scope when a
// rule is discretized (fromDouble), as for neuron coefficients.
//===----------------------------------------------------------------------===//
#ifndef NMC_MODEL_PLASTICITY_H
#define NMC_MODEL_PLASTICITY_H

#include "nmc/Model/FixedPoint.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string_view>
#include <type_traits>
#include <vector>

namespace nmc::model {

enum class StdpPairing { AllPair, NearestPair };
enum class WeightDependence { Additive, Multiplicative };

/// The rule of one plastic edge in the graph's units: taus in the file's
/// time unit, amplitudes and bounds in its weight unit (absolute weight
/// changes, as PyNN's AdditiveWeightDependence A_plus/A_minus on sPyNNaker).
struct StdpParams {
  StdpPairing pairing = StdpPairing::AllPair;
  WeightDependence dependence = WeightDependence::Additive;
  double tauPlus = 20e-3, tauMinus = 20e-3;
  double aPlus = 0.01, aMinus = 0.01;
  double wMin = 0, wMax = 1;
};

/// E(k) = exp(-k / tauSteps) for k = 0, 1, ... in number type T. Floating
/// types compute it exactly; fixed types read a table that ends where the
/// value rounds to 0 (capped at 65536 entries).
template <class T> class DecayTable {
public:
  DecayTable() = default;
  explicit DecayTable(double tauSteps) : tauSteps(tauSteps) {
    if constexpr (isFixed<T>) {
      for (int64_t k = 0; k < 65536; ++k) {
        T e = fromDouble<T>(std::exp(-double(k) / tauSteps));
        if (e == T{})
          break;
        table.push_back(e);
      }
    } else {
      // A cache of the same std::exp values over the first 16 taus (the
      // engines look E up once per synapse visit); later k compute it.
      const double n = std::min(65536.0, std::ceil(16 * tauSteps) + 1);
      for (int64_t k = 0; k < int64_t(n); ++k)
        cache.push_back(T(std::exp(-double(k) / tauSteps)));
    }
  }
  T operator()(int64_t k) const {
    if constexpr (isFixed<T>)
      return k < int64_t(table.size()) ? table[k] : T{};
    else
      return k < int64_t(cache.size()) ? cache[k]
                                       : T(std::exp(-double(k) / tauSteps));
  }
  /// Number of table entries (fixed types; 0 for floating types).
  size_t size() const { return table.size(); }

private:
  double tauSteps = 1;
  std::vector<T> table, cache;
};

/// A rule discretized for step dt in number type T.
template <class T> struct StdpRuleT {
  StdpPairing pairing = StdpPairing::AllPair;
  WeightDependence dependence = WeightDependence::Additive;
  DecayTable<T> ePlus, eMinus;
  T aPlus{}, aMinus{}, wMin{}, wMax{};
};

/// The rule with its taus in steps of dt (tau / dt), as images hold it.
inline StdpParams stdpInSteps(StdpParams p, double dt) {
  p.tauPlus /= dt;
  p.tauMinus /= dt;
  return p;
}

template <class T> StdpRuleT<T> discretizeStdp(const StdpParams &p, double dt) {
  StdpRuleT<T> r;
  r.pairing = p.pairing;
  r.dependence = p.dependence;
  r.ePlus = DecayTable<T>(p.tauPlus / dt);
  r.eMinus = DecayTable<T>(p.tauMinus / dt);
  r.aPlus = fromDouble<T>(p.aPlus);
  r.aMinus = fromDouble<T>(p.aMinus);
  r.wMin = fromDouble<T>(p.wMin);
  r.wMax = fromDouble<T>(p.wMax);
  return r;
}

/// One event-driven trace: its value just after its last spike, and the
/// step of that spike (meaningless while value is 0).
template <class T> struct Trace {
  T value{};
  int64_t last = 0;
};

/// The trace's value at step t >= last.
template <class T, class Arith>
T traceAt(Arith &ar, const DecayTable<T> &e, const Trace<T> &tr, int64_t t) {
  return ar.mul(tr.value, e(t - tr.last));
}

/// Records a spike at step t on a trace.
template <class T, class Arith>
void traceSpike(Arith &ar, StdpPairing pairing, const DecayTable<T> &e,
                Trace<T> &tr, int64_t t) {
  tr.value = pairing == StdpPairing::NearestPair
                 ? ar.one()
                 : ar.add(traceAt(ar, e, tr, t), ar.one());
  tr.last = t;
}

template <class T> T clampWeight(T w, T lo, T hi) {
  return w < lo ? lo : (hi < w ? hi : w);
}

/// Depression of weight w by post trace value y (a pre spike).
template <class T, class Arith>
T depress(Arith &ar, const StdpRuleT<T> &r, T w, T y) {
  T d = ar.mul(r.aMinus, y);
  if (r.dependence == WeightDependence::Multiplicative)
    d = ar.mul(d, ar.sub(w, r.wMin));
  return clampWeight(ar.sub(w, d), r.wMin, r.wMax);
}

/// Potentiation of weight w by pre trace value x (a post spike).
template <class T, class Arith>
T potentiate(Arith &ar, const StdpRuleT<T> &r, T w, T x) {
  T d = ar.mul(r.aPlus, x);
  if (r.dependence == WeightDependence::Multiplicative)
    d = ar.mul(d, ar.sub(r.wMax, w));
  return clampWeight(ar.add(w, d), r.wMin, r.wMax);
}

/// Names used by files (NIR extension, image) and command lines.
inline const char *toString(StdpPairing p) {
  return p == StdpPairing::AllPair ? "all_pair" : "nearest_pair";
}
inline bool parseStdpPairing(std::string_view s, StdpPairing &p) {
  if (s == "all_pair")
    p = StdpPairing::AllPair;
  else if (s == "nearest_pair")
    p = StdpPairing::NearestPair;
  else
    return false;
  return true;
}
inline const char *toString(WeightDependence d) {
  return d == WeightDependence::Additive ? "additive" : "multiplicative";
}
inline bool parseWeightDependence(std::string_view s, WeightDependence &d) {
  if (s == "additive")
    d = WeightDependence::Additive;
  else if (s == "multiplicative")
    d = WeightDependence::Multiplicative;
  else
    return false;
  return true;
}

} // namespace nmc::model

#endif // NMC_MODEL_PLASTICITY_H
