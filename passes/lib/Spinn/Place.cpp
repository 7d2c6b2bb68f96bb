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
#include "Reach.h"

#include "nmc/Spinn/SpinnPasses.h"
#include "nmc/Target/SpiNNaker/Routing.h"

#include "mlir/IR/Builders.h"

#include <cmath>
#include <map>
#include <random>
#include <string>
#include <tuple>

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

/// Slices' chips (indices into the used chips) and cores.
struct Placement {
  std::vector<size_t> chipOf;
  std::vector<int32_t> coreOf;
};

/// Sum over every slice and every other slice it reaches of the hex
/// distance between their chips.
int64_t placementCost(const Machine &m, ArrayRef<ChipXY> chips,
                      const Placement &pl,
                      const std::vector<std::vector<size_t>> &reach) {
  int64_t cost = 0;
  for (size_t i = 0; i < reach.size(); ++i)
    for (size_t j : reach[i])
      cost += hexDistance(m, chips[pl.chipOf[i]], chips[pl.chipOf[j]]);
  return cost;
}

/// Simulated annealing over the cores of `chips`: a step swaps the
/// contents of two cores on different chips (a slice and an empty core is
/// a move) when both chips stay within their SDRAM budget; Metropolis
/// acceptance at a temperature falling linearly from 1 hop to 0. Returns
/// the best placement seen. mt19937_64 is fully specified by the standard
/// and the draws below use no library distribution, so a seed gives the
/// same placement everywhere.
Placement anneal(const Machine &m, ArrayRef<ChipXY> chips, Placement pl,
                 const std::vector<std::vector<size_t>> &reach,
                 ArrayRef<int64_t> sdram, int64_t budget, int32_t firstCore,
                 int64_t steps, uint64_t seed) {
  const size_t n = pl.chipOf.size(), nChips = chips.size();
  const size_t perChip = size_t(m.chip.cores - firstCore);
  const size_t nSlots = nChips * perChip;
  if (n == 0 || nChips < 2)
    return pl;
  std::vector<std::vector<size_t>> adj(n); // both directions, no self
  for (size_t i = 0; i < n; ++i)
    for (size_t j : reach[i])
      if (j != i) {
        adj[i].push_back(j);
        adj[j].push_back(i);
      }
  std::vector<int32_t> dist(nChips * nChips);
  for (size_t a = 0; a < nChips; ++a)
    for (size_t b = 0; b < nChips; ++b)
      dist[a * nChips + b] = hexDistance(m, chips[a], chips[b]);
  std::vector<int64_t> occupant(nSlots, -1), used(nChips, 0);
  std::vector<size_t> slotOf(n);
  for (size_t i = 0; i < n; ++i) {
    slotOf[i] = pl.chipOf[i] * perChip + size_t(pl.coreOf[i] - firstCore);
    occupant[slotOf[i]] = int64_t(i);
    used[pl.chipOf[i]] += sdram[i];
  }
  // Length of slice s's edges with s on `chip`, the others where they are.
  auto local = [&](size_t s, size_t chip) {
    int64_t c = 0;
    for (size_t t : adj[s])
      c += dist[chip * nChips + pl.chipOf[t]];
    return c;
  };
  std::mt19937_64 rng(seed);
  int64_t cost = 0, bestCost = 0;
  for (size_t i = 0; i < n; ++i)
    cost += local(i, pl.chipOf[i]);
  cost /= 2; // each edge counted from both ends
  bestCost = cost;
  Placement best = pl;
  for (int64_t step = 0; step < steps; ++step) {
    const double t = 1.0 - double(step) / double(steps);
    const size_t s1 = size_t(rng() % n);
    const size_t b = size_t(rng() % nSlots);
    const size_t chipA = pl.chipOf[s1], chipB = b / perChip;
    if (chipA == chipB)
      continue;
    const int64_t s2 = occupant[b];
    const int64_t moveIn = sdram[s1] - (s2 >= 0 ? sdram[s2] : 0);
    if (used[chipB] + moveIn > budget || used[chipA] - moveIn > budget)
      continue;
    // Edges of the moved slices, before and after (an edge between s1 and
    // s2 counts twice in both, with the same length).
    auto after = [&](size_t t) {
      return t == s1 ? chipB : int64_t(t) == s2 ? chipA : pl.chipOf[t];
    };
    int64_t delta = -local(s1, chipA);
    for (size_t t : adj[s1])
      delta += dist[chipB * nChips + after(t)];
    if (s2 >= 0) {
      delta -= local(size_t(s2), chipB);
      for (size_t t : adj[size_t(s2)])
        delta += dist[chipA * nChips + after(t)];
    }
    const double u = double(rng() >> 11) * 0x1.0p-53;
    if (delta > 0 && !(t > 0 && u < std::exp(-double(delta) / t)))
      continue;
    const size_t a = slotOf[s1];
    occupant[a] = s2;
    occupant[b] = int64_t(s1);
    used[chipB] += moveIn;
    used[chipA] -= moveIn;
    slotOf[s1] = b;
    pl.chipOf[s1] = chipB;
    pl.coreOf[s1] = firstCore + int32_t(b % perChip);
    if (s2 >= 0) {
      slotOf[size_t(s2)] = a;
      pl.chipOf[size_t(s2)] = chipA;
      pl.coreOf[size_t(s2)] = firstCore + int32_t(a % perChip);
    }
    cost += delta;
    if (cost < bestCost) {
      bestCost = cost;
      best = pl;
    }
  }
  return best;
}

