//===- CrossbarHook.cpp - Weight nodes computed by crossbar tiles ---------===//
#include "CrossbarHook.h"
#include "MeshTransport.h"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <stdexcept>

// emit's column loop, also compiled for AVX2 and picked at run time (the
// project itself targets baseline x86-64).
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define NMC_XBAR_CLONES [[gnu::target_clones("avx2", "default")]]
#else
#define NMC_XBAR_CLONES
#endif

namespace nmc::xbar {

namespace {

[[noreturn]] void imageError(const std::string &msg) {
  throw std::runtime_error("xbar image: " + msg);
}

const char *kindName(LayerKind kind) {
  switch (kind) {
  case LayerKind::Dense:
    return "dense";
  case LayerKind::Sparse:
    return "sparse";
  case LayerKind::Conv:
    return "conv";
  }
  return "?";
}

bool kindMatches(LayerKind layer, engine::WeightKind node) {
  return (layer == LayerKind::Dense && node == engine::WeightKind::Affine) ||
         (layer == LayerKind::Sparse &&
          node == engine::WeightKind::SparseAffine) ||
         (layer == LayerKind::Conv && node == engine::WeightKind::Conv);
}

bool formedLayer(const Hardware &hw, const std::string &node) {
  const Effects &e = hw.effects;
  if (!e.randomForming)
    return false;
  return e.formingLayers.empty() ||
         std::find(e.formingLayers.begin(), e.formingLayers.end(), node) !=
             e.formingLayers.end();
}

} // namespace

CrossbarHook::CrossbarHook(const XbarPayload &payload, const Hardware &hw,
                           int64_t maxTableEntries)
    : payload(payload), hw(hw), maxTableEntries(maxTableEntries) {}

void CrossbarHook::checkLayer(const LayerRun &run) const {
  const Layer &l = *run.layer;
  const engine::WeightNodeInfo &n = run.node;
  if (!kindMatches(l.kind, n.kind))
    imageError(fmt::format("layer '{}' is {}, but its node is not", l.node,
                           kindName(l.kind)));
  int64_t rows = n.inSize, cols = n.outSize, groups = 1;
  if (n.kind == engine::WeightKind::Conv) {
    const engine::ConvGeometry &g = n.geom;
    groups = g.groups;
    rows = g.cin / g.groups * g.kh * g.kw;
    cols = g.cout / g.groups;
  }
  if (l.rows != rows || l.cols != cols || l.groups != groups)
    imageError(fmt::format("layer '{}' is {}x{} in {} groups; its node needs "
                           "{}x{} in {}",
                           l.node, l.rows, l.cols, l.groups, rows, cols,
                           groups));
}

void CrossbarHook::begin(const std::vector<engine::WeightNodeInfo> &nodes) {
  std::map<std::string, size_t> layerByNode;
  for (size_t i = 0; i < payload.layers.size(); ++i)
    layerByNode[payload.layers[i].node] = i;
  size_t maxIndex = 0;
  for (const engine::WeightNodeInfo &n : nodes)
    maxIndex = std::max(maxIndex, n.index);
  layerOfNode.assign(maxIndex + 1, -1);
  layers.clear();
  std::vector<int> runOfLayer(payload.layers.size(), -1);
  for (const engine::WeightNodeInfo &n : nodes) {
    auto it = layerByNode.find(n.name);
    if (it == layerByNode.end())
      imageError(fmt::format("weight node '{}' has no crossbar layer", n.name));
    LayerRun run;
    run.layer = &payload.layers[it->second];
    run.node = n;
    checkLayer(run);
    runOfLayer[it->second] = int(layers.size());
    layerOfNode[n.index] = int(layers.size());
    layers.push_back(std::move(run));
  }

  // Program every tile (persistent effects drawn in tile order).
  DeviceEffects effects(hw);
  tiles.assign(payload.tiles.size(), TileModel());
  std::vector<int64_t> tileLayerRun(payload.tiles.size(), -1);
  for (size_t t = 0; t < payload.tiles.size(); ++t) {
    const Tile &tile = payload.tiles[t];
    if (tile.layer < 0 || tile.layer >= int64_t(payload.layers.size()) ||
        runOfLayer[tile.layer] < 0)
      imageError(fmt::format("tile {} names layer {}, which is no weight node "
                             "of the network",
                             t, tile.layer));
    const Layer &l = payload.layers[tile.layer];
    if (tile.group < 0 || tile.group >= l.groups || tile.rowStart < 0 ||
        tile.colStart < 0 || tile.rowStart + tile.rows > l.rows ||
        tile.colStart + tile.cols > l.cols || tile.rows > hw.logicalRows() ||
        tile.cols > hw.logicalCols())
      imageError(fmt::format(
          "tile {} (rows {}+{}, columns {}+{}, group {}) does not fit layer "
          "'{}' ({}x{}, {} groups) or a {}x{} tile",
          t, tile.rowStart, tile.rows, tile.colStart, tile.cols, tile.group,
          l.node, l.rows, l.cols, l.groups, hw.logicalRows(),
          hw.logicalCols()));
    tiles[t].load(hw, programTile(tile, hw, formedLayer(hw, l.node), effects),
                  &readNoise);
    layers[runOfLayer[tile.layer]].tiles.push_back(t);
    tileLayerRun[t] = runOfLayer[tile.layer];
  }

  // Periphery work per tile; routes into each layer.
  std::vector<int64_t> elements(payload.tiles.size(), 0);
  peripheryElements = 0;
  for (const PeripherySlice &p : payload.periphery) {
    if (p.tile < 0 || p.tile >= int64_t(tiles.size()))
      imageError(fmt::format("periphery of '{}' names tile {} of {}", p.node,
                             p.tile, tiles.size()));
    elements[p.tile] += p.end - p.begin;
    peripheryElements += p.end - p.begin;
  }
  for (size_t r = 0; r < payload.routes.size(); ++r) {
    const Route &route = payload.routes[r];
    if (route.toTile < 0 || route.toTile >= int64_t(tiles.size()))
      imageError(fmt::format("route {} from '{}' goes to tile {} of {}", r,
                             route.sourceNode, route.toTile, tiles.size()));
    layers[tileLayerRun[route.toTile]].routes.push_back(r);
  }
  const Cycles &c = hw.cycles;
  int64_t maxCols = 0;
  for (LayerRun &run : layers) {
    std::map<int64_t, std::set<int64_t>> blocks; // group -> row starts
    for (size_t t : run.tiles) {
      blocks[payload.tiles[t].group].insert(payload.tiles[t].rowStart);
      const int64_t units = (elements[t] + c.neuronUnits - 1) / c.neuronUnits;
      run.peripheryCycles =
          std::max(run.peripheryCycles, units * c.neuronUpdate);
    }
    for (const auto &[group, starts] : blocks)
      run.rowBlocks = std::max<int64_t>(run.rowBlocks, starts.size());
    run.groupTiles.assign(run.layer->groups, {});
    for (size_t t : run.tiles)
      run.groupTiles[payload.tiles[t].group].push_back(t);
    chooseExact(run, model::DynamicFixed::format());
    // Conv lookup tables: the hit table holds inSize + 1 starts and up to
    // two entries per (position, patch row) pair, of which there are
    // groups * oh * ow * (cin / groups) * kh * kw; the patch index, needed
    // only without hitRows, one per pair. Larger layers compute them per
    // read.
    const engine::ConvGeometry &g = run.node.geom;
    const int64_t patchRows = int64_t(g.groups) * g.oh * g.ow * run.layer->rows;
    if (run.node.kind == engine::WeightKind::Conv &&
        run.node.inSize + 1 + 2 * patchRows <= maxTableEntries) {
      hitTable(run);
      if (run.hitRows.empty()) {
        run.patchIndex.resize(patchRows);
        int32_t *index = run.patchIndex.data();
        for (int64_t group = 0; group < g.groups; ++group)
          for (int64_t oy = 0; oy < g.oh; ++oy)
            for (int64_t ox = 0; ox < g.ow; ++ox, index += run.layer->rows)
              patchIndices(run, group, oy, ox, index);
      }
    }
    run.groupColumns.assign(run.layer->groups, 0);
    for (int64_t group = 0; group < run.layer->groups; ++group) {
      std::vector<char> covered(run.layer->cols, 0);
      for (size_t t : run.groupTiles[group])
        std::fill_n(covered.begin() + payload.tiles[t].colStart,
                    payload.tiles[t].cols, 1);
      run.groupColumns[group] = std::count(covered.begin(), covered.end(), 1);
    }
    maxCols = std::max(maxCols, run.layer->cols);
  }
  sums.assign(maxCols, 0.0);
  exactSums.assign(maxCols, 0);
  touched.assign(maxCols, 0);

  tileCycles.assign(tiles.size(), 0);
  routePackets.assign(payload.routes.size(), 0);
  stepEnergy = {};
  totals = {};
  intervalSum = latencySum = inferenceSum = 0;
  sampleCycles = lastInterval = lastLatency = 0;
}

void CrossbarHook::beginSample(int64_t sample) {
  readNoise = effectStream(hw.effects.seed, EffectStream::ReadNoise, sample);
  if (totals.samples > 0) { // close the previous inference
    const int64_t cycles = sampleCycles + lastLatency - lastInterval;
    inferenceSum += double(cycles);
    totals.inferenceCyclesMax = std::max(totals.inferenceCyclesMax, cycles);
  }
  ++totals.samples;
  sampleCycles = lastInterval = lastLatency = 0;
}

void CrossbarHook::chooseExact(LayerRun &run,
                               const model::FixedFormat &format) const {
  run.exact = false;
  const double scaleRaw = std::ldexp(run.layer->scale, format.fracBits);
  if (scaleRaw == 0 || !(std::fabs(scaleRaw) < 0x1p31) ||
      scaleRaw != std::trunc(scaleRaw))
    return;
  // The largest |input| the format holds sets the most planes of a read.
  const uint64_t maxInput =
      std::max(uint64_t(format.maxRaw()), uint64_t(-format.minRaw())) >>
      format.fracBits;
  const int64_t planes = std::bit_width(maxInput);
  for (const std::vector<size_t> &group : run.groupTiles) {
    double bound = 0;
    for (size_t t : group) {
      if (tiles[t].exactPlanes() < planes)
        return;
      bound += tiles[t].resultBound(planes);
    }
    if (!(bound < 0x1p52))
      return;
  }
  run.exact = true;
  run.scaleRaw = int64_t(scaleRaw);
}

bool CrossbarHook::integerInputs(const LayerRun &run, int64_t sample,
                                 int64_t step,
                                 std::span<const model::DynamicFixed> x) {
  const int frac = model::DynamicFixed::format().fracBits;
  const int64_t mask = (int64_t(1) << frac) - 1;
  in.resize(x.size());
  nonzeroRows.resize(x.size());
  nonzeroValues.resize(x.size());
  size_t n = 0;
  int64_t fractions = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    const int64_t raw = x[i].raw();
    fractions |= raw & mask;
    const int64_t v = raw >> frac;
    in[i] = v;
    nonzeroRows[n] = int32_t(i); // branch-free compaction
    nonzeroValues[n] = v;
    n += raw != 0;
  }
  if (fractions)
    for (size_t i = 0; i < x.size(); ++i)
      if (x[i].raw() & mask)
        throw std::runtime_error(fmt::format(
            "xbar: layer '{}' sample {} step {}: input {} is {}, not an "
            "integer; crossbar rows are driven by spikes or counts",
            run.layer->node, sample, step, i, x[i].toDouble()));
  nonzeroRows.resize(n);
  nonzeroValues.resize(n);
  return n != 0;
}

