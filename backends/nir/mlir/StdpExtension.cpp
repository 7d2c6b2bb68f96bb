//===- StdpExtension.cpp - nmc STDP fields in NIR metadata ----------------===//
#include "StdpExtension.h"
#include "ParamAttr.h"
#include "nmc/Dialect/SNN/SNNStdp.h"

#include "mlir/IR/Diagnostics.h"

#include <string>

using namespace mlir;
using namespace nmc::snn;

namespace nmc {

static bool startsWith(const std::string &s, const char *prefix) {
  return s.rfind(prefix, 0) == 0;
}

LogicalResult importStdpExtension(Builder &b, Location loc, nir::Node &node,
                                  NamedAttrList &attrs) {
  bool any = false;
  for (const auto &[key, p] : node.metadata)
    any |= startsWith(key, kStdpPrefix);
  if (!any)
    return success();
  auto err = [&](const std::string &key) {
    return emitError(loc) << "node '" << node.name << "': metadata " << key
                          << " ";
  };
  const std::string &t = node.type;
  if (t != "Affine" && t != "Linear" && t != "nmc.SparseAffine" &&
      t != "nmc.Connector")
    return emitError(loc) << "node '" << node.name << "': metadata "
                          << kStdpPrefix
                          << "* (STDP) applies to Affine, Linear, "
                             "nmc.SparseAffine and nmc.Connector only, not "
                          << t;
  for (const auto &[key, p] : node.metadata) {
    if (!startsWith(key, kStdpPrefix))
      continue;
    std::string field = key.substr(std::string(kStdpPrefix).size());
    bool known = false;
    for (const char *f : kStdpFields)
      known |= field == f;
    if (!known)
      return err(key) << "is not an STDP field (expected "
                      << "pairing, dependence, tau_plus, tau_minus, a_plus, "
                         "a_minus, w_min, w_max)";
  }
  auto find = [&](const char *field) -> const nir::Param * {
    auto it = node.metadata.find(std::string(kStdpPrefix) + field);
    return it == node.metadata.end() ? nullptr : &it->second;
  };
  for (const char *field : kStdpFields)
    if (!find(field))
      return emitError(loc)
             << "node '" << node.name << "': metadata " << kStdpPrefix << field
             << " is missing (an STDP rule needs all of "
                "pairing, dependence, tau_plus, tau_minus, "
                "a_plus, a_minus, w_min, w_max)";
  auto text = [&](const char *field, std::string &out) -> LogicalResult {
    const nir::Param &p = *find(field);
    if (p.kind != nir::Param::Kind::String)
      return err(std::string(kStdpPrefix) + field) << "must be a string";
    out = p.str;
    return success();
  };
  auto number = [&](const char *field, double &out) -> LogicalResult {
    const nir::Param &p = *find(field);
    std::string key = std::string(kStdpPrefix) + field;
    if (p.kind == nir::Param::Kind::String)
      return err(key) << "must be a number, got the string \"" << p.str << "\"";
    if (p.numElements() != 1)
      return err(key) << "must be a scalar, got shape "
                      << shapeToString(p.shape);
    out = p.kind == nir::Param::Kind::Float ? p.floats[0] : double(p.ints[0]);
    return success();
  };
  model::StdpParams sp;
  std::string pairing, dependence;
  if (failed(text("pairing", pairing)) ||
      failed(text("dependence", dependence)) ||
      failed(number("tau_plus", sp.tauPlus)) ||
      failed(number("tau_minus", sp.tauMinus)) ||
      failed(number("a_plus", sp.aPlus)) ||
      failed(number("a_minus", sp.aMinus)) ||
      failed(number("w_min", sp.wMin)) || failed(number("w_max", sp.wMax)))
    return failure();
  if (!model::parseStdpPairing(pairing, sp.pairing))
    return err(std::string(kStdpPrefix) + "pairing")
           << "is \"" << pairing << "\", expected all_pair or nearest_pair";
  if (!model::parseWeightDependence(dependence, sp.dependence))
    return err(std::string(kStdpPrefix) + "dependence")
           << "is \"" << dependence
           << "\", expected additive or multiplicative";
  if (std::string why = checkStdpParams(sp); !why.empty())
    return emitError(loc) << "node '" << node.name << "': " << why;
  attrs.append("stdp",
               StdpAttr::get(b.getContext(), toSNN(sp.pairing),
                             toSNN(sp.dependence), sp.tauPlus, sp.tauMinus,
                             sp.aPlus, sp.aMinus, sp.wMin, sp.wMax));
  for (const char *field : kStdpFields)
    node.metadata.erase(std::string(kStdpPrefix) + field);
  return success();
}

void exportStdpExtension(Operation *op, nir::Node &node) {
  StdpAttr stdp = getStdp(op);
  if (!stdp)
    return;
  node.params.erase("stdp");
  model::StdpParams p = stdp.toModel();
  auto put = [&](const char *field, nir::Param v) {
    node.metadata[std::string(kStdpPrefix) + field] = std::move(v);
  };
  auto scalar = [](double v) {
    return nir::Param::floatArray({}, {v}, nir::Param::DType::F64);
  };
  put("pairing", nir::Param::string(model::toString(p.pairing)));
  put("dependence", nir::Param::string(model::toString(p.dependence)));
  put("tau_plus", scalar(p.tauPlus));
  put("tau_minus", scalar(p.tauMinus));
  put("a_plus", scalar(p.aPlus));
  put("a_minus", scalar(p.aMinus));
  put("w_min", scalar(p.wMin));
  put("w_max", scalar(p.wMax));
}

} // namespace nmc