struct SpinnPlacePass : nmc::impl::SpinnPlaceBase<SpinnPlacePass> {
  using SpinnPlaceBase::SpinnPlaceBase;

  /// A slice with `ext_stage_ticks` gets its delay-extension core on its
  /// own chip when an application core is free there, else on the nearest
  /// chip (hex distance; ties in (x, y) order) with one; the lowest free
  /// core. After the slices (and any annealing), in slice order.
  LogicalResult placeDelayExtensions(
      const Machine &m, ArrayRef<SliceRef> slices,
      std::map<std::pair<int32_t, int32_t>, std::vector<bool>> &busy) {
    OpBuilder b(&getContext());
    const std::vector<ChipXY> chips = m.chips(); // (x, y) order
    auto freeCore = [&](ChipXY c) -> int32_t {
      auto &cores = busy[{c.x, c.y}];
      cores.resize(size_t(m.chip.cores), false);
      for (int32_t p = m.chip.monitorCores; p < m.chip.cores; ++p)
        if (!cores[size_t(p)])
          return p;
      return -1;
    };
    for (SliceRef s : slices) {
      SliceOp slice = s.slice;
      slice->removeAttr("ext_x");
      slice->removeAttr("ext_y");
      slice->removeAttr("ext_p");
      if (!slice.getExtStageTicks())
        continue;
      const ChipXY home{int32_t(*slice.getX()), int32_t(*slice.getY())};
      std::optional<ChipXY> best;
      int32_t bestDistance = 0, bestCore = -1;
      for (ChipXY c : chips) {
        const int32_t p = freeCore(c);
        if (p < 0)
          continue;
        const int32_t d = hexDistance(m, home, c);
        if (!best || d < bestDistance) {
          best = c;
          bestDistance = d;
          bestCore = p;
        }
      }
      if (!best)
        return slice.emitError()
               << kPass << ": slice [" << slice.getLo() << ", " << slice.getHi()
               << ") of population '" << s.population.getName()
               << "' needs a delay-extension core but every application "
                  "core of machine '"
               << m.name << "' is used";
      busy[{best->x, best->y}][size_t(bestCore)] = true;
      slice->setAttr("ext_x", b.getI64IntegerAttr(best->x));
      slice->setAttr("ext_y", b.getI64IntegerAttr(best->y));
      slice->setAttr("ext_p", b.getI64IntegerAttr(bestCore));
    }
    return success();
  }

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
            << s.slice.getHi() << ") of population '" << s.population.getName()
            << "' needs " << dtcm << " B DTCM and " << sdram
            << " B SDRAM; machine '" << m.name << "' has " << m.chip.dtcmBytes
            << " B DTCM per core and " << sdramBudget
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
    Placement pl;
    pl.chipOf.assign(slices.size(), 0);
    pl.coreOf.assign(slices.size(), 0);
    std::vector<int64_t> sdram;
    for (SliceRef &s : slices)
      sdram.push_back(s.slice.getSdramBytes().value_or(0));
    // The order slices are placed in: mapping order, except that a slice of
    // a source whose projections are all one-to-one (Reach.h
    // oneToOneSources) goes right before the slice of its first target
    // with the same neurons, onto the same chip unless that one is full:
    // its packets then stay on the chip (PACMAN keeps such a Poisson
    // source and its target a same-chip group [assumed]).
    std::vector<size_t> placeOrder;
    {
      const auto oneToOne = oneToOneSources(getOperation(), *mapping);
      std::map<std::tuple<std::string, int64_t, int64_t>, size_t> byRange;
      for (size_t i = 0; i < slices.size(); ++i)
        byRange[{slices[i].population.getName().str(), slices[i].slice.getLo(),
                 slices[i].slice.getHi()}] = i;
      std::vector<int64_t> before(slices.size(), -1); // target -> source
      std::vector<bool> paired(slices.size(), false);
      for (size_t i = 0; i < slices.size(); ++i) {
        auto it = oneToOne.find(slices[i].population.getName());
        if (it == oneToOne.end())
          continue;
        ProjectionOp first = it->getValue().front(); // a handle: copy
        auto t = byRange.find({first.getPost().str(), slices[i].slice.getLo(),
                               slices[i].slice.getHi()});
        if (t != byRange.end() && before[t->second] < 0) {
          before[t->second] = int64_t(i);
          paired[i] = true;
        }
      }
      for (size_t i = 0; i < slices.size(); ++i) {
        if (paired[i])
          continue;
        if (before[i] >= 0)
          placeOrder.push_back(size_t(before[i]));
        placeOrder.push_back(i);
      }
    }
    for (size_t placed = 0; placed < placeOrder.size(); ++placed) {
      const size_t i = placeOrder[placed];
      while (chip &&
             (core >= m.chip.cores || sdramUsed + sdram[i] > sdramBudget)) {
        chip = grow();
        core = firstCore;
        sdramUsed = 0;
      }
      if (!chip) {
        mapping->emitError()
            << kPass << ": the network needs " << slices.size()
            << " cores (one per slice) but machine '" << m.name << "' has "
            << appCores << " application cores (" << order.size() << " chips x "
            << m.chip.appCores() << ", " << sdramBudget
            << " B usable SDRAM per chip); " << placed
            << " slices were placed when it ran out";
        return signalPassFailure();
      }
      pl.chipOf[i] = nextChip - 1;
      pl.coreOf[i] = core;
      ++core;
      sdramUsed += sdram[i];
    }

