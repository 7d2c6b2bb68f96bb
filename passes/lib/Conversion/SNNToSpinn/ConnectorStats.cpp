//===- ConnectorStats.cpp - Ring-buffer statistics of a connector --------===//
#include "ConnectorStats.h"

#include <algorithm>
#include <cmath>
#include <limits>

using namespace nmc;
using namespace nmc::spinn;
using Kind = model::Distribution::Kind;

namespace {

double pdf(double x) {
  return std::isinf(x) ? 0.0 : std::exp(-0.5 * x * x) / std::sqrt(2 * M_PI);
}
double cdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }
/// x * pdf(x), 0 at +-inf.
double xpdf(double x) { return std::isinf(x) ? 0.0 : x * pdf(x); }

/// N(mu, sd) truncated to [lo, hi] (hi > lo): mass (unnormalised by the
/// clip), mean, variance (the textbook truncated-normal moments).
WeightPart truncatedNormal(double mu, double sd, double lo, double hi) {
  WeightPart p;
  const double a = (lo - mu) / sd, b = (hi - mu) / sd;
  const double z = cdf(b) - cdf(a);
  if (!(z > 0.0))
    return p;
  const double r = (pdf(a) - pdf(b)) / z;
  p.mass = z;
  p.mean = mu + sd * r;
  p.variance = std::max(0.0, sd * sd * (1.0 + (xpdf(a) - xpdf(b)) / z - r * r));
  return p;
}

/// Uniform on [lo, hi) as |w| statistics (lo, hi >= 0).
WeightPart uniformPart(double lo, double hi, double mass) {
  return {mass, 0.5 * (lo + hi), (hi - lo) * (hi - lo) / 12.0, hi};
}

} // namespace

std::array<WeightPart, 2>
nmc::spinn::splitWeights(const model::Distribution &w) {
  std::array<WeightPart, 2> out{};
  auto point = [&](double v) {
    if (v > 0)
      out[0] = {1.0, v, 0.0, v};
    else if (v < 0)
      out[1] = {1.0, -v, 0.0, -v};
  };
  switch (w.kind) {
  case Kind::Constant:
    point(w.a);
    break;
  case Kind::Uniform: {
    if (!(w.b > w.a)) {
      point(w.a);
      break;
    }
    const double width = w.b - w.a;
    if (w.b > 0) {
      const double lo = std::max(w.a, 0.0);
      out[0] = uniformPart(lo, w.b, (w.b - lo) / width);
    }
    if (w.a < 0) {
      const double hi = std::min(w.b, 0.0);
      out[1] = uniformPart(-hi, -w.a, (hi - w.a) / width);
    }
    break;
  }
  case Kind::NormalClipped: {
    const double mu = w.a, sd = w.b;
    if (!(sd > 0)) {
      point(mu);
      break;
    }
    const double total = truncatedNormal(mu, sd, w.low, w.high).mass;
    if (!(total > 0))
      break;
    if (w.high > 0) {
      const double lo = std::max(w.low, 0.0);
      WeightPart p = truncatedNormal(mu, sd, lo, w.high);
      p.mass /= total;
      p.max = std::max(lo, std::min(w.high, mu + 6 * sd));
      if (p.mass > 0)
        out[0] = p;
    }
    if (w.low < 0) {
      const double hi = std::min(w.high, 0.0);
      WeightPart p = truncatedNormal(mu, sd, w.low, hi);
      p.mass /= total;
      p.mean = -p.mean;
      p.max = -std::min(hi, std::max(w.low, mu - 6 * sd));
      if (p.mass > 0)
        out[1] = p;
    }
    break;
  }
  case Kind::Choice: {
    const double n = double(w.values.size());
    for (int side = 0; side < 2; ++side) {
      double count = 0, sum = 0, most = 0;
      for (double v : w.values)
        if (side == 0 ? v > 0 : v < 0) {
          ++count;
          sum += std::fabs(v);
          most = std::max(most, std::fabs(v));
        }
      if (count == 0)
        continue;
      const double mean = sum / count;
      double m2 = 0;
      for (double v : w.values)
        if (side == 0 ? v > 0 : v < 0)
          m2 += (std::fabs(v) - mean) * (std::fabs(v) - mean);
      out[side] = {count / n, mean, m2 / count, most};
    }
    break;
  }
  }
  return out;
}

int64_t nmc::spinn::connectorFanIn(const model::ConnectorSpec &spec) {
  auto bound = [](double trials, double p, double cap) {
    const double mean = trials * p;
    const double sd = std::sqrt(trials * p * (1.0 - p));
    return int64_t(std::min(cap, std::ceil(mean + 3.0 * sd)));
  };
  switch (spec.rule) {
  case model::ConnectorRule::AllToAll:
    return spec.nPre;
  case model::ConnectorRule::OneToOne:
    return 1;
  case model::ConnectorRule::FixedNumberPre:
    return spec.n;
  case model::ConnectorRule::FixedProbability:
    return bound(double(spec.nPre), spec.p, double(spec.nPre));
  case model::ConnectorRule::FixedTotalNumber: {
    const double cap = spec.withReplacement
                           ? double(spec.n)
                           : double(std::min(spec.n, spec.nPre));
    return bound(double(spec.n), 1.0 / double(spec.nPost), cap);
  }
  }
  return spec.nPre;
}
