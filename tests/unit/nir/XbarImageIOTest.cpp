//===- XbarImageIOTest.cpp - Crossbar image files ------------------------===//
#include "nmc/Image/OpenImage.h"
#include "nmc/Support/H5.h"
#include "nmc/Target/Xbar/XbarImage.h"

#include <hdf5.h>

#include <gtest/gtest.h>

#include <stdexcept>

using namespace nmc;
using namespace nmc::xbar;

namespace {

image::Node node(const char *name, const char *kind, int64_t in, int64_t out,
                 std::vector<image::InputEdge> inputs) {
  image::Node n;
  n.name = name;
  n.kind = kind;
  n.inShape = {in};
  n.outShape = {out};
  n.inputs = std::move(inputs);
  return n;
}

/// in(3) -> fc(3 -> 2) -> lif(2) -> out, mapped as two 2-row tiles.
XbarPayload smallPayload() {
  XbarPayload p;
  p.hw.tile = {4, 4}; // differential: 2 logical rows, 4 columns
  p.hw.mesh = {2, 1};
  p.network.target = "xbar";
  p.network.dt = 1e-3;
  p.network.method = "exact";
  p.network.resetMode = "subtract";
  p.network.numberFormat = p.hw.numberFormat;
  image::Node fc = node("fc", "affine", 3, 2, {{0, false}});
  fc.f["weight"] = {0.5, -0.25, 0, 1.0, 0.75, -0.5};
  image::Node lif = node("lif", "neuron", 2, 2, {{1, false}});
  for (const char *coef : image::keys::kCoefs)
    lif.f[coef] = {0};
  lif.i["has_syn"] = {0};
  lif.i["spiking"] = {1};
  lif.i["reset_subtract"] = {1};
  lif.s["neuron_type"] = "LIF";
  p.network.nodes = {node("in", "input", 3, 3, {}), fc, lif,
                     node("out", "output", 2, 2, {{2, false}})};
  p.layers = {{"fc", LayerKind::Dense, 3, 2, 1, 0.25, 1, 2}};
  Tile a{0, 0, 0, 2, 0, 2, {2, 0, -1, 3}, 3, 0, 0};
  Tile b{0, 0, 2, 1, 0, 2, {4, -2}, 4, 1, 0};
  p.tiles = {a, b};
  p.periphery = {{"lif", 0, 2, 1}};
  p.routes = {{"in", 0, 2, kHostPort, 0, 0}, {"in", 2, 3, kHostPort, 1, 1}};
  p.reference = p.network;
  p.reference.numberFormat = "";
  p.reference.nodes[1].f["weight"] = {0.49, -0.26, 0.01, 1.0, 0.76, -0.5};
  return p;
}

std::string writeTemp(const XbarPayload &p, const char *name) {
  std::string path = ::testing::TempDir() + name;
  std::string error;
  EXPECT_TRUE(writeXbarImage(path, p, error)) << error;
  return path;
}

std::string openError(const std::string &path) {
  try {
    image::openImage(path);
  } catch (const std::runtime_error &e) {
    return e.what();
  }
  return "";
}

/// Overwrites one element of an integer dataset in place.
void poke(const std::string &path, const std::string &dataset, size_t index,
          int64_t value) {
  hid_t f = H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
  ASSERT_GE(f, 0);
  hid_t d = H5Dopen2(f, dataset.c_str(), H5P_DEFAULT);
  ASSERT_GE(d, 0) << dataset;
  hid_t space = H5Dget_space(d);
  hsize_t start = index, count = 1;
  H5Sselect_hyperslab(space, H5S_SELECT_SET, &start, nullptr, &count, nullptr);
  hid_t mem = H5Screate_simple(1, &count, nullptr);
  ASSERT_GE(H5Dwrite(d, H5T_NATIVE_INT64, mem, space, H5P_DEFAULT, &value), 0);
  H5Sclose(mem);
  H5Sclose(space);
  H5Dclose(d);
  H5Fclose(f);
}

} // namespace

