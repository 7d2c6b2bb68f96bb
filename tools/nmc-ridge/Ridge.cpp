//===- Ridge.cpp - Ridge-regression linear readout ------------------------===//
#include "Ridge.h"

#include <fmt/core.h>

#include <fstream>
#include <stdexcept>

namespace nmc::ridge {

Readout fit(const Eigen::MatrixXd &features, const std::vector<int> &labels,
            int classes, double lambda) {
  const Eigen::Index n = features.rows(), d = features.cols();
  if (n == 0)
    throw std::invalid_argument("no training samples");
  if (static_cast<size_t>(n) != labels.size())
    throw std::invalid_argument(
        fmt::format("{} feature rows but {} labels", n, labels.size()));
  if (!(lambda >= 0))
    throw std::invalid_argument("lambda must be >= 0");
  Eigen::MatrixXd targets = Eigen::MatrixXd::Zero(n, classes);
  for (Eigen::Index i = 0; i < n; ++i) {
    if (labels[i] < 0 || labels[i] >= classes)
      throw std::invalid_argument(fmt::format(
          "label {} of sample {} is outside [0, {})", labels[i], i, classes));
    targets(i, labels[i]) = 1.0;
  }
  // Centring removes the bias from the problem, so it is not penalized:
  // W = (Xc' Xc + lambda I)^-1 Xc' Tc, b = mean(T) - mean(X) W.
  Eigen::RowVectorXd meanX = features.colwise().mean();
  Eigen::RowVectorXd meanT = targets.colwise().mean();
  Eigen::MatrixXd xc = features.rowwise() - meanX;
  Eigen::MatrixXd tc = targets.rowwise() - meanT;
  Eigen::MatrixXd gram = xc.transpose() * xc;
  gram.diagonal().array() += lambda;
  Readout r;
  // Complete orthogonal decomposition: the minimum-norm solution also when
  // lambda = 0 and the Gram matrix is singular (silent neurons).
  r.weight = gram.completeOrthogonalDecomposition().solve(xc.transpose() * tc);
  if (d == 0)
    r.weight = Eigen::MatrixXd::Zero(0, classes);
  r.bias = meanT - meanX * r.weight;
  return r;
}

Eigen::MatrixXd scores(const Readout &r, const Eigen::MatrixXd &features) {
  if (features.cols() != r.weight.rows())
    throw std::invalid_argument(
        fmt::format("{} features but the readout was trained on {}",
                    features.cols(), r.weight.rows()));
  return (features * r.weight).rowwise() + r.bias;
}

std::vector<int> predict(const Readout &r, const Eigen::MatrixXd &features) {
  Eigen::MatrixXd s = scores(r, features);
  std::vector<int> out(s.rows());
  for (Eigen::Index i = 0; i < s.rows(); ++i)
    s.row(i).maxCoeff(&out[i]); // first maximum: lowest class on ties
  return out;
}

double accuracy(const std::vector<int> &predicted,
                const std::vector<int> &labels) {
  if (predicted.size() != labels.size() || labels.empty())
    throw std::invalid_argument(fmt::format("{} predictions for {} labels",
                                            predicted.size(), labels.size()));
  size_t right = 0;
  for (size_t i = 0; i < labels.size(); ++i)
    right += predicted[i] == labels[i];
  return static_cast<double>(right) / static_cast<double>(labels.size());
}

std::vector<int> readLabels(const std::string &path) {
  std::ifstream in(path);
  if (!in)
    throw std::runtime_error(fmt::format("{}: cannot open", path));
  std::vector<int> labels;
  std::string text;
  for (int line = 1; std::getline(in, text); ++line) {
    text = text.substr(0, text.find('#'));
    size_t first = text.find_first_not_of(" \t\r");
    if (first == std::string::npos)
      continue;
    size_t last = text.find_last_not_of(" \t\r");
    std::string field = text.substr(first, last - first + 1);
    size_t used = 0;
    int value = -1;
    try {
      value = std::stoi(field, &used);
    } catch (const std::exception &) {
    }
    if (used != field.size() || value < 0 || value > 65535)
      throw std::runtime_error(fmt::format(
          "{}:{}: '{}' is not a label in [0, 65535]", path, line, field));
    labels.push_back(value);
  }
  if (in.bad())
    throw std::runtime_error(fmt::format("{}: read error", path));
  if (labels.empty())
    throw std::runtime_error(fmt::format("{}: no labels", path));
  return labels;
}

Eigen::MatrixXd spikeCounts(const std::vector<std::vector<sim::Event>> &events,
                            int64_t samples, int64_t neurons,
                            const std::string &source) {
  if (static_cast<int64_t>(events.size()) > samples)
    throw std::runtime_error(
        fmt::format("{}: spikes of sample {} but only {} labels", source,
                    events.size() - 1, samples));
  Eigen::MatrixXd counts = Eigen::MatrixXd::Zero(samples, neurons);
  for (size_t s = 0; s < events.size(); ++s)
    for (const sim::Event &e : events[s]) {
      if (e.neuron >= neurons)
        throw std::runtime_error(fmt::format(
            "{}: neuron {} in sample {} but the readout has {} inputs", source,
            e.neuron, s, neurons));
      counts(static_cast<Eigen::Index>(s), e.neuron) += e.value;
    }
  return counts;
}

} // namespace nmc::ridge
