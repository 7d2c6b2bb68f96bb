//===- Vcd.h - Value change dump of chosen neurons, streamed ----*- C++ -*-===//
//
// Writes spikes and recorded state of a few neurons as a VCD file (IEEE 1364
// §18) for GTKWave & co, as the run goes. One `$scope module` per node; per
// chosen neuron a 1-bit wire `spike_<i>` (spiking nodes; high during the
// step of a spike) and `real` variables `<var>_<i>` for every trace recorded
// for the node (v, i, and out unless it is a spike train). The timescale is
// the coarsest 1/10/100 s..fs unit that divides dt (dt taken in seconds).
// Only one sample (VcdOptions::sample) is dumped.
//===----------------------------------------------------------------------===//
#ifndef NMC_SIM_VCD_H
#define NMC_SIM_VCD_H

#include "nmc/Sim/Sink.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace nmc::sim {

namespace detail {
class OutputFile;
}

struct VcdProbe {
  std::string node;
  /// Flat indices; empty = the first VcdOptions::neuronsPerNode.
  std::vector<int64_t> neurons;
};

struct VcdOptions {
  /// Nodes to dump; empty = every spiking node but inputs.
  std::vector<VcdProbe> probes;
  int64_t sample = 0;
  int64_t neuronsPerNode = 8;
};

class VcdSink : public Sink {
public:
  VcdSink(std::string path, VcdOptions options);
  ~VcdSink() override;

  /// Opens the file and writes the header; throws naming the node or file
  /// at fault (unknown node, neuron out of range, nothing to dump).
  void begin(const RunInfo &info) override;
  void beginSample(int64_t sample) override;
  void spikes(size_t node, std::span<const Event> events) override;
  void trace(size_t node, size_t var, int64_t step,
             std::span<const double> row) override;
  void endStep(int64_t step) override;
  void endSample(int64_t sample) override;
  void finish() override;

private:
  struct Signal {
    std::string id, name;
    size_t node = 0, var = 0; ///< var: trace index (real signals)
    bool wire = false;
    int64_t neuron = 0;
    double now = 0, last = 0;
  };
  void emitChanges(int64_t step);

  std::string path;
  VcdOptions options;
  std::unique_ptr<detail::OutputFile> out;
  std::vector<Signal> signals;
  /// Per node: (neuron, signal index) of its spike wires; (position in the
  /// trace row, signal index) of its trace signals.
  std::vector<std::vector<std::pair<int64_t, size_t>>> wiresOf, realsOf;
  int64_t ticks = 1, steps = 0;
  bool active = false;
  std::string changes;
};

/// VCD identifier code number `n`: base-94 over the printable characters
/// '!'..'~' (also used by the SFQ pulse VCD, nmc/Target/SFQ/PulseIO.h).
inline std::string vcdIdentifier(size_t n) {
  std::string id;
  do {
    id.push_back(static_cast<char>('!' + n % 94));
    n /= 94;
  } while (n);
  return id;
}

/// The timescale chosen for `dt` seconds, e.g. {"100 us", 1} for 1e-4:
/// unit text and ticks per step.
std::pair<std::string, int64_t> vcdTimescale(double dt);

} // namespace nmc::sim

#endif // NMC_SIM_VCD_H
