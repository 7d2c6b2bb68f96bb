//===- ExtNeuron.h - Neurons with refractory/adaptive threshold -*- C++ -*-===//
//
// A spiking node with the nmc extensions (NodeSpec::extended) runs this
// scalar loop over nmc::model::stepNeuronExtWith in both runners, so fast
// and plain agree bit for bit by construction. Nodes without extensions
// never come here and keep their vector loops.
//===----------------------------------------------------------------------===//
#ifndef NMC_ENGINE_EXTNEURON_H
#define NMC_ENGINE_EXTNEURON_H

#include "Program.h"

#include "nmc/Model/NeuronModel.h"

#include <algorithm>
#include <vector>

namespace nmc::engine::detail {

/// The node's coefficients in T: one entry when uniform, else outSize.
template <class T>
std::vector<model::DiscreteCoeffsT<T>> neuronCoeffs(const NodeSpec &spec) {
  const size_t count = spec.coef[0].size();
  std::vector<model::DiscreteCoeffsT<T>> out(count);
  for (size_t i = 0; i < count; ++i) {
    model::DiscreteCoeffs c;
    double *fields[kNumCoefs] = {&c.aSyn,   &c.bSyn,  &c.aMem,       &c.cMemSyn,
                                 &c.cMemIn, &c.cMem0, &c.vThreshold, &c.vReset};
    for (int f = 0; f < kNumCoefs; ++f)
      *fields[f] = spec.coef[f][i];
    out[i] = model::convertCoeffs<T>(c);
  }
  return out;
}

/// Coefficients, extension parameters and extension state of one node.
template <class T> struct ExtNeuron {
  std::vector<model::DiscreteCoeffsT<T>> coef; ///< 1 (uniform) or n
  std::vector<model::NeuronExtT<T>> ext;       ///< n
  std::vector<model::NeuronExtState<T>> state; ///< n

  void init(const NodeSpec &spec) {
    coef = neuronCoeffs<T>(spec);
    ext.assign(spec.outSize, {});
    for (int64_t i = 0; i < spec.outSize; ++i) {
      if (!spec.refSteps.empty())
        ext[i].refSteps = spec.refSteps[i];
      if (spec.adaptive) {
        ext[i].aTheta = model::fromDouble<T>(spec.aTheta[i]);
        ext[i].dTheta = model::fromDouble<T>(spec.dTheta[i]);
      }
    }
    state.assign(spec.outSize, {});
  }
  void reset() {
    std::fill(state.begin(), state.end(), model::NeuronExtState<T>{});
  }

  /// Steps every neuron with input x0 (+ x1 when not null, added as the
  /// engine's input sum); calls fired(i) for each spike, in ascending i.
  template <class Arith, class Fired>
  void step(Arith &ar, const NodeSpec &spec, const T *x0, const T *x1, T *syn,
            T *v, Fired &&fired) {
    const auto reset = spec.resetSubtract ? model::ResetMode::Subtract
                                          : model::ResetMode::ToValue;
    const bool uniform = coef.size() == 1;
    T unused{};
    for (int64_t i = 0; i < spec.outSize; ++i) {
      const T x = x1 ? ar.add(x0[i], x1[i]) : x0[i];
      const T z = model::stepNeuronExtWith(
          ar, coef[uniform ? 0 : i], ext[i], spec.hasSyn, spec.adaptive, reset,
          x, spec.hasSyn ? syn[i] : unused, v[i], state[i]);
      if (z != T{})
        fired(i, z);
    }
  }
};

} // namespace nmc::engine::detail

#endif // NMC_ENGINE_EXTNEURON_H