void CrossbarHook::readGroup(const LayerRun &run, int64_t group,
                             std::span<const int64_t> inputs,
                             const SparseInputs *sparse) {
  const int64_t cols = run.layer->cols;
  if (run.exact)
    std::fill_n(exactSums.begin(), cols, 0);
  else
    std::fill_n(sums.begin(), cols, 0.0);
  int64_t contributions = 0;
  bool skipped = false; // a tile read nothing
  for (size_t t : run.groupTiles[group]) {
    const Tile &tile = payload.tiles[t];
    TileModel &model = tiles[t];
    int64_t cycles = 0;
    if (sparse) { // the tile's rows: a slice of the ascending list
      const int32_t *begin = sparse->rows.data(),
                    *end = begin + sparse->rows.size();
      const int32_t *first = tile.rowStart == 0
                                 ? begin
                                 : std::lower_bound(begin, end, tile.rowStart);
      const int32_t *last =
          std::lower_bound(first, end, tile.rowStart + tile.rows);
      cycles = model.readSparse(
          {first, last}, sparse->values.subspan(first - begin, last - first),
          int32_t(tile.rowStart));
    } else {
      cycles = model.read(inputs.subspan(tile.rowStart, tile.rows));
    }
    if (cycles == 0) {
      skipped = true;
      continue;
    }
    tileCycles[t] += cycles;
    const ReadCounters &k = model.counters();
    ++totals.reads;
    totals.adcConversions += k.conversions;
    totals.adcSaturations += k.saturations;
    const Energy &e = hw.energy;
    stepEnergy.rowDrive += double(k.drivenRows) * e.rowDrivePJ;
    stepEnergy.cellRead +=
        e.cellReadPJ > 0
            ? double(k.activeCells) * e.cellReadPJ
            // V^2 * G * t: V^2 * µS * ns = 1e-15 J = 1e-3 pJ.
            : hw.device.readVoltage * hw.device.readVoltage *
                  k.activeConductanceUS * hw.device.readPulseNs * 1e-3;
    stepEnergy.adc += double(k.conversions) * e.adcConversionPJ;
    stepEnergy.digitalAdd += double(k.adds) * e.digitalAddPJ;
    if (run.exact) {
      if (k.planes > model.exactPlanes()) // chooseExact rules this out
        throw std::logic_error("xbar: an integer layer read too many planes");
      std::span<const int64_t> r = model.exactColumnResults();
      int64_t *out = exactSums.data() + tile.colStart;
      for (int64_t j = 0; j < tile.cols; ++j)
        out[j] += r[j];
    } else {
      std::span<const double> r = model.columnResults();
      for (int64_t j = 0; j < tile.cols; ++j)
        sums[tile.colStart + j] += r[j];
    }
    contributions += tile.cols;
  }
  // The distinct columns read: all the group covers unless a tile read
  // nothing.
  int64_t columns = run.groupColumns[group];
  if (skipped) {
    std::fill_n(touched.begin(), cols, 0);
    columns = 0;
    for (size_t t : run.groupTiles[group]) {
      const Tile &tile = payload.tiles[t];
      if (tiles[t].counters().cycles == 0)
        continue;
      for (int64_t j = 0; j < tile.cols; ++j) {
        columns += !touched[tile.colStart + j];
        touched[tile.colStart + j] = 1;
      }
    }
  }
  // Partial sums of row blocks: one add per extra contribution.
  stepEnergy.digitalAdd +=
      double(contributions - columns) * hw.energy.digitalAddPJ;
}

