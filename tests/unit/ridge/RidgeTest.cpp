//===- RidgeTest.cpp - nmc-ridge readout against hand-solved cases --------===//
#include "Ridge.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <stdexcept>

using namespace nmc;

namespace {

Eigen::MatrixXd column(std::initializer_list<double> values) {
  Eigen::MatrixXd x(values.size(), 1);
  Eigen::Index i = 0;
  for (double v : values)
    x(i++, 0) = v;
  return x;
}

// Two samples x = 0 (class 0) and x = 1 (class 1). Class 1's targets are
// t = (0, 1): x_mean = t_mean = 0.5, Sxt = 0.5, Sxx = 0.5, so the slope is
// Sxt / (Sxx + lambda) and the bias t_mean - slope * x_mean; class 0's
// targets (1, 0) give the negated slope.
TEST(Ridge, TwoPointsNoPenaltyInterpolate) {
  ridge::Readout r = ridge::fit(column({0, 1}), {0, 1}, 2, 0.0);
  EXPECT_NEAR(r.weight(0, 0), -1.0, 1e-12);
  EXPECT_NEAR(r.weight(0, 1), 1.0, 1e-12);
  EXPECT_NEAR(r.bias(0), 1.0, 1e-12);
  EXPECT_NEAR(r.bias(1), 0.0, 1e-12);
}

TEST(Ridge, PenaltyShrinksWeightsButNotBias) {
  // lambda 0.5: slope 0.5 / 1.0 = 0.5; bias 0.5 - 0.25 = 0.25 (class 1),
  // slope -0.5, bias 0.5 + 0.25 = 0.75 (class 0).
  ridge::Readout r = ridge::fit(column({0, 1}), {0, 1}, 2, 0.5);
  EXPECT_NEAR(r.weight(0, 1), 0.5, 1e-12);
  EXPECT_NEAR(r.bias(1), 0.25, 1e-12);
  EXPECT_NEAR(r.weight(0, 0), -0.5, 1e-12);
  EXPECT_NEAR(r.bias(0), 0.75, 1e-12);
}

// Spike counts 0, 1, 2 (class 0) and 8, 9, 10 (class 1): symmetric about
// x = 5, so for any lambda the class-1 score a x + b crosses 1/2 (where the
// two scores are equal) at x = 5: below is class 0, above class 1.
// lambda 0: a = Sxt / Sxx = (6 + 6) / 100 = 0.12, b = 0.5 - 0.12·5 = -0.1.
TEST(Ridge, SeparableCountsPredictExactly) {
  Eigen::MatrixXd train = column({0, 1, 2, 8, 9, 10});
  std::vector<int> labels{0, 0, 0, 1, 1, 1};
  for (double lambda : {0.0, 4.0, 100.0}) {
    ridge::Readout r = ridge::fit(train, labels, 2, lambda);
    EXPECT_EQ(ridge::predict(r, column({0, 3, 4.9, 5.1, 7, 20})),
              (std::vector<int>{0, 0, 0, 1, 1, 1}))
        << "lambda " << lambda;
    EXPECT_EQ(ridge::accuracy(ridge::predict(r, train), labels), 1.0);
  }
  ridge::Readout r = ridge::fit(train, labels, 2, 0.0);
  EXPECT_NEAR(r.weight(0, 1), 0.12, 1e-12);
  EXPECT_NEAR(r.bias(1), -0.1, 1e-12);
  // Scores at x = 20: class 1 2.3, class 0 1 - 2.3.
  Eigen::MatrixXd s = ridge::scores(r, column({20}));
  EXPECT_NEAR(s(0, 1), 2.3, 1e-12);
  EXPECT_NEAR(s(0, 0), -1.3, 1e-12);
}

TEST(Ridge, SilentFeatureIsHarmless) {
  // A neuron that never spikes (column of zeros) with lambda 0: the Gram
  // matrix is singular; the minimum-norm solution gives it weight 0.
  Eigen::MatrixXd x(4, 2);
  x << 0, 0, 1, 0, 9, 0, 10, 0;
  ridge::Readout r = ridge::fit(x, {0, 0, 1, 1}, 2, 0.0);
  EXPECT_NEAR(r.weight(1, 0), 0.0, 1e-12);
  EXPECT_NEAR(r.weight(1, 1), 0.0, 1e-12);
  EXPECT_EQ(ridge::predict(r, x), (std::vector<int>{0, 0, 1, 1}));
}

TEST(Ridge, AccuracyCountsMatches) {
  EXPECT_DOUBLE_EQ(ridge::accuracy({0, 1, 2, 2}, {0, 1, 1, 2}), 0.75);
  EXPECT_THROW(ridge::accuracy({0, 1}, {0}), std::invalid_argument);
}

TEST(Ridge, BadTrainingInputsAreRefused) {
  EXPECT_THROW(ridge::fit(column({0, 1, 2}), {0, 1}, 2, 1.0),
               std::invalid_argument);
  EXPECT_THROW(ridge::fit(column({0, 1}), {0, 2}, 2, 1.0),
               std::invalid_argument);
  EXPECT_THROW(ridge::fit(column({0, 1}), {0, 1}, 2, -1.0),
               std::invalid_argument);
  EXPECT_THROW(ridge::fit(Eigen::MatrixXd(0, 1), {}, 2, 1.0),
               std::invalid_argument);
  ridge::Readout r = ridge::fit(column({0, 1}), {0, 1}, 2, 1.0);
  EXPECT_THROW(ridge::predict(r, Eigen::MatrixXd::Zero(1, 2)),
               std::invalid_argument);
}

TEST(Ridge, SpikeCountsSumValuesPerSampleAndNeuron) {
  std::vector<std::vector<sim::Event>> events{
      {{0, 1, 1.0}, {3, 1, 1.0}, {4, 0, 2.0}}, {}, {{7, 2, 1.0}}};
  Eigen::MatrixXd c = ridge::spikeCounts(events, 4, 3, "x");
  Eigen::MatrixXd expected(4, 3);
  expected << 2, 2, 0, //
      0, 0, 0,         //
      0, 0, 1,         //
      0, 0, 0;         // a trailing sample without spikes
  EXPECT_EQ(c, expected);
}

TEST(Ridge, SpikeCountsRefuseMismatchedSizes) {
  std::vector<std::vector<sim::Event>> events{{}, {}, {{0, 5, 1.0}}};
  try {
    ridge::spikeCounts(events, 2, 10, "run_lif_spikes.csv");
    FAIL() << "more samples than labels accepted";
  } catch (const std::runtime_error &e) {
    EXPECT_STREQ(e.what(),
                 "run_lif_spikes.csv: spikes of sample 2 but only 2 labels");
  }
  EXPECT_THROW(ridge::spikeCounts(events, 3, 5, "f"), std::runtime_error);
}

TEST(Ridge, LabelsFileIsReadAndCheckedLineByLine) {
  std::string path = testing::TempDir() + "ridge_labels.txt";
  std::ofstream(path) << "# digits\n3\n\n 0 \n9\n";
  EXPECT_EQ(ridge::readLabels(path), (std::vector<int>{3, 0, 9}));
  std::ofstream(path) << "1\nseven\n";
  try {
    ridge::readLabels(path);
    FAIL() << "bad label accepted";
  } catch (const std::runtime_error &e) {
    EXPECT_EQ(std::string(e.what()),
              path + ":2: 'seven' is not a label in [0, 65535]");
  }
  std::ofstream(path) << "# none\n";
  EXPECT_THROW(ridge::readLabels(path), std::runtime_error);
  std::remove(path.c_str());
  EXPECT_THROW(ridge::readLabels(path), std::runtime_error);
}

} // namespace
