//===- Route.cpp - spinn-route -------------------------------------------===//
//
// PACMAN's ApplicationRouter and MergedRoutingTableGenerator in one
// (spinnaker.md §B.2): one multicast tree per sending slice, from its chip
// to the core of every slice it has synapses onto (longest-dimension-first
// paths merged into a tree, Routing.h), and one router entry per tree chip.
// Defaultable entries are kept and flagged: RouterTable.h's compressors
// need them to stay equivalent; spinn-compress-tables drops them.
//===----------------------------------------------------------------------===//
#include "MachineOption.h"
#include "Reach.h"

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
    FailureOr<std::vector<std::vector<size_t>>> reaches =
        sliceReach(graph, slices, kPass);
    if (failed(reaches))
      return signalPassFailure();

    RoutingTables tables;
    for (size_t i = 0; i < slices.size(); ++i) {
      std::vector<RouteTarget> targets;
      for (size_t j : (*reaches)[i])
        targets.push_back({{int32_t(*slices[j].slice.getX()),
                            int32_t(*slices[j].slice.getY())},
                           int32_t(*slices[j].slice.getP())});
      if (targets.empty())
        continue;
      SliceOp source = slices[i].slice;
      TreeOrError tree = buildTree(
          *machine, {int32_t(*source.getX()), int32_t(*source.getY())},
          targets);
      if (!tree.tree) {
        source.emitError() << kPass << ": slice [" << source.getLo() << ", "
                           << source.getHi() << ") of population '"
                           << slices[i].population.getName()
                           << "': " << tree.error;
        return signalPassFailure();
      }
      addTreeEntries(tables, *tree.tree, uint32_t(*source.getKey()),
                     uint32_t(*source.getMask()),
                     uint32_t(slices[i].populationIndex));
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
