//===- ConstantSource.h - A constant (DC) input, every step -----*- C++ -*-===//
//
// `--input dc:VALUE`: the Input node outputs the same value every step (one
// for all neurons or one per neuron), as a constant current injected through
// the node's weights (Brian2's/NEST's DC generator). Deterministic: no seed.
//===----------------------------------------------------------------------===//
#ifndef NMC_SIM_CONSTANTSOURCE_H
#define NMC_SIM_CONSTANTSOURCE_H

#include "nmc/Sim/Events.h"

#include <vector>

namespace nmc::sim {

class ConstantSource : public InputSource {
public:
  /// `values` has 1 or n entries, each finite; throws std::runtime_error
  /// otherwise.
  ConstantSource(int64_t n, std::vector<double> values);
  void begin(int64_t) override {}
  void fill(int64_t step, std::span<double> values) override;
  bool binary() const override { return isBinary; }

private:
  std::vector<double> perNeuron; ///< n entries
  bool isBinary = false;
};

} // namespace nmc::sim

#endif // NMC_SIM_CONSTANTSOURCE_H
