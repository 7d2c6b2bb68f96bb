//===- TraceSubset.cpp - Record the traces of some neurons only -----------===//
#include "nmc/Sim/TraceSubset.h"

#include <fmt/format.h>

#include <charconv>
#include <set>
#include <stdexcept>

namespace nmc::sim {

namespace {
int64_t parseIndex(const std::string &text, const std::string &item) {
  int64_t v = -1;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() ||
      v < 0)
    throw std::runtime_error(
        fmt::format("'{}' is not a neuron index or a range A-B of them", item));
  return v;
}
} // namespace

std::vector<int64_t> parseElementList(const std::string &text) {
  std::vector<int64_t> out;
  std::set<int64_t> seen;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t comma = std::min(text.find(',', start), text.size());
    const std::string item = text.substr(start, comma - start);
    const size_t dash = item.find('-');
    int64_t lo = 0, hi = 0;
    if (dash == std::string::npos) {
      lo = hi = parseIndex(item, item);
    } else {
      lo = parseIndex(item.substr(0, dash), item);
      hi = parseIndex(item.substr(dash + 1), item);
      if (hi < lo)
        throw std::runtime_error(
            fmt::format("range '{}' ends before it starts", item));
      if (hi - lo >= (int64_t(1) << 24))
        throw std::runtime_error(
            fmt::format("range '{}' is too long (at most 2^24)", item));
    }
    for (int64_t i = lo; i <= hi; ++i) {
      if (!seen.insert(i).second)
        throw std::runtime_error(fmt::format("neuron {} is listed twice", i));
      out.push_back(i);
    }
    start = comma + 1;
  }
  return out;
}

TraceSubsetSink::TraceSubsetSink(std::unique_ptr<Sink> target,
                                 std::vector<int64_t> elements)
    : target(std::move(target)), elements(std::move(elements)) {}

void TraceSubsetSink::begin(const RunInfo &info) {
  this->info = info;
  RunInfo cutInfo = info;
  for (NodeInfo &n : cutInfo.nodes) {
    if (n.traces.empty())
      continue;
    for (int64_t e : elements)
      if (e >= n.size)
        throw std::runtime_error(
            fmt::format("--record-neurons: neuron {} is outside node '{}' of "
                        "size {}",
                        e, n.name, n.size));
    n.traceElements = elements;
  }
  cut.resize(elements.size());
  target->begin(cutInfo);
}

void TraceSubsetSink::trace(size_t node, size_t var, int64_t step,
                            std::span<const double> row) {
  if (info.nodes[node].ownSize(var)) // "w": all synapses
    return target->trace(node, var, step, row);
  for (size_t i = 0; i < elements.size(); ++i)
    cut[i] = row[elements[i]];
  target->trace(node, var, step, cut);
}

} // namespace nmc::sim
