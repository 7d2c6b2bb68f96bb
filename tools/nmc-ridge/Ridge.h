//===- Ridge.h - Ridge-regression linear readout ---------------*- C++ -*-===//
//
// The readout of a liquid state machine: a linear map from per-sample spike
// counts to class scores, trained in closed form by ridge regression on
// one-vs-all targets (1 for the sample's class, 0 otherwise), with a bias
// that is not regularized. Prediction is the class of the largest score.
//===----------------------------------------------------------------------===//
#ifndef NMC_TOOLS_NMC_RIDGE_RIDGE_H
#define NMC_TOOLS_NMC_RIDGE_RIDGE_H

#include "nmc/Sim/Events.h"

#include <Eigen/Dense>

#include <cstdint>
#include <string>
#include <vector>

namespace nmc::ridge {

/// Trained readout: scores = features * weight + bias.
struct Readout {
  Eigen::MatrixXd weight;  ///< [features, classes]
  Eigen::RowVectorXd bias; ///< [classes]
};

/// Solves min_W,b sum_i |t_i - x_i W - b|^2 + lambda |W|^2 for one-vs-all
/// targets t_i of `labels` (each in [0, classes)). Throws
/// std::invalid_argument if rows and labels differ in number, a label is
/// out of range, there are no samples, or lambda < 0.
Readout fit(const Eigen::MatrixXd &features, const std::vector<int> &labels,
            int classes, double lambda);

/// Class scores [samples, classes].
Eigen::MatrixXd scores(const Readout &readout, const Eigen::MatrixXd &features);

/// Argmax of each row of the scores (lowest class on ties).
std::vector<int> predict(const Readout &readout,
                         const Eigen::MatrixXd &features);

/// Fraction of predictions equal to labels (sizes must match).
double accuracy(const std::vector<int> &predicted,
                const std::vector<int> &labels);

/// One non-negative integer label per line (blank lines and `#` comments
/// skipped). Throws std::runtime_error naming file and line.
std::vector<int> readLabels(const std::string &path);

/// Spike counts [samples, neurons] of `events` (one list per sample, as
/// sim::readSpikeCsv / readNIRDataEvents return): row s, column n sums the
/// spike values of neuron n in sample s. `samples` must be at least the
/// number of lists (missing trailing samples had no spikes). Throws
/// std::runtime_error naming `source` for more lists than samples or a
/// neuron index >= neurons.
Eigen::MatrixXd spikeCounts(const std::vector<std::vector<sim::Event>> &events,
                            int64_t samples, int64_t neurons,
                            const std::string &source);

} // namespace nmc::ridge

#endif // NMC_TOOLS_NMC_RIDGE_RIDGE_H
