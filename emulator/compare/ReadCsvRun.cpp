//===- ReadCsvRun.cpp - CSV outputs of nmc run as a run record --*- C++ -*-===//
//
// `nmc run --output-csv PREFIX` writes PREFIX_<node>_spikes.csv (read with
// sim::readSpikeCsv) and PREFIX_<node>_<var>.csv traces in long format
// `sample,step,neuron,value`, one row per element of a full
// samples x steps x neurons grid.
//===----------------------------------------------------------------------===//
#include "RunReaders.h"

#include "nmc/Sim/SpikeCsv.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace nmc::sim::detail {

namespace fs = std::filesystem;

namespace {

const char *const kTraceVars[] = {"v", "i", "out"};

struct TraceRow {
  int64_t sample, step, neuron;
  double value;
};

std::string trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r"), e = s.find_last_not_of(" \t\r");
  return b == std::string_view::npos ? "" : std::string(s.substr(b, e - b + 1));
}

/// Splits a line at commas and trims the fields.
std::vector<std::string> fields(const std::string &line) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t comma; (comma = line.find(',', start)) != std::string::npos;
       start = comma + 1)
    out.push_back(trim(std::string_view(line).substr(start, comma - start)));
  out.push_back(trim(std::string_view(line).substr(start)));
  return out;
}

template <typename T> bool parse(const std::string &s, T &out) {
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size();
}

NodeRecord::Trace readTraceCsv(const std::string &path) {
  std::ifstream in(path);
  if (!in)
    throw std::runtime_error(path + ": cannot open");
  std::string line;
  int64_t lineNo = 1;
  auto fail = [&](const std::string &msg) {
    throw std::runtime_error(fmt::format("{}:{}: {}", path, lineNo, msg));
  };
  if (!std::getline(in, line) ||
      fields(line) !=
          std::vector<std::string>{"sample", "step", "neuron", "value"})
    fail("expected the header sample,step,neuron,value");
  std::vector<TraceRow> rows;
  NodeRecord::Trace t;
  while (std::getline(in, line)) {
    ++lineNo;
    if (trim(line).empty())
      continue;
    std::vector<std::string> f = fields(line);
    TraceRow r;
    if (f.size() != 4 || !parse(f[0], r.sample) || !parse(f[1], r.step) ||
        !parse(f[2], r.neuron) || !parse(f[3], r.value) || r.sample < 0 ||
        r.step < 0 || r.neuron < 0)
      fail("expected sample,step,neuron,value (three non-negative integers "
           "and a number)");
    t.samples = std::max(t.samples, r.sample + 1);
    t.steps = std::max(t.steps, r.step + 1);
    t.neurons = std::max(t.neurons, r.neuron + 1);
    rows.push_back(r);
  }
  // Rows must cover the grid their largest indices span, each cell once.
  if (static_cast<double>(t.samples) * static_cast<double>(t.steps) *
          static_cast<double>(t.neurons) !=
      static_cast<double>(rows.size()))
    throw std::runtime_error(fmt::format(
        "{}: {} rows do not fill a {} x {} x {} (samples x steps x neurons) "
        "grid",
        path, rows.size(), t.samples, t.steps, t.neurons));
  t.data.assign(rows.size(), 0.0);
  std::vector<bool> seen(rows.size(), false);
  for (const TraceRow &r : rows) {
    size_t k = size_t((r.sample * t.steps + r.step) * t.neurons + r.neuron);
    if (seen[k])
      throw std::runtime_error(
          fmt::format("{}: sample {}, step {}, neuron {} appears twice", path,
                      r.sample, r.step, r.neuron));
    seen[k] = true;
    t.data[k] = r.value;
  }
  return t;
}

void readSpikes(const std::string &path, NodeRecord &node) {
  sim::EventBatch batch = sim::readSpikeCsv(path);
  node.hasSpikes = true;
  for (size_t s = 0; s < batch.size(); ++s)
    for (const sim::Event &e : batch[s])
      node.spikes.push_back({static_cast<int64_t>(s), e.step, e.neuron});
}

/// "<node>_<kind>" -> {node, kind} for kind "spikes" or a trace variable.
std::optional<std::pair<std::string, std::string>>
splitName(const std::string &rest) {
  std::vector<std::string> kinds = {"spikes"};
  kinds.insert(kinds.end(), std::begin(kTraceVars), std::end(kTraceVars));
  for (const std::string &kind : kinds)
    if (rest.size() > kind.size() + 1 && rest.ends_with("_" + kind))
      return std::pair(rest.substr(0, rest.size() - kind.size() - 1), kind);
  return std::nullopt;
}

} // namespace

RunRecord readCsvRun(const std::string &prefix) {
  fs::path p(prefix);
  fs::path dir = p.has_parent_path() ? p.parent_path() : fs::path(".");
  std::string start = p.filename().string() + "_";
  std::vector<std::pair<std::string, fs::path>> files; // rest, path
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end;
       it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.size() > start.size() + 4 && name.starts_with(start) &&
        name.ends_with(".csv"))
      files.emplace_back(
          name.substr(start.size(), name.size() - start.size() - 4),
          it->path());
  }
  std::sort(files.begin(), files.end());
  RunRecord run{prefix, {}};
  for (const auto &[rest, path] : files) {
    auto parts = splitName(rest);
    if (!parts)
      continue;
    NodeRecord &node = run.nodes[parts->first];
    if (parts->second == "spikes")
      readSpikes(path.string(), node);
    else
      node.traces[parts->second] = readTraceCsv(path.string());
  }
  if (run.nodes.empty())
    throw std::runtime_error(prefix + ": no such file, and no CSV outputs " +
                             prefix + "_<node>_spikes.csv or " + prefix +
                             "_<node>_<v|i|out>.csv");
  return run;
}

} // namespace nmc::sim::detail
