//===- Plasticity.h - Spike-timing-dependent plasticity, defined once -*- C++
//-*-===//
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
//   keeps its value at its last spike and the step of that spike):
//     x_j(t) = x_j(last) * E+(t - last)      pre trace, time constant tau+
//     y_i(t) = y_i(last) * E-(t - last)      post trace, time constant tau-
//     on a spike:  all_pair:      x = x(t) + 1    (every pair counts)
//                  nearest_pair:  x = 1           (only the nearest spike)
//     E(k) = exp(-k dt / tau), k whole steps (decayTable); traces start at 0.
//   weight updates (w_min <= w <= w_max after every update, clipped):
//     depression on a pre spike of j at step t, for each synapse j -> i:
//       additive:        w -= A- * y_i(t)
//       multiplicative:  w -= (A- * y_i(t)) * (w - w_min)
//     potentiation on a post spike of i at step t, for each synapse j -> i:
//       additive:        w += A+ * x_j(t)
//       multiplicative:  w += (A+ * x_j(t)) * (w_max - w)
// clang-format on
//
// Timing (what makes every engine agree, whatever its execution order):
// - The pre time of a spike is the step at which it reaches the plastic
//   node's input, i.e. after every Delay node and delayed edge on the way
//   (sPyNNaker's "dendritic" delay: a pair's dt is measured at the synapse).
//   The post time is the step at which the post neuron fires (no
//   back-propagating delay). A plastic connector must have one delay for all
//   its synapses (else the pre times would differ per synapse).
// - Updates happen at the END of step t, after every node has run, in this
//   order: (1) depression for each pre spike arriving at t, using post traces
//   of post spikes at steps < t, then the pre traces take the spikes of t;
//   (2) potentiation for each post spike at t, using pre traces that include
//   the arrivals at t (dt = 0 potentiates with E(0) = 1), then the post
//   traces take the spikes of t. Pre spikes in ascending neuron order, and
//   within a pre neuron its synapses in storage order; likewise post spikes.
// - So the weight a spike arriving at step t is transmitted with is the
//   weight before step t's updates. An engine that defers updates (SpiNNaker
//   applies potentiation when the next pre spike's row is processed) gets the
//   same weights if it applies them in the same order, and must flush the
//   pending potentiation at the end of a run: the final weights include every
//   pair up to the last step.
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
