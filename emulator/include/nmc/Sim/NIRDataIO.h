//===- NIRDataIO.h - NIRData files <-> events and traces --------*- C++ -*-===//
//
// Reading: one observable of a NIRData file (docs/user-guide.md, `--input
// FILE.h5`) as input events, times turned into steps of dt.
// Writing: NIRDataSink writes spikes as EventData (time = step * dt) and
// traces as TimeGriddedData, keyed by node name, readable by the reference
// `nir.read_data`. It keeps the run's spikes and traces until finish() (the
// layout pads every sample to the longest), so for long runs prefer CSV,
// which streams.
//===----------------------------------------------------------------------===//
#ifndef NMC_SIM_NIRDATAIO_H
#define NMC_SIM_NIRDATAIO_H

#include "nmc/Sim/Sink.h"

#include <memory>
#include <string>

namespace nmc::nir {
struct GraphData;
struct Observable;
} // namespace nmc::nir

namespace nmc::sim {

/// The events of one NIRData observable, per sample: EventData and
/// ValuedEventData times become steps of `dt` (a time that is not a multiple
/// of dt, within 10^-6 of a step, is an error starting with `where`);
/// TimeGriddedData nonzeros become events at their grid step (dt unused).
EventBatch observableEvents(const nir::Observable &o, double dt,
                            const std::string &where);

/// Events of node `node` in NIRData file `file` (observable "spikes", else
/// the first; a file with one node is used whatever its name). Throws naming
/// the file on failure.
EventBatch readNIRDataEvents(const std::string &file, const std::string &node,
                             double dt);

class NIRDataSink : public Sink {
public:
  explicit NIRDataSink(std::string path);
  ~NIRDataSink() override;
  void begin(const RunInfo &info) override;
  void beginSample(int64_t sample) override { current = sample; }
  void spikes(size_t node, std::span<const Event> events) override;
  void trace(size_t node, size_t var, int64_t step,
             std::span<const double> row) override;
  void finish() override;

private:
  std::string path;
  RunInfo info;
  int64_t current = 0;
  std::unique_ptr<nir::GraphData> data;
};

} // namespace nmc::sim

#endif // NMC_SIM_NIRDATAIO_H
