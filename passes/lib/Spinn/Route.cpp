//===- Route.cpp - spinn-route -------------------------------------------===//
//
// PACMAN's ApplicationRouter and MergedRoutingTableGenerator in one
// (spinnaker.md §B.2): one multicast tree per sending slice, from its chip
// to the core of every slice it has synapses onto (longest-dimension-first
// paths merged into a tree, Routing.h), and one router entry per tree chip.
// Defaultable entries are kept and flagged: RouterTable.h's compressors
// need them to stay equivalent; spinn-compress-tables drops them.
//===----------------------------------------------------------------------===//
#include "DelayExtension.h"
#include "MachineOption.h"

#include "nmc/Spinn/SpinnPasses.h"
#include "nmc/Target/SpiNNaker/Routing.h"

#include "mlir/IR/Builders.h"

using namespace mlir;
using namespace nmc::spinn;

namespace nmc {
#define GEN_PASS_DEF_SPINNROUTE
#include "nmc/Spinn/SpinnPasses.h.inc"
} // namespace nmc

namespace {

constexpr StringLiteral kPass = "spinn-route";

struct SpinnRoutePass : nmc::impl::SpinnRouteBase<SpinnRoutePass> {
  using SpinnRouteBase::SpinnRouteBase;

  void runOnOperation() override {
    nmc::snn::GraphOp graph = getOperation();
    FailureOr<MappingOp> mapping = getMapping(graph, kPass);
    if (failed(mapping))
      return signalPassFailure();
    FailureOr<Machine> machine = resolveMachine(*mapping, this->machine, kPass);
    if (failed(machine))
      return signalPassFailure();
    SmallVector<SliceRef> slices = collectSlices(*mapping);
    for (SliceRef &s : slices)
      if (!s.slice.getX() || !s.slice.getKey()) {
        s.slice.emitError()
            << kPass << ": a slice of population '" << s.population.getName()
            << "' has no placement or key; run spinn-place "
               "and spinn-allocate-keys first";
        return signalPassFailure();
      }
    FailureOr<DelayPlan> plan = planDelayExtensions(graph, slices, kPass);
    if (failed(plan))
      return signalPassFailure();

    RoutingTables tables;
    auto coreOf = [&](size_t j) -> RouteTarget {
      return {
          {int32_t(*slices[j].slice.getX()), int32_t(*slices[j].slice.getY())},
          int32_t(*slices[j].slice.getP())};
    };
    // One tree from `from` to `targets` under (key, mask).
    auto route = [&](size_t i, ChipXY from, std::vector<RouteTarget> targets,
                     uint32_t key) -> LogicalResult {
      if (targets.empty())
        return success();
      SliceOp source = slices[i].slice;
      TreeOrError tree = buildTree(*machine, from, targets);
      if (!tree.tree)
        return source.emitError()
               << kPass << ": slice [" << source.getLo() << ", "
               << source.getHi() << ") of population '"
               << slices[i].population.getName() << "': " << tree.error;
      addTreeEntries(tables, *tree.tree, key, uint32_t(*source.getMask()),
                     uint32_t(slices[i].populationIndex));
      return success();
    };
    for (size_t i = 0; i < slices.size(); ++i) {
      SliceOp source = slices[i].slice;
      const int64_t stages = plan->stages[i];
      std::optional<RouteTarget> ext;
      if (stages > 0) {
        auto keys = source.getExtKeys();
        if (!source.getExtX() || !keys || int64_t(keys->size()) != stages) {
          source.emitError()
              << kPass << ": slice [" << source.getLo() << ", "
              << source.getHi() << ") of population '"
              << slices[i].population.getName() << "' needs a delay "
              << "extension of " << stages << " stage(s) but has no "
              << "placed extension core or not " << stages
              << " ext_keys; run spinn-partition, spinn-place and "
                 "spinn-allocate-keys first";
          return signalPassFailure();
        }
        ext = RouteTarget{
            {int32_t(*source.getExtX()), int32_t(*source.getExtY())},
            int32_t(*source.getExtP())};
      }
      // The slice's own key: the cores with directly delivered synapses
      // and its extension core.
      std::vector<RouteTarget> direct;
      for (const DelayLink &l : plan->links[i])
        if (l.stages & 1u)
          direct.push_back(coreOf(l.target));
      if (ext)
        direct.push_back(*ext);
      const ChipXY home{int32_t(*source.getX()), int32_t(*source.getY())};
      if (failed(route(i, home, direct, uint32_t(*source.getKey()))))
        return signalPassFailure();
      // Stage s's key: from the extension core to the cores with stage-s
      // synapses.
      for (int64_t s = 1; s <= stages; ++s) {
        std::vector<RouteTarget> targets;
        for (const DelayLink &l : plan->links[i])
          if (l.stages & (1u << s))
            targets.push_back(coreOf(l.target));
        if (failed(route(i, ext->chip, targets,
                         uint32_t((*source.getExtKeys())[s - 1]))))
          return signalPassFailure();
      }
    }

    for (auto table : llvm::make_early_inc_range(
             mapping->getBodyBlock().getOps<RouterTableOp>()))
      table.erase();
    OpBuilder b = OpBuilder::atBlockEnd(&mapping->getBodyBlock());
    for (const auto &[chip, table] : tables)
      createTable(b, mapping->getLoc(), chip, table);
  }

  static void createTable(OpBuilder &b, Location loc, ChipXY chip,
                          const RouterTable &table) {
    SmallVector<int64_t> entries, sources;
    SmallVector<bool> defaultable;
    for (const RouterEntry &e : table) {
      entries.append({e.key, e.mask, e.route});
      defaultable.push_back(e.defaultable);
      sources.push_back(e.source);
    }
    b.create<RouterTableOp>(
        loc, TypeRange{}, ValueRange{},
        ArrayRef<NamedAttribute>{
            b.getNamedAttr("x", b.getI64IntegerAttr(chip.x)),
            b.getNamedAttr("y", b.getI64IntegerAttr(chip.y)),
            b.getNamedAttr("entries", b.getDenseI64ArrayAttr(entries)),
            b.getNamedAttr("defaultable", b.getDenseBoolArrayAttr(defaultable)),
            b.getNamedAttr("sources", b.getDenseI64ArrayAttr(sources))});
  }
};

} // namespace
