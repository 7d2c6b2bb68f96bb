//===- CompareRuns.cpp - The report of `nmc compare` ------------*- C++ -*-===//
//
// One "node NAME" section per node in both runs, then a "summary" section
// (totals and a table of the main numbers of every node) placed first.
// docs/user-guide.md ("nmc compare") defines each value.
//===----------------------------------------------------------------------===//
#include "nmc/Sim/Compare.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <stdexcept>
#include <tuple>

namespace nmc::sim {

namespace {

/// A node size as the file states it (known) or as the largest spike index
/// + 1 (CSV spike files state no size).
struct Size {
  int64_t value = 0;
  bool known = false;
};

/// The neurons of `n` as its data states them; all statements must agree.
Size statedNeurons(const NodeRecord &n, const std::string &where) {
  Size size;
  auto state = [&](int64_t value, const std::string &what) {
    if (size.known && size.value != value)
      throw std::runtime_error(
          fmt::format("{}: {} has {} neurons, other data {}", where, what,
                      value, size.value));
    size = {value, true};
  };
  if (n.neurons >= 0)
    state(n.neurons, "spikes");
  for (const auto &[var, t] : n.traces)
    state(t.neurons, "trace '" + var + "'");
  return size;
}

/// The samples of a run (the same for every node): as stated by NIRData
/// spikes and traces, which must agree, else from the spikes.
Size statedSamples(const RunRecord &run) {
  Size size;
  auto state = [&](int64_t value, const std::string &node,
                   const std::string &what) {
    if (size.known && size.value != value)
      throw std::runtime_error(
          fmt::format("{}: node '{}': {} has {} samples, other nodes {}",
                      run.source, node, what, value, size.value));
    size = {value, true};
  };
  for (const auto &[name, n] : run.nodes) {
    if (n.samples >= 0)
      state(n.samples, name, "spikes");
    for (const auto &[var, t] : n.traces)
      state(t.samples, name, "trace '" + var + "'");
  }
  for (const auto &[name, n] : run.nodes)
    for (const Spike &s : n.spikes)
      if (!size.known)
        size.value = std::max(size.value, s.sample + 1);
      else if (s.sample >= size.value)
        throw std::runtime_error(fmt::format(
            "{}: node '{}': spike in sample {}, but the run has {} samples",
            run.source, name, s.sample, size.value));
  return size;
}

/// The largest neuron index + 1 of `spikes`.
int64_t neuronExtent(const std::vector<Spike> &spikes) {
  int64_t neurons = 0;
  for (const Spike &s : spikes)
    neurons = std::max(neurons, s.neuron + 1);
  return neurons;
}

/// The neurons of a node in both runs: stated sizes must be equal, and
/// spikes must fit.
int64_t commonSize(Size a, Size b, int64_t extentA, int64_t extentB,
                   const std::string &node, const RunRecord &ra,
                   const RunRecord &rb) {
  if (a.known && b.known && a.value != b.value)
    throw std::runtime_error(
        fmt::format("node '{}': {} has {} neurons, {} has {}", node, ra.source,
                    a.value, rb.source, b.value));
  int64_t size = a.known   ? a.value
                 : b.known ? b.value
                           : std::max(extentA, extentB);
  for (auto [extent, run] : {std::pair(extentA, &ra), std::pair(extentB, &rb)})
    if (extent > size)
      throw std::runtime_error(
          fmt::format("node '{}': {} has a spike of neuron {}, but the node "
                      "has {} neurons",
                      node, run->source, extent - 1, size));
  return size;
}

/// The main numbers of one node, for the summary.
struct NodeSummary {
  std::string name;
  bool spikes = false;
  int64_t spikesA = 0, spikesB = 0;
  SpikeMatch match;
  double correlation = 0, vanRossumMean = 0;
  std::optional<double> argmaxAgreement;
};

double agreement(const SpikeMatch &m) {
  int64_t all = m.both + m.onlyA + m.onlyB;
  return all ? 100.0 * static_cast<double>(m.both) / static_cast<double>(all)
             : 100.0;
}

/// Percentage of samples whose argmax over `rowA` and `rowB` (row s of
/// `neurons` values starting at offset(s)) agree.
template <typename Offset>
double argmaxAgreement(const std::vector<double> &a,
                       const std::vector<double> &b, int64_t samples,
                       int64_t neurons, Offset offset) {
  int64_t agree = 0;
  for (int64_t s = 0; s < samples; ++s)
    agree += argmax(&a[size_t(offset(s))], neurons) ==
             argmax(&b[size_t(offset(s))], neurons);
  return 100.0 * static_cast<double>(agree) / static_cast<double>(samples);
}

/// both / only_a / only_b / agreement of `m` (of one node or all nodes).
void addMatch(Section &section, const SpikeMatch &m) {
  section
      .add("both", m.both, Unit::Count,
           "spikes at the same (sample, step, neuron) in A and B")
      .add("only_a", m.onlyA, Unit::Count, "spikes of A that B lacks")
      .add("only_b", m.onlyB, Unit::Count, "spikes of B that A lacks")
      .add("agreement", agreement(m), Unit::Percent,
           "both / (both + only_a + only_b)");
}

bool byTrain(const Spike &x, const Spike &y) {
  return std::tie(x.sample, x.neuron, x.step) <
         std::tie(y.sample, y.neuron, y.step);
}

/// van Rossum distance of every (sample, neuron) train; returns {mean over
/// all samples x neurons trains, max}.
std::pair<double, double> vanRossumStats(std::vector<Spike> a,
                                         std::vector<Spike> b, int64_t trains,
                                         double tau) {
  std::sort(a.begin(), a.end(), byTrain);
  std::sort(b.begin(), b.end(), byTrain);
  double sum = 0, max = 0;
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    const Spike &head =
        j == b.size() || (i < a.size() && byTrain(a[i], b[j])) ? a[i] : b[j];
    auto key = std::pair(head.sample, head.neuron);
    std::vector<double> ta, tb;
    for (; i < a.size() && std::pair(a[i].sample, a[i].neuron) == key; ++i)
      ta.push_back(static_cast<double>(a[i].step));
    for (; j < b.size() && std::pair(b[j].sample, b[j].neuron) == key; ++j)
      tb.push_back(static_cast<double>(b[j].step));
    double d = vanRossum(std::move(ta), std::move(tb), tau);
    sum += d;
    max = std::max(max, d);
  }
  return {trains ? sum / static_cast<double>(trains) : 0.0, max};
}

void compareSpikes(const NodeRecord &a, const NodeRecord &b, int64_t samples,
                   int64_t neurons, const CompareOptions &options,
                   Section &section, NodeSummary &summary) {
  summary.spikes = true;
  summary.spikesA = static_cast<int64_t>(a.spikes.size());
  summary.spikesB = static_cast<int64_t>(b.spikes.size());
  summary.match = matchSpikes(a.spikes, b.spikes);
  size_t trains = size_t(samples * neurons);
  std::vector<double> countA(trains, 0.0), countB(trains, 0.0);
  for (const Spike &s : a.spikes)
    countA[size_t(s.sample * neurons + s.neuron)] += 1;
  for (const Spike &s : b.spikes)
    countB[size_t(s.sample * neurons + s.neuron)] += 1;
  summary.correlation = correlation(countA, countB);
  auto [vrMean, vrMax] =
      vanRossumStats(a.spikes, b.spikes, int64_t(trains), options.tau);
  summary.vanRossumMean = vrMean;
  section.add("spikes_a", summary.spikesA, Unit::Count, "spikes of run A")
      .add("spikes_b", summary.spikesB, Unit::Count, "spikes of run B");
  addMatch(section, summary.match);
  section
      .add("count_correlation", summary.correlation, Unit::None,
           "Pearson correlation of spike counts per (sample, neuron)")
      .add("van_rossum_mean", vrMean, Unit::None,
           fmt::format("mean van Rossum distance per (sample, neuron), "
                       "tau {} steps",
                       options.tau))
      .add("van_rossum_max", vrMax, Unit::None,
           "largest van Rossum distance of one (sample, neuron)");
  if (samples > 0 && neurons > 0) {
    summary.argmaxAgreement =
        argmaxAgreement(countA, countB, samples, neurons,
                        [&](int64_t s) { return s * neurons; });
    section.add("argmax_agreement", *summary.argmaxAgreement, Unit::Percent,
                "samples whose most-spiking neuron is the same");
  }
}

void compareTraces(const std::string &name, const NodeRecord &a,
                   const NodeRecord &b, Section &section,
                   NodeSummary &summary) {
  std::vector<std::string> onlyA, onlyB;
  for (const auto &[var, ta] : a.traces) {
    auto it = b.traces.find(var);
    if (it == b.traces.end()) {
      onlyA.push_back(var);
      continue;
    }
    const NodeRecord::Trace &tb = it->second;
    if (std::tie(ta.samples, ta.steps, ta.neurons) !=
        std::tie(tb.samples, tb.steps, tb.neurons))
      throw std::runtime_error(fmt::format(
          "node '{}': trace '{}' is {} x {} x {} (samples x steps x neurons) "
          "in A but {} x {} x {} in B",
          name, var, ta.samples, ta.steps, ta.neurons, tb.samples, tb.steps,
          tb.neurons));
    TraceError e = traceError(ta.data, tb.data);
    section
        .add(var + "_rmse", e.rmse, Unit::None,
             "root-mean-square difference of trace " + var)
        .add(var + "_max_error", e.maxAbs, Unit::None,
             "largest absolute difference of trace " + var);
  }
  for (const auto &[var, tb] : b.traces)
    if (!a.traces.count(var))
      onlyB.push_back(var);
  if (!onlyA.empty())
    section.add("traces_only_a", fmt::format("{}", fmt::join(onlyA, ", ")));
  if (!onlyB.empty())
    section.add("traces_only_b", fmt::format("{}", fmt::join(onlyB, ", ")));
  // Without spikes on both sides, the argmax is that of the last step.
  if (summary.spikes)
    return;
  for (const char *var : {"out", "v"}) {
    auto ia = a.traces.find(var), ib = b.traces.find(var);
    if (ia == a.traces.end() || ib == b.traces.end())
      continue;
    const NodeRecord::Trace &t = ia->second;
    if (t.samples > 0 && t.steps > 0 && t.neurons > 0) {
      summary.argmaxAgreement = argmaxAgreement(
          t.data, ib->second.data, t.samples, t.neurons,
          [&](int64_t s) { return (s * t.steps + t.steps - 1) * t.neurons; });
      section.add("argmax_agreement", *summary.argmaxAgreement, Unit::Percent,
                  fmt::format("samples whose largest '{}' at the last step "
                              "is at the same neuron",
                              var));
    }
    return;
  }
}

Section compareNode(const std::string &name, const RunRecord &ra,
                    const RunRecord &rb, int64_t samples,
                    const CompareOptions &options, NodeSummary &summary) {
  const NodeRecord &a = ra.nodes.at(name), &b = rb.nodes.at(name);
  int64_t neurons = commonSize(
      statedNeurons(a, fmt::format("{}: node '{}'", ra.source, name)),
      statedNeurons(b, fmt::format("{}: node '{}'", rb.source, name)),
      neuronExtent(a.spikes), neuronExtent(b.spikes), name, ra, rb);
  Section section{"node " + name, {}, {}};
  summary.name = name;
  section.add("samples", samples, Unit::Count)
      .add("neurons", neurons, Unit::Count);
  if (a.hasSpikes && b.hasSpikes)
    compareSpikes(a, b, samples, neurons, options, section, summary);
  else if (a.hasSpikes || b.hasSpikes)
    section.add("spikes", a.hasSpikes ? "only in A" : "only in B");
  compareTraces(name, a, b, section, summary);
  return section;
}

std::string joinNodes(const RunRecord &run, const RunRecord &other) {
  std::vector<std::string> names;
  for (const auto &[name, node] : run.nodes)
    if (!other.nodes.count(name))
      names.push_back(name);
  return fmt::format("{}", fmt::join(names, ", "));
}

Table summaryTable(const std::vector<NodeSummary> &nodes) {
  Table t{"nodes",
          {{"node"},
           {"spikes A", Unit::Count},
           {"spikes B", Unit::Count},
           {"both", Unit::Count},
           {"only A", Unit::Count},
           {"only B", Unit::Count},
           {"correlation"},
           {"van Rossum"},
           {"argmax", Unit::Percent}},
          {}};
  for (const NodeSummary &n : nodes) {
    std::vector<Scalar> row = {n.name};
    if (n.spikes)
      row.insert(row.end(), {n.spikesA, n.spikesB, n.match.both, n.match.onlyA,
                             n.match.onlyB, n.correlation, n.vanRossumMean});
    else
      row.resize(8);
    row.push_back(n.argmaxAgreement ? Scalar(*n.argmaxAgreement) : Scalar());
    t.rows.push_back(std::move(row));
  }
  return t;
}

} // namespace

