//===- RunInputs.cpp - `nmc run` input and initial-state specs ------------===//
#include "RunInputs.h"

#include "nmc/Sim/ConstantSource.h"
#include "nmc/Sim/NIRDataIO.h"
#include "nmc/Sim/SpikeCsv.h"
#include "nmc/Sim/Stimulus.h"
#include "nmc/Support/Random.h"

#include <cmath>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>

namespace nmc::driver {

namespace {

bool endsWith(const std::string &s, const std::string &suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string inputNames(const image::Header &header) {
  std::string names;
  for (const image::Port &p : header.inputs)
    names += (names.empty() ? "" : ", ") + p.name;
  return names.empty() ? "(none)" : names;
}

/// Splits "NODE=SOURCE"; without NODE picks the only Input node.
std::pair<const image::Port *, std::string>
resolveTarget(const std::string &spec, const image::Header &header) {
  std::string node, source = spec;
  // A '=' before any ':' separates the node name (paths may contain '=').
  size_t eq = spec.find('='), colon = spec.find(':');
  if (eq != std::string::npos && (colon == std::string::npos || eq < colon)) {
    node = spec.substr(0, eq);
    source = spec.substr(eq + 1);
  }
  if (node.empty()) {
    if (header.inputs.size() != 1)
      throw std::runtime_error("--input " + spec + ": the network has " +
                               std::to_string(header.inputs.size()) +
                               " input nodes; write NODE=SOURCE with NODE "
                               "one of: " +
                               inputNames(header));
    return {&header.inputs.front(), source};
  }
  const image::Port *p = header.findInput(node);
  if (!p)
    throw std::runtime_error("--input " + spec + ": no input node '" + node +
                             "' (input nodes: " + inputNames(header) + ")");
  return {p, source};
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

/// The numbers of a source: `X`, a list `X0,X1,...` (one per neuron) or
/// `@FILE` (numbers separated by commas, blanks or lines; `#` comments);
/// 1 or n of them.
std::vector<double> parseValues(const std::string &spec,
                                const std::string &text, int64_t n) {
  std::string list = text;
  if (text.starts_with("@")) {
    std::ifstream in(text.substr(1));
    if (!in)
      throw std::runtime_error("--input " + spec + ": cannot open '" +
                               text.substr(1) + "'");
    list.clear();
    for (std::string line; std::getline(in, line);)
      list += line.substr(0, line.find('#')) + "\n";
  }
  for (char &c : list)
    if (c == ',' || c == '\n' || c == '\r' || c == '\t')
      c = ' ';
  std::vector<double> values;
  std::istringstream words(list);
  for (std::string word; words >> word;)
    values.push_back(parseNumber("--input " + spec, word));
  if (values.size() != 1 && int64_t(values.size()) != n)
    throw std::runtime_error(
        "--input " + spec + ": " + std::to_string(values.size()) +
        " values for an input node of " + std::to_string(n) +
        " neurons (give 1 or " + std::to_string(n) + ")");
  return values;
}

std::vector<double> parseRates(const std::string &spec, const std::string &text,
                               int64_t n) {
  std::vector<double> rates = parseValues(spec, text, n);
  for (double rate : rates)
    if (rate < 0)
      throw std::runtime_error("--input " + spec + ": rate must be >= 0");
  return rates;
}

void checkEvents(const sim::EventBatch &batch, const image::Port &node,
                 const std::string &spec) {
  const int64_t size = node.size;
  for (const auto &sample : batch)
    for (const sim::Event &e : sample)
      if (e.neuron < 0 || e.neuron >= size || e.step < 0)
        throw std::runtime_error(
            "--input " + spec + ": event at step " + std::to_string(e.step) +
            " for neuron " + std::to_string(e.neuron) + " does not fit node '" +
            node.name + "' of size " + std::to_string(size));
}

} // namespace

void addInputs(const std::vector<std::string> &specs,
               const image::Header &image, uint64_t seed,
               sim::RunConfig &config) {
  uint64_t stream = 0;
  std::map<std::string, std::string> given; // node -> its spec
  for (const std::string &spec : specs) {
    auto [node, source] = resolveTarget(spec, image);
    if (auto [it, fresh] = given.emplace(node->name, spec); !fresh)
      throw std::runtime_error("--input " + spec + ": node '" + node->name +
                               "' already gets --input " + it->second +
                               "; give one source per input node");
    const int64_t n = node->size;
    // Each generated input gets its own seed so two inputs are independent.
    uint64_t inputSeed = seed + 0x9E3779B97F4A7C15ull * stream++;
    if (source.rfind("poisson:", 0) == 0) {
      std::vector<double> rates = parseRates(spec, source.substr(8), n);
      try {
        config.sources[node->name] =
            std::make_shared<sim::PoissonSource>(n, rates, image.dt, inputSeed);
      } catch (const std::runtime_error &e) {
        throw std::runtime_error("--input " + spec + ": " + e.what());
      }
    } else if (source.rfind("bernoulli:", 0) == 0) {
      std::vector<double> rates = parseRates(spec, source.substr(10), n);
      for (double rate : rates)
        if (rate * image.dt > 1)
          throw std::runtime_error("--input " + spec + ": rate*dt = " +
                                   std::to_string(rate * image.dt) +
                                   " exceeds 1; use poisson: for counts");
      config.sources[node->name] =
          std::make_shared<sim::BernoulliSource>(n, rates, image.dt, inputSeed);
    } else if (source.rfind("dc:", 0) == 0) {
      config.sources[node->name] = std::make_shared<sim::ConstantSource>(
          n, parseValues(spec, source.substr(3), n));
    } else if (endsWith(source, ".csv") || endsWith(source, ".h5") ||
               endsWith(source, ".nird")) {
      sim::EventBatch events =
          endsWith(source, ".csv")
              ? sim::readSpikeCsv(source)
              : sim::readNIRDataEvents(source, node->name, image.dt);
      checkEvents(events, *node, spec);
      config.batch = std::max<int64_t>(config.batch, events.size());
      config.inputs[node->name] = std::move(events);
    } else {
      throw std::runtime_error("--input " + spec +
                               ": unknown source (use poisson:RATE, "
                               "bernoulli:RATE, dc:VALUE, FILE.csv or "
                               "FILE.h5)");
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
                      const std::vector<sim::NodeInfo> &nodes, uint64_t seed,
                      sim::RunConfig &config) {
  for (const std::string &spec : specs) {
    size_t eq = spec.find('=');
    if (eq == std::string::npos)
      throw std::runtime_error("--init-v " + spec +
                               ": expected NODE=VALUE or NODE=uniform:LO:HI");
    std::string name = spec.substr(0, eq), value = spec.substr(eq + 1);
    const sim::NodeInfo *node = nullptr;
    for (const sim::NodeInfo &n : nodes)
      if (n.name == name)
        node = &n;
    if (!node || node->kind != "neuron")
      throw std::runtime_error("--init-v " + spec + ": no neuron node '" +
                               name + "'");
    if (value.rfind("uniform:", 0) == 0) {
      double lo = 0, hi = 0;
      if (std::sscanf(value.c_str() + 8, "%lf:%lf", &lo, &hi) != 2 ||
          !std::isfinite(lo) || !std::isfinite(hi) || hi < lo)
        throw std::runtime_error("--init-v " + spec +
                                 ": expected uniform:LO:HI with finite LO <= "
                                 "HI");
      Xoshiro256 rng = Xoshiro256::forStream(seed, 1u << 20);
      std::vector<double> v(node->size);
      for (double &x : v)
        x = lo + (hi - lo) * rng.uniform();
      config.initialV[name] = std::move(v);
    } else {
      config.initialV[name] = {parseNumber("--init-v " + spec, value)};
    }
  }
}

} // namespace nmc::driver
