//===- Place.cpp - spinn-place -------------------------------------------===//
//
// Greedy neighbourhood growth, as PACMAN's ApplicationPlacer grows from a
// start chip into neighbouring chips (spinnaker.md §B.2): slices in mapping
// order fill a chip's application cores, then the next chip is the nearest
// free one, ring by ring around the start, so a population's slices and the
// populations that follow it in graph order (usually its neighbours) stay
// close. Deterministic: no randomness, ties broken by (x, y).
//===----------------------------------------------------------------------===//
#include "MachineOption.h"

#include "nmc/Spinn/SpinnPasses.h"
#include "nmc/Target/SpiNNaker/Routing.h"

#include "mlir/IR/Builders.h"

using namespace mlir;
using namespace nmc::spinn;

namespace nmc {
#define GEN_PASS_DEF_SPINNPLACE
#include "nmc/Spinn/SpinnPasses.h.inc"
} // namespace nmc

namespace {

constexpr StringLiteral kPass = "spinn-place";

/// The order chips are filled in: ring by ring around the first present
/// chip in (x, y) order (hex distance, wraps honoured), each ring in (x, y)
/// order. Rings keep the used chips a compact patch, so the hops between
/// any two slices stay short as the network grows.
std::vector<ChipXY> chipOrder(const Machine &m) {
  std::vector<ChipXY> chips = m.chips(); // (x, y) order
  if (chips.empty())
    return chips;
  const ChipXY start = chips.front();
  std::vector<std::pair<int32_t, ChipXY>> rings;
  for (ChipXY c : chips)
    rings.push_back({hexDistance(m, start, c), c});
  std::stable_sort(rings.begin(), rings.end(),
                   [](auto &a, auto &b) { return a.first < b.first; });
  for (size_t i = 0; i < chips.size(); ++i)
    chips[i] = rings[i].second;
  return chips;
}

struct SpinnPlacePass : nmc::impl::SpinnPlaceBase<SpinnPlacePass> {
  using SpinnPlaceBase::SpinnPlaceBase;

  void runOnOperation() override {
    FailureOr<MappingOp> mapping = getMapping(getOperation(), kPass);
    if (failed(mapping))
      return signalPassFailure();
    FailureOr<Machine> machine = resolveMachine(*mapping, this->machine, kPass);
    if (failed(machine))
      return signalPassFailure();
    const Machine &m = *machine;
    SmallVector<SliceRef> slices = collectSlices(*mapping);
    if (slices.empty()) {
      mapping->emitError() << kPass
                           << ": the mapping has no slices; run "
                              "spinn-partition first";
      return signalPassFailure();
    }
    const int64_t sdramBudget = m.chip.sdramUsableBytes;
    for (SliceRef &s : slices) {
      const int64_t dtcm = s.slice.getDtcmBytes().value_or(0);
      const int64_t sdram = s.slice.getSdramBytes().value_or(0);
      if (dtcm > m.chip.dtcmBytes || sdram > sdramBudget) {
        s.slice.emitError()
            << kPass << ": slice [" << s.slice.getLo() << ", "
            << s.slice.getHi() << ") of population '"
            << s.population.getName() << "' needs " << dtcm << " B DTCM and "
            << sdram << " B SDRAM; machine '" << m.name << "' has "
            << m.chip.dtcmBytes << " B DTCM per core and " << sdramBudget
            << " B usable SDRAM per chip";
        return signalPassFailure();
      }
    }

    // Application cores: monitorCores .. cores-1. Core 0 runs SC&MP and
    // core 1 the extra monitor on SpiNNaker 1 (spinnaker.md §A.1: 18 cores,
    // 16 for applications) [assumed: the monitors take the lowest numbers].
    const int32_t firstCore = m.chip.monitorCores;
    const std::vector<ChipXY> order = chipOrder(m);
    const int64_t appCores = int64_t(order.size()) * m.chip.appCores();
    size_t nextChip = 0;
    auto grow = [&]() -> std::optional<ChipXY> {
      if (nextChip == order.size())
        return std::nullopt;
      return order[nextChip++];
    };
    std::optional<ChipXY> chip = grow();
    int32_t core = firstCore;
    int64_t sdramUsed = 0;
    OpBuilder b(&getContext());
    for (size_t i = 0; i < slices.size(); ++i) {
      SliceOp slice = slices[i].slice;
      const int64_t sdram = slice.getSdramBytes().value_or(0);
      while (chip && (core >= m.chip.cores || sdramUsed + sdram > sdramBudget)) {
        chip = grow();
        core = firstCore;
        sdramUsed = 0;
      }
      if (!chip) {
        mapping->emitError()
            << kPass << ": the network needs " << slices.size()
            << " cores (one per slice) but machine '" << m.name << "' has "
            << appCores << " application cores (" << order.size()
            << " chips x " << m.chip.appCores() << ", " << sdramBudget
            << " B usable SDRAM per chip); " << i
            << " slices were placed when it ran out";
        return signalPassFailure();
      }
      slice->setAttr("x", b.getI64IntegerAttr(chip->x));
      slice->setAttr("y", b.getI64IntegerAttr(chip->y));
      slice->setAttr("p", b.getI64IntegerAttr(core));
      ++core;
      sdramUsed += sdram;
    }
  }
};

} // namespace
