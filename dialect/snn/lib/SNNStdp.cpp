//===- SNNStdp.cpp - Plastic weight nodes in snn graphs -------------------===//
#include "nmc/Dialect/SNN/SNNStdp.h"
#include "nmc/Dialect/SNN/SNNUtils.h"

#include "llvm/ADT/TypeSwitch.h"

#include <cmath>
#include <sstream>

using namespace mlir;

namespace nmc::snn {

model::StdpParams StdpAttr::toModel() const {
  model::StdpParams p;
  p.pairing = snn::toModel(getPairing());
  p.dependence = snn::toModel(getDependence());
  p.tauPlus = getTauPlus().convertToDouble();
  p.tauMinus = getTauMinus().convertToDouble();
  p.aPlus = getAPlus().convertToDouble();
  p.aMinus = getAMinus().convertToDouble();
  p.wMin = getWMin().convertToDouble();
  p.wMax = getWMax().convertToDouble();
  return p;
}

StdpAttr StdpAttr::withWeightParams(double aPlus, double aMinus, double wMin,
                                    double wMax) const {
  return StdpAttr::get(getContext(), getPairing(), getDependence(),
                       getTauPlus().convertToDouble(),
                       getTauMinus().convertToDouble(), aPlus, aMinus, wMin,
                       wMax);
}

StdpAttr getStdp(Operation *op) {
  return TypeSwitch<Operation *, StdpAttr>(op)
      .Case<AffineOp, LinearOp, SparseAffineOp, ConnectorOp>(
          [](auto o) { return o.getStdpAttr(); })
      .Default([](Operation *) { return StdpAttr(); });
}

std::string checkStdpParams(const model::StdpParams &p) {
  std::ostringstream os;
  auto bad = [&](const char *name, double v, const char *rule) {
    os << "stdp " << name << " must be " << rule << ", got " << v;
    return os.str();
  };
  if (!(p.tauPlus > 0) || !std::isfinite(p.tauPlus))
    return bad("tau_plus", p.tauPlus, "finite and > 0");
  if (!(p.tauMinus > 0) || !std::isfinite(p.tauMinus))
    return bad("tau_minus", p.tauMinus, "finite and > 0");
  // Amplitudes may be negative: the spatial seed depresses with
  // A_minus = -1 (a post-before-pre pair raises the weight), and an
  // inhibitory projection stored as negative weights flips both signs.
  if (!std::isfinite(p.aPlus))
    return bad("a_plus", p.aPlus, "finite");
  if (!std::isfinite(p.aMinus))
    return bad("a_minus", p.aMinus, "finite");
  if (!std::isfinite(p.wMin))
    return bad("w_min", p.wMin, "finite");
  if (!std::isfinite(p.wMax))
    return bad("w_max", p.wMax, "finite");
  if (!(p.wMin <= p.wMax)) {
    os << "stdp w_min (" << p.wMin << ") must be <= w_max (" << p.wMax << ")";
    return os.str();
  }
  return "";
}

/// Spiking neuron ops, before and after snn-discretize.
static bool isSpikingNeuron(Operation *op) {
  if (isa<IFOp, LIFOp, CubaLIFOp>(op))
    return true;
  if (auto n = dyn_cast<DiscreteNeuronOp>(op))
    return model::isSpiking(toModel(n.getNeuronType()));
  return false;
}

Operation *getPlasticPost(Operation *op, std::string &why) {
  Value out = op->getResult(0);
  if (out.use_empty()) {
    why = "its output feeds no node; a plastic node must feed exactly one "
          "spiking neuron node (IF, LIF or CubaLIF)";
    return nullptr;
  }
  if (!out.hasOneUse()) {
    why = "its output feeds more than one node input; a plastic node must "
          "feed exactly one spiking neuron node (IF, LIF or CubaLIF) and "
          "nothing else";
    return nullptr;
  }
  Operation *user = *out.getUsers().begin();
  if (!isSpikingNeuron(user)) {
    why = ("its output feeds node '" + getNodeName(user) + "' (" +
           user->getName().getStringRef() +
           "), not a spiking neuron node (IF, LIF or CubaLIF)")
              .str();
    return nullptr;
  }
  auto outShape = getShape(out.getType());
  auto postShape = getShape(user->getResult(0).getType());
  if (outShape && postShape &&
      numElements(*outShape) != numElements(*postShape)) {
    why = ("its output has " + std::to_string(numElements(*outShape)) +
           " elements but its post neuron node '" + getNodeName(user).str() +
           "' has " + std::to_string(numElements(*postShape)));
    return nullptr;
  }
  return user;
}

LogicalResult verifyPlasticNode(Operation *op) {
  StdpAttr stdp = getStdp(op);
  if (!stdp)
    return success();
  auto err = [&]() {
    return op->emitOpError() << "node '" << getNodeName(op) << "': ";
  };
  if (std::string why = checkStdpParams(stdp.toModel()); !why.empty())
    return err() << why;
  if (auto w = op->getAttrOfType<DenseFPElementsAttr>("weight");
      w && !isa<SparseAffineOp>(op) && w.getType().getRank() != 2)
    return err() << "a plastic node needs a rank-2 weight (out, in), got "
                    "rank "
                 << w.getType().getRank();
  if (auto conn = dyn_cast<ConnectorOp>(op))
    if (auto d = conn.getDelayDistribution();
        d && *d != DistributionKind::Constant)
      return err() << "a plastic connector needs one delay for all its "
                      "synapses (a constant delay distribution), got "
                   << stringifyDistributionKind(*d);
  Value out = op->getResult(0);
  // Inside a nested graph the post neuron may be outside it.
  if (out.hasOneUse())
    if (auto o = dyn_cast<OutputOp>(*out.getUsers().begin());
        o && isa<SubgraphOp>(o->getParentOp()))
      return success();
  std::string why;
  if (!getPlasticPost(op, why))
    return err() << why;
  return success();
}

LogicalResult refusePlasticNodes(Operation *root, StringRef target) {
  Operation *plastic = nullptr;
  root->walk([&](Operation *op) {
    if (getStdp(op)) {
      plastic = op;
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  if (!plastic)
    return success();
  return plastic->emitError()
         << "node '" << getNodeName(plastic) << "' is plastic (stdp) but the "
         << target
         << " target has no synaptic plasticity yet; run it on "
            "reference or reference-fixed";
}

} // namespace nmc::snn
