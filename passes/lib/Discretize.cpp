//===- Discretize.cpp - snn-discretize ----------------------------------===//
//
// Continuous NIR neurons -> discrete update rules, using
// nmc/Model/NeuronModel.h (the one definition of the equations).
//===----------------------------------------------------------------------===//
#include "nmc/Dialect/SNN/SNNUtils.h"
#include "nmc/Model/NeuronModel.h"
#include "nmc/Transforms/Passes.h"

#include <cmath>

using namespace mlir;
using namespace nmc::snn;
namespace model = nmc::model;

namespace nmc {
#define GEN_PASS_DEF_SNNDISCRETIZE
#include "nmc/Transforms/Passes.h.inc"
} // namespace nmc

namespace {

/// Reads the NIR parameters of a neuron op into per-element structs.
std::vector<model::ContinuousParams> readParams(Operation *op, int64_t n) {
  std::vector<model::ContinuousParams> params(n);
  auto set = [&](StringRef name, double model::ContinuousParams::*field) {
    auto attr = op->getAttrOfType<DenseFPElementsAttr>(name);
    if (!attr)
      return;
    std::vector<double> values = getFloatValues(attr);
    for (int64_t i = 0; i < n && i < static_cast<int64_t>(values.size()); ++i)
      params[i].*field = values[i];
  };
  set("tau", &model::ContinuousParams::tau);
  set("tau_syn", &model::ContinuousParams::tauSyn);
  set("tau_mem", &model::ContinuousParams::tauMem);
  set("r", &model::ContinuousParams::r);
  set("v_leak", &model::ContinuousParams::vLeak);
  set("v_threshold", &model::ContinuousParams::vThreshold);
  set("v_reset", &model::ContinuousParams::vReset);
  set("w_in", &model::ContinuousParams::wIn);
  return params;
}

std::optional<model::NeuronType> neuronTypeOf(Operation *op) {
  if (isa<IOp>(op))
    return model::NeuronType::I;
  if (isa<IFOp>(op))
    return model::NeuronType::IF;
  if (isa<LIOp>(op))
    return model::NeuronType::LI;
  if (isa<LIFOp>(op))
    return model::NeuronType::LIF;
  if (isa<CubaLIOp>(op))
    return model::NeuronType::CubaLI;
  if (isa<CubaLIFOp>(op))
    return model::NeuronType::CubaLIF;
  return std::nullopt;
}

/// Largest delay in steps: every step count up to it is an exact double.
constexpr double kMaxDelaySteps = 9007199254740992.0; // 2^53

struct SNNDiscretizePass : nmc::impl::SNNDiscretizeBase<SNNDiscretizePass> {
  using SNNDiscretizeBase::SNNDiscretizeBase;

  void runOnOperation() override {
    GraphOp graph = getOperation();
    if (!(dt > 0) || !std::isfinite(dt)) {
      graph.emitError() << "snn-discretize: dt must be a positive number, got "
                        << dt;
      return signalPassFailure();
    }
    SmallVector<Operation *> nodes;
    graph.walk([&](Operation *op) {
      if (neuronTypeOf(op) || isa<DelayOp>(op))
        nodes.push_back(op);
    });
    for (Operation *op : nodes)
      if (failed(isa<DelayOp>(op) ? rewriteDelay(cast<DelayOp>(op))
                                  : rewriteNeuron(op)))
        return signalPassFailure();
    Builder b(graph.getContext());
    graph.setDtAttr(b.getF64FloatAttr(dt));
    graph.setMethod(method.getValue());
    graph.setReset(reset.getValue());
  }

  LogicalResult rewriteNeuron(Operation *op) {
    model::NeuronType type = *neuronTypeOf(op);
    auto shapeOpt = getShape(op->getResult(0).getType());
    if (!shapeOpt)
      return op->emitError() << "node '" << getNodeName(op)
                             << "': shape unknown; run snn-infer-shapes first";
    int64_t n = numElements(*shapeOpt);
    std::vector<model::ContinuousParams> params = readParams(op, n);
    std::vector<double> aSyn(n), bSyn(n), aMem(n), cSyn(n), cIn(n), c0(n),
        thr(n), vReset(n);
    const bool euler = method.getValue() == DiscretizeMethod::Euler;
    bool warned = false;
    for (int64_t i = 0; i < n; ++i) {
      const model::ContinuousParams &p = params[i];
      for (double tau : {p.tau, p.tauSyn, p.tauMem})
        if (!(tau > 0) || !std::isfinite(tau))
          return op->emitError()
                 << "node '" << getNodeName(op)
                 << "': time constants must be finite and > 0, got " << tau
                 << " (element " << i << ")";
      for (double x : {p.r, p.vLeak, p.vThreshold, p.vReset, p.wIn})
        if (!std::isfinite(x))
          return op->emitError()
                 << "node '" << getNodeName(op) << "': parameter " << x
                 << " is not finite (element " << i << ")";
      model::DiscreteCoeffs c =
          model::discretizeNeuron(type, p, dt, toModel(method.getValue()));
      // Forward Euler's decay 1 - dt/tau is negative for dt > tau: the
      // membrane then oscillates with growing amplitude.
      if (euler && !warned && (c.aMem < 0 || c.aSyn < 0)) {
        op->emitWarning() << "node '" << getNodeName(op)
                          << "': forward Euler is unstable for dt = " << dt
                          << " > tau (decay " << std::min(c.aMem, c.aSyn)
                          << " < 0, element " << i
                          << "); use method=exact or a smaller dt";
        warned = true;
      }
      aSyn[i] = c.aSyn, bSyn[i] = c.bSyn, aMem[i] = c.aMem;
      cSyn[i] = c.cMemSyn, cIn[i] = c.cMemIn, c0[i] = c.cMem0;
      thr[i] = c.vThreshold, vReset[i] = c.vReset;
    }
    OpBuilder b(op);
    auto attrType = RankedTensorType::get(*shapeOpt, b.getF64Type());
    auto arr = [&](ArrayRef<double> v) {
      return DenseElementsAttr::get(attrType, v);
    };
    DenseElementsAttr refSteps, aTheta, dTheta;
    if (failed(
            discretizeExtensions(op, n, *shapeOpt, refSteps, aTheta, dTheta)))
      return failure();
    auto step = b.create<DiscreteNeuronOp>(
        op->getLoc(), op->getResult(0).getType(),
        op->getAttrOfType<StringAttr>("name"), op->getOperands(),
        NeuronTypeAttr::get(b.getContext(), toSNN(type)), arr(aSyn), arr(bSyn),
        arr(aMem), arr(cSyn), arr(cIn), arr(c0), arr(thr), arr(vReset),
        ResetModeAttr::get(b.getContext(), reset.getValue()),
        cast_or_null<DenseIntElementsAttr>(refSteps),
        cast_or_null<DenseFPElementsAttr>(aTheta),
        cast_or_null<DenseFPElementsAttr>(dTheta));
    op->getResult(0).replaceAllUsesWith(step.getOutput());
    op->erase();
    return success();
  }