Report compareRuns(const RunRecord &a, const RunRecord &b,
                   const CompareOptions &options) {
  if (!(options.tau > 0) || !std::isfinite(options.tau))
    throw std::invalid_argument("tau must be positive and finite");
  if (!options.outputLayer.empty() && (!a.nodes.count(options.outputLayer) ||
                                       !b.nodes.count(options.outputLayer)))
    throw std::runtime_error(fmt::format(
        "output layer '{}' is not in both runs", options.outputLayer));
  Report report{fmt::format("nmc compare: A = {}, B = {}", a.source, b.source),
                {Section{"summary", {}, {}}}};
  Size sa = statedSamples(a), sb = statedSamples(b);
  if (sa.known && sb.known && sa.value != sb.value)
    throw std::runtime_error(fmt::format("{} has {} samples, {} has {}",
                                         a.source, sa.value, b.source,
                                         sb.value));
  int64_t samples = sa.known   ? sa.value
                    : sb.known ? sb.value
                               : std::max(sa.value, sb.value);
  for (auto [size, run] : {std::pair(sa, &a), std::pair(sb, &b)})
    if (!size.known && size.value > samples)
      throw std::runtime_error(fmt::format(
          "{} has spikes in sample {}, but {} has {} samples", run->source,
          size.value - 1, run == &a ? b.source : a.source, samples));
  std::vector<NodeSummary> nodes;
  for (const auto &[name, node] : a.nodes) {
    if (!b.nodes.count(name))
      continue;
    nodes.emplace_back();
    report.sections.push_back(
        compareNode(name, a, b, samples, options, nodes.back()));
  }
  SpikeMatch total;
  for (const NodeSummary &n : nodes) {
    total.both += n.match.both;
    total.onlyA += n.match.onlyA;
    total.onlyB += n.match.onlyB;
  }
  Section &summary = report.sections.front();
  std::string onlyA = joinNodes(a, b), onlyB = joinNodes(b, a);
  summary.add("run_a", a.source)
      .add("run_b", b.source)
      .add("nodes_compared", nodes.size(), Unit::Count,
           "nodes present in both runs")
      .add("nodes_only_a", onlyA.empty() ? Scalar() : Scalar(onlyA))
      .add("nodes_only_b", onlyB.empty() ? Scalar() : Scalar(onlyB))
      .add("tau", options.tau, Unit::Steps, "van Rossum time constant");
  addMatch(summary, total);
  if (!options.outputLayer.empty()) {
    auto it = std::find_if(nodes.begin(), nodes.end(), [&](const auto &n) {
      return n.name == options.outputLayer;
    });
    summary.add("output_layer", options.outputLayer);
    summary.add("argmax_agreement",
                it->argmaxAgreement ? Scalar(*it->argmaxAgreement) : Scalar(),
                Unit::Percent, "output layer: samples with the same argmax");
  }
  if (!nodes.empty())
    summary.tables.push_back(summaryTable(nodes));
  return report;
}

} // namespace nmc::sim
