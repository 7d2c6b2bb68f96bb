//===- NeuronModel.h - The neuron equations, defined once -------*- C++ -*-===//
//
// NIR neurons are continuous-time ODEs (../shared/reference/nir.md §2.2). This
// header is the single place where they become discrete-time update rules. The
// `snn-discretize` pass, the reference engine, the quantizer and every target
// emulator use it, so a change here changes all of them together.
//
// Every NIR neuron type is one instance of this linear two-state form, with
// per-neuron coefficients (x = summed input of the step, I = synaptic current,
// v = membrane):
//
// clang-format off
//   I' = aSyn * I + bSyn * x                           (CubaLI/CubaLIF only)
//   v' = aMem * v + cMemSyn * I + cMemIn * x + cMem0   (I is the *old* I)
//   spiking types: z = (v' > vThreshold); on z: v' = vReset  (reset to value)
//                                         or v' -= vThreshold (by subtraction)
//   output: z for IF/LIF/CubaLIF, v' for I/LI/CubaLI
// clang-format on
//
// Threshold comparison is strict `>` as in NIR's docstrings and snnTorch.
// The membrane uses the current of the *previous* step, as NIR's reference
// implementation (paper/03_rnn/extras/debug_CubaLIF/nir_reference_impl.py).
//
// Methods (τ = tau, a = decay):
//   euler: a = 1 - dt/τ, input gain dt/τ·r, leak term dt/τ·v_leak.
//   exact: zero-order hold on x over the step: a = exp(-dt/τ), gain (1-a)·r,
//          leak term (1-a)·v_leak; for CubaLIF the coupled linear system is
//          solved exactly over the step (see discretizeNeuron).
//
// The update (stepNeuron) is one template over the number type: double,
// float, or a fixed-point type of FixedPoint.h, whose operators saturate and
// round (docs/semantics.md, "Fixed-point arithmetic").
//===----------------------------------------------------------------------===//
#ifndef NMC_MODEL_NEURONMODEL_H
#define NMC_MODEL_NEURONMODEL_H

#include "nmc/Model/FixedPoint.h"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace nmc::model {

/// NIR neuron node types.
enum class NeuronType { I, IF, LI, LIF, CubaLI, CubaLIF };

enum class Method { Euler, Exact };
enum class ResetMode { ToValue, Subtract };

/// The one default of each discretization option: used by the snn-discretize
/// pass, the snn-lower pipeline and the driver's --dt/--method/--reset.
inline constexpr double kDefaultDt = 1e-4;
inline constexpr Method kDefaultMethod = Method::Euler;
inline constexpr ResetMode kDefaultReset = ResetMode::ToValue;

/// Returns true for types that emit spikes (and reset).
inline bool isSpiking(NeuronType t) {
  return t == NeuronType::IF || t == NeuronType::LIF ||
         t == NeuronType::CubaLIF;
}
/// Returns true for types with a synaptic-current state.
inline bool hasSynapse(NeuronType t) {
  return t == NeuronType::CubaLI || t == NeuronType::CubaLIF;
}

/// Continuous-time parameters of one neuron, NIR names. Unused fields are
/// ignored by the type (e.g. `tau` for IF).
struct ContinuousParams {
  double tau = 1, tauSyn = 1, tauMem = 1, r = 1, vLeak = 0, vThreshold = 1,
         vReset = 0, wIn = 1;
};

/// Discrete-time coefficients of one neuron (see the file comment), in the
/// number type T of the update.
template <class T> struct DiscreteCoeffsT {
  T aSyn{}, bSyn{};
  T aMem = T(1);
  T cMemSyn{}, cMemIn{}, cMem0{}, vThreshold{}, vReset{};
};
using DiscreteCoeffs = DiscreteCoeffsT<double>;

/// `c` in number type T (fromDouble: rounded to nearest for fixed types).
template <class T> DiscreteCoeffsT<T> convertCoeffs(const DiscreteCoeffs &c) {
  return {fromDouble<T>(c.aSyn),       fromDouble<T>(c.bSyn),
          fromDouble<T>(c.aMem),       fromDouble<T>(c.cMemSyn),
          fromDouble<T>(c.cMemIn),     fromDouble<T>(c.cMem0),
          fromDouble<T>(c.vThreshold), fromDouble<T>(c.vReset)};
}

