//===- CrossbarHook.h - Weight nodes computed by crossbar tiles -*- C++ -*-===//
//
// The WeightHook the xbar emulator gives the reference plain loop: programs
// every tile once per run, computes each weight node's sum by reading its
// tiles (partial sums of row blocks added, S * scale added to the bias),
// and counts each step's cycles and energy (docs/targets/xbar.md).
//
// A layer whose tiles read in integers (ideal devices) adds its partial
// sums as int64 and S * scale as raw fixed-point integers: the values the
// floating-point path computes, without its conversions.
//===----------------------------------------------------------------------===//
#ifndef NMC_XBAR_CROSSBARHOOK_H
#define NMC_XBAR_CROSSBARHOOK_H

#include "nmc/Emulator/WeightHook.h"
#include "nmc/Target/Xbar/Emulator.h"
#include "nmc/Target/Xbar/TileModel.h"

#include <vector>

namespace nmc::xbar {

class CrossbarHook : public engine::WeightHook {
public:
  /// A conv layer keeps its lookup tables (hit table, patch index) only if
  /// they fit in this many int32 entries (64 MB); larger layers compute
  /// them per read.
  static constexpr int64_t kMaxTableEntries = int64_t(1) << 24;

  CrossbarHook(const XbarPayload &payload, const Hardware &hw,
               int64_t maxTableEntries = kMaxTableEntries);

  void begin(const std::vector<engine::WeightNodeInfo> &nodes) override;
  void beginSample(int64_t sample) override;
  void addWeighted(size_t node, int64_t sample, int64_t step,
                   std::span<const model::DynamicFixed> x,
                   std::span<model::DynamicFixed> out) override;
  void endStep(int64_t sample, int64_t step) override;

  /// The totals so far.
  XbarStats stats() const;
  /// The latency of the last step (sum of its stages), in cycles.
  int64_t lastStepLatency() const { return lastLatency; }
  /// int32 entries of the conv lookup tables kept since begin(): every
  /// layer's patch index and hit table (hitStart, hitPositions, hitRows).
  int64_t convTableEntries() const;

private:
  struct LayerRun {
    const Layer *layer = nullptr;
    engine::WeightNodeInfo node;
    std::vector<size_t> tiles;                   ///< indices into payload.tiles
    std::vector<std::vector<size_t>> groupTiles; ///< tiles by group
    std::vector<size_t> routes; ///< routes into the layer's tiles
    int64_t rowBlocks = 1;
    int64_t peripheryCycles = 0; ///< max over its tiles
    /// Integer sums: every tile reads in integers with results that add
    /// up below 2^52, and scale is a value of the periphery format
    /// (scaleRaw * 2^-fracBits).
    bool exact = false;
    int64_t scaleRaw = 0;
    /// Conv: per (group, position) the input index of every patch row
    /// (padding: the zero after the inputs); empty if too large to keep.
    std::vector<int32_t> patchIndex;
    /// Conv: per input index (CSR by hitStart) the output positions
    /// (group * oh * ow + oy * ow + ox) whose patch reads it, and the patch
    /// row it drives there (hitRows; empty unless every patch's inputs
    /// ascend with its rows, so that rows gathered in input order ascend).
    std::vector<int32_t> hitStart, hitPositions, hitRows;
    /// Per group: its logical columns that at least one tile covers (the
    /// row blocks' partial sums add up there).
    std::vector<int64_t> groupColumns;
  };
  void checkLayer(const LayerRun &run) const;
  /// Decides LayerRun::exact for the periphery format `format`.
  void chooseExact(LayerRun &run, const model::FixedFormat &format) const;
  /// `x` as integers into `in`, the nonzero ones also into `nonzeroRows`
  /// and `nonzeroValues` (ascending); false if every input is 0.
  bool integerInputs(const LayerRun &run, int64_t sample, int64_t step,
                     std::span<const model::DynamicFixed> x);
  /// The nonzero inputs of a group's logical rows: rows ascending.
  struct SparseInputs {
    std::span<const int32_t> rows;
    std::span<const int64_t> values;
  };
  /// Reads the tiles of `group` on `inputs` (a layer's logical rows, dense,
  /// or sparse if `sparse` is given) into `sums` or `exactSums` (the
  /// group's logical columns).
  void readGroup(const LayerRun &run, int64_t group,
                 std::span<const int64_t> inputs,
                 const SparseInputs *sparse = nullptr);
  /// Adds S * scale of every column j to out[first + j * stride].
  void emit(const LayerRun &run, std::span<model::DynamicFixed> out,
            int64_t first, int64_t stride) const;
  void readConv(const LayerRun &run, std::span<model::DynamicFixed> out);
  /// readConv with run.hitRows: each hit position's active rows gathered
  /// from the nonzero inputs (no pass over every patch row).
  void readConvSparse(const LayerRun &run, std::span<model::DynamicFixed> out);
  /// Fills run.hitStart/hitPositions of a conv layer.
  void hitTable(LayerRun &run);
  /// The input index of every patch row of output position (oy, ox) of
  /// `group` into `index` (padding: inSize, where a 0 follows the inputs).
  static void patchIndices(const LayerRun &run, int64_t group, int64_t oy,
                           int64_t ox, int32_t *index);
  /// Packets of the layer's routes: the nonzero inputs (nonzeroRows) in
  /// each route's range.
  void countRoutes(const LayerRun &run);

  const XbarPayload &payload;
  const Hardware &hw;
  const int64_t maxTableEntries;
  std::vector<TileModel> tiles;
  std::vector<LayerRun> layers;
  std::vector<int> layerOfNode; ///< node index -> layers index, or -1
  Xoshiro256 readNoise{0};
  int64_t peripheryElements = 0;

  // This step.
  std::vector<int64_t> tileCycles, routePackets;
  std::vector<int64_t> in, patch;   ///< a layer's integer inputs, a conv patch
  std::vector<int32_t> nonzeroRows; ///< indices of the nonzero `in`
  std::vector<int64_t> nonzeroValues; ///< their values
  std::vector<int32_t> positionIndex; ///< patchIndices() of one position
  std::vector<double> sums;
  std::vector<int64_t> exactSums;
  std::vector<char> touched, hit;
  /// readConvSparse: per position its active rows and their inputs
  /// (capacity layer rows each) and their count.
  std::vector<int32_t> positionRows, positionCount;
  std::vector<int64_t> positionValues;
  XbarEnergy stepEnergy;

  // The run.
  XbarStats totals;
  double intervalSum = 0, latencySum = 0, inferenceSum = 0;
  int64_t sampleCycles = 0, lastInterval = 0, lastLatency = 0;
};

} // namespace nmc::xbar

#endif // NMC_XBAR_CROSSBARHOOK_H
