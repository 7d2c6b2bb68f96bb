//===- main.cpp - nmc-ridge: ridge readout of recorded spike counts -------===//
//
// Trains the linear readout of a liquid state machine on the spike counts
// `nmc run` recorded (spike CSV or NIRData) and prints train and test
// accuracy. Usage and formats: docs/user-guide.md, "LSM readout".
//===----------------------------------------------------------------------===//
#include "Ridge.h"

#include "nmc/Sim/NIRDataIO.h"
#include "nmc/Sim/SpikeCsv.h"

#include <boost/program_options.hpp>
#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <iostream>

namespace po = boost::program_options;
using namespace nmc;

namespace {

struct Options {
  std::string trainSpikes, trainLabels, testSpikes, testLabels, json, node;
  double lambda = 1.0, dt = 1.0;
  int64_t neurons = 0;
};

/// One split: its labels and the recorded events of the liquid.
struct Split {
  std::vector<int> labels;
  sim::EventBatch events;
  std::string source;
};

Split readSplit(const std::string &spikes, const std::string &labels,
                const Options &o) {
  Split s;
  s.labels = ridge::readLabels(labels);
  s.source = spikes;
  bool csv = spikes.size() >= 4 && spikes.ends_with(".csv");
  s.events = csv ? sim::readSpikeCsv(spikes)
                 : sim::readNIRDataEvents(spikes, o.node, o.dt);
  return s;
}

int64_t largestNeuron(const sim::EventBatch &batch) {
  int64_t n = -1;
  for (const auto &sample : batch)
    for (const sim::Event &e : sample)
      n = std::max(n, e.neuron);
  return n;
}

int run(const Options &o) {
  Split train = readSplit(o.trainSpikes, o.trainLabels, o);
  Split test = readSplit(o.testSpikes, o.testLabels, o);
  int64_t neurons = o.neurons ? o.neurons
                              : 1 + std::max(largestNeuron(train.events),
                                             largestNeuron(test.events));
  int classes = 1 + std::max(*std::ranges::max_element(train.labels),
                             *std::ranges::max_element(test.labels));
  auto features = [&](const Split &s) {
    return ridge::spikeCounts(s.events, s.labels.size(), neurons, s.source);
  };
  Eigen::MatrixXd xTrain = features(train), xTest = features(test);
  ridge::Readout readout = ridge::fit(xTrain, train.labels, classes, o.lambda);
  double accTrain =
      ridge::accuracy(ridge::predict(readout, xTrain), train.labels);
  double accTest = ridge::accuracy(ridge::predict(readout, xTest), test.labels);

  fmt::print("train_samples   {}\ntest_samples    {}\nneurons         {}\n"
             "classes         {}\nlambda          {}\n"
             "train_accuracy  {:.2f} %\ntest_accuracy   {:.2f} %\n",
             train.labels.size(), test.labels.size(), neurons, classes,
             o.lambda, 100 * accTrain, 100 * accTest);
  if (!o.json.empty()) {
    nlohmann::json j = {{"train_samples", train.labels.size()},
                        {"test_samples", test.labels.size()},
                        {"neurons", neurons},
                        {"classes", classes},
                        {"lambda", o.lambda},
                        {"train_accuracy", accTrain},
                        {"test_accuracy", accTest}};
    std::ofstream out(o.json);
    out << j.dump(2) << "\n";
    if (!out.flush())
      throw std::runtime_error(o.json + ": cannot write");
  }
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  Options o;
  po::options_description opts(
      "nmc-ridge --train-spikes F --train-labels F --test-spikes F "
      "--test-labels F [options]\n\n"
      "Ridge-regression readout (one-vs-all, unpenalized bias) of per-sample "
      "spike\ncounts recorded by nmc run: FILE.csv (--output-csv "
      "PREFIX_<node>_spikes.csv)\nor NIRData (--output-h5; with --node and "
      "--dt). Labels: one integer per line.\n\nOptions");
  opts.add_options()("help,h", "show this help")(
      "train-spikes", po::value(&o.trainSpikes)->required(),
      "spikes of the training samples")("train-labels",
                                        po::value(&o.trainLabels)->required(),
                                        "labels of the training samples")(
      "test-spikes", po::value(&o.testSpikes)->required(),
      "spikes of the test samples")("test-labels",
                                    po::value(&o.testLabels)->required(),
                                    "labels of the test samples")(
      "lambda", po::value(&o.lambda)->default_value(1.0),
      "ridge penalty on the weights (>= 0)")(
      "neurons", po::value(&o.neurons)->default_value(0),
      "readout inputs (default: largest neuron index + 1 in the files)")(
      "node", po::value(&o.node)->default_value("lif"),
      "NIRData: node whose spikes to read")(
      "dt", po::value(&o.dt)->default_value(1.0),
      "NIRData: time step of the run (times -> steps)")(
      "json", po::value(&o.json), "also write the result as JSON");
  try {
    po::variables_map vm;
    po::store(po::parse_command_line(argc, argv, opts), vm);
    if (vm.count("help")) {
      std::cout << opts << "\n";
      return 0;
    }
    po::notify(vm);
    if (!(o.lambda >= 0) || o.neurons < 0 || !(o.dt > 0))
      throw po::error("--lambda and --neurons must be >= 0, --dt > 0");
  } catch (const po::error &e) {
    std::cerr << "nmc-ridge: error: " << e.what() << "\n\n" << opts << "\n";
    return 2;
  }
  try {
    return run(o);
  } catch (const std::exception &e) {
    std::cerr << "nmc-ridge: error: " << e.what() << "\n";
    return 1;
  }
}