/// Turns the continuous parameters of a neuron of type `t` into update
/// coefficients for step `dt` with `method`.
inline DiscreteCoeffs discretizeNeuron(NeuronType t, const ContinuousParams &p,
                                       double dt, Method method) {
  DiscreteCoeffs c;
  c.vThreshold = p.vThreshold;
  c.vReset = p.vReset;
  auto decay = [&](double tau) {
    return method == Method::Euler ? 1.0 - dt / tau : std::exp(-dt / tau);
  };
  switch (t) {
  case NeuronType::I:
  case NeuronType::IF:
    // v' = R·I has no leak; Euler and exact agree for piecewise-constant input.
    c.aMem = 1.0;
    c.cMemIn = dt * p.r;
    return c;
  case NeuronType::LI:
  case NeuronType::LIF: {
    c.aMem = decay(p.tau);
    double gain = method == Method::Euler ? dt / p.tau : 1.0 - c.aMem;
    c.cMemIn = gain * p.r;
    c.cMem0 = gain * p.vLeak;
    return c;
  }
  case NeuronType::CubaLI:
  case NeuronType::CubaLIF: {
    c.aSyn = decay(p.tauSyn);
    c.aMem = decay(p.tauMem);
    if (method == Method::Euler) {
      c.bSyn = dt / p.tauSyn * p.wIn;
      c.cMemSyn = dt / p.tauMem * p.r;
      c.cMem0 = dt / p.tauMem * p.vLeak;
      return c;
    }
    // Exact solution with u = w_in·x held over the step:
    //   I(dt) = aS·I0 + (1-aS)·u
    //   v(dt) = aM·v0 + (1-aM)(vLeak + r·u) + r·K·(I0 - u)
    // with K = τs/(τs-τm)·(aS-aM), and K = dt/τ·aM in the limit τs = τm.
    c.bSyn = (1.0 - c.aSyn) * p.wIn;
    double k;
    if (std::abs(p.tauSyn - p.tauMem) <= 1e-12 * std::abs(p.tauMem))
      k = dt / p.tauMem * c.aMem;
    else
      k = p.tauSyn / (p.tauSyn - p.tauMem) * (c.aSyn - c.aMem);
    c.cMemSyn = p.r * k;
    c.cMemIn = ((1.0 - c.aMem) * p.r - p.r * k) * p.wIn;
    c.cMem0 = (1.0 - c.aMem) * p.vLeak;
    return c;
  }
  }
  return c;
}

/// syn' = (aSyn*syn) + (bSyn*x), products in that order (bSyn*x first);
/// returns the old syn.
template <class T, class Arith>
T updateSynapse(Arith &ar, const DiscreteCoeffsT<T> &c, T x, T &syn) {
  const T oldSyn = syn;
  const T inSyn = ar.mul(c.bSyn, x);
  syn = ar.add(ar.mul(c.aSyn, oldSyn), inSyn);
  return oldSyn;
}

/// stepNeuronWith's state update before the spike test.
template <class T, class Arith>
void integrateNeuron(Arith &ar, const DiscreteCoeffsT<T> &c, bool hasSyn, T x,
                     T &syn, T &v) {
  T nv = ar.mul(c.aMem, v);
  if (hasSyn) {
    const T oldSyn = updateSynapse(ar, c, x, syn);
    nv = ar.add(nv, ar.mul(c.cMemSyn, oldSyn));
  }
  v = ar.add(ar.add(nv, ar.mul(c.cMemIn, x)), c.cMem0);
}

/// Advances one neuron by one step with arithmetic `ar` (NativeArith<T>:
/// T's operators; FixedArith: the same in a hoisted FixedContext). `syn` and
/// `v` are its state; returns the node output (spike 1/0 for spiking types,
/// else the new membrane value). Operations in this order, each rounded (and
/// for fixed types saturated) on its own; sums are left to right:
///   syn' = (aSyn*syn) + (bSyn*x)                       if hasSyn
///   v'   = ((aMem*v [+ cMemSyn*syn]) + cMemIn*x) + cMem0
/// Without a synapse the cMemSyn term is absent (not an added zero), as in
/// the engine's vectorized loops. Products are formed in the order
/// aMem*v, bSyn*x, aSyn*syn, cMemSyn*syn, cMemIn*x (stochastic rounding
/// draws in that order).
template <class T, class Arith>
T stepNeuronWith(Arith &ar, const DiscreteCoeffsT<T> &c, bool hasSyn,
                 bool spiking, ResetMode reset, T x, T &syn, T &v) {
  integrateNeuron(ar, c, hasSyn, x, syn, v);
  if (!spiking)
    return v;
  if (v > c.vThreshold) {
    v = reset == ResetMode::ToValue ? c.vReset : ar.sub(v, c.vThreshold);
    return ar.one();
  }
  return T{}; // 0 (T(0) would look up the fixed-point context)
}

/// stepNeuronWith in T's own operators.
template <class T>
T stepNeuron(const DiscreteCoeffsT<T> &c, bool hasSyn, bool spiking,
             ResetMode reset, T x, T &syn, T &v) {
  NativeArith<T> ar;
  return stepNeuronWith(ar, c, hasSyn, spiking, reset, x, syn, v);
}

