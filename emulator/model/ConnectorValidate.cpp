//===- ConnectorValidate.cpp - Checking a connector spec ------------------===//
//
// Every check names the field as the NIR extension and the snn op spell it
// (n_pre, p, weight.sd, ...) and the value as given, so a bad file gives one
// clear sentence wherever it is read.
//===----------------------------------------------------------------------===//
#include "ConnectorInternal.h"

#include <cfloat>
#include <cmath>
#include <cstdint>
#include <limits>
#include <sstream>

namespace nmc::model {
namespace {

std::string str(double x) {
  std::ostringstream os;
  os.precision(17);
  os << x;
  return os.str();
}

/// Probability that N(mean, sd) falls in [low, high].
double normalMass(double mean, double sd, double low, double high) {
  if (sd == 0)
    return (low <= mean && mean <= high) ? 1.0 : 0.0;
  const double s = sd * std::sqrt(2.0);
  return 0.5 * (std::erfc((low - mean) / s) - std::erfc((high - mean) / s));
}

std::string checkDistribution(const Distribution &d, std::string_view what,
                              bool isDelay) {
  const std::string w(what);
  const std::string kind(toString(d.kind));
  // Weights become floats; delays must be >= 0.
  const double maxAbs = isDelay ? 1e300 : static_cast<double>(FLT_MAX);
  auto bad = [&](std::string_view field, double v, std::string_view why) {
    return w + "." + std::string(field) + " = " + str(v) + " (" + kind + ") " +
           std::string(why);
  };
  auto finite = [&](std::string_view field, double v) -> std::string {
    if (!std::isfinite(v) || std::fabs(v) > maxAbs)
      return bad(field, v,
                 isDelay ? "is not a finite number"
                         : "is not a finite single-precision value");
    if (isDelay && v < 0)
      return bad(field, v, "is negative; delays must be >= 0 s");
    return "";
  };
  switch (d.kind) {
  case Distribution::Kind::Constant:
    return finite(distributionFieldA(d.kind), d.a);
  case Distribution::Kind::Uniform:
    if (auto e = finite("low", d.a); !e.empty())
      return e;
    if (auto e = finite("high", d.b); !e.empty())
      return e;
    if (d.a > d.b)
      return bad("low", d.a, "is above high = " + str(d.b));
    return "";
  case Distribution::Kind::NormalClipped: {
    if (!std::isfinite(d.a) || std::fabs(d.a) > maxAbs)
      return bad("mean", d.a, "is not a finite number");
    if (!(d.b >= 0) || !std::isfinite(d.b) || d.b > maxAbs / 64)
      return bad("sd", d.b, "must be finite and >= 0");
    // low/high may be infinite (one-sided clipping), never NaN.
    if (std::isnan(d.low))
      return bad("low", d.low, "is not a number");
    if (std::isnan(d.high))
      return bad("high", d.high, "is not a number");
    if (isDelay && d.low < 0)
      return bad("low", d.low, "is negative; delays must be >= 0 s");
    if (d.low > d.high)
      return bad("low", d.low, "is above high = " + str(d.high));
    // Values are redrawn until inside [low, high]: refuse intervals that
    // would need more than ~1000 draws per value on average.
    const double mass = normalMass(d.a, d.b, d.low, d.high);
    if (!(mass >= kMinClippedMass))
      return w + " (normal_clipped): [low, high] = [" + str(d.low) + ", " +
             str(d.high) + "] holds a fraction " + str(mass) + " of N(" +
             str(d.a) + ", " + str(d.b) + "), below the minimum " +
             str(kMinClippedMass);
    return "";
  }
  case Distribution::Kind::Choice:
    if (d.values.empty())
      return w + ".values (choice) is empty";
    if (d.values.size() > kMaxChoiceValues)
      return w + ".values (choice) has " + std::to_string(d.values.size()) +
             " entries, more than the limit " +
             std::to_string(kMaxChoiceValues);
    for (size_t i = 0; i < d.values.size(); ++i)
      if (auto e = finite("values[" + std::to_string(i) + "]", d.values[i]);
          !e.empty())
        return e;
    return "";
  }
  return w + ".kind is not a known distribution";
}

} // namespace

std::string_view distributionFieldA(Distribution::Kind kind) {
  switch (kind) {
  case Distribution::Kind::Constant:
    return "value";
  case Distribution::Kind::Uniform:
    return "low";
  case Distribution::Kind::NormalClipped:
    return "mean";
  case Distribution::Kind::Choice:
    return "values";
  }
  return "a";
}

int64_t sourcePool(const ConnectorSpec &s, int64_t target) {
  return s.nPre - (!s.allowSelf && target < s.nPre ? 1 : 0);
}

int64_t connectorPairs(const ConnectorSpec &s) {
  return s.nPre * s.nPost - (s.allowSelf ? 0 : std::min(s.nPre, s.nPost));
}

std::string validateConnector(const ConnectorSpec &s) {
  constexpr int64_t kMaxSize = std::numeric_limits<int32_t>::max();
  if (s.nPre < 1 || s.nPre > kMaxSize)
    return "n_pre = " + std::to_string(s.nPre) + " must be in [1, " +
           std::to_string(kMaxSize) + "]";
  if (s.nPost < 1 || s.nPost > kMaxSize)
    return "n_post = " + std::to_string(s.nPost) + " must be in [1, " +
           std::to_string(kMaxSize) + "]";
  const std::string rule(toString(s.rule));
  if (rule == "?")
    return "rule is not a known connector rule";
  // The smallest source pool any target draws from.
  const int64_t minPool = sourcePool(s, 0);
  auto nError = [&](std::string_view why) {
    return "n = " + std::to_string(s.n) + " (" + rule + ") " + std::string(why);
  };
  switch (s.rule) {
  case ConnectorRule::AllToAll:
    break;
  case ConnectorRule::OneToOne:
    if (s.nPre != s.nPost)
      return "one_to_one needs n_pre == n_post, got n_pre = " +
             std::to_string(s.nPre) +
             " and n_post = " + std::to_string(s.nPost);
    break;
  case ConnectorRule::FixedProbability:
    if (!(s.p >= 0 && s.p <= 1))
      return "p = " + str(s.p) + " (fixed_probability) must be in [0, 1]";
    break;
  case ConnectorRule::FixedNumberPre:
    if (s.n < 0)
      return nError("is negative");
    if (s.n > 0 && !s.withReplacement && s.n > minPool)
      return nError("is more than the " + std::to_string(minPool) +
                    " distinct sources a target can have without "
                    "replacement" +
                    (s.allowSelf ? "" : " (self-connections excluded)"));
    if (s.n > 0 && minPool < 1)
      return nError("needs at least one source, but target 0 has none "
                    "(self-connections excluded)");
    if (s.n > kMaxSynapses / s.nPost)
      return nError("gives n * n_post synapses, more than the limit " +
                    std::to_string(kMaxSynapses));
    break;
  case ConnectorRule::FixedTotalNumber:
    if (s.n < 0)
      return nError("is negative");
    if (s.n > kMaxSynapses)
      return nError("is more than the limit " + std::to_string(kMaxSynapses) +
                    " synapses");
    if (!s.withReplacement && s.n > connectorPairs(s))
      return nError("is more than the " + std::to_string(connectorPairs(s)) +
                    " distinct pairs available without replacement");
    if (s.withReplacement && s.n > 0 && s.nPre == 1 && !s.allowSelf)
      return nError("needs at least one source, but target 0 has none "
                    "(self-connections excluded)");
    break;
  }
  if (expectedSynapses(s) > static_cast<double>(kMaxSynapses))
    return rule + " with n_pre = " + std::to_string(s.nPre) +
           " and n_post = " + std::to_string(s.nPost) + " gives " +
           str(expectedSynapses(s)) + " synapses, more than the limit " +
           std::to_string(kMaxSynapses);
  if (auto e = checkDistribution(s.weight, "weight", false); !e.empty())
    return e;
  if (auto e = checkDistribution(s.delay, "delay", true); !e.empty())
    return e;
  return "";
}

double expectedSynapses(const ConnectorSpec &s) {
  switch (s.rule) {
  case ConnectorRule::AllToAll:
    return static_cast<double>(connectorPairs(s));
  case ConnectorRule::OneToOne:
    return static_cast<double>(s.nPre);
  case ConnectorRule::FixedProbability:
    return s.p * static_cast<double>(connectorPairs(s));
  case ConnectorRule::FixedNumberPre:
    return static_cast<double>(s.n) * static_cast<double>(s.nPost);
  case ConnectorRule::FixedTotalNumber:
    return static_cast<double>(s.n);
  }
  return 0;
}

} // namespace nmc::model