    FailureOr<std::vector<std::vector<size_t>>> reach =
        sliceReach(getOperation(), slices, kPass);
    if (failed(reach))
      return signalPassFailure();
    ArrayRef<ChipXY> used(order.data(), nextChip);
    if (annealSteps < 0) {
      mapping->emitError() << kPass
                           << ": option anneal-steps=" << int64_t(annealSteps)
                           << " must be >= 0";
      return signalPassFailure();
    }
    if (annealSteps > 0)
      pl = anneal(m, used, std::move(pl), *reach, sdram, sdramBudget, firstCore,
                  annealSteps, seed);

    OpBuilder b(&getContext());
    // Free application cores per chip, for the delay extensions.
    std::map<std::pair<int32_t, int32_t>, std::vector<bool>> busy;
    for (size_t i = 0; i < slices.size(); ++i) {
      SliceOp slice = slices[i].slice;
      const ChipXY c = used[pl.chipOf[i]];
      slice->setAttr("x", b.getI64IntegerAttr(c.x));
      slice->setAttr("y", b.getI64IntegerAttr(c.y));
      slice->setAttr("p", b.getI64IntegerAttr(pl.coreOf[i]));
      auto &cores = busy[{c.x, c.y}];
      cores.resize(size_t(m.chip.cores), false);
      cores[size_t(pl.coreOf[i])] = true;
    }
    if (failed(placeDelayExtensions(m, slices, busy)))
      return signalPassFailure();
    mapping->setPlacementCostAttr(
        b.getI64IntegerAttr(placementCost(m, used, pl, *reach)));
  }
};

} // namespace
