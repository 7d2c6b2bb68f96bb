//===- RtlImage.cpp - An xbar image as nmc_mesh memories ------------------===//
#include "nmc/Target/Xbar/RtlImage.h"

#include "nmc/Emulator/Engine.h"
#include "nmc/Model/FixedPoint.h"
#include "nmc/Target/Xbar/Devices.h"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <deque>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>

namespace nmc::xbar {

namespace {

[[noreturn]] void fail(const std::string &msg) {
  throw std::runtime_error("rtl: " + msg);
}

int64_t bitsFor(int64_t n) { // $clog2(n), at least 1
  return n > 1 ? std::bit_width(uint64_t(n - 1)) : 1;
}

uint64_t mask(int64_t bits) {
  return bits >= 64 ? ~uint64_t(0) : (uint64_t(1) << bits) - 1;
}

/// The kinds the mesh computes.
enum class Role { Input, Layer, Neuron, Output, Pool, Flatten };

/// Row inputs of crossbar layers: spikes, pool counts or their flattening.
bool drivesRows(const std::string &kind) {
  return kind == "input" || kind == "neuron" || kind == "sum_pool" ||
         kind == "flatten";
}

/// One node of the network, checked against the RTL's scope.
Role roleOf(const image::Node &n, const image::Image &net) {
  const bool oneInput = n.inputs.size() == 1 && !n.inputs[0].delayed;
  auto source = [&] { return net.nodes[n.inputs[0].source].kind; };
  if (n.kind == "input")
    return Role::Input;
  if (!oneInput)
    fail(fmt::format("node '{}' has {} inputs{}; the RTL mesh takes one "
                     "non-delayed input per node (recurrent edges come later)",
                     n.name, n.inputs.size(),
                     n.inputs.size() == 1 ? " (delayed)" : ""));
  if (n.kind == "affine" || n.kind == "conv") {
    if (!drivesRows(source()))
      fail(fmt::format("layer '{}' is fed by a {} node; the RTL mesh drives "
                       "rows with input or neuron spikes and sum-pool "
                       "counts only",
                       n.name, source()));
    return Role::Layer;
  }
  if (n.kind == "sum_pool") {
    if (source() != "neuron")
      fail(fmt::format("pool node '{}' is fed by a {} node; the RTL mesh "
                       "pools neuron spikes only",
                       n.name, source()));
    return Role::Pool;
  }
  if (n.kind == "flatten") {
    if (source() != "neuron" && source() != "sum_pool")
      fail(fmt::format("flatten node '{}' is fed by a {} node; the RTL mesh "
                       "flattens neuron spikes or pool counts only",
                       n.name, source()));
    return Role::Flatten;
  }
  if (n.kind == "neuron") {
    auto flag = [&](const char *key) {
      auto it = n.i.find(key);
      return it != n.i.end() && it->second.size() > 0 && it->second[0] != 0;
    };
    if (flag(image::keys::kHasSyn) || !flag(image::keys::kSpiking))
      fail(fmt::format("neuron node '{}' ({}) is not supported by the RTL "
                       "mesh: only IF/LIF without synaptic current",
                       n.name,
                       n.s.count(image::keys::kNeuronType)
                           ? n.s.at(image::keys::kNeuronType)
                           : std::string("?")));
    // The nmc neuron extensions (docs/nir-support.md): the RTL's LIF unit
    // has neither; all-zero arrays change nothing.
    auto anyNonzero = [&](auto &arrays, const char *key) {
      auto it = arrays.find(key);
      return it != arrays.end() && it->second.visit([](auto span) {
        for (auto x : span)
          if (x != 0)
            return true;
        return false;
      });
    };
    if (anyNonzero(n.i, image::keys::kRefSteps) ||
        anyNonzero(n.f, image::keys::kDTheta))
      fail(fmt::format("neuron node '{}' has a refractory period or an "
                       "adaptive threshold, which the RTL mesh does not "
                       "implement",
                       n.name));
    if (source() != "affine" && source() != "conv")
      fail(fmt::format("neuron node '{}' is fed by a {} node; the RTL mesh "
                       "feeds neurons from a dense or conv layer only",
                       n.name, source()));
    return Role::Neuron;
  }
  if (n.kind == "output") {
    if (source() != "neuron")
      fail(fmt::format("output node '{}' is fed by a {} node; the RTL mesh "
                       "outputs neuron spikes only",
                       n.name, source()));
    return Role::Output;
  }
  fail(fmt::format("node '{}' of kind '{}' is not supported by the RTL mesh "
                   "yet (dense and conv layers, IF/LIF neurons, sum pooling "
                   "and flatten only; avg pooling, CubaLIF, delay ... come "
                   "later)",
                   n.name, n.kind));
}

/// Raw fixed-point value of `v`, as the engine converts parameters.
uint64_t raw(double v, const model::FixedFormat &f) {
  return uint64_t(model::fixed::fromDouble(v, f, model::Rounding::Nearest,
                                           nullptr, nullptr)) &
         mask(f.totalBits());
}

double element(const FloatArray &a, int64_t i) {
  return a.size() == 1 ? a[0] : a[size_t(i)];
}

struct Builder {
  const XbarPayload &p;
  const Hardware &hw;
  const RtlMeshParams &m;
  model::FixedFormat format;
  RtlImage out;
  std::deque<RtlMemory> mems; ///< stable references while building
  std::map<std::string, size_t> nodeIndex;
  std::vector<int64_t> meshOfTile, elems;
  /// The engine's preparation of the network, made for the first conv or
  /// pool: its geometry is the one the emulator reads by.
  std::unique_ptr<engine::Engine> prepared;

