//===- Stimulus.h - Seeded Poisson and Bernoulli input ---------*- C++ -*-===//
//
// Random input for N neurons over T steps and a batch of samples:
//   Poisson:   value = count ~ Poisson(rate * dt) per neuron and step;
//   Bernoulli: value = 1 with probability rate * dt (rate * dt <= 1).
// Rates are in 1/time-unit of dt (Hz for dt in seconds), one for all neurons
// or one per neuron. Sample s draws from Xoshiro256::forStream(seed, s),
// step by step, neuron by neuron, so the same seed gives the same events on
// every platform, whether the source is streamed into the engine or
// materialized as events, and whatever the batch size.
//
// Poisson sampling: inversion of a 63-bit CDF table with a 256-entry guide
// table (~2 ns a draw) for means <= 64; above, Hormann's PTRS transformed
// rejection (1993), which uses std::log and std::lgamma.
//===----------------------------------------------------------------------===//
#ifndef NMC_EMULATOR_STIMULUS_H
#define NMC_EMULATOR_STIMULUS_H

#include "nmc/Sim/Events.h"
#include "nmc/Support/Random.h"

#include <cstdint>
#include <vector>

namespace nmc::sim {

/// Draws Poisson(mean) counts. Throws if mean is negative, not finite or
/// above kMaxMean.
class PoissonSampler {
public:
  /// 2^50: counts (and their spread) stay exact in double and int64.
  static constexpr double kMaxMean = 1125899906842624.0;
  explicit PoissonSampler(double mean);
  int64_t operator()(Xoshiro256 &rng) const {
    if (!table.empty()) {
      // 63-bit uniform: always below the final UINT64_MAX sentinel.
      const uint64_t u = rng.next() >> 1;
      size_t k = guide[u >> 55];
      while (u >= table[k])
        ++k;
      return static_cast<int64_t>(k);
    }
    return mean == 0 ? 0 : rejection(rng);
  }
  double getMean() const { return mean; }

private:
  int64_t rejection(Xoshiro256 &rng) const;

  double mean;
  std::vector<uint64_t> table; ///< floor(CDF(k) * 2^63); last = UINT64_MAX
  uint16_t guide[256] = {};    ///< first k with CDF(k) > b/256
  double a = 0, b = 0, invAlpha = 0, vr = 0, logMean = 0;
};

/// Streams Poisson counts into an Input node (see RunConfig::sources).
class PoissonSource : public InputSource {
public:
  /// `rates` has 1 or n entries; means are rate * dt.
  PoissonSource(int64_t n, const std::vector<double> &rates, double dt,
                uint64_t seed);
  void begin(int64_t sample) override;
  void fill(int64_t step, std::span<double> values) override;

private:
  int64_t n;
  uint64_t seed;
  std::vector<PoissonSampler> samplers; ///< one per distinct mean
  std::vector<uint32_t> which;          ///< sampler per neuron (if several)
  Xoshiro256 rng{0};
  int64_t nextStep = 0;
};

/// Streams Bernoulli spikes into an Input node.
class BernoulliSource : public InputSource {
public:
  /// `rates` has 1 or n entries; each rate * dt must be in [0, 1].
  BernoulliSource(int64_t n, const std::vector<double> &rates, double dt,
                  uint64_t seed);
  void begin(int64_t sample) override;
  void fill(int64_t step, std::span<double> values) override;
  bool binary() const override { return true; }

private:
  int64_t n;
  uint64_t seed;
  std::vector<uint64_t> threshold; ///< p * 2^53, 1 or n entries
  Xoshiro256 rng{0};
  int64_t nextStep = 0;
};

/// Runs `source` for `batch` samples of `steps` steps and lists its nonzero
/// values as events (identical to what the engine receives when streaming).
EventBatch materialize(InputSource &source, int64_t n, int64_t steps,
                       int64_t batch);

/// Shorthands: materialize(PoissonSource / BernoulliSource(...)).
EventBatch poissonEvents(int64_t n, int64_t steps, int64_t batch,
                         const std::vector<double> &rates, double dt,
                         uint64_t seed);
EventBatch bernoulliEvents(int64_t n, int64_t steps, int64_t batch,
                           const std::vector<double> &rates, double dt,
                           uint64_t seed);

} // namespace nmc::sim

#endif // NMC_EMULATOR_STIMULUS_H