NMC_XBAR_CLONES void CrossbarHook::emit(const LayerRun &run,
                                        std::span<model::DynamicFixed> out,
                                        int64_t first, int64_t stride) const {
  using model::DynamicFixed;
  const int64_t cols = run.layer->cols;
  if (!run.exact) {
    for (int64_t j = 0; j < cols; ++j)
      if (sums[j] != 0) {
        DynamicFixed &o = out[first + j * stride];
        o = o + DynamicFixed::fromDouble(sums[j] * run.layer->scale,
                                         model::Rounding::Nearest);
      }
    return;
  }
  // S * scale is raw S * scaleRaw exactly: nothing to round, only to
  // saturate. Branch-free (most sums are 0 behind a coarse ADC): S = 0 adds
  // 0, and |S| beyond 2^32 saturates anyway (|scaleRaw| < 2^31, no overflow).
  model::FixedContext &ctx = model::fixedContext();
  const int64_t hi = ctx.format.maxRaw(), lo = ctx.format.minRaw();
  const int64_t limit = int64_t(1) << 32, scaleRaw = run.scaleRaw;
  int64_t saturated = 0;
  auto add = [&](int64_t s, int64_t o) {
    const int64_t p = std::clamp(s, -limit, limit) * scaleRaw;
    saturated += (p > hi) | (p < lo);
    const int64_t sum = o + std::clamp(p, lo, hi);
    saturated += (sum > hi) | (sum < lo);
    return DynamicFixed::fromRaw(std::clamp(sum, lo, hi));
  };
  const int64_t *s = exactSums.data();
  if (stride == 1) {
    DynamicFixed *o = out.data() + first;
    for (int64_t j = 0; j < cols; ++j)
      o[j] = add(s[j], o[j].raw());
  } else {
    for (int64_t j = 0; j < cols; ++j) {
      DynamicFixed &o = out[first + j * stride];
      o = add(s[j], o.raw());
    }
  }
  ctx.stats.saturated += saturated;
}

