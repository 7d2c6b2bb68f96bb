//===- Place.cpp - spinn-place -------------------------------------------===//
//
// Greedy neighbourhood growth, as PACMAN's ApplicationPlacer grows from a
// start chip into neighbouring chips (spinnaker.md §B.2): slices in mapping
// order fill a chip's application cores, then the next chip is the free one
// nearest to the chips already used, so a population's slices and the
// populations that follow it in graph order (usually its neighbours) stay
// close. Deterministic: no randomness, ties broken by (x, y).
//===----------------------------------------------------------------------===//
#include "MachineOption.h"

#include "nmc/Spinn/SpinnPasses.h"
#include "nmc/Target/SpiNNaker/Routing.h"

#include "mlir/IR/Builders.h"

#include <climits>

using namespace mlir;
using namespace nmc::spinn;

namespace nmc {
#define GEN_PASS_DEF_SPINNPLACE
#include "nmc/Spinn/SpinnPasses.h.inc"
} // namespace nmc

namespace {

constexpr StringLiteral kPass = "spinn-place";

/// Hands out chips: first the first present chip in (x, y) order, then each
/// time the free chip at the smallest hex distance from the used ones.
class ChipGrower {
public:
  ChipGrower(const Machine &m) : m(m), chips(m.chips()) {
    distance.assign(chips.size(), INT_MAX);
    used.assign(chips.size(), false);
  }

  std::optional<ChipXY> next() {
    std::optional<size_t> best;
    for (size_t i = 0; i < chips.size(); ++i)
      if (!used[i] && (!best || distance[i] < distance[*best]))
        best = i; // chips are in (x, y) order: the first minimum wins
    if (!best)
      return std::nullopt;
    used[*best] = true;
    for (size_t i = 0; i < chips.size(); ++i)
      if (!used[i])
        distance[i] =
            std::min(distance[i], hexDistance(m, chips[*best], chips[i]));
    return chips[*best];
  }

  size_t size() const { return chips.size(); }

private:
  const Machine &m;
  std::vector<ChipXY> chips;
  std::vector<int32_t> distance;
  std::vector<bool> used;
};

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
    ChipGrower grower(m);
    const int64_t appCores = int64_t(grower.size()) * m.chip.appCores();
    std::optional<ChipXY> chip = grower.next();
    int32_t core = firstCore;
    int64_t sdramUsed = 0;
    OpBuilder b(&getContext());
    for (size_t i = 0; i < slices.size(); ++i) {
      SliceOp slice = slices[i].slice;
      const int64_t sdram = slice.getSdramBytes().value_or(0);
      while (chip && (core >= m.chip.cores || sdramUsed + sdram > sdramBudget)) {
        chip = grower.next();
        core = firstCore;
        sdramUsed = 0;
      }
      if (!chip) {
        mapping->emitError()
            << kPass << ": the network needs " << slices.size()
            << " cores (one per slice) but machine '" << m.name << "' has "
            << appCores << " application cores (" << grower.size()
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
