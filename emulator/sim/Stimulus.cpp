//===- Stimulus.cpp - Seeded Poisson and Bernoulli input ------------------===//
#include "nmc/Sim/Stimulus.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>

namespace nmc::sim {
namespace {

constexpr uint64_t kMax = std::numeric_limits<uint64_t>::max();
constexpr double kTwo63 = 9223372036854775808.0;
constexpr double kTableLimit = 64; // larger means use rejection

std::vector<double> meansOf(const char *what, int64_t n,
                            const std::vector<double> &rates, double dt) {
  if (n < 0)
    throw std::runtime_error(fmt::format("{}: negative size {}", what, n));
  if (rates.size() != 1 && static_cast<int64_t>(rates.size()) != n)
    throw std::runtime_error(
        fmt::format("{}: {} rates given for {} neurons (expected 1 or {})",
                    what, rates.size(), n, n));
  if (!(dt > 0))
    throw std::runtime_error(fmt::format("{}: dt must be positive", what));
  std::vector<double> means;
  for (double r : rates) {
    if (!(r >= 0) || !std::isfinite(r))
      throw std::runtime_error(
          fmt::format("{}: rate {} must be finite and >= 0", what, r));
    means.push_back(r * dt);
  }
  return means;
}

void checkStep(const char *what, int64_t step, int64_t &next, size_t got,
               int64_t n) {
  if (step != next)
    throw std::runtime_error(fmt::format(
        "{}: step {} requested, but steps must come in order from 0 after "
        "begin() (expected {})",
        what, step, next));
  if (static_cast<int64_t>(got) != n)
    throw std::runtime_error(
        fmt::format("{}: {} values given for {} neurons", what, got, n));
  ++next;
}

} // namespace

PoissonSampler::PoissonSampler(double mean) : mean(mean) {
  if (!(mean >= 0) || !std::isfinite(mean))
    throw std::runtime_error(
        fmt::format("Poisson mean {} must be finite and >= 0", mean));
  // Counts are int64 and drawn in double: stay where both are exact.
  if (mean > kMaxMean)
    throw std::runtime_error(fmt::format(
        "Poisson mean {} per step is above {:g}; lower the rate", mean,
        kMaxMean));
  if (mean > kTableLimit) {
    // PTRS constants (Hormann 1993, table 1).
    const double s = std::sqrt(mean);
    logMean = std::log(mean);
    b = 0.931 + 2.53 * s;
    a = -0.059 + 0.02483 * b;
    invAlpha = 1.1239 + 1.1328 / (b - 3.4);
    vr = 0.9277 - 3.6224 / (b - 2);
    return;
  }
  // CDF(k) scaled to 2^63 until the tail is far below 2^-63.
  double p = std::exp(-mean), cdf = 0;
  for (int64_t k = 0; !(k > mean && p < 1e-20); ++k) {
    cdf += p;
    double scaled = cdf * kTwo63;
    table.push_back(scaled >= kTwo63 ? kMax : static_cast<uint64_t>(scaled));
    p *= mean / static_cast<double>(k + 1);
  }
  table.push_back(kMax);
  size_t k = 0;
  for (uint64_t bucket = 0; bucket < 256; ++bucket) {
    while (table[k] <= (bucket << 55))
      ++k;
    guide[bucket] = static_cast<uint16_t>(k);
  }
}

int64_t PoissonSampler::rejection(Xoshiro256 &rng) const {
  for (;;) {
    const double u = rng.uniform() - 0.5, v = rng.uniform();
    const double us = 0.5 - std::abs(u);
    if (us <= 0)
      continue;
    const double kReal = std::floor((2 * a / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr)
      return static_cast<int64_t>(kReal);
    if (kReal < 0 || (us < 0.013 && v > us))
      continue;
    if (std::log(v) + std::log(invAlpha) - std::log(a / (us * us) + b) <=
        -mean + kReal * logMean - std::lgamma(kReal + 1))
      return static_cast<int64_t>(kReal);
  }
}

PoissonSource::PoissonSource(int64_t n, const std::vector<double> &rates,
                             double dt, uint64_t seed)
    : n(n), seed(seed) {
  std::vector<double> means = meansOf("PoissonSource", n, rates, dt);
  std::map<double, uint32_t> index;
  for (double m : means)
    if (index.emplace(m, samplers.size()).second)
      samplers.emplace_back(m);
  if (samplers.size() > 1)
    for (double m : means)
      which.push_back(index[m]);
}

void PoissonSource::begin(int64_t sample) {
  rng = Xoshiro256::forStream(seed, static_cast<uint64_t>(sample));
  nextStep = 0;
}

void PoissonSource::fill(int64_t step, std::span<double> values) {
  checkStep("PoissonSource", step, nextStep, values.size(), n);
  if (samplers.empty())
    return;
  if (which.empty()) {
    const PoissonSampler &s = samplers[0];
    for (int64_t i = 0; i < n; ++i)
      values[i] += static_cast<double>(s(rng));
    return;
  }
  for (int64_t i = 0; i < n; ++i)
    values[i] += static_cast<double>(samplers[which[i]](rng));
}

BernoulliSource::BernoulliSource(int64_t n, const std::vector<double> &rates,
                                 double dt, uint64_t seed)
    : n(n), seed(seed) {
  for (double p : meansOf("BernoulliSource", n, rates, dt)) {
    if (p > 1)
      throw std::runtime_error(fmt::format(
          "BernoulliSource: rate * dt = {} exceeds 1 (one spike per step at "
          "most)",
          p));
    threshold.push_back(static_cast<uint64_t>(std::ldexp(p, 53)));
  }
}

void BernoulliSource::begin(int64_t sample) {
  rng = Xoshiro256::forStream(seed, static_cast<uint64_t>(sample));
  nextStep = 0;
}

void BernoulliSource::fill(int64_t step, std::span<double> values) {
  checkStep("BernoulliSource", step, nextStep, values.size(), n);
  // Fires when the top 53 bits fall below p * 2^53 (p = 1 always fires).
  const bool uniform = threshold.size() == 1;
  for (int64_t i = 0; i < n; ++i) {
    const uint64_t t = threshold[uniform ? 0 : i];
    values[i] += (rng.next() >> 11) < t ? 1.0 : 0.0;
  }
}

EventBatch materialize(InputSource &source, int64_t n, int64_t steps,
                       int64_t batch) {
  EventBatch events(batch);
  std::vector<double> values(n);
  for (int64_t s = 0; s < batch; ++s) {
    source.begin(s);
    for (int64_t t = 0; t < steps; ++t) {
      std::fill(values.begin(), values.end(), 0.0);
      source.fill(t, values);
      for (int64_t i = 0; i < n; ++i)
        if (values[i] != 0)
          events[s].push_back({t, i, values[i]});
    }
  }
  return events;
}

EventBatch poissonEvents(int64_t n, int64_t steps, int64_t batch,
                         const std::vector<double> &rates, double dt,
                         uint64_t seed) {
  PoissonSource source(n, rates, dt, seed);
  return materialize(source, n, steps, batch);
}

EventBatch bernoulliEvents(int64_t n, int64_t steps, int64_t batch,
                           const std::vector<double> &rates, double dt,
                           uint64_t seed) {
  BernoulliSource source(n, rates, dt, seed);
  return materialize(source, n, steps, batch);
}

} // namespace nmc::sim
