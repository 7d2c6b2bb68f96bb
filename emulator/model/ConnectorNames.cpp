//===- ConnectorNames.cpp - File-boundary names of connector enums --------===//
//
// The one place where rule and distribution names (used by the snn dialect,
// the NIR extension node nmc.Connector and the docs) meet the enums.
//===----------------------------------------------------------------------===//
#include "nmc/Model/Connector.h"

#include <array>
#include <utility>

namespace nmc::model {
namespace {

constexpr std::array<std::pair<ConnectorRule, std::string_view>, 5> kRules{{
    {ConnectorRule::AllToAll, "all_to_all"},
    {ConnectorRule::OneToOne, "one_to_one"},
    {ConnectorRule::FixedProbability, "fixed_probability"},
    {ConnectorRule::FixedNumberPre, "fixed_number_pre"},
    {ConnectorRule::FixedTotalNumber, "fixed_total_number"},
}};

constexpr std::array<std::pair<Distribution::Kind, std::string_view>, 4> kKinds{
    {
        {Distribution::Kind::Constant, "constant"},
        {Distribution::Kind::Uniform, "uniform"},
        {Distribution::Kind::NormalClipped, "normal_clipped"},
        {Distribution::Kind::Choice, "choice"},
    }};

template <class E, size_t N>
std::string_view nameOf(const std::array<std::pair<E, std::string_view>, N> &t,
                        E e) {
  for (const auto &[value, name] : t)
    if (value == e)
      return name;
  return "?";
}

template <class E, size_t N>
std::optional<E> valueOf(const std::array<std::pair<E, std::string_view>, N> &t,
                         std::string_view name) {
  for (const auto &[value, n] : t)
    if (n == name)
      return value;
  return std::nullopt;
}

} // namespace

std::string_view toString(ConnectorRule rule) { return nameOf(kRules, rule); }
std::optional<ConnectorRule> parseConnectorRule(std::string_view name) {
  return valueOf(kRules, name);
}
std::string_view toString(Distribution::Kind kind) {
  return nameOf(kKinds, kind);
}
std::optional<Distribution::Kind> parseDistributionKind(std::string_view name) {
  return valueOf(kKinds, name);
}

} // namespace nmc::model

namespace nmc::model {

std::vector<double> distributionParams(const Distribution &d) {
  switch (d.kind) {
  case Distribution::Kind::Constant:
    return {d.a};
  case Distribution::Kind::Uniform:
    return {d.a, d.b};
  case Distribution::Kind::NormalClipped:
    return {d.a, d.b, d.low, d.high};
  case Distribution::Kind::Choice:
    return d.values;
  }
  return {};
}

std::string makeDistribution(Distribution::Kind kind,
                             const std::vector<double> &params,
                             std::string_view what, Distribution &out) {
  size_t want = 0;
  switch (kind) {
  case Distribution::Kind::Constant:
    want = 1;
    break;
  case Distribution::Kind::Uniform:
    want = 2;
    break;
  case Distribution::Kind::NormalClipped:
    want = 4;
    break;
  case Distribution::Kind::Choice:
    if (params.empty())
      return std::string(what) + " (choice) has no values";
    break;
  }
  if (want && params.size() != want)
    return std::string(what) + " (" + std::string(toString(kind)) + ") has " +
           std::to_string(params.size()) + " parameters, expected " +
           std::to_string(want) +
           (kind == Distribution::Kind::Constant  ? " [value]"
            : kind == Distribution::Kind::Uniform ? " [low, high]"
                                                  : " [mean, sd, low, high]");
  out = Distribution{};
  out.kind = kind;
  if (kind == Distribution::Kind::Choice) {
    out.values = params;
    return "";
  }
  out.a = params[0];
  if (want >= 2)
    out.b = params[1];
  if (want == 4) {
    out.low = params[2];
    out.high = params[3];
  }
  return "";
}

} // namespace nmc::model