void CrossbarHook::hitTable(LayerRun &run) {
  const engine::ConvGeometry &g = run.node.geom;
  const int64_t rows = run.layer->rows, positions = g.oh * g.ow;
  std::vector<int32_t> index(rows);
  struct Hit {
    int32_t position, row;
  };
  std::vector<std::vector<Hit>> byInput(run.node.inSize);
  bool ascending = true; // every patch's inputs ascend with its rows
  for (int64_t group = 0; group < g.groups; ++group)
    for (int64_t oy = 0; oy < g.oh; ++oy)
      for (int64_t ox = 0; ox < g.ow; ++ox) {
        const int32_t position = int32_t(group * positions + oy * g.ow + ox);
        patchIndices(run, group, oy, ox, index.data());
        int32_t previous = -1;
        for (int64_t r = 0; r < rows; ++r) {
          const int32_t i = index[r];
          if (i >= run.node.inSize)
            continue;
          ascending = ascending && i > previous;
          previous = i;
          if (byInput[i].empty() || byInput[i].back().position != position)
            byInput[i].push_back({position, int32_t(r)});
        }
      }
  run.hitStart.assign(1, 0);
  for (const std::vector<Hit> &hits : byInput) {
    for (const Hit &h : hits) {
      run.hitPositions.push_back(h.position);
      run.hitRows.push_back(h.row);
    }
    run.hitStart.push_back(int32_t(run.hitPositions.size()));
  }
  if (!ascending)
    run.hitRows.clear();
}