  int64_t meshNode(int64_t x, int64_t y) const { return y * m.meshW + x; }
  RtlMemory &memory(const std::string &file, RtlSel sel, int64_t node,
                    size_t size) {
    mems.push_back({file, sel, node, std::vector<uint64_t>(size, 0)});
    return mems.back();
  }
  RtlMemory *find(const std::string &file) {
    for (RtlMemory &m : mems)
      if (m.file == file)
        return &m;
    return nullptr;
  }
  const image::Node &node(const std::string &name) const {
    return p.network.nodes[nodeIndex.at(name)];
  }

  /// The slot of element `e` of `name` on mesh node `mesh`, or -1.
  int64_t slotOf(const std::string &name, int64_t e, int64_t mesh) const {
    for (const RtlSlice &s : out.slices)
      if (s.node == name && s.meshNode == mesh && s.begin <= e && e < s.end)
        return s.slot + e - s.begin;
    return -1;
  }
  /// The geometry of conv or pool node `n`, as the emulator runs it.
  engine::ConvGeometry geometry(const image::Node &n);
  /// The input elements of output position `pos` of a conv or pool: per
  /// patch row ((channel, ky, kx) of one group), -1 in the padding.
  static std::vector<int32_t> patchOf(const engine::ConvGeometry &g,
                                      int64_t group, int64_t pos);
  void checkHardware();
  void patchTable(const Tile &tile, int64_t mesh);
  void poolSlot(const image::Node &n, int64_t e, int64_t mesh, uint64_t *words);
  void placeTiles();
  void periphery();
  void routesAndStages();
  void global();
};

engine::ConvGeometry Builder::geometry(const image::Node &n) {
  if (!prepared)
    prepared = std::make_unique<engine::Engine>(p.network);
  const std::optional<engine::ConvGeometry> g = prepared->geometry(n.name);
  if (!g)
    fail(fmt::format("node '{}' ({}) has no conv or pool geometry", n.name,
                     n.kind));
  return *g;
}

std::vector<int32_t> Builder::patchOf(const engine::ConvGeometry &g,
                                      int64_t group, int64_t pos) {
  std::vector<int32_t> index(size_t(g.cin / g.groups * g.kh * g.kw));
  engine::convPatch(g, group, pos / g.ow, pos % g.ow, -1, index.data());
  return index;
}

void Builder::checkHardware() {
  const Effects &e = hw.effects;
  if (e.programmingNoise || e.readNoise || e.drift || e.stuckAt || e.irDrop ||
      e.randomForming)
    fail("device effects are on; the RTL mesh is the ideal-mode twin");
  auto limit = [](bool ok, const std::string &what) {
    if (!ok)
      fail(what);
  };
  limit(hw.mesh.width <= m.meshW && hw.mesh.height <= m.meshH,
        fmt::format("mesh {}x{} does not fit the RTL mesh {}x{}", hw.mesh.width,
                    hw.mesh.height, m.meshW, m.meshH));
  limit(hw.logicalRows() <= m.rows,
        fmt::format("tiles of {} logical rows exceed the RTL's ROWS {}",
                    hw.logicalRows(), m.rows));
  limit(m.buffer >= m.rows, fmt::format("the RTL's input buffer NIB {} is "
                                        "smaller than its ROWS {}",
                                        m.buffer, m.rows));
  limit(hw.mapping.slices == m.slices && hw.device.levels == m.levels,
        fmt::format("mapping.slices {} / device.levels {} differ from the "
                    "RTL's SLICES {} / LEVELS {}",
                    hw.mapping.slices, hw.device.levels, m.slices, m.levels));
  limit(hw.cycles.hop >= 1 && hw.cycles.hop <= m.linkRegs + 1,
        fmt::format("cycles.hop {} outside the RTL links' 1..{}", hw.cycles.hop,
                    m.linkRegs + 1));
  limit(hw.cycles.digitalAdd >= 1 && hw.cycles.neuronUpdate >= 1,
        "cycles.digital_add and cycles.neuron_update must be >= 1 for the RTL");
  auto f = model::parseFixedFormat(hw.numberFormat);
  limit(f && f->isSigned && f->intBits == m.intBits &&
            f->fracBits == m.fracBits,
        fmt::format("number_format {} differs from the RTL's s{}.{}",
                    hw.numberFormat, m.intBits, m.fracBits));
  format = *f;
}

/// im2col: per output position and tile row, the input buffer element the
/// row reads (bit 31: it reads one; padding reads nothing). A dense layer
/// has one position whose row r reads element r (its routes deliver rows).
/// All NPOS x ROWS words are written: the mesh's table has no reset, and
/// its reads test every position.
void Builder::patchTable(const Tile &tile, int64_t mesh) {
  const Layer &layer = p.layers.at(size_t(tile.layer));
  const bool conv = layer.kind == LayerKind::Conv;
  const image::Node &n = node(layer.node);
  engine::ConvGeometry g;
  if (conv) {
    g = geometry(n);
    if (g.groups != 1)
      fail(fmt::format("conv layer '{}' has {} groups; the RTL mesh takes "
                       "one",
                       layer.node, g.groups));
    if (layer.rows != g.cin * g.kh * g.kw || layer.cols != g.cout)
      fail(fmt::format("conv layer '{}' is {}x{}; its node reads {} "
                       "channels x {}x{} kernel into {} channels ({}x{})",
                       layer.node, layer.rows, layer.cols, g.cin, g.kh, g.kw,
                       g.cout, g.cin * g.kh * g.kw, g.cout));
    if (g.oh * g.ow > m.positions)
      fail(fmt::format("conv layer '{}' has {} output positions; the RTL has "
                       "NPOS {}",
                       layer.node, g.oh * g.ow, m.positions));
    if (g.cin * g.h * g.w > m.buffer)
      fail(fmt::format("conv layer '{}' reads {} inputs; the RTL's input "
                       "buffer holds NIB {}",
                       layer.node, g.cin * g.h * g.w, m.buffer));
  }
  const int64_t positions = conv ? g.oh * g.ow : 1;
  RtlMemory &table = memory(fmt::format("node{}_table.hex", mesh),
                            RtlSel::Table, mesh, size_t(m.positions * m.rows));
  const uint64_t valid = uint64_t(1) << 31;
  for (int64_t pos = 0; pos < positions; ++pos) {
    const std::vector<int32_t> patch =
        conv ? patchOf(g, 0, pos) : std::vector<int32_t>();
    for (int64_t r = 0; r < tile.rows; ++r) {
      const int64_t e = conv ? patch[size_t(tile.rowStart + r)] : r;
      table.words[size_t(pos * m.rows + r)] = e < 0 ? 0 : valid | uint64_t(e);
    }
  }
}

void Builder::placeTiles() {
  DeviceEffects effects(hw);
  const int64_t rows = m.rows, cols = m.cols;
  for (size_t t = 0; t < p.tiles.size(); ++t) {
    const Tile &tile = p.tiles[t];
    const Layer &layer = p.layers.at(size_t(tile.layer));
    if (layer.kind == LayerKind::Sparse)
      fail(fmt::format("layer '{}' is sparse; the RTL mesh takes dense and "
                       "conv layers only",
                       layer.node));
    const int64_t mesh = meshNode(tile.x, tile.y);
    if (std::find(meshOfTile.begin(), meshOfTile.end(), mesh) !=
        meshOfTile.end())
      fail(fmt::format("two tiles at mesh ({}, {})", tile.x, tile.y));
    meshOfTile.push_back(mesh);
    const TileDevices dev = programTile(tile, hw, false, effects);
    if (dev.dataCols > cols)
      fail(fmt::format("tile {} of layer '{}' uses {} data columns; the RTL "
                       "has COLS {}",
                       t, layer.node, dev.dataCols, cols));
    RtlMemory &d = memory(fmt::format("node{}_digits.hex", mesh), RtlSel::Digit,
                          mesh, size_t(rows * cols));
    const int64_t maxDigit = int64_t(1) << (m.digitW - 1);
    for (int64_t r = 0; r < dev.rows; ++r)
      for (int64_t c = 0; c < dev.dataCols; ++c) {
        const int64_t v = dev.digits[size_t(r * dev.dataCols + c)];
        if (v >= maxDigit || v < -maxDigit)
          fail(fmt::format("tile {} digit {} does not fit DIGIT_W {}", t, v,
                           m.digitW));
        d.words[size_t(r * cols + c)] = uint64_t(v) & mask(m.digitW);
      }
    patchTable(tile, mesh);
  }
  elems.assign(size_t(m.meshW * m.meshH), 0);
}

/// A sum-pool slot: the count of spikes of its window's neuron slots (at
/// most 8, on the same mesh node); words k 0 and k 3.
void Builder::poolSlot(const image::Node &n, int64_t e, int64_t mesh,
                       uint64_t *words) {
  const engine::ConvGeometry g = geometry(n);
  const std::string &src = p.network.nodes[n.inputs[0].source].name;
  if (g.kh * g.kw > 8 || g.kh * g.kw >= (int64_t(1) << m.valueBits))
    fail(fmt::format("pool '{}' has a {}x{} window; the RTL pools up to 8 "
                     "spikes into counts below 2^{} (VW)",
                     n.name, g.kh, g.kw, m.valueBits));
  const int64_t positions = g.oh * g.ow;
  uint64_t window = 0;
  int64_t count = 0;
  // One channel per group: the window of channel e / positions.
  for (int32_t in : patchOf(g, e / positions, e % positions)) {
    if (in < 0)
      continue;
    const int64_t slot = slotOf(src, in, mesh);
    if (slot < 0)
      fail(fmt::format("pool '{}' element {} reads neuron '{}' element {}, "
                       "which is not on its mesh node {}",
                       n.name, e, src, in, mesh));
    window |= uint64_t(slot) << (8 * count++);
  }
  words[0] = 4 | uint64_t(count) << 8;
  words[3] = window;
}

void Builder::periphery() {
  if (m.pe > 256)
    fail(fmt::format("PE {} exceeds the 256 slots a slot word names", m.pe));
  for (const PeripherySlice &s : p.periphery) {
    const image::Node &n = node(s.node);
    const Role role = roleOf(n, p.network);
    if (role == Role::Input || role == Role::Layer)
      fail(fmt::format("periphery slice of '{}' ({}) is not a neuron, pool, "
                       "flatten or output",
                       s.node, n.kind));
    const int64_t mesh = meshOfTile.at(size_t(s.tile));
    const RtlSliceKind kind = role == Role::Neuron   ? RtlSliceKind::Neuron
                              : role == Role::Output ? RtlSliceKind::Output
                              : role == Role::Pool   ? RtlSliceKind::Pool
                                                     : RtlSliceKind::Flatten;
    RtlSlice slice{s.node, s.begin, s.end, mesh, elems[size_t(mesh)], kind};
    elems[size_t(mesh)] += s.end - s.begin;
    if (elems[size_t(mesh)] > m.pe)
      fail(fmt::format("mesh node {} needs {} periphery slots; the RTL has "
                       "PE {}",
                       mesh, elems[size_t(mesh)], m.pe));
    out.slices.push_back(slice);
  }
  for (int64_t mesh = 0; mesh < m.meshW * m.meshH; ++mesh) {
    if (elems[size_t(mesh)] == 0)
      continue;
    memory(fmt::format("node{}_slots.hex", mesh), RtlSel::Slot, mesh,
           size_t(4 * elems[size_t(mesh)]));
    memory(fmt::format("node{}_lif.hex", mesh), RtlSel::Lif, mesh,
           size_t(8 * elems[size_t(mesh)]));
  }
  for (const RtlSlice &s : out.slices) {
    RtlMemory &slots = *find(fmt::format("node{}_slots.hex", s.meshNode));
    RtlMemory &lif = *find(fmt::format("node{}_lif.hex", s.meshNode));
    const image::Node &n = node(s.node);
    const Role role = roleOf(n, p.network);
    const std::string &src = p.network.nodes[n.inputs[0].source].name;
    for (int64_t e = s.begin; e < s.end; ++e) {
      const size_t slot = size_t(s.slot + e - s.begin);
      uint64_t *words = &slots.words[4 * slot];
      if (role == Role::Pool) {
        poolSlot(n, e, s.meshNode, words);
        continue;
      }
      if (role != Role::Neuron) { // output: its neuron's spike; flatten:
        const int64_t from = slotOf(src, e, s.meshNode); // its source's value
        if (from < 0)
          fail(fmt::format("{} '{}' element {} is not next to its source "
                           "'{}'",
                           n.kind, s.node, e, src));
        words[0] = role == Role::Output
                       ? 2 | uint64_t(from) << 8 | uint64_t(e) << 16
                       : 8 | uint64_t(from) << 8;
        continue;
      }
      // The neuron's layer column (conv: its channel) and position: the
      // tile at this node must hold it.
      const image::Node &layerNode = p.network.nodes[n.inputs[0].source];
      const bool conv = layerNode.kind == "conv";
      const engine::ConvGeometry g =
          conv ? geometry(layerNode) : engine::ConvGeometry();
      const int64_t positions = g.oh * g.ow;
      const int64_t channel = e / positions, position = e % positions;
      int64_t col = -1;
      double scale = 0;
      for (size_t t = 0; t < p.tiles.size(); ++t) {
        const Tile &tile = p.tiles[t];
        const Layer &l = p.layers[size_t(tile.layer)];
        if (l.node == layerNode.name && meshOfTile[t] == s.meshNode &&
            tile.colStart <= channel && channel < tile.colStart + tile.cols &&
            tile.rowStart + tile.rows == l.rows) {
          col = channel - tile.colStart;
          scale = l.scale;
        }
      }
      if (col < 0)
        fail(fmt::format("neuron '{}' element {} is not at the tile of the "
                         "last row block of its layer '{}'",
                         s.node, e, layerNode.name));
      const double scaleRaw = std::ldexp(scale, int(format.fracBits));
      if (scaleRaw != std::trunc(scaleRaw) || !(std::fabs(scaleRaw) < 0x1p31))
        fail(fmt::format("layer '{}' scale {} is not a value of {}",
                         layerNode.name, scale, hw.numberFormat));
      auto bias = layerNode.f.find(image::keys::kBias);
      words[0] = 1 | uint64_t(col) << 8 | uint64_t(position) << 16;
      words[1] = bias == layerNode.f.end() || bias->second.size() == 0
                     ? 0
                     : raw(element(bias->second, channel), format);
      words[2] = uint64_t(int64_t(scaleRaw)) & mask(format.totalBits());
      // k 0 membrane (0 at the start), 3..7 a_mem c_in c_0 v_th v_reset.
      const char *coef[] = {"a_mem", "c_mem_in", "c_mem_0", "v_threshold",
                            "v_reset"};
      for (int k = 0; k < 5; ++k)
        lif.words[8 * slot + 3 + size_t(k)] =
            raw(element(n.f.at(coef[k]), e), format);
    }
  }
}

/// The mesh nodes from (x0, y0) to (x1, y1), x first, and the port each
/// leaves by (bit 0 N, 1 E, 2 S, 3 W, 4 local at the end).
std::vector<std::pair<std::pair<int64_t, int64_t>, uint64_t>>
xyPath(int64_t x0, int64_t y0, int64_t x1, int64_t y1) {
  std::vector<std::pair<std::pair<int64_t, int64_t>, uint64_t>> path;
  int64_t x = x0, y = y0;
  while (x != x1) {
    path.push_back({{x, y}, x < x1 ? 2u : 8u});
    x += x < x1 ? 1 : -1;
  }
  while (y != y1) {
    path.push_back({{x, y}, y < y1 ? 4u : 1u});
    y += y < y1 ? 1 : -1;
  }
  path.push_back({{x, y}, 16u});
  return path;
}

void Builder::routesAndStages() {
  const int64_t nodes = m.meshW * m.meshH;
  std::vector<RtlMemory *> router(size_t(nodes), nullptr);
  std::vector<int64_t> entries(size_t(nodes), 0);
  RtlMemory &routes = memory("routes.hex", RtlSel::Route, 0, 0);
  std::vector<uint64_t> routeWords, stageWords;
  std::vector<std::vector<uint64_t>> nodeConfig{size_t(nodes)};
  const int64_t rowBits = m.rowBits(), ridBits = m.routeBits();
  for (size_t k = 0; k < p.network.nodes.size(); ++k) {
    const image::Node &n = p.network.nodes[k];
    const Role role = roleOf(n, p.network);
    if (role == Role::Input) {
      if (!out.input.empty())
        fail(fmt::format("a second input node '{}'; the RTL mesh has one "
                         "host input",
                         n.name));
      out.input = n.name;
      out.inputSize = n.outShape.empty() ? 0 : n.outShape[0];
      for (size_t d = 1; d < n.outShape.size(); ++d)
        out.inputSize *= n.outShape[d];
      if (out.inputSize > m.inputs)
        fail(fmt::format("input '{}' has {} elements; the RTL has NIN {}",
                         n.name, out.inputSize, m.inputs));
    } else if (role == Role::Output) {
      if (!out.output.empty())
        fail(fmt::format("a second output node '{}'", n.name));
      out.output = n.name;
      out.outputSize = n.outShape.empty() ? 0 : n.outShape[0];
    }
    if (role != Role::Layer)
      continue;
    // One stage: the routes into the layer's tiles, its nodes, its adds.
    size_t layer = 0;
    while (layer < p.layers.size() && p.layers[layer].node != n.name)
      ++layer;
    if (layer == p.layers.size())
      fail(fmt::format("layer node '{}' has no crossbar layer", n.name));
    const int64_t first = int64_t(routeWords.size() / 4);
    uint64_t stageMask = 0;
    std::map<int64_t, std::vector<size_t>> byColumn; // colStart -> tiles
    for (size_t t = 0; t < p.tiles.size(); ++t)
      if (p.tiles[t].layer == int64_t(layer)) {
        stageMask |= uint64_t(1) << meshOfTile[t];
        byColumn[p.tiles[t].colStart].push_back(t);
      }
    int64_t rowBlocks = 1;
    for (auto &[c, tiles] : byColumn) {
      std::sort(tiles.begin(), tiles.end(), [&](size_t a, size_t b) {
        return p.tiles[a].rowStart < p.tiles[b].rowStart;
      });
      rowBlocks = std::max<int64_t>(rowBlocks, int64_t(tiles.size()));
      const size_t home = tiles.back(); // the last row block
      std::vector<uint64_t> &cfg = nodeConfig[size_t(meshOfTile[home])];
      if (int64_t(tiles.size()) - 1 > m.peers)
        fail(fmt::format("layer '{}' has {} row blocks; the RTL has PEERS {}",
                         n.name, tiles.size(), m.peers));
      cfg.assign(size_t(4 + m.peers), 0);
      cfg[3] = tiles.size() - 1;
      for (size_t i = 0; i + 1 < tiles.size(); ++i)
        cfg[4 + i] = uint64_t(meshOfTile[tiles[i]]);
    }
    for (size_t r = 0; r < p.routes.size(); ++r) {
      const Route &route = p.routes[r];
      if (p.tiles.at(size_t(route.toTile)).layer != int64_t(layer))
        continue;
      const Tile &to = p.tiles[size_t(route.toTile)];
      const int64_t rid = int64_t(routeWords.size() / 4);
      if (rid >= m.routes)
        fail(fmt::format("more than {} routes (the RTL's NROUTE)", m.routes));
      int64_t x0 = 0, y0 = 0, srcNode = 0, start = route.begin;
      const bool host = route.fromTile == kHostPort;
      if (!host) {
        const Tile &from = p.tiles.at(size_t(route.fromTile));
        x0 = from.x;
        y0 = from.y;
        srcNode = meshOfTile[size_t(route.fromTile)];
        start = -1;
        for (const RtlSlice &s : out.slices)
          if (s.node == route.sourceNode && s.meshNode == srcNode &&
              s.begin <= route.begin && route.end <= s.end)
            start = s.slot + route.begin - s.begin;
        if (start < 0)
          fail(fmt::format("route {} from '{}' [{}, {}): the elements are "
                           "not in one periphery slice of tile {}",
                           r, route.sourceNode, route.begin, route.end,
                           route.fromTile));
      }
      // The first buffer element: dense rows count from the tile's first,
      // conv inputs are the layer's (the patch table picks them).
      const bool conv = p.layers[layer].kind == LayerKind::Conv;
      const int64_t row = conv ? route.begin : route.begin - to.rowStart;
      if (row < 0 || (!conv && route.end - to.rowStart > to.rows) ||
          route.end - route.begin + row > m.buffer)
        fail(fmt::format("route {} [{}, {}) is outside the rows of tile {}", r,
                         route.begin, route.end, route.toTile));
      const auto path = xyPath(x0, y0, to.x, to.y);
      if (int64_t(path.size()) - 1 != route.hops)
        fail(fmt::format("route {} has {} hops; the XY path has {}", r,
                         route.hops, path.size() - 1));
      for (const auto &[pos, ports] : path) {
        const int64_t mesh = meshNode(pos.first, pos.second);
        if (!router[size_t(mesh)]) {
          router[size_t(mesh)] =
              &memory(fmt::format("node{}_router.hex", mesh), RtlSel::Router,
                      mesh, size_t(m.entries));
        }
        int64_t &e = entries[size_t(mesh)];
        if (e >= m.entries)
          fail(fmt::format("router of mesh node {} needs more than {} "
                           "entries (the RTL's ENTRIES)",
                           mesh, m.entries));
        const int64_t low = rowBits + m.valueBits; // element, value
        const int64_t keyW = low + ridBits;
        const uint64_t key = uint64_t(rid) << low;
        const uint64_t keyMask = mask(ridBits) << low;
        router[size_t(mesh)]->words[size_t(e++)] =
            uint64_t(1) << 63 | ports << (2 * keyW) | keyMask << keyW | key;
      }
      routeWords.push_back(uint64_t(srcNode) | uint64_t(host) << 8);
      routeWords.push_back(uint64_t(start) | uint64_t(route.end - route.begin)
                                                 << 16);
      routeWords.push_back(uint64_t(row) | uint64_t(rid) << 16);
      routeWords.push_back(0);
    }
    const int64_t count = int64_t(routeWords.size() / 4) - first;
    stageWords.push_back(uint64_t(first) | uint64_t(count) << 16);
    stageWords.push_back(stageMask);
    stageWords.push_back(uint64_t(rowBlocks - 1));
    stageWords.push_back(0);
  }
  out.stages = int64_t(stageWords.size() / 4);
  if (out.stages == 0 || out.stages > m.stages)
    fail(fmt::format("{} layers; the RTL mesh runs 1 to {} (NSTAGE)",
                     out.stages, m.stages));
  if (out.input.empty() || out.output.empty())
    fail("the network needs one input and one output node");
  routes.words = routeWords;
  memory("stages.hex", RtlSel::Stage, 0, 0).words = stageWords;
  // Node configuration: full scale, data columns, slots, peers.
  DeviceEffects effects(hw);
  for (size_t t = 0; t < p.tiles.size(); ++t) {
    const int64_t mesh = meshOfTile[t];
    std::vector<uint64_t> &cfg = nodeConfig[size_t(mesh)];
    cfg.resize(size_t(4 + m.peers), 0);
    const TileDevices dev = programTile(p.tiles[t], hw, false, effects);
    cfg[0] = uint64_t(std::ceil(dev.adcFullScale));
    cfg[1] = uint64_t(dev.dataCols);
    cfg[2] = uint64_t(elems[size_t(mesh)]);
    memory(fmt::format("node{}_config.hex", mesh), RtlSel::Node, mesh, 0)
        .words = cfg;
  }
  for (const RtlSlice &s : out.slices)
    if (nodeConfig[size_t(s.meshNode)].empty())
      fail(fmt::format("periphery of '{}' at mesh node {}, which holds no "
                       "tile",
                       s.node, s.meshNode));
  // Nodes without a tile: 0 slots, columns and peers (the registers have
  // no reset, and the output drain walks every node's slots).
  for (int64_t mesh = 0; mesh < nodes; ++mesh)
    if (nodeConfig[size_t(mesh)].empty())
      memory(fmt::format("node{}_config.hex", mesh), RtlSel::Node, mesh,
             size_t(4 + m.peers));
}

void Builder::global() {
  const Cycles &c = hw.cycles;
  int64_t maxElems = 1;
  for (int64_t e : elems)
    maxElems = std::max(maxElems, e);
  // Slot s is updated by unit s mod units in batch s / units; with more
  // units than any node's slots one batch holds them all.
  out.units = std::min(c.neuronUnits, maxElems);
  if (out.units > m.lanes)
    fail(fmt::format("cycles.neuron_units {} with up to {} slots per node "
                     "needs more than the RTL's {} neuron units",
                     c.neuronUnits, maxElems, m.lanes));
  // Reset mode: one for the whole mesh.
  int64_t subtract = -1;
  for (const image::Node &n : p.network.nodes)
    if (n.kind == "neuron") {
      auto it = n.i.find(image::keys::kResetSubtract);
      const int64_t s =
          it != n.i.end() && it->second.size() > 0 && it->second[0] != 0;
      if (subtract >= 0 && s != subtract)
        fail(fmt::format("neuron '{}' resets differently from the others; "
                         "the RTL mesh has one reset mode",
                         n.name));
      subtract = s;
    }
  const int64_t adcs =
      std::max<int64_t>(1, hw.tile.cols / hw.adc.columnsPerAdc);
  RtlMemory &g = memory("global.hex", RtlSel::Global, 0, 14);
  g.words = {uint64_t(c.rowDrive),
             uint64_t(c.columnRead),
             uint64_t(c.adcConversion),
             uint64_t(c.shiftAdd),
             uint64_t(hw.adc.bits),
             uint64_t(c.digitalAdd),
             uint64_t(c.neuronUpdate),
             uint64_t(out.units),
             uint64_t(c.hop),
             1,
             uint64_t(std::max<int64_t>(subtract, 0)),
             uint64_t(std::min(adcs, m.cols + 1)),
             hw.mapping.sign == SignScheme::Offset ? 1u : 0u,
             uint64_t(out.stages)};
}

/// mesh.txt's `format` line; 2: `params` has 20 fields (NIB, NPOS, VW
/// added) and slices name their kind (neuron, output, pool, flatten).
constexpr int kRtlImageVersion = 2;

const char *const kSliceKinds[] = {"neuron", "output", "pool", "flatten"};

void writeLines(const std::string &path, const std::string &text) {
  std::ofstream f(path);
  f << text;
  if (!f)
    fail("cannot write " + path);
}

} // namespace

int64_t RtlMeshParams::rowBits() const { return bitsFor(buffer); }
int64_t RtlMeshParams::routeBits() const { return bitsFor(routes); }

RtlMemory *RtlImage::find(const std::string &file) {
  for (RtlMemory &m : memories)
    if (m.file == file)
      return &m;
  return nullptr;
}

namespace {
/// The configurations rtl/cosim verilates, from the list it reads too.
constexpr RtlMeshParams kRtlMeshConfigs[] = {
#define NMC_RTL_MESH(prefix, ...) RtlMeshParams{__VA_ARGS__},
#include "nmc/Target/Xbar/RtlMeshConfigs.def"
#undef NMC_RTL_MESH
};
static_assert(kRtlMeshConfigs[0] == RtlMeshParams{},
              "RtlMeshConfigs.def: the first model is RtlMeshParams{}");
} // namespace

std::vector<RtlMeshParams> rtlMeshConfigs() {
  return {std::begin(kRtlMeshConfigs), std::end(kRtlMeshConfigs)};
}

RtlImage buildRtlImage(const XbarPayload &payload) {
  const std::vector<RtlMeshParams> configs = rtlMeshConfigs();
  for (size_t i = 0; i + 1 < configs.size(); ++i) {
    try {
      return buildRtlImage(payload, configs[i]);
    } catch (const std::runtime_error &) {
      // try the next, larger configuration
    }
  }
  return buildRtlImage(payload, configs.back());
}

RtlImage buildRtlImage(const XbarPayload &payload, const RtlMeshParams &mesh) {
  Builder b{payload, payload.hw, mesh, {}, {}, {}, {}, {}, {}};
  b.out.params = mesh;
  for (size_t k = 0; k < payload.network.nodes.size(); ++k) {
    b.nodeIndex[payload.network.nodes[k].name] = k;
    roleOf(payload.network.nodes[k], payload.network); // scope first
  }
  b.checkHardware();
  b.placeTiles();
  b.periphery();
  b.routesAndStages();
  b.global();
  // Load order: by selector (global configuration first).
  b.out.memories.assign(b.mems.begin(), b.mems.end());
  std::stable_sort(b.out.memories.begin(), b.out.memories.end(),
                   [](const RtlMemory &x, const RtlMemory &y) {
                     return int(x.sel) < int(y.sel);
                   });
  return std::move(b.out);
}

void writeRtlImage(const RtlImage &image, const std::string &dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec)
    fail("cannot create " + dir + ": " + ec.message());
  const RtlMeshParams &m = image.params;
  std::string text = fmt::format("# nmc RTL image of an xbar network "
                                 "(docs/rtl.md)\nformat nmc-rtl-image {}\n",
                                 kRtlImageVersion);
  text += fmt::format(
      "params {} {} {} {} {} {} {} {} {} {} {} {} {} {} {} {} {} {} {} {}\n",
      m.meshW, m.meshH, m.rows, m.cols, m.slices, m.levels, m.digitW, m.intBits,
      m.fracBits, m.pe, m.lanes, m.entries, m.routes, m.stages, m.inputs,
      m.peers, m.linkRegs, m.buffer, m.positions, m.valueBits);
  text += fmt::format("input {} {}\noutput {} {}\nunits {}\nstages {}\n",
                      image.input, image.inputSize, image.output,
                      image.outputSize, image.units, image.stages);
  for (const RtlSlice &s : image.slices)
    text += fmt::format("slice {} {} {} {} {} {}\n", s.node, s.begin, s.end,
                        s.meshNode, s.slot, kSliceKinds[int(s.kind)]);
  for (const RtlMemory &mem : image.memories) {
    text += fmt::format("memory {} {} {}\n", mem.file, int(mem.sel), mem.node);
    std::string hex;
    for (uint64_t w : mem.words)
      hex += fmt::format("{:x}\n", w);
    writeLines(dir + "/" + mem.file, hex);
  }
  writeLines(dir + "/mesh.txt", text);
}

