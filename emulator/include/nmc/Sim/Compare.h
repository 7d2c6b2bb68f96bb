//===- Compare.h - Compare the outputs of two runs --------------*- C++ -*-===//
//
// `nmc compare RUN_A RUN_B`: reads two run outputs (NIRData files or CSV
// prefixes of `nmc run`) and reports, per node present in both, how far the
// spikes and traces of B are from those of A (docs/user-guide.md, "nmc
// compare", defines every number). Time is counted in steps.
//===----------------------------------------------------------------------===//
#ifndef NMC_SIM_COMPARE_H
#define NMC_SIM_COMPARE_H

#include "nmc/Sim/Report.h"
#include "nmc/Sim/Sink.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace nmc::sim {

struct Spike {
  int64_t sample = 0, step = 0, neuron = 0;
};

/// The recorded output of one node in one run. A size of -1 is unknown
/// (CSV spike files do not state it); it is then taken from the data.
struct NodeRecord {
  bool hasSpikes = false;
  std::vector<Spike> spikes;
  int64_t samples = -1, neurons = -1;
  /// "v", "i", "out" -> samples x steps x neurons, row-major.
  struct Trace {
    int64_t samples = 0, steps = 0, neurons = 0;
    std::vector<double> data;
  };
  std::map<std::string, Trace> traces;
};

struct RunRecord {
  std::string source; // file or prefix, for messages
  std::map<std::string, NodeRecord> nodes;
};

/// Reads `source`: an existing file is NIRData (HDF5), anything else a CSV
/// prefix (SOURCE_<node>_spikes.csv, SOURCE_<node>_{v,i,out}.csv). NIRData
/// spike times become steps round(time / dt), with dt = `dt` if given, else
/// the dt of a time-gridded observable of the file; a time that is not a
/// multiple of dt is an error. Throws std::runtime_error naming the file.
RunRecord readRun(const std::string &source, std::optional<double> dt = {});

/// A sink that keeps the spikes of every spiking node of a run in memory,
/// as a RunRecord (a target compared with the reference in the same
/// command). Above `maxSpikes` spikes it stops and drops them
/// (overflowed()), so a long run cannot exhaust memory.
class RunRecordSink : public Sink {
public:
  explicit RunRecordSink(std::string source, int64_t maxSpikes)
      : maxSpikes(maxSpikes) {
    record_.source = std::move(source);
  }
  void begin(const RunInfo &info) override;
  void beginSample(int64_t s) override { sample = s; }
  void spikes(size_t node, std::span<const Event> events) override;
  const RunRecord &record() const { return record_; }
  bool overflowed() const { return overflowed_; }

private:
  RunRecord record_;
  std::vector<NodeInfo> nodes;
  int64_t maxSpikes, spikeCount = 0, sample = 0;
  bool overflowed_ = false;
};

struct CompareOptions {
  double tau = 10; ///< van Rossum time constant, in steps (> 0)
  /// Node whose argmax agreement the summary reports ("" for none).
  std::string outputLayer;
};

/// The comparison report: a "summary" section and one "node NAME" section
/// per node in both runs. Throws std::runtime_error naming the node if the
/// two runs disagree on a node's size, or `outputLayer` is not in both.
Report compareRuns(const RunRecord &a, const RunRecord &b,
                   const CompareOptions &options);

// The measures, exposed for tests and for target reports.

struct SpikeMatch {
  int64_t both = 0, onlyA = 0, onlyB = 0;
};
/// Spikes at the same (sample, step, neuron) in both lists, counted with
/// multiplicity; the lists may be in any order.
SpikeMatch matchSpikes(std::vector<Spike> a, std::vector<Spike> b);

/// Pearson correlation of x and y (same length). If x or y is constant:
/// 1 if x == y, else 0.
double correlation(const std::vector<double> &x, const std::vector<double> &y);

/// van Rossum distance between two spike trains (times in any unit, same
/// as tau): D^2 = (1/tau) * integral of (f - g)^2 over time, where f and g
/// are the trains convolved with exp(-t/tau) for t >= 0. Exact, in
/// O(|a| + |b|) after sorting; one spike against none gives sqrt(1/2).
double vanRossum(std::vector<double> a, std::vector<double> b, double tau);

struct TraceError {
  double rmse = 0, maxAbs = 0;
};
/// Root-mean-square and largest absolute difference of equal-size arrays
/// (equal values, including equal infinities and two NaNs, differ by 0).
TraceError traceError(const std::vector<double> &a,
                      const std::vector<double> &b);

/// Index of the largest value (lowest index on ties; NaN never wins;
/// 0 for an empty or all-NaN range).
int64_t argmax(const double *values, int64_t n);

} // namespace nmc::sim

#endif // NMC_SIM_COMPARE_H
