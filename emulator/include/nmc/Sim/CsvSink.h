//===- CsvSink.h - Spikes and traces as CSV files, streamed -----*- C++ -*-===//
//
// For output prefix P, writes P_<node>_spikes.csv for every spiking node
// (`sample,step,time,neuron`, time = step * dt, plus `,value` when
// NodeInfo::unitSpikes is false)
// and P_<node>_<var>.csv for every recorded trace (long format
// `sample,step,neuron,value`, one row per element and step), as the run
// produces them. All files are created in begin(), so a bad path fails
// before the first step. Formats: docs/user-guide.md.
//===----------------------------------------------------------------------===//
#ifndef NMC_SIM_CSVSINK_H
#define NMC_SIM_CSVSINK_H

#include "nmc/Sim/Sink.h"

#include <memory>
#include <string>
#include <vector>

namespace nmc::sim {

namespace detail {
class OutputFile;
}

class CsvSink : public Sink {
public:
  explicit CsvSink(std::string prefix);
  ~CsvSink() override;

  void begin(const RunInfo &info) override;
  void beginSample(int64_t sample) override { current = sample; }
  void spikes(size_t node, std::span<const Event> events) override;
  void trace(size_t node, size_t var, int64_t step,
             std::span<const double> row) override;
  void finish() override;

  /// The files this sink writes for `info` (for messages and tests).
  static std::vector<std::string> fileNames(const std::string &prefix,
                                            const RunInfo &info);

private:
  std::string prefix;
  int64_t current = 0;
  double dt = 0; ///< time = step * dt in the spike files
  std::vector<NodeInfo> nodes;
  std::vector<bool> withValues;
  std::vector<std::unique_ptr<detail::OutputFile>> spikeFiles;
  std::vector<std::vector<std::unique_ptr<detail::OutputFile>>> traceFiles;
};

} // namespace nmc::sim

#endif // NMC_SIM_CSVSINK_H