/// The nmc neuron extensions (docs/nir-support.md), in number type T: a
/// refractory period of `refSteps` whole steps and an adaptive threshold
/// theta that decays by `aTheta` per step and grows by `dTheta` per spike.
template <class T> struct NeuronExtT {
  int32_t refSteps = 0;
  T aTheta{}, dTheta{};
};
using NeuronExt = NeuronExtT<double>;

/// Refractory steps of a period `tRef` (time units) at step `dt`:
/// round(tRef / dt), halves away from zero (std::llround).
inline int64_t refractorySteps(double tRef, double dt) {
  return std::llround(tRef / dt);
}

/// Per-step decay of the adaptive threshold, as the membrane's with `method`.
inline double thetaDecay(double tauTheta, double dt, Method method) {
  return method == Method::Euler ? 1.0 - dt / tauTheta
                                 : std::exp(-dt / tauTheta);
}

/// The extension state of one neuron: refractory steps left and theta.
template <class T> struct NeuronExtState {
  int32_t refLeft = 0;
  T theta{};
};

/// stepNeuronWith for a spiking neuron with the extensions `e`
/// (`adaptive`: the node has an adaptive threshold). With refSteps = 0 and
/// adaptive = false it is stepNeuronWith's spiking branch exactly.
///   syn' = (aSyn*syn) + (bSyn*x)         if hasSyn, also while refractory
///   refractory (refLeft > 0): refLeft -= 1; v' = v (held at its value after
///                the spike step's reset); x does not reach v; z = 0
///   else: v' as stepNeuronWith; thr = vThreshold [+ theta if adaptive];
///         z = v' > thr; on z: v' = vReset (or v' - thr), refLeft = refSteps
///   theta' = (aTheta*theta) [+ dTheta on z]            if adaptive
/// So with refSteps = k the k steps after a spike step are clamped, and a
/// spike raises the threshold from the next step on. Products in the order
/// of stepNeuronWith (those of v skipped while refractory), then aTheta*theta.
template <class T, class Arith>
T stepNeuronExtWith(Arith &ar, const DiscreteCoeffsT<T> &c,
                    const NeuronExtT<T> &e, bool hasSyn, bool adaptive,
                    ResetMode reset, T x, T &syn, T &v, NeuronExtState<T> &s) {
  bool fired = false;
  if (s.refLeft > 0) {
    --s.refLeft;
    if (hasSyn)
      updateSynapse(ar, c, x, syn);
  } else {
    integrateNeuron(ar, c, hasSyn, x, syn, v);
    const T thr = adaptive ? ar.add(c.vThreshold, s.theta) : c.vThreshold;
    if (v > thr) {
      v = reset == ResetMode::ToValue ? c.vReset : ar.sub(v, thr);
      s.refLeft = e.refSteps;
      fired = true;
    }
  }
  if (adaptive) {
    s.theta = ar.mul(e.aTheta, s.theta);
    if (fired)
      s.theta = ar.add(s.theta, e.dTheta);
  }
  return fired ? ar.one() : T{};
}

/// Name <-> enum helpers used by files and command lines.
inline const char *toString(NeuronType t) {
  switch (t) {
  case NeuronType::I:
    return "I";
  case NeuronType::IF:
    return "IF";
  case NeuronType::LI:
    return "LI";
  case NeuronType::LIF:
    return "LIF";
  case NeuronType::CubaLI:
    return "CubaLI";
  case NeuronType::CubaLIF:
    return "CubaLIF";
  }
  return "?";
}
inline bool parseNeuronType(std::string_view s, NeuronType &t) {
  for (NeuronType c :
       {NeuronType::I, NeuronType::IF, NeuronType::LI, NeuronType::LIF,
        NeuronType::CubaLI, NeuronType::CubaLIF})
    if (s == toString(c)) {
      t = c;
      return true;
    }
  return false;
}
inline const char *toString(Method m) {
  return m == Method::Euler ? "euler" : "exact";
}
inline bool parseMethod(std::string_view s, Method &m) {
  if (s == "euler")
    m = Method::Euler;
  else if (s == "exact")
    m = Method::Exact;
  else
    return false;
  return true;
}
inline const char *toString(ResetMode r) {
  return r == ResetMode::ToValue ? "value" : "subtract";
}
inline bool parseResetMode(std::string_view s, ResetMode &r) {
  if (s == "value" || s == "zero")
    r = ResetMode::ToValue;
  else if (s == "subtract")
    r = ResetMode::Subtract;
  else
    return false;
  return true;
}

} // namespace nmc::model

#endif // NMC_MODEL_NEURONMODEL_H
