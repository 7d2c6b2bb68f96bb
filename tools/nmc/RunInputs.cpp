//===- RunInputs.cpp - `nmc run` input and initial-state specs
//-------------===//
#include "RunInputs.h"

#include "nmc/Emulator/Random.h"
#include "nmc/Emulator/SpikeCsv.h"
#include "nmc/Emulator/Stimulus.h"
#include "nmc/NIR/NIRData.h"

#include <cmath>
#include <memory>
#include <stdexcept>

namespace nmc::driver {

namespace {

bool endsWith(const std::string &s, const std::string &suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

const image::Node *findNode(const image::Image &image,
                            const std::string &name) {
  for (const image::Node &n : image.nodes)
    if (n.name == name)
      return &n;
  return nullptr;
}

std::string inputNames(const image::Image &image) {
  std::string names;
  for (const image::Node &n : image.nodes)
    if (n.kind == "input")
      names += (names.empty() ? "" : ", ") + n.name;
  return names.empty() ? "(none)" : names;
}

/// Splits "NODE=SOURCE"; without NODE picks the only Input node.
std::pair<const image::Node *, std::string>
resolveTarget(const std::string &spec, const image::Image &image) {
  std::string node, source = spec;
  // A '=' before any ':' separates the node name (paths may contain '=').
  size_t eq = spec.find('='), colon = spec.find(':');
  if (eq != std::string::npos && (colon == std::string::npos || eq < colon)) {
    node = spec.substr(0, eq);
    source = spec.substr(eq + 1);
  }
  if (node.empty()) {
    const image::Node *only = nullptr;
    int count = 0;
    for (const image::Node &n : image.nodes)
      if (n.kind == "input")
        only = &n, ++count;
    if (count != 1)
      throw std::runtime_error("--input " + spec + ": the network has " +
                               std::to_string(count) +
                               " input nodes; write NODE=SOURCE with NODE "
                               "one of: " +
                               inputNames(image));
    return {only, source};
  }
  const image::Node *n = findNode(image, node);
  if (!n || n->kind != "input")
    throw std::runtime_error("--input " + spec + ": no input node '" + node +
                             "' (input nodes: " + inputNames(image) + ")");
  return {n, source};
}

double parseNumber(const std::string &spec, const std::string &text) {
  size_t used = 0;
  double value = NAN;
  try {
    value = std::stod(text, &used);
  } catch (const std::exception &) {
  }
  if (used != text.size() || !std::isfinite(value))
    throw std::runtime_error(spec + ": '" + text + "' is not a number");
  return value;
}

double parseRate(const std::string &spec, const std::string &text) {
  double rate = parseNumber("--input " + spec, text);
  if (rate < 0)
    throw std::runtime_error("--input " + spec + ": rate must be >= 0");
  return rate;
}

/// NIRData observable -> events (times become steps of dt).
engine::EventBatch fromNIRData(const std::string &file, const std::string &node,
                               double dt) {
  nir::GraphData data;
  std::string error;
  if (!nir::readNIRData(file, data, error))
    throw std::runtime_error(error);
  auto it = data.nodes.find(node);
  if (it == data.nodes.end() && data.nodes.size() == 1)
    it = data.nodes.begin();
  if (it == data.nodes.end() || it->second.empty())
    throw std::runtime_error(file + ": no observables for input node '" + node +
                             "'");
  const auto &observables = it->second;
  auto obs = observables.find("spikes");
  if (obs == observables.end())
    obs = observables.begin();
  const nir::Observable &o = obs->second;
  engine::EventBatch batch;
  if (o.kind == nir::Observable::Kind::TimeGridded) {
    batch.resize(std::max<int64_t>(1, o.nSamples));
    for (int64_t s = 0; s < o.nSamples; ++s)
      for (int64_t t = 0; t < o.nSteps; ++t)
        for (int64_t n = 0; n < o.nNeurons; ++n)
          if (double v = o.data[(s * o.nSteps + t) * o.nNeurons + n]; v != 0)
            batch[s].push_back({t, n, v});
    return batch;
  }
  batch.resize(std::max<size_t>(1, o.idx.size()));
  for (size_t s = 0; s < o.idx.size(); ++s)
    for (size_t e = 0; e < o.idx[s].size(); ++e) {
      double value =
          o.kind == nir::Observable::Kind::ValuedEvent && e < o.value[s].size()
              ? o.value[s][e]
              : 1.0;
      batch[s].push_back({static_cast<int64_t>(std::llround(o.time[s][e] / dt)),
                          o.idx[s][e], value});
    }
  return batch;
}

void checkEvents(const engine::EventBatch &batch, const image::Node &node,
                 const std::string &spec) {
  int64_t size = nodeSize(node);
  for (const auto &sample : batch)
    for (const engine::Event &e : sample)
      if (e.neuron < 0 || e.neuron >= size || e.step < 0)
        throw std::runtime_error(
            "--input " + spec + ": event at step " + std::to_string(e.step) +
            " for neuron " + std::to_string(e.neuron) + " does not fit node '" +
            node.name + "' of size " + std::to_string(size));
}

} // namespace

int64_t nodeSize(const image::Node &node) {
  int64_t n = 1;
  for (int64_t d : node.outShape)
    n *= d;
  return n;
}

void addInputs(const std::vector<std::string> &specs, const image::Image &image,
               uint64_t seed, engine::RunConfig &config) {
  uint64_t stream = 0;
  for (const std::string &spec : specs) {
    auto [node, source] = resolveTarget(spec, image);
    int64_t n = nodeSize(*node);
    // Each generated input gets its own seed so two inputs are independent.
    uint64_t inputSeed = seed + 0x9E3779B97F4A7C15ull * stream++;
    if (source.rfind("poisson:", 0) == 0) {
      double rate = parseRate(spec, source.substr(8));
      config.sources[node->name] = std::make_shared<engine::PoissonSource>(
          n, std::vector<double>{rate}, image.dt, inputSeed);
    } else if (source.rfind("bernoulli:", 0) == 0) {
      double rate = parseRate(spec, source.substr(10));
      if (rate * image.dt > 1)
        throw std::runtime_error("--input " + spec + ": rate*dt = " +
                                 std::to_string(rate * image.dt) +
                                 " exceeds 1; use poisson: for counts");
      config.sources[node->name] = std::make_shared<engine::BernoulliSource>(
          n, std::vector<double>{rate}, image.dt, inputSeed);
    } else if (endsWith(source, ".csv") || endsWith(source, ".h5") ||
               endsWith(source, ".nird")) {
      engine::EventBatch events =
          endsWith(source, ".csv") ? engine::readSpikeCsv(source)
                                   : fromNIRData(source, node->name, image.dt);
      checkEvents(events, *node, spec);
      config.batch = std::max<int64_t>(config.batch, events.size());
      config.inputs[node->name] = std::move(events);
    } else {
      throw std::runtime_error("--input " + spec +
                               ": unknown source (use poisson:RATE, "
                               "bernoulli:RATE, FILE.csv or FILE.h5)");
    }
  }
  for (const auto &[name, events] : config.inputs)
    if (events.size() != 1 &&
        static_cast<int64_t>(events.size()) != config.batch)
      throw std::runtime_error(
          "input '" + name + "' has " + std::to_string(events.size()) +
          " samples but the batch has " + std::to_string(config.batch));
}

void addInitialStates(const std::vector<std::string> &specs,
                      const image::Image &image, uint64_t seed,
                      engine::RunConfig &config) {
  for (const std::string &spec : specs) {
    size_t eq = spec.find('=');
    if (eq == std::string::npos)
      throw std::runtime_error("--init-v " + spec +
                               ": expected NODE=VALUE or NODE=uniform:LO:HI");
    std::string name = spec.substr(0, eq), value = spec.substr(eq + 1);
    const image::Node *node = findNode(image, name);
    if (!node || node->kind != "neuron")
      throw std::runtime_error("--init-v " + spec + ": no neuron node '" +
                               name + "'");
    if (value.rfind("uniform:", 0) == 0) {
      double lo = 0, hi = 0;
      if (std::sscanf(value.c_str() + 8, "%lf:%lf", &lo, &hi) != 2 || hi < lo)
        throw std::runtime_error("--init-v " + spec +
                                 ": expected uniform:LO:HI with LO <= HI");
      engine::Xoshiro256 rng = engine::Xoshiro256::forStream(seed, 1u << 20);
      std::vector<double> v(nodeSize(*node));
      for (double &x : v)
        x = lo + (hi - lo) * rng.uniform();
      config.initialV[name] = std::move(v);
    } else {
      config.initialV[name] = {parseNumber("--init-v " + spec, value)};
    }
  }
}

} // namespace nmc::driver
