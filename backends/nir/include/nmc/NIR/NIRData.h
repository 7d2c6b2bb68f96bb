//===- NIRData.h - NIRData spike/state recordings (HDF5) -------*- C++ -*-===//
//
// The `nir.write_data` layout (../shared/reference/nir.md §3.6): per node,
// named observables that are time-gridded arrays or event lists.
//===----------------------------------------------------------------------===//
#ifndef NMC_NIR_NIRDATA_H
#define NMC_NIR_NIRDATA_H

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace nmc::nir {

struct Observable {
  enum class Kind { TimeGridded, Event, ValuedEvent };
  Kind kind = Kind::TimeGridded;
  // TimeGridded: dt and data (nSamples x nSteps x nNeurons, row-major).
  double dt = 0;
  int64_t nSamples = 0, nSteps = 0, nNeurons = 0;
  std::vector<double> data;
  // Event / ValuedEvent: per sample, the neuron index, time and (valued)
  // value of each event. `tMax` and `nNeurons` are the file's attributes.
  double tMax = 0;
  std::vector<std::vector<int64_t>> idx;
  std::vector<std::vector<double>> time;
  std::vector<std::vector<double>> value;
};

/// node name -> observable name ("spikes", "v", ...) -> data.
struct GraphData {
  std::map<std::string, std::map<std::string, Observable>> nodes;
};

bool readNIRData(const std::string &path, GraphData &out, std::string &error);
bool writeNIRData(const std::string &path, const GraphData &data,
                  std::string &error);

} // namespace nmc::nir

#endif // NMC_NIR_NIRDATA_H