RtlImage readRtlImage(const std::string &dir) {
  const std::string path = dir + "/mesh.txt";
  std::ifstream f(path);
  if (!f)
    fail("cannot read " + path);
  RtlImage image;
  RtlMeshParams &m = image.params;
  std::string line;
  bool versioned = false;
  for (int lineNo = 1; std::getline(f, line); ++lineNo) {
    std::istringstream in(line);
    std::string key;
    in >> key;
    bool ok = true;
    if (key.empty() || key[0] == '#') {
    } else if (key == "format") {
      std::string name;
      int version = 0;
      ok = bool(in >> name >> version) && name == "nmc-rtl-image";
      if (ok && version != kRtlImageVersion)
        fail(fmt::format("{}:{}: RTL image format {}, this nmc reads {}; "
                         "write it again (nmc compile --rtl-out)",
                         path, lineNo, version, kRtlImageVersion));
      versioned = ok;
    } else if (!versioned) {
      fail(fmt::format("{}:{}: '{}' before the line 'format nmc-rtl-image "
                       "{}'",
                       path, lineNo, line, kRtlImageVersion));
    } else if (key == "params") {
      ok =
          bool(in >> m.meshW >> m.meshH >> m.rows >> m.cols >> m.slices >>
               m.levels >> m.digitW >> m.intBits >> m.fracBits >> m.pe >>
               m.lanes >> m.entries >> m.routes >> m.stages >> m.inputs >>
               m.peers >> m.linkRegs >> m.buffer >> m.positions >> m.valueBits);
    } else if (key == "input") {
      ok = bool(in >> image.input >> image.inputSize);
    } else if (key == "output") {
      ok = bool(in >> image.output >> image.outputSize);
    } else if (key == "units") {
      ok = bool(in >> image.units);
    } else if (key == "stages") {
      ok = bool(in >> image.stages);
    } else if (key == "slice") {
      RtlSlice s;
      std::string kind;
      ok = bool(in >> s.node >> s.begin >> s.end >> s.meshNode >> s.slot >>
                kind);
      const auto *k =
          std::find(std::begin(kSliceKinds), std::end(kSliceKinds), kind);
      ok = ok && k != std::end(kSliceKinds);
      s.kind = RtlSliceKind(k - std::begin(kSliceKinds));
      image.slices.push_back(s);
    } else if (key == "memory") {
      RtlMemory mem;
      int sel = 0;
      ok = bool(in >> mem.file >> sel >> mem.node);
      mem.sel = RtlSel(sel);
      std::ifstream h(dir + "/" + mem.file);
      if (!h)
        fail("cannot read " + dir + "/" + mem.file);
      std::string word;
      for (int hexLine = 1; h >> word; ++hexLine) {
        size_t used = 0;
        try {
          mem.words.push_back(std::stoull(word, &used, 16));
        } catch (const std::exception &) {
          used = 0;
        }
        if (used != word.size())
          fail(fmt::format("{}/{}:{}: '{}' is not a hex word", dir, mem.file,
                           hexLine, word));
      }
      image.memories.push_back(std::move(mem));
    } else {
      ok = false;
    }
    if (!ok)
      fail(fmt::format("{}:{}: cannot read '{}'", path, lineNo, line));
  }
  if (!versioned)
    fail(fmt::format("{}: no line 'format nmc-rtl-image {}'", path,
                     kRtlImageVersion));
  return image;
}

} // namespace nmc::xbar
