//===- CompressTables.cpp - spinn-compress-tables ------------------------===//
//
// PACMAN's compressor stage (spinnaker.md §B.2): every chip's table must fit
// the router's application entries (1023 on SpiNNaker 1, §A.6). The work is
// nmc::spinn::compressTables (RouterTable.h: pair compression, ordered
// covering, default-route removal, all keeping the table equivalent); this
// pass reads and writes the spinn.router_table ops and names the
// populations responsible when a table cannot fit.
//===----------------------------------------------------------------------===//
#include "MachineOption.h"

#include "nmc/Spinn/SpinnPasses.h"
#include "nmc/Target/SpiNNaker/RouterTable.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/StringMap.h"

using namespace mlir;
using namespace nmc::spinn;

namespace nmc {
#define GEN_PASS_DEF_SPINNCOMPRESSTABLES
#include "nmc/Spinn/SpinnPasses.h.inc"
} // namespace nmc

namespace {

constexpr StringLiteral kPass = "spinn-compress-tables";

RouterTable readTable(RouterTableOp op) {
  ArrayRef<int64_t> e = op.getEntries();
  std::optional<ArrayRef<bool>> defaultable = op.getDefaultable();
  std::optional<ArrayRef<int64_t>> sources = op.getSources();
  RouterTable table;
  for (size_t i = 0; i < e.size() / 3; ++i)
    table.push_back({uint32_t(e[3 * i]), uint32_t(e[3 * i + 1]),
                     uint32_t(e[3 * i + 2]),
                     defaultable ? (*defaultable)[i] : false,
                     sources ? uint32_t((*sources)[i]) : 0u});
  return table;
}

struct SpinnCompressTablesPass
    : nmc::impl::SpinnCompressTablesBase<SpinnCompressTablesPass> {
  using SpinnCompressTablesBase::SpinnCompressTablesBase;

  void runOnOperation() override {
    nmc::snn::GraphOp graph = getOperation();
    FailureOr<MappingOp> mapping = getMapping(graph, kPass);
    if (failed(mapping))
      return signalPassFailure();
    FailureOr<Machine> machine = resolveMachine(*mapping, this->machine, kPass);
    if (failed(machine))
      return signalPassFailure();
    Compressor how;
    if (compressor == "auto")
      how = Compressor::Auto;
    else if (compressor == "pair")
      how = Compressor::Pair;
    else if (compressor == "ordered-covering")
      how = Compressor::OrderedCovering;
    else {
      mapping->emitError() << kPass << ": option compressor=" << compressor
                           << ": expected auto, pair or ordered-covering";
      return signalPassFailure();
    }
    if (target < -1) {
      mapping->emitError() << kPass << ": option target=" << target
                           << ": expected -1 (the machine's), 0 (as few as "
                              "possible) or a positive entry count";
      return signalPassFailure();
    }
    const std::optional<size_t> goal =
        target == 0
            ? std::nullopt
            : std::optional<size_t>(
                  target < 0 ? machine->chip.routerEntriesUsable : target);

    // Source tags are population indices (spinn-route): name the pairs.
    SmallVector<PopulationOp> populations(
        mapping->getBodyBlock().getOps<PopulationOp>());
    llvm::StringMap<SmallVector<StringRef>> posts;
    for (auto projection : graph.getBodyBlock().getOps<ProjectionOp>())
      posts[projection.getPre()].push_back(projection.getPost());
    auto describe = [&](uint32_t tag) -> std::string {
      if (tag >= populations.size())
        return "source " + std::to_string(tag);
      StringRef pre = populations[tag].getName();
      std::string s = "'" + pre.str() + "'";
      for (auto [k, post] : llvm::enumerate(posts.lookup(pre)))
        s += (k ? ", '" : " -> '") + post.str() + "'";
      return s;
    };

    bool failedAny = false;
    OpBuilder b(&getContext());
    for (RouterTableOp op : mapping->getBodyBlock().getOps<RouterTableOp>()) {
      const RouterTable table = readTable(op);
      const ChipXY chip{int32_t(op.getX()), int32_t(op.getY())};
      TablesResult r;
      if (goal) {
        r = compressTables({{chip, table}}, *goal, describe, how);
      } else {
        CompressResult c = compressTable(table, std::nullopt, how);
        r.ok = c.ok;
        r.tables[chip] = std::move(c.table);
        if (!c.ok)
          r.errors.push_back("chip (" + std::to_string(chip.x) + ", " +
                             std::to_string(chip.y) + "): " + c.error);
      }
      if (!r.ok) {
        for (const std::string &line : r.errors)
          op.emitError() << kPass << ": " << line;
        failedAny = true;
        continue;
      }
      SmallVector<int64_t> entries, sources;
      SmallVector<bool> defaultable;
      for (const RouterEntry &e : r.tables[chip]) {
        entries.append({e.key, e.mask, e.route});
        defaultable.push_back(e.defaultable);
        sources.push_back(e.source);
      }
      if (!op.getUncompressed())
        op->setAttr("uncompressed", b.getI64IntegerAttr(table.size()));
      op.setEntries(entries);
      op->setAttr("defaultable", b.getDenseBoolArrayAttr(defaultable));
      op->setAttr("sources", b.getDenseI64ArrayAttr(sources));
    }
    if (failedAny)
      signalPassFailure();
  }
};

} // namespace