void CrossbarHook::readConvSparse(const LayerRun &run,
                                  std::span<model::DynamicFixed> out) {
  const engine::ConvGeometry &g = run.node.geom;
  const int64_t rows = run.layer->rows, positions = g.oh * g.ow;
  const int64_t all = g.groups * positions;
  positionCount.assign(all, 0);
  positionRows.resize(all * rows);
  positionValues.resize(all * rows);
  // Inputs in ascending order: each position's rows come out ascending.
  for (int64_t i = 0; i < run.node.inSize; ++i) {
    const int64_t v = in[i];
    if (v == 0)
      continue;
    for (int32_t k = run.hitStart[i]; k < run.hitStart[i + 1]; ++k) {
      const int64_t p = run.hitPositions[k];
      const int64_t slot = p * rows + positionCount[p]++;
      positionRows[slot] = run.hitRows[k];
      positionValues[slot] = v;
    }
  }
  const int64_t channelsOut = run.layer->cols * positions; // per group
  for (int64_t p = 0; p < all; ++p) {
    const int64_t n = positionCount[p];
    if (n == 0)
      continue;
    const int64_t group = p / positions;
    const SparseInputs sparse{{positionRows.data() + p * rows, size_t(n)},
                              {positionValues.data() + p * rows, size_t(n)}};
    readGroup(run, group, {}, &sparse);
    emit(run, out, group * channelsOut + (p - group * positions), positions);
  }
}

