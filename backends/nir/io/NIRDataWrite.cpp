//===- NIRDataWrite.cpp - writeNIRData: GraphData -> nir.write_data file --===//
//
// Same layout as NIRDataRead.cpp. Choices where nir.write_data leaves room:
// - Time-gridded data is written as float64 (the in-memory type).
// - Event lists are ragged in memory but rectangular on disk: every sample is
//   padded to the longest one with idx = -1, time = +inf (the convention of
//   nir.EventData) and, for ValuedEventData, value = 0.0 (NIR defines no
//   padding value; readers must mask by idx == -1). nSamples of an event
//   observable is ignored on write: the sample count is idx.size().
// - Keys "<graph>/<node>" become nested NIRGraphData groups.
// - Arrays are gzip level 4 chunked, like nir.write_data's default.
//===----------------------------------------------------------------------===//
#include "NIRIOInternal.h"
#include "nmc/NIR/NIRData.h"
#include "nmc/Support/H5.h"

#include <algorithm>
#include <cstdio>
#include <limits>

namespace nmc::nir {

namespace {

bool writeTimeGridded(hid_t g, const Observable &obs, std::string &error) {
  if (obs.nSamples < 0 || obs.nSteps < 0 || obs.nNeurons < 0 ||
      double(obs.nSamples) * double(obs.nSteps) * double(obs.nNeurons) !=
          double(obs.data.size())) {
    error = h5::pathOf(g) + ": data has " + std::to_string(obs.data.size()) +
            " values, expected nSamples*nSteps*nNeurons";
    return false;
  }
  return h5::writeAttribute(g, "__type__", std::string("TimeGriddedData"),
                            error) &&
         h5::writeAttribute(g, "dt", obs.dt, error) &&
         h5::writeDoubles(g, "data", {obs.nSamples, obs.nSteps, obs.nNeurons},
                          obs.data, h5::FileType::F64, true, error);
}

bool writeEvents(hid_t g, const Observable &obs, std::string &error) {
  bool valued = obs.kind == Observable::Kind::ValuedEvent;
  size_t samples = obs.idx.size(), width = 0;
  bool ok =
      obs.time.size() == samples && (!valued || obs.value.size() == samples);
  for (size_t s = 0; ok && s < samples; ++s) {
    ok = obs.time[s].size() == obs.idx[s].size() &&
         (!valued || obs.value[s].size() == obs.idx[s].size());
    width = std::max(width, obs.idx[s].size());
  }
  if (!ok) {
    error = h5::pathOf(g) + ": idx, time" + (valued ? ", value" : "") +
            " differ in their number of samples or events";
    return false;
  }
  for (const auto &row : obs.idx)
    for (int64_t i : row)
      if (i < 0 || i >= obs.nNeurons) {
        error = h5::pathOf(g) + ": neuron index " + std::to_string(i) +
                " out of range for nNeurons = " + std::to_string(obs.nNeurons);
        return false;
      }
  size_t total = samples * width;
  std::vector<int64_t> idx(total, -1);
  std::vector<double> time(total, std::numeric_limits<double>::infinity());
  std::vector<double> value(valued ? total : 0, 0.0);
  for (size_t s = 0; s < samples; ++s)
    for (size_t e = 0; e < obs.idx[s].size(); ++e) {
      idx[s * width + e] = obs.idx[s][e];
      time[s * width + e] = obs.time[s][e];
      if (valued)
        value[s * width + e] = obs.value[s][e];
    }
  std::vector<int64_t> shape{int64_t(samples), int64_t(width)};
  return h5::writeAttribute(
             g, "__type__",
             std::string(valued ? "ValuedEventData" : "EventData"), error) &&
         h5::writeAttribute(g, "n_neurons", obs.nNeurons, error) &&
         h5::writeAttribute(g, "t_max", obs.tMax, error) &&
         h5::writeInt64s(g, "idx", shape, idx, h5::FileType::I64, true,
                         error) &&
         h5::writeDoubles(g, "time", shape, time, h5::FileType::F64, true,
                          error) &&
         (!valued || h5::writeDoubles(g, "value", shape, value,
                                      h5::FileType::F64, true, error));
}

bool writeNodeData(hid_t g, const std::map<std::string, Observable> &obs,
                   std::string &error) {
  if (!h5::writeAttribute(g, "__type__", std::string("NIRNodeData"), error))
    return false;
  h5::Group group = h5::createGroup(g, "observables", error);
  if (!group)
    return false;
  for (const auto &[name, o] : obs) {
    if (!detail::isValidLinkName(name)) {
      error = h5::pathOf(group.get()) + ": invalid observable name \"" + name +
              "\"";
      return false;
    }
    h5::Group og = h5::createGroup(group.get(), name, error);
    if (!og || !(o.kind == Observable::Kind::TimeGridded
                     ? writeTimeGridded(og.get(), o, error)
                     : writeEvents(og.get(), o, error)))
      return false;
  }
  return true;
}

/// Returns the `nodes` group of the (possibly nested) graph data at `parts`
/// (all but the last key component), creating NIRGraphData groups as needed.
h5::Group graphNodes(hid_t file, const std::vector<std::string> &parts,
                     std::string &error) {
  h5::Group nodes = h5::openGroup(file, "nodes", error);
  for (size_t i = 0; nodes && i + 1 < parts.size(); ++i) {
    h5::Group graph;
    if (h5::exists(nodes.get(), parts[i])) {
      graph = h5::openGroup(nodes.get(), parts[i], error);
      std::string type;
      if (graph && (!h5::readAttribute(graph.get(), "__type__", type, error) ||
                    type != "NIRGraphData")) {
        error = h5::childPath(nodes.get(), parts[i]) +
                ": key is both node data and graph data";
        return h5::Group();
      }
      if (graph)
        nodes = h5::openGroup(graph.get(), "nodes", error);
    } else {
      graph = h5::createGroup(nodes.get(), parts[i], error);
      if (graph && !h5::writeAttribute(graph.get(), "__type__",
                                       std::string("NIRGraphData"), error))
        return h5::Group();
      if (graph)
        nodes = h5::createGroup(graph.get(), "nodes", error);
    }
    if (!graph)
      return h5::Group();
  }
  return nodes;
}

bool writeAll(hid_t file, const GraphData &data, std::string &error) {
  if (!h5::writeAttribute(file, "__type__", std::string("NIRGraphData"),
                          error) ||
      !h5::createGroup(file, "nodes", error))
    return false;
  for (const auto &[key, obs] : data.nodes) {
    std::vector<std::string> parts = detail::splitKey(key);
    for (const std::string &p : parts)
      if (p.empty() || p == ".") {
        error = "/nodes: invalid node key \"" + key + "\"";
        return false;
      }
    h5::Group nodes = graphNodes(file, parts, error);
    if (!nodes)
      return false;
    if (h5::exists(nodes.get(), parts.back())) {
      error = h5::childPath(nodes.get(), parts.back()) +
              ": key is both node data and graph data";
      return false;
    }
    h5::Group g = h5::createGroup(nodes.get(), parts.back(), error);
    if (!g || !writeNodeData(g.get(), obs, error))
      return false;
  }
  return true;
}

} // namespace

bool writeNIRData(const std::string &path, const GraphData &data,
                  std::string &error) {
  return h5::writeWholeFile(
      path,
      [&](hid_t file, std::string &why) { return writeAll(file, data, why); },
      error);
}

} // namespace nmc::nir
