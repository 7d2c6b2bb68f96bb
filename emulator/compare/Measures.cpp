//===- Measures.cpp - Spike and trace distance measures ---------*- C++ -*-===//
#include "nmc/Sim/Compare.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <tuple>

namespace nmc::sim {

namespace {

bool before(const Spike &x, const Spike &y) {
  return std::tie(x.sample, x.step, x.neuron) <
         std::tie(y.sample, y.step, y.neuron);
}

/// Sum over all pairs (i, j) of exp(-|a_i - a_j| / tau), a sorted: the
/// diagonal gives n; `acc` carries sum_{j<i} exp(-(a_i - a_j) / tau).
double selfSum(const std::vector<double> &a, double tau) {
  double acc = 0, sum = 0;
  for (size_t i = 1; i < a.size(); ++i) {
    acc = std::exp(-(a[i] - a[i - 1]) / tau) * (acc + 1);
    sum += acc;
  }
  return static_cast<double>(a.size()) + 2 * sum;
}

/// Sum over all pairs (i, j) of exp(-|a_i - b_j| / tau), a and b sorted:
/// walks both trains in time order keeping each train's kernel sum at the
/// current time; on equal times a goes first, so the pair counts once.
double crossSum(const std::vector<double> &a, const std::vector<double> &b,
                double tau) {
  double accA = 0, accB = 0, sum = 0, now = 0;
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    bool takeA = j == b.size() || (i < a.size() && a[i] <= b[j]);
    double t = takeA ? a[i] : b[j];
    double decay = std::exp(-(t - now) / tau);
    accA *= decay;
    accB *= decay;
    now = t;
    if (takeA) {
      sum += accB;
      accA += 1;
      ++i;
    } else {
      sum += accA;
      accB += 1;
      ++j;
    }
  }
  return sum;
}

} // namespace

SpikeMatch matchSpikes(std::vector<Spike> a, std::vector<Spike> b) {
  std::sort(a.begin(), a.end(), before);
  std::sort(b.begin(), b.end(), before);
  SpikeMatch m;
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (before(a[i], b[j])) {
      ++m.onlyA;
      ++i;
    } else if (before(b[j], a[i])) {
      ++m.onlyB;
      ++j;
    } else {
      ++m.both;
      ++i;
      ++j;
    }
  }
  m.onlyA += static_cast<int64_t>(a.size() - i);
  m.onlyB += static_cast<int64_t>(b.size() - j);
  return m;
}

double correlation(const std::vector<double> &x, const std::vector<double> &y) {
  if (x.size() != y.size())
    throw std::invalid_argument("correlation of vectors of different sizes");
  auto constant = [](const std::vector<double> &v) {
    return std::all_of(v.begin(), v.end(), [&](double e) { return e == v[0]; });
  };
  if (constant(x) || constant(y))
    return x == y ? 1.0 : 0.0;
  double n = static_cast<double>(x.size()), mx = 0, my = 0;
  for (size_t k = 0; k < x.size(); ++k) {
    mx += x[k] / n;
    my += y[k] / n;
  }
  double sxy = 0, sxx = 0, syy = 0;
  for (size_t k = 0; k < x.size(); ++k) {
    sxy += (x[k] - mx) * (y[k] - my);
    sxx += (x[k] - mx) * (x[k] - mx);
    syy += (y[k] - my) * (y[k] - my);
  }
  return std::clamp(sxy / std::sqrt(sxx * syy), -1.0, 1.0);
}

double vanRossum(std::vector<double> a, std::vector<double> b, double tau) {
  if (!(tau > 0) || !std::isfinite(tau))
    throw std::invalid_argument("van Rossum tau must be positive and finite");
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  if (a == b)
    return 0; // exactly, without rounding noise
  // (1/tau) * integral of f_i f_j = exp(-|t_i - t_j| / tau) / 2.
  double d2 = (selfSum(a, tau) + selfSum(b, tau) - 2 * crossSum(a, b, tau)) / 2;
  return std::sqrt(std::max(d2, 0.0));
}

TraceError traceError(const std::vector<double> &a,
                      const std::vector<double> &b) {
  if (a.size() != b.size())
    throw std::invalid_argument("trace error of arrays of different sizes");
  TraceError e;
  double sum = 0;
  bool nan = false;
  for (size_t k = 0; k < a.size(); ++k) {
    if (a[k] == b[k] || (std::isnan(a[k]) && std::isnan(b[k])))
      continue;
    double d = std::fabs(a[k] - b[k]);
    nan |= std::isnan(d);
    sum += d * d;
    e.maxAbs = std::max(e.maxAbs, d);
  }
  if (!a.empty())
    e.rmse = std::sqrt(sum / static_cast<double>(a.size()));
  if (nan)
    e.rmse = e.maxAbs = std::nan("");
  return e;
}

int64_t argmax(const double *values, int64_t n) {
  int64_t best = 0;
  for (int64_t k = 0; k < n; ++k)
    if (!std::isnan(values[k]) &&
        (std::isnan(values[best]) || values[k] > values[best]))
      best = k;
  return best;
}

} // namespace nmc::sim