void CrossbarHook::readConv(const LayerRun &run,
                            std::span<model::DynamicFixed> out) {
  if (!run.hitRows.empty())
    return readConvSparse(run, out);
  const engine::ConvGeometry &g = run.node.geom;
  const int64_t cinG = g.cin / g.groups, positions = g.oh * g.ow;
  // The output positions whose patch holds a nonzero input; the others
  // read nothing.
  hit.assign(g.groups * positions, 0);
  if (!run.hitStart.empty()) {
    for (int64_t i = 0; i < run.node.inSize; ++i)
      if (in[i] != 0)
        for (int32_t k = run.hitStart[i]; k < run.hitStart[i + 1]; ++k)
          hit[run.hitPositions[k]] = 1;
  } else
    for (int64_t c = 0; c < g.cin; ++c)
      for (int64_t iy = 0; iy < g.h; ++iy)
        for (int64_t ix = 0; ix < g.w; ++ix) {
          if (in[(c * g.h + iy) * g.w + ix] == 0)
            continue;
          char *groupHit = &hit[c / cinG * positions];
          for (int64_t ky = 0; ky < g.kh; ++ky) {
            const int64_t ny = iy + g.ph - ky * g.dh; // = oy * sh
            if (ny < 0 || ny % g.sh != 0 || ny / g.sh >= g.oh)
              continue;
            for (int64_t kx = 0; kx < g.kw; ++kx) {
              const int64_t nx = ix + g.pw - kx * g.dw;
              if (nx >= 0 && nx % g.sw == 0 && nx / g.sw < g.ow)
                groupHit[ny / g.sh * g.ow + nx / g.sw] = 1;
            }
          }
        }
  // im2col: one read per output position, rows in (channel, ky, kx).
  const int64_t rows = run.layer->rows;
  patch.resize(rows);
  positionIndex.resize(rows);
  in.push_back(0); // what padding reads
  for (int64_t group = 0; group < g.groups; ++group)
    for (int64_t oy = 0; oy < g.oh; ++oy)
      for (int64_t ox = 0; ox < g.ow; ++ox) {
        const int64_t position = group * positions + oy * g.ow + ox;
        if (!hit[position])
          continue;
        const int32_t *index = positionIndex.data();
        if (run.patchIndex.empty())
          patchIndices(run, group, oy, ox, positionIndex.data());
        else
          index = run.patchIndex.data() + position * rows;
        for (int64_t r = 0; r < rows; ++r)
          patch[r] = in[index[r]];
        readGroup(run, group, patch);
        emit(run, out, (group * run.layer->cols * g.oh + oy) * g.ow + ox,
             positions);
      }
  in.pop_back();
}

void CrossbarHook::patchIndices(const LayerRun &run, int64_t group, int64_t oy,
                                int64_t ox, int32_t *index) {
  engine::convPatch(run.node.geom, group, oy, ox, int32_t(run.node.inSize),
                    index);
}

int64_t CrossbarHook::convTableEntries() const {
  int64_t n = 0;
  for (const LayerRun &run : layers)
    n += int64_t(run.patchIndex.size() + run.hitStart.size() +
                 run.hitPositions.size() + run.hitRows.size());
  return n;
}

void CrossbarHook::countRoutes(const LayerRun &run) {
  const auto first = nonzeroRows.begin(), last = nonzeroRows.end();
  for (size_t r : run.routes) {
    const Route &route = payload.routes[r];
    if (route.end <= route.begin)
      continue;
    // Rows are below 2^31: clamping the range to int32 keeps its count.
    auto bound = [](int64_t v) {
      return int32_t(
          std::clamp<int64_t>(v, 0, std::numeric_limits<int32_t>::max()));
    };
    const auto begin = std::lower_bound(first, last, bound(route.begin));
    routePackets[r] += std::lower_bound(begin, last, bound(route.end)) - begin;
  }
}

