//===- ConnectorParams.cpp - nmc.Connector datasets <-> spec --------------===//
#include "nmc/NIR/ConnectorParams.h"

#include <cmath>

namespace nmc::nir {
namespace {

/// Numeric values of a Float dataset (integer storage allowed).
std::vector<double> numbers(const Param &p) {
  std::vector<double> v;
  if (p.kind == Param::Kind::Float)
    return p.floats.values();
  for (int64_t x : p.ints)
    v.push_back(static_cast<double>(x));
  return v;
}

const Param *find(const std::map<std::string, Param> &params, const char *key) {
  auto it = params.find(key);
  return it == params.end() ? nullptr : &it->second;
}

/// The one value of a scalar (or one-element) dataset.
bool scalar(const Param &p, const char *key, std::string &k, std::string &why) {
  if ((p.kind == Param::Kind::Float ? p.floats.size() : p.ints.size()) == 1)
    return true;
  k = key;
  why = "expected one value, got " + std::to_string(p.kind == Param::Kind::Float
                                                        ? p.floats.size()
                                                        : p.ints.size());
  return false;
}

bool distribution(const std::map<std::string, Param> &params,
                  const char *kindKey, const char *valuesKey,
                  model::Distribution &out, std::string &key,
                  std::string &why) {
  const Param *values = find(params, valuesKey);
  const Param *kind = find(params, kindKey);
  if (!values) {
    if (kind) {
      key = valuesKey;
      why = std::string("missing; ") + kindKey + " needs it";
      return false;
    }
    out = model::Distribution{}; // constant 0
    return true;
  }
  model::Distribution::Kind k = model::Distribution::Kind::Constant;
  if (kind) {
    auto parsed = model::parseDistributionKind(kind->str);
    if (!parsed) {
      key = kindKey;
      why = "unknown distribution \"" + kind->str +
            "\" (expected constant, uniform, normal_clipped or choice)";
      return false;
    }
    k = *parsed;
  }
  if (std::string e =
          model::makeDistribution(k, numbers(*values), valuesKey, out);
      !e.empty()) {
    key = valuesKey;
    why = e;
    return false;
  }
  return true;
}

/// The dataset a validateConnector sentence is about: its leading
/// identifier ("p = 1.5 ..." -> p, "weight.sd = ..." -> weight).
std::string keyOf(const std::string &why,
                  const std::map<std::string, Param> &params) {
  size_t end = why.find_first_not_of("abcdefghijklmnopqrstuvwxyz_");
  std::string head = why.substr(0, end);
  return params.count(head) ? head : std::string("rule");
}

} // namespace

bool connectorFromParams(const std::map<std::string, Param> &params,
                         model::ConnectorSpec &spec, std::string &key,
                         std::string &why) {
  spec = model::ConnectorSpec{};
  for (const char *req : {"rule", "n_pre", "n_post", "weight"})
    if (!find(params, req)) {
      key = req;
      why = "missing required dataset for nmc.Connector";
      return false;
    }
  const Param &rule = params.at("rule");
  auto parsed = model::parseConnectorRule(rule.str);
  if (!parsed) {
    key = "rule";
    why = "unknown rule \"" + rule.str +
          "\" (expected all_to_all, one_to_one, fixed_probability, "
          "fixed_number_pre or fixed_total_number)";
    return false;
  }
  spec.rule = *parsed;
  // Integer datasets (schema ValueKind::Int) arrive as ints.
  auto intOf = [&](const char *k, int64_t &out) {
    const Param *p = find(params, k);
    if (!p)
      return true;
    if (!scalar(*p, k, key, why))
      return false;
    out = p->ints.front();
    return true;
  };
  int64_t allowSelf = 1, replace = 0, seed = 0;
  if (!intOf("n_pre", spec.nPre) || !intOf("n_post", spec.nPost) ||
      !intOf("n", spec.n) || !intOf("allow_self", allowSelf) ||
      !intOf("with_replacement", replace) || !intOf("seed", seed))
    return false;
  for (auto [k, v] : {std::pair{"allow_self", allowSelf},
                      std::pair{"with_replacement", replace}})
    if (v != 0 && v != 1) {
      key = k;
      why = "expected 0 or 1, got " + std::to_string(v);
      return false;
    }
  spec.allowSelf = allowSelf == 1;
  spec.withReplacement = replace == 1;
  spec.seed = static_cast<uint64_t>(seed);
  const bool needP = spec.rule == model::ConnectorRule::FixedProbability;
  const bool needN = spec.rule == model::ConnectorRule::FixedNumberPre ||
                     spec.rule == model::ConnectorRule::FixedTotalNumber;
  if (const Param *p = find(params, "p")) {
    if (!scalar(*p, "p", key, why))
      return false;
    spec.p = numbers(*p).front();
  } else if (needP) {
    key = "p";
    why = "missing; rule fixed_probability needs it";
    return false;
  }
  if (needN && !find(params, "n")) {
    key = "n";
    why = "missing; rule " + rule.str + " needs it";
    return false;
  }
  if (!distribution(params, "weight_distribution", "weight", spec.weight, key,
                    why) ||
      !distribution(params, "delay_distribution", "delay", spec.delay, key,
                    why))
    return false;
  if (std::string e = model::validateConnector(spec); !e.empty()) {
    key = keyOf(e, params);
    why = e;
    return false;
  }
  return true;
}

std::map<std::string, Param>
connectorToParams(const model::ConnectorSpec &spec) {
  std::map<std::string, Param> p;
  p["rule"] = Param::string(std::string(model::toString(spec.rule)));
  p["n_pre"] = Param::intScalar(spec.nPre);
  p["n_post"] = Param::intScalar(spec.nPost);
  if (spec.rule == model::ConnectorRule::FixedProbability)
    p["p"] = Param::floatArray({}, {spec.p}, Param::DType::F64);
  if (spec.rule == model::ConnectorRule::FixedNumberPre ||
      spec.rule == model::ConnectorRule::FixedTotalNumber)
    p["n"] = Param::intScalar(spec.n);
  p["allow_self"] = Param::intScalar(spec.allowSelf ? 1 : 0);
  p["with_replacement"] = Param::intScalar(spec.withReplacement ? 1 : 0);
  auto dist = [&](const char *kindKey, const char *valuesKey,
                  const model::Distribution &d) {
    p[kindKey] = Param::string(std::string(model::toString(d.kind)));
    std::vector<double> v = model::distributionParams(d);
    const int64_t n = static_cast<int64_t>(v.size());
    p[valuesKey] = Param::floatArray({n}, std::move(v), Param::DType::F64);
  };
  dist("weight_distribution", "weight", spec.weight);
  if (!(spec.delay.kind == model::Distribution::Kind::Constant &&
        spec.delay.a == 0))
    dist("delay_distribution", "delay", spec.delay);
  p["seed"] = Param::intScalar(static_cast<int64_t>(spec.seed));
  return p;
}

} // namespace nmc::nir