TEST(XbarImageIO, RoundTrip) {
  XbarPayload p = smallPayload();
  image::LoadedImage loaded = image::openImage(writeTemp(p, "rt.xbar.h5"));
  EXPECT_EQ(loaded.header.format, "nmc-xbar-image");
  EXPECT_EQ(loaded.header.version, 2); // 2: /nodes as columns
  EXPECT_EQ(loaded.header.target, "xbar");
  ASSERT_EQ(loaded.header.inputs.size(), 1u);
  EXPECT_EQ(loaded.header.inputs[0].size, 3);
  const auto *back = loaded.as<XbarPayload>();
  ASSERT_NE(back, nullptr);
  EXPECT_EQ(back->hw.tile.rows, 4);
  EXPECT_EQ(back->hw.mesh.width, 2);
  EXPECT_EQ(back->network.nodes.size(), 4u);
  EXPECT_EQ(back->network.numberFormat, "s16.15");
  EXPECT_EQ(back->network.nodes[1].f.at("weight"),
            p.network.nodes[1].f.at("weight"));
  ASSERT_EQ(back->layers.size(), 1u);
  EXPECT_EQ(back->layers[0].node, "fc");
  EXPECT_EQ(back->layers[0].scale, 0.25);
  EXPECT_EQ(back->layers[0].clipped, 1);
  EXPECT_EQ(back->layers[0].zeroed, 2);
  ASSERT_EQ(back->tiles.size(), 2u);
  EXPECT_EQ(back->tiles[0].levels, (std::vector<int32_t>{2, 0, -1, 3}));
  EXPECT_EQ(back->tiles[1].levels, (std::vector<int32_t>{4, -2}));
  EXPECT_EQ(back->tiles[1].rowStart, 2);
  EXPECT_EQ(back->tiles[1].x, 1);
  EXPECT_EQ(back->tiles[1].adcFullScale, 4);
  ASSERT_EQ(back->periphery.size(), 1u);
  EXPECT_EQ(back->periphery[0].node, "lif");
  EXPECT_EQ(back->periphery[0].tile, 1);
  ASSERT_EQ(back->routes.size(), 2u);
  EXPECT_EQ(back->routes[1].sourceNode, "in");
  EXPECT_EQ(back->routes[1].fromTile, kHostPort);
  EXPECT_EQ(back->routes[1].hops, 1);
  // The float network it was compiled from travels along.
  ASSERT_EQ(back->reference.nodes.size(), 4u);
  EXPECT_EQ(back->reference.numberFormat, "");
  EXPECT_EQ(back->reference.nodes[1].f.at("weight"),
            (std::vector<double>{0.49, -0.26, 0.01, 1.0, 0.76, -0.5}));
}

TEST(XbarImageIO, WriterRefusesUnknownNodes) {
  XbarPayload p = smallPayload();
  p.routes[0].sourceNode = "nowhere";
  std::string error, path = ::testing::TempDir() + "bad.xbar.h5";
  EXPECT_FALSE(writeXbarImage(path, p, error));
  EXPECT_EQ(error,
            path +
                ": xbar image: a route names node 'nowhere', which is not in "
                "the network");
}

TEST(XbarImageIO, ReaderNamesTheFaultyEntry) {
  struct Case {
    const char *dataset;
    size_t index;
    int64_t value;
    const char *message;
  };
  const Case cases[] = {
      {"/xbar/tiles/i/levels", 3, 16,
       "/xbar/tiles/levels[3]: level 16 outside +-15"},
      {"/xbar/layers/i/node", 0, 2,
       "/xbar/layers/node[0]: node 'lif' is a neuron, not a weight node"},
      {"/xbar/tiles/i/rows", 1, 2,
       "/xbar/tiles/rows[1]: block outside layer 'fc' (3 x 2, 1 groups)"},
      {"/xbar/tiles/i/x", 1, 2, "/xbar/tiles/x[1]: position outside the mesh"},
      {"/xbar/routes/i/to_tile", 0, 7,
       "/xbar/routes/to_tile[0]: tile index out of range"},
      {"/xbar/periphery/i/end", 0, 3,
       "/xbar/periphery/begin[0]: range outside node 'lif'"},
  };
  for (const Case &c : cases) {
    std::string path = writeTemp(smallPayload(), "poked.xbar.h5");
    poke(path, c.dataset, c.index, c.value);
    EXPECT_EQ(openError(path), path + ": " + c.message) << c.dataset;
  }
}