void CrossbarHook::addWeighted(size_t node, int64_t sample, int64_t step,
                               std::span<const model::DynamicFixed> x,
                               std::span<model::DynamicFixed> out) {
  const LayerRun &run = layers[layerOfNode[node]];
  // All inputs 0: no packet, no read, nothing to add.
  if (integerInputs(run, sample, step, x)) {
    countRoutes(run);
    if (run.node.kind != engine::WeightKind::Conv) {
      const SparseInputs sparse{nonzeroRows, nonzeroValues};
      readGroup(run, 0, {}, &sparse);
      emit(run, out, 0, 1);
    } else {
      readConv(run, out);
    }
  }
  if (run.node.hasBias)
    stepEnergy.digitalAdd += double(run.node.outSize) * hw.energy.digitalAddPJ;
}

void CrossbarHook::endStep(int64_t, int64_t) {
  const Cycles &c = hw.cycles;
  int64_t interval = 0, latency = 0;
  for (const LayerRun &run : layers) {
    int64_t layerCycles = 0;
    for (size_t t : run.tiles)
      layerCycles = std::max(layerCycles, tileCycles[t]);
    if (layerCycles > 0)
      layerCycles += (run.rowBlocks - 1) * c.digitalAdd;
    int64_t transport = 0;
    for (size_t r : run.routes) {
      const int64_t packets = routePackets[r];
      if (packets == 0)
        continue;
      const int64_t hops = payload.routes[r].hops;
      transport += routeTransportCycles(hops, packets, c);
      stepEnergy.hop += double(hops * packets) * hw.energy.hopPJ;
    }
    const int64_t stage = transport + layerCycles + run.peripheryCycles;
    interval = std::max(interval, stage);
    latency += stage;
  }
  stepEnergy.neuron += double(peripheryElements) * hw.energy.neuronUpdatePJ;

  totals.energy += stepEnergy;
  stepEnergy = {};
  std::fill(tileCycles.begin(), tileCycles.end(), 0);
  std::fill(routePackets.begin(), routePackets.end(), 0);
  ++totals.steps;
  intervalSum += double(interval);
  latencySum += double(latency);
  totals.intervalMax = std::max(totals.intervalMax, interval);
  totals.latencyMax = std::max(totals.latencyMax, latency);
  sampleCycles += interval;
  lastInterval = interval;
  lastLatency = latency;
}

XbarStats CrossbarHook::stats() const {
  XbarStats s = totals;
  const int64_t allSteps = totals.steps; // counted over every sample
  s.steps = s.samples > 0 ? allSteps / s.samples : 0;
  s.clockMHz = hw.cycles.clockMHz;
  if (allSteps > 0) {
    s.intervalMean = intervalSum / double(allSteps);
    s.latencyMean = latencySum / double(allSteps);
  }
  if (s.samples > 0) { // the open inference
    const int64_t cycles = sampleCycles + lastLatency - lastInterval;
    s.inferenceCyclesMax = std::max(s.inferenceCyclesMax, cycles);
    s.inferenceCyclesMean = (inferenceSum + double(cycles)) / double(s.samples);
  }
  s.tilesUsed = int64_t(payload.tiles.size());
  s.tilesAvailable = hw.mesh.tiles();
  const int64_t perWeight =
      hw.mapping.sign == SignScheme::Differential ? 2 * hw.mapping.slices : 1;
  double used = 0;
  for (const Tile &t : payload.tiles)
    used += double(t.rows * t.cols * perWeight);
  const double cells =
      double(hw.tile.rows * hw.tile.cols) * double(s.tilesUsed);
  s.utilization = cells > 0 ? used / cells : 0;
  for (const Layer &l : payload.layers) {
    s.clippedWeights += l.clipped;
    s.zeroedWeights += l.zeroed;
  }
  return s;
}

} // namespace nmc::xbar
