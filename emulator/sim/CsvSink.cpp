//===- CsvSink.cpp - Spikes and traces as CSV files, streamed ------------===//
#include "nmc/Sim/CsvSink.h"

#include "nmc/Sim/OutputFile.h"

namespace nmc::sim {

namespace {
std::string spikeFile(const std::string &prefix, const NodeInfo &n) {
  return prefix + "_" + n.name + "_spikes.csv";
}
std::string traceFile(const std::string &prefix, const NodeInfo &n,
                      const std::string &var) {
  return prefix + "_" + n.name + "_" + var + ".csv";
}
} // namespace

CsvSink::CsvSink(std::string prefix) : prefix(std::move(prefix)) {}
CsvSink::~CsvSink() = default;

std::vector<std::string> CsvSink::fileNames(const std::string &prefix,
                                            const RunInfo &info) {
  std::vector<std::string> names;
  for (const NodeInfo &n : info.nodes) {
    if (n.spiking)
      names.push_back(spikeFile(prefix, n));
    for (const std::string &var : n.traces)
      names.push_back(traceFile(prefix, n, var));
  }
  return names;
}

void CsvSink::begin(const RunInfo &info) {
  dt = info.dt;
  nodes = info.nodes;
  for (const NodeInfo &n : info.nodes) {
    withValues.push_back(!n.unitSpikes);
    spikeFiles.emplace_back();
    if (n.spiking) {
      spikeFiles.back() =
          std::make_unique<detail::OutputFile>(spikeFile(prefix, n));
      spikeFiles.back()->print("sample,step,time,neuron{}\n",
                               n.unitSpikes ? "" : ",value");
    }
    traceFiles.emplace_back();
    for (const std::string &var : n.traces) {
      traceFiles.back().push_back(
          std::make_unique<detail::OutputFile>(traceFile(prefix, n, var)));
      traceFiles.back().back()->print("sample,step,neuron,value\n");
    }
  }
}

void CsvSink::spikes(size_t node, std::span<const Event> events) {
  detail::OutputFile &out = *spikeFiles[node];
  if (withValues[node]) {
    for (const Event &e : events)
      out.print("{},{},{},{},{}\n", current, e.step, double(e.step) * dt,
                e.neuron, e.value);
  } else {
    for (const Event &e : events)
      out.print("{},{},{},{}\n", current, e.step, double(e.step) * dt,
                e.neuron);
  }
}

void CsvSink::trace(size_t node, size_t var, int64_t step,
                    std::span<const double> row) {
  detail::OutputFile &out = *traceFiles[node][var];
  const NodeInfo &n = nodes[node];
  for (size_t i = 0; i < row.size(); ++i)
    out.print("{},{},{},{}\n", current, step, n.traceElement(var, i), row[i]);
}

void CsvSink::finish() {
  for (auto &f : spikeFiles)
    if (f)
      f->close();
  for (auto &files : traceFiles)
    for (auto &f : files)
      f->close();
}

} // namespace nmc::sim
