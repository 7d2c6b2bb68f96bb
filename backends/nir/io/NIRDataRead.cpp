//===- NIRDataRead.cpp - readNIRData: nir.write_data file -> GraphData ----===//
//
// Layout (../shared/reference/nir.md §3.6, nir/serialization.py read_data):
//   /                      @__type__ = "NIRGraphData"
//   /nodes/<node>          @__type__ = "NIRNodeData" | "NIRGraphData" (nested)
//   .../observables/<obs>  @__type__ = "TimeGriddedData": @dt, data (S,T,N)
//                          "EventData": @n_neurons, @t_max, idx (S,E) int,
//                                       time (S,E) float
//                          "ValuedEventData": as EventData + value (S,E)
// Event arrays are rectangular: samples with fewer events are padded with
// idx = -1 (and time = inf), as nir.TimeGriddedData.to_event does; padded
// entries are dropped here. Nested NIRGraphData nodes are flattened into
// keys "<graph>/<node>" ('/' cannot occur in HDF5 names, so this is
// reversible; writeNIRData nests them again).
//===----------------------------------------------------------------------===//
#include "nmc/IO/H5Guard.h"
#include "nmc/NIR/NIRData.h"
#include "nmc/Support/H5.h"

namespace nmc::nir {

namespace {

constexpr int kMaxDepth = 64;

/// Opens `g/name`, checks rank and reads it as doubles.
bool readArray(hid_t g, const std::string &name, size_t rank,
               std::vector<double> &values, std::vector<int64_t> &shape,
               std::string &error) {
  h5::Dataset ds = h5::openDataset(g, name, error);
  h5::Info info;
  if (!ds || !h5::inspect(ds.get(), info, error))
    return false;
  if (info.shape.size() != rank) {
    error = h5::pathOf(ds.get()) + ": expected rank " + std::to_string(rank) +
            ", got rank " + std::to_string(info.shape.size());
    return false;
  }
  shape = info.shape;
  return h5::readDoubles(ds.get(), values, error);
}

bool readTimeGridded(hid_t g, Observable &obs, std::string &error) {
  obs.kind = Observable::Kind::TimeGridded;
  std::vector<int64_t> shape;
  if (!h5::readAttribute(g, "dt", obs.dt, error) ||
      !readArray(g, "data", 3, obs.data, shape, error))
    return false;
  obs.nSamples = shape[0];
  obs.nSteps = shape[1];
  obs.nNeurons = shape[2];
  return true;
}

bool readEvents(hid_t g, bool valued, Observable &obs, std::string &error) {
  obs.kind = valued ? Observable::Kind::ValuedEvent : Observable::Kind::Event;
  if (!h5::readAttribute(g, "n_neurons", obs.nNeurons, error) ||
      !h5::readAttribute(g, "t_max", obs.tMax, error))
    return false;
  h5::Dataset idxSet = h5::openDataset(g, "idx", error);
  h5::Info info;
  std::vector<int64_t> idx;
  if (!idxSet || !h5::inspect(idxSet.get(), info, error) ||
      !h5::readInt64s(idxSet.get(), idx, error))
    return false;
  if (info.shape.size() != 2) {
    error = h5::pathOf(idxSet.get()) + ": expected rank 2 (samples, events)";
    return false;
  }
  std::vector<double> time, value;
  std::vector<int64_t> timeShape, valueShape;
  if (!readArray(g, "time", 2, time, timeShape, error) ||
      (valued && !readArray(g, "value", 2, value, valueShape, error)))
    return false;
  if (timeShape != info.shape || (valued && valueShape != info.shape)) {
    error = h5::pathOf(g) + ": idx, time" + (valued ? ", value" : "") +
            " must have the same shape";
    return false;
  }
  int64_t samples = info.shape[0], events = info.shape[1];
  obs.nSamples = samples;
  obs.idx.assign(size_t(samples), {});
  obs.time.assign(size_t(samples), {});
  obs.value.assign(valued ? size_t(samples) : 0, {});
  for (int64_t s = 0; s < samples; ++s)
    for (int64_t e = 0; e < events; ++e) {
      size_t k = size_t(s * events + e);
      if (idx[k] == -1) // padding
        continue;
      if (idx[k] < 0 || (obs.nNeurons >= 0 && idx[k] >= obs.nNeurons)) {
        error = h5::pathOf(idxSet.get()) + ": neuron index " +
                std::to_string(idx[k]) +
                " out of range for n_neurons = " + std::to_string(obs.nNeurons);
        return false;
      }
      obs.idx[size_t(s)].push_back(idx[k]);
      obs.time[size_t(s)].push_back(time[k]);
      if (valued)
        obs.value[size_t(s)].push_back(value[k]);
    }
  return true;
}

bool readNodeData(hid_t g, std::map<std::string, Observable> &out,
                  std::string &error) {
  h5::Group obsGroup = h5::openGroup(g, "observables", error);
  std::vector<h5::Child> children;
  if (!obsGroup || !h5::listChildren(obsGroup.get(), children, error))
    return false;
  for (const h5::Child &c : children) {
    h5::Group o = h5::openGroup(obsGroup.get(), c.name, error);
    std::string type;
    if (!o || !h5::readAttribute(o.get(), "__type__", type, error))
      return false;
    Observable obs;
    bool ok;
    if (type == "TimeGriddedData")
      ok = readTimeGridded(o.get(), obs, error);
    else if (type == "EventData" || type == "ValuedEventData")
      ok = readEvents(o.get(), type == "ValuedEventData", obs, error);
    else {
      error = h5::pathOf(o.get()) + "@__type__: unknown observable type \"" +
              type +
              "\" (expected TimeGriddedData, EventData or ValuedEventData)";
      ok = false;
    }
    if (!ok)
      return false;
    out[c.name] = std::move(obs);
  }
  return true;
}

bool readGraphData(hid_t g, const std::string &prefix, int depth,
                   GraphData &out, std::string &error) {
  if (depth > kMaxDepth) {
    error = h5::pathOf(g) + ": NIRGraphData nested too deep (cyclic links?)";
    return false;
  }
  h5::Group nodes = h5::openGroup(g, "nodes", error);
  std::vector<h5::Child> children;
  if (!nodes || !h5::listChildren(nodes.get(), children, error))
    return false;
  for (const h5::Child &c : children) {
    h5::Group n = h5::openGroup(nodes.get(), c.name, error);
    std::string type;
    if (!n || !h5::readAttribute(n.get(), "__type__", type, error))
      return false;
    bool ok;
    if (type == "NIRNodeData")
      ok = readNodeData(n.get(), out.nodes[prefix + c.name], error);
    else if (type == "NIRGraphData")
      ok = readGraphData(n.get(), prefix + c.name + "/", depth + 1, out, error);
    else {
      error = h5::pathOf(n.get()) + "@__type__: unknown node data type \"" +
              type + "\" (expected NIRNodeData or NIRGraphData)";
      ok = false;
    }
    if (!ok)
      return false;
  }
  return true;
}

} // namespace

bool readNIRData(const std::string &path, GraphData &out, std::string &error) {
  out = GraphData();
  std::string why, type;
  h5::File file;
  if (io::checkHDF5File(path, why))
    file = h5::openFile(path, why);
  bool ok = file && h5::readAttribute(file.get(), "__type__", type, why);
  if (ok && type != "NIRGraphData") {
    why = "/@__type__: expected \"NIRGraphData\", got \"" + type + "\"";
    ok = false;
  }
  if (ok && readGraphData(file.get(), "", 0, out, why))
    return true;
  out = GraphData();
  error = path + ": " + why;
  return false;
}

} // namespace nmc::nir