  /// The nmc extensions (t_ref, d_theta/tau_theta) as discrete arrays:
  /// steps = round(t_ref/dt), a_theta = the decay of tau_theta. Absent
  /// attributes stay absent (the node then runs exactly as without them).
  LogicalResult discretizeExtensions(Operation *op, int64_t n,
                                     ArrayRef<int64_t> shape,
                                     DenseElementsAttr &refSteps,
                                     DenseElementsAttr &aTheta,
                                     DenseElementsAttr &dTheta) {
    Builder b(op->getContext());
    auto values = [&](StringRef name) -> std::optional<std::vector<double>> {
      auto attr = op->getAttrOfType<DenseFPElementsAttr>(name);
      if (!attr)
        return std::nullopt;
      std::vector<double> v = getFloatValues(attr);
      v.resize(n, v.empty() ? 0.0 : v.back());
      return v;
    };
    if (auto tRef = values("t_ref")) {
      std::vector<int64_t> steps(n);
      for (int64_t i = 0; i < n; ++i) {
        const double s = (*tRef)[i] / dt;
        if (!(s >= 0) || !(s < 2147483647.5))
          return op->emitError()
                 << "node '" << getNodeName(op) << "': t_ref " << (*tRef)[i]
                 << " (element " << i << ") is " << s << " steps of dt = " << dt
                 << ", outside [0, 2^31)";
        steps[i] = model::refractorySteps((*tRef)[i], dt);
      }
      refSteps = DenseElementsAttr::get(
          RankedTensorType::get(shape, b.getI64Type()), ArrayRef(steps));
    }
    auto d = values("d_theta"), tau = values("tau_theta");
    if (d && tau) {
      std::vector<double> a(n);
      bool warned = false;
      for (int64_t i = 0; i < n; ++i) {
        a[i] = model::thetaDecay((*tau)[i], dt, toModel(method.getValue()));
        // As for the membrane: Euler's 1 - dt/tau_theta < 0 flips theta's
        // sign every step, lowering the threshold instead of raising it.
        if (a[i] < 0 && !warned) {
          op->emitWarning()
              << "node '" << getNodeName(op)
              << "': forward Euler is unstable for dt = " << dt
              << " > tau_theta = " << (*tau)[i] << " (decay " << a[i]
              << " < 0, element " << i << "); use method=exact or a smaller dt";
          warned = true;
        }
      }
      auto type = RankedTensorType::get(shape, b.getF64Type());
      aTheta = DenseElementsAttr::get(type, ArrayRef(a));
      dTheta = DenseElementsAttr::get(type, ArrayRef(*d));
    }
    return success();
  }

  LogicalResult rewriteDelay(DelayOp op) {
    std::vector<int64_t> steps;
    std::vector<double> delays = getFloatValues(op.getDelay());
    for (size_t i = 0; i < delays.size(); ++i) {
      // llround of a value beyond int64 is undefined (it gave a negative
      // step count); refuse it with the delay as written.
      const double d = delays[i], s = d / dt;
      if (!std::isfinite(d) || !(s <= kMaxDelaySteps))
        return op.emitError()
               << "node '" << getNodeName(op) << "': delay " << d
               << " (element " << i << ") is " << s << " steps of dt = " << dt
               << ", more than the 2^53 steps a delay can have";
      steps.push_back(static_cast<int64_t>(std::llround(s)));
    }
    OpBuilder b(op);
    auto type = RankedTensorType::get(op.getDelay().getType().getShape(),
                                      b.getI64Type());
    auto step = b.create<DiscreteDelayOp>(
        op.getLoc(), op.getOutput().getType(), op.getNameAttr(), op.getInputs(),
        DenseIntElementsAttr::get(type, steps));
    op.getOutput().replaceAllUsesWith(step.getOutput());
    op.erase();
    return success();
  }
};

} // namespace
