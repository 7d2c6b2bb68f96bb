//===- Quantize.cpp - snn-quantize --------------------------------------===//
//
// Rounds the parameters of a discretized graph to a fixed-point format with
// nmc/Model/FixedPoint.h, the arithmetic the engine and targets use, so the
// rounded values are exactly what they compute with.
//===----------------------------------------------------------------------===//
#include "nmc/Dialect/SNN/SNNStdp.h"
#include "nmc/Dialect/SNN/SNNUtils.h"
#include "nmc/Model/FixedPoint.h"
#include "nmc/Transforms/Passes.h"

#include "mlir/IR/BuiltinTypes.h"

using namespace mlir;
using namespace nmc::snn;
namespace model = nmc::model;

namespace nmc {
#define GEN_PASS_DEF_SNNQUANTIZE
#include "nmc/Transforms/Passes.h.inc"
} // namespace nmc

namespace {

/// The float parameters quantized, by op.
SmallVector<StringRef> quantizedAttrs(Operation *op) {
  if (isa<DiscreteNeuronOp>(op))
    return {"a_syn",   "b_syn",       "a_mem",   "c_mem_syn", "c_mem_in",
            "c_mem_0", "v_threshold", "v_reset", "a_theta",   "d_theta"};
  if (isa<AffineOp, SparseAffineOp, Conv1dOp, Conv2dOp>(op))
    return {"weight", "bias"};
  if (isa<LinearOp>(op))
    return {"weight"};
  if (isa<ScaleOp>(op))
    return {"scale"};
  if (isa<ThresholdOp>(op))
    return {"threshold"};
  return {};
}

/// A value lost to the format: saturated, or rounded to zero.
struct Loss {
  StringRef attr;
  int64_t index;
  double before, after;
  bool saturated;
};

struct SNNQuantizePass : nmc::impl::SNNQuantizeBase<SNNQuantizePass> {
  using SNNQuantizeBase::SNNQuantizeBase;

  void runOnOperation() override {
    GraphOp graph = getOperation();
    std::optional<model::FixedFormat> fmt = model::parseFixedFormat(format);
    if (!fmt) {
      graph.emitError() << "snn-quantize: format '" << format
                        << "' is not sI.F or uI.F with 1 to 32 bits (e.g. "
                           "s16.15, s0.15, u0.16, s7.0)";
      return signalPassFailure();
    }
    std::optional<model::Rounding> mode = model::parseRounding(rounding);
    if (!mode) {
      graph.emitError() << "snn-quantize: unknown rounding '" << rounding
                        << "' (use nearest, truncate or stochastic)";
      return signalPassFailure();
    }
    model::fixed::Rng rng(seed);
    for (Operation &op : graph.getBodyBlock()) {
      if (isa<IOp, IFOp, LIOp, LIFOp, CubaLIOp, CubaLIFOp, DelayOp>(op)) {
        op.emitError() << "snn-quantize: node '" << getNodeName(&op)
                       << "' is not discretized; run snn-discretize first";
        return signalPassFailure();
      }
      quantizeNode(&op, *fmt, *mode, rng);
    }
    graph->setAttr("number_format",
                   StringAttr::get(&getContext(), model::toString(*fmt)));
  }

  void quantizeNode(Operation *op, const model::FixedFormat &fmt,
                    model::Rounding mode, model::fixed::Rng &rng) {
    SmallVector<Loss> losses;
    int64_t saturated = 0, toZero = 0;
    for (StringRef name : quantizedAttrs(op)) {
      auto attr = op->getAttrOfType<DenseFPElementsAttr>(name);
      if (!attr)
        continue;
      std::vector<double> values = getFloatValues(attr);
      if (attr.isSplat())
        values.resize(1);
      for (size_t i = 0; i < values.size(); ++i) {
        model::QuantizeStats st;
        const double before = values[i];
        values[i] = model::fixed::toDouble(
            model::fixed::fromDouble(before, fmt, mode, &rng, &st), fmt);
        if (st.saturated || st.roundedToZero) {
          saturated += st.saturated;
          toZero += st.roundedToZero;
          losses.push_back({name, static_cast<int64_t>(i), before, values[i],
                            st.saturated > 0});
        }
      }
      auto type = RankedTensorType::get(attr.getType().getShape(),
                                        Float64Type::get(op->getContext()));
      op->setAttr(name, attr.isSplat()
                            ? DenseElementsAttr::get(type, values[0])
                            : DenseElementsAttr::get(type, ArrayRef(values)));
    }
    // A plastic node's amplitudes and bounds are in the weight unit: they
    // are rounded like its weights.
    if (StdpAttr stdp = getStdp(op)) {
      model::StdpParams sp = stdp.toModel();
      double v[4] = {sp.aPlus, sp.aMinus, sp.wMin, sp.wMax};
      const char *names[4] = {"stdp.a_plus", "stdp.a_minus", "stdp.w_min",
                              "stdp.w_max"};
      for (int k = 0; k < 4; ++k) {
        model::QuantizeStats st;
        const double before = v[k];
        v[k] = model::fixed::toDouble(
            model::fixed::fromDouble(before, fmt, mode, &rng, &st), fmt);
        if (st.saturated || st.roundedToZero) {
          saturated += st.saturated;
          toZero += st.roundedToZero;
          losses.push_back({names[k], 0, before, v[k], st.saturated > 0});
        }
      }
      op->setAttr("stdp", stdp.withWeightParams(v[0], v[1], v[2], v[3]));
    }
    if (losses.empty())
      return;
    InFlightDiagnostic diag = op->emitWarning()
                              << "snn-quantize: in node '" << getNodeName(op)
                              << "', " << saturated << " value(s) saturate and "
                              << toZero << " round to zero in "
                              << model::toString(fmt);
    for (size_t k = 0; k < losses.size() && k < maxNotes; ++k) {
      const Loss &l = losses[k];
      diag.attachNote(op->getLoc())
          << l.attr << "[" << l.index << "] = " << l.before
          << (l.saturated ? " saturates to " : " rounds to ") << l.after;
    }
  }
};

} // namespace
