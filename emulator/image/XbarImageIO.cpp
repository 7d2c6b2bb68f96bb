//===- XbarImageIO.cpp - The xbar image on disk (nmc-xbar-image) ---------===//
//
// Layout (docs/targets/xbar.md, "Image"): the common header; the network in
// the reference layout at the root (/nodes and its attributes); /xbar with
// the hardware description as a JSON attribute and four tables, each one
// record of parallel integer/float columns (node names are written as node
// indices into /nodes), so a chip of thousands of tiles is a handful of
// datasets rather than thousands of groups.
//===----------------------------------------------------------------------===//
#include "ColumnTable.h"

#include "nmc/Target/Xbar/HardwareJson.h"
#include "nmc/Target/Xbar/XbarImage.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

namespace nmc::xbar {
namespace {

using image::ArrayClass;
using image::Record;
namespace detail = image::detail;
using detail::Columns;
using detail::TableReader;

const image::PayloadSchema &xbarSchema() {
  auto ints = [](std::initializer_list<const char *> names) {
    std::vector<image::ArraySpec> out;
    for (const char *n : names)
      out.push_back({n, ArrayClass::Int, true});
    return out;
  };
  auto with = [](std::vector<image::ArraySpec> a, const char *floatName) {
    a.push_back({floatName, ArrayClass::Float, true});
    return a;
  };
  static const image::PayloadSchema schema{
      {{"layers", with(ints({"node", "kind", "rows", "cols", "groups",
                             "clipped", "zeroed"}),
                       "scale")},
       {"tiles", with(ints({"layer", "group", "row_start", "rows", "col_start",
                            "cols", "x", "y", "level_offset", "levels"}),
                      "adc_full_scale")},
       {"periphery", ints({"node", "begin", "end", "tile"})},
       {"routes",
        ints({"source", "begin", "end", "from_tile", "to_tile", "hops"})}},
      {}};
  return schema;
}

constexpr const char *kTables[] = {"layers", "tiles", "periphery", "routes"};

// --- writing ----------------------------------------------------------------

int64_t nodeIndex(const XbarPayload &p, const std::string &name,
                  const char *table) {
  for (size_t k = 0; k < p.network.nodes.size(); ++k)
    if (p.network.nodes[k].name == name)
      return int64_t(k);
  throw std::runtime_error(std::string("xbar image: ") + table +
                           " names node '" + name +
                           "', which is not in the network");
}

std::vector<Record> tables(const XbarPayload &p) {
  Columns layers, tiles, periphery, routes;
  for (const Layer &l : p.layers) {
    layers.i["node"].push_back(nodeIndex(p, l.node, "a layer"));
    layers.i["kind"].push_back(int64_t(l.kind));
    layers.i["rows"].push_back(l.rows);
    layers.i["cols"].push_back(l.cols);
    layers.i["groups"].push_back(l.groups);
    layers.i["clipped"].push_back(l.clipped);
    layers.i["zeroed"].push_back(l.zeroed);
    layers.f["scale"].push_back(l.scale);
  }
  std::vector<int64_t> &offsets = tiles.i["level_offset"];
  std::vector<int64_t> &levels = tiles.i["levels"];
  offsets.push_back(0);
  for (const Tile &t : p.tiles) {
    for (auto [key, v] : {std::pair{"layer", t.layer},
                          {"group", t.group},
                          {"row_start", t.rowStart},
                          {"rows", t.rows},
                          {"col_start", t.colStart},
                          {"cols", t.cols},
                          {"x", t.x},
                          {"y", t.y}})
      tiles.i[key].push_back(v);
    levels.insert(levels.end(), t.levels.begin(), t.levels.end());
    offsets.push_back(int64_t(levels.size()));
    tiles.f["adc_full_scale"].push_back(t.adcFullScale);
  }
  for (const PeripherySlice &s : p.periphery) {
    periphery.i["node"].push_back(nodeIndex(p, s.node, "a periphery slice"));
    periphery.i["begin"].push_back(s.begin);
    periphery.i["end"].push_back(s.end);
    periphery.i["tile"].push_back(s.tile);
  }
  for (const Route &r : p.routes) {
    routes.i["source"].push_back(nodeIndex(p, r.sourceNode, "a route"));
    routes.i["begin"].push_back(r.begin);
    routes.i["end"].push_back(r.end);
    routes.i["from_tile"].push_back(r.fromTile);
    routes.i["to_tile"].push_back(r.toTile);
    routes.i["hops"].push_back(r.hops);
  }
  std::vector<Record> out;
  Columns *all[] = {&layers, &tiles, &periphery, &routes};
  for (size_t k = 0; k < 4; ++k)
    out.push_back(all[k]->record(xbarSchema(), kTables[k]));
  return out;
}

bool writeAll(hid_t file, const XbarPayload &p, std::string &error) {
  std::vector<Record> records;
  try {
    records = tables(p);
  } catch (const std::exception &e) {
    error = e.what();
    return false;
  }
  return detail::writeTargetImage(file, makeXbarHeader(p), p.network, "xbar",
                                  "hardware", toJson(p.hw), xbarSchema(),
                                  records, p.reference, error);
}

// --- reading ----------------------------------------------------------------

bool readTables(hid_t file, XbarPayload &p, std::string &error) {
  h5::Group xbar = h5::openGroup(file, "xbar", error);
  std::string hwText;
  if (!xbar || !h5::readAttribute(xbar.get(), "hardware", hwText, error))
    return false;
  try {
    p.hw = Hardware();
    applyJson(p.hw, hwText, "/xbar/@hardware");
    validate(p.hw);
  } catch (const std::exception &e) {
    error = e.what();
    return false;
  }
  const int64_t nodes = int64_t(p.network.nodes.size());
  auto fail = [&](const std::string &where, const std::string &why) {
    error = where + ": " + why;
    return false;
  };
  auto checkNode = [&](const TableReader &t, const char *col, int64_t row,
                       int64_t &out) {
    out = t.at(col, row);
    return out >= 0 && out < nodes
               ? true
               : fail(t.where(col, row), "node index " + std::to_string(out) +
                                             " out of range (" +
                                             std::to_string(nodes) + " nodes)");
  };

  // Row k's node (column `col`) and its element range [begin, end).
  auto nodeRange = [&](const TableReader &t, const char *col, int64_t k,
                       std::string &name, int64_t &begin, int64_t &end) {
    int64_t node = 0;
    if (!checkNode(t, col, k, node))
      return false;
    name = p.network.nodes[node].name;
    begin = t.at("begin", k);
    end = t.at("end", k);
    return begin >= 0 && begin <= end &&
                   end <= detail::nodeSize(p.network.nodes[node])
               ? true
               : fail(t.where("begin", k), "range outside node '" + name + "'");
  };

  TableReader layers(xbar.get(), xbarSchema(), "layers");
  if (!layers.read(error) || !layers.sameLength(layers.size("node"), error))
    return false;
  for (int64_t k = 0; k < layers.size("node"); ++k) {
    Layer l;
    int64_t node = 0;
    if (!checkNode(layers, "node", k, node))
      return false;
    const std::string &kind = p.network.nodes[node].kind;
    if (kind != "affine" && kind != "sparse_affine" && kind != "conv")
      return fail(layers.where("node", k),
                  "node '" + p.network.nodes[node].name + "' is a " + kind +
                      ", not a weight node");
    l.node = p.network.nodes[node].name;
    const int64_t lk = layers.at("kind", k);
    if (lk < 0 || lk > 2)
      return fail(layers.where("kind", k), "expected 0 (dense), 1 (sparse) "
                                           "or 2 (conv)");
    l.kind = LayerKind(lk);
    l.rows = layers.at("rows", k);
    l.cols = layers.at("cols", k);
    l.groups = layers.at("groups", k);
    l.clipped = layers.at("clipped", k);
    l.zeroed = layers.at("zeroed", k);
    l.scale = layers.atF("scale", k);
    if (l.rows < 1 || l.cols < 1 || l.groups < 1)
      return fail(layers.where("rows", k),
                  "rows, cols and groups must be >= 1");
    if (!(l.scale > 0) || !std::isfinite(l.scale))
      return fail(layers.where("scale", k), "scale must be finite and > 0");
    p.layers.push_back(std::move(l));
  }

  TableReader tiles(xbar.get(), xbarSchema(), "tiles");
  if (!tiles.read(error))
    return false;
  const int64_t nTiles = tiles.size("layer");
  if (!tiles.sameLength(nTiles, error, {"level_offset", "levels"}))
    return false;
  if (tiles.size("level_offset") != nTiles + 1 || tiles.at("level_offset", 0))
    return fail(tiles.where("level_offset", 0), "expected " +
                                                    std::to_string(nTiles + 1) +
                                                    " offsets starting at 0");
  const int64_t maxLevel = p.hw.maxLevel();
  for (int64_t k = 0; k < nTiles; ++k) {
    Tile t;
    t.layer = tiles.at("layer", k);
    if (t.layer < 0 || t.layer >= int64_t(p.layers.size()))
      return fail(tiles.where("layer", k), "layer index out of range");
    const Layer &l = p.layers[t.layer];
    t.group = tiles.at("group", k);
    t.rowStart = tiles.at("row_start", k);
    t.rows = tiles.at("rows", k);
    t.colStart = tiles.at("col_start", k);
    t.cols = tiles.at("cols", k);
    t.x = tiles.at("x", k);
    t.y = tiles.at("y", k);
    t.adcFullScale = tiles.atF("adc_full_scale", k);
    if (t.group < 0 || t.group >= l.groups || t.rowStart < 0 || t.rows < 1 ||
        t.rowStart > l.rows - t.rows || t.colStart < 0 || t.cols < 1 ||
        t.colStart > l.cols - t.cols)
      return fail(tiles.where("rows", k),
                  "block outside layer '" + l.node + "' (" +
                      std::to_string(l.rows) + " x " + std::to_string(l.cols) +
                      ", " + std::to_string(l.groups) + " groups)");
    if (t.rows > p.hw.logicalRows() || t.cols > p.hw.logicalCols())
      return fail(tiles.where("rows", k), "block larger than a tile");
    if (t.x < 0 || t.x >= p.hw.mesh.width || t.y < 0 || t.y >= p.hw.mesh.height)
      return fail(tiles.where("x", k), "position outside the mesh");
    if (!(t.adcFullScale >= 0) || !std::isfinite(t.adcFullScale))
      return fail(tiles.where("adc_full_scale", k), "must be finite, >= 0");
    const int64_t lo = tiles.at("level_offset", k),
                  hi = tiles.at("level_offset", k + 1);
    if (hi - lo != t.rows * t.cols || hi > tiles.size("levels"))
      return fail(tiles.where("level_offset", k + 1),
                  "expected rows x cols = " + std::to_string(t.rows * t.cols) +
                      " levels");
    t.levels.resize(t.rows * t.cols);
    for (int64_t e = lo; e < hi; ++e) {
      const int64_t v = tiles.at("levels", e);
      if (v < -maxLevel || v > maxLevel)
        return fail(tiles.where("levels", e), "level " + std::to_string(v) +
                                                  " outside +-" +
                                                  std::to_string(maxLevel));
      t.levels[e - lo] = int32_t(v);
    }
    p.tiles.push_back(std::move(t));
  }

  TableReader periphery(xbar.get(), xbarSchema(), "periphery");
  if (!periphery.read(error) ||
      !periphery.sameLength(periphery.size("node"), error))
    return false;
  for (int64_t k = 0; k < periphery.size("node"); ++k) {
    PeripherySlice s;
    if (!nodeRange(periphery, "node", k, s.node, s.begin, s.end))
      return false;
    s.tile = periphery.at("tile", k);
    if (s.tile < 0 || s.tile >= nTiles)
      return fail(periphery.where("tile", k), "tile index out of range");
    p.periphery.push_back(std::move(s));
  }

  TableReader routes(xbar.get(), xbarSchema(), "routes");
  if (!routes.read(error) || !routes.sameLength(routes.size("source"), error))
    return false;
  for (int64_t k = 0; k < routes.size("source"); ++k) {
    Route r;
    if (!nodeRange(routes, "source", k, r.sourceNode, r.begin, r.end))
      return false;
    r.fromTile = routes.at("from_tile", k);
    r.toTile = routes.at("to_tile", k);
    r.hops = routes.at("hops", k);
    if (r.fromTile < kHostPort || r.fromTile >= nTiles || r.toTile < 0 ||
        r.toTile >= nTiles)
      return fail(routes.where("to_tile", k), "tile index out of range");
    if (r.hops < 0)
      return fail(routes.where("hops", k), "must be >= 0");
    p.routes.push_back(std::move(r));
  }
  return true;
}

} // namespace

image::Header makeXbarHeader(const XbarPayload &payload) {
  image::Header h = image::makeHeader(payload.network);
  h.format = kFormatName;
  h.version = kFormatVersion;
  return h;
}

std::shared_ptr<const image::Payload>
readXbarPayload(hid_t file, const image::Header &header, std::string &error) {
  auto p = std::make_shared<XbarPayload>();
  if (!image::readReferencePayload(file, header, p->network, error) ||
      !readTables(file, *p, error))
    return nullptr;
  if (!detail::readFloatReference(file, header, p->reference, error))
    return nullptr;
  if (p->network.numberFormat != p->hw.numberFormat) {
    error = "/@number_format: '" + p->network.numberFormat +
            "' differs from the hardware's number_format '" +
            p->hw.numberFormat + "'";
    return nullptr;
  }
  return p;
}

bool writeXbarImage(const std::string &path, const XbarPayload &payload,
                    std::string &error) {
  return h5::writeWholeFile(
      path,
      [&](hid_t file, std::string &why) {
        return writeAll(file, payload, why);
      },
      error);
}

} // namespace nmc::xbar
