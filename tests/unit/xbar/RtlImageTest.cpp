//===- RtlImageTest.cpp - The image -> RTL writer against hand hex --------===//
#include "RtlNets.h"

#include "nmc/Target/Xbar/RtlImage.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

using namespace nmc;
using namespace nmc::test;
using namespace nmc::xbar;

namespace {

const std::vector<uint64_t> &words(RtlImage &img, const std::string &file) {
  const RtlMemory *m = img.find(file);
  EXPECT_NE(m, nullptr) << file;
  static const std::vector<uint64_t> none;
  return m ? m->words : none;
}

/// The im2col table of convPoolExample()'s conv "c" (1 x 4 x 4, 2x2
/// kernel, stride 2): position (oy, ox), row (ky, kx) reads input
/// (2 oy + ky) * 4 + 2 ox + kx (bit 31); NPOS x ROWS words.
std::vector<uint64_t> convPoolTable(const RtlMeshParams &conv) {
  std::vector<uint64_t> table(size_t(conv.positions * conv.rows), 0);
  const uint64_t patches[4][4] = {
      {0, 1, 4, 5}, {2, 3, 6, 7}, {8, 9, 12, 13}, {10, 11, 14, 15}};
  for (int pos = 0; pos < 4; ++pos)
    for (int r = 0; r < 4; ++r)
      table[size_t(pos * conv.rows + r)] = 0x80000000u | patches[pos][r];
  return table;
}

/// The message of the runtime_error `f` throws ("" if none).
template <class F> std::string errorOf(F f) {
  try {
    f();
  } catch (const std::runtime_error &e) {
    return e.what();
  }
  return "";
}

std::string tempDir(const std::string &name) {
  return (std::filesystem::temp_directory_path() / name).string();
}

TEST(RtlImage, SingleTileHandHex) {
  RtlImage img = buildRtlImage(*singleTileExample(), RtlMeshParams{});
  // Costs: row drive 2, column read 10, ADC 0 (= bits + 1), shift-add 1,
  // ADC bits 0, digital add 1, neuron update 1, units min(4, 6 slots) = 4,
  // hop 2, spiking, reset to value, 1 ADC (8 columns / 8), differential,
  // 1 stage.
  EXPECT_EQ(words(img, "global.hex"),
            (std::vector<uint64_t>{2, 10, 0, 1, 0, 1, 1, 4, 2, 1, 0, 1, 0, 1}));
  // Digits: row r at r * 8 (COLS 8); 5-bit two's complement, -2 = 0x1e.
  std::vector<uint64_t> digits(64, 0);
  const uint64_t rows[4][3] = {{4, 0, 0x1e}, {2, 3, 0}, {0, 4, 4}, {1, 1, 1}};
  for (int r = 0; r < 4; ++r)
    for (int c = 0; c < 3; ++c)
      digits[size_t(r * 8 + c)] = rows[r][c];
  EXPECT_EQ(words(img, "node0_digits.hex"), digits);
  // Full scale 8, 3 data columns, 6 slots, no partial-sum peer.
  EXPECT_EQ(words(img, "node0_config.hex"),
            (std::vector<uint64_t>{8, 3, 6, 0, 0, 0, 0}));
  // Slots 0-2: neurons on columns 0-2, bias 0, scale 0.25 = 0x2000 raw;
  // slots 3-5: outputs 0-2 = the spikes of slots 0-2.
  EXPECT_EQ(
      words(img, "node0_slots.hex"),
      (std::vector<uint64_t>{0x001,   0, 0x2000, 0, 0x101,   0, 0x2000, 0,
                             0x201,   0, 0x2000, 0, 0x00002, 0, 0,      0,
                             0x10102, 0, 0,      0, 0x20202, 0, 0,      0}));
  // LIF of slot 0: v 0, a_mem 0.875 = 0x7000, c_in 1 = 0x8000, c_0 0,
  // v_th 1 = 0x8000, v_reset 0.
  const std::vector<uint64_t> &lif = words(img, "node0_lif.hex");
  ASSERT_EQ(lif.size(), 48u);
  EXPECT_EQ(std::vector<uint64_t>(lif.begin(), lif.begin() + 8),
            (std::vector<uint64_t>{0, 0, 0, 0x7000, 0x8000, 0, 0x8000, 0}));
  // One route from the host port into node 0's rows 0-3 (0 hops): source
  // host (bit 8), elements 0 + 4, row 0, id 0.
  EXPECT_EQ(words(img, "routes.hex"),
            (std::vector<uint64_t>{0x100, 0x40000, 0, 0}));
  // Router of node 0: key = {id 4 bits, element 3 bits, value 1 bit}:
  // entry 0 valid, local port (bit 4 = 16) at bit 16, mask 0xf0 at bit 8,
  // key 0.
  std::vector<uint64_t> router(8, 0);
  router[0] = 0x8000000000000000ull | 16ull << 16 | 0xf0ull << 8;
  EXPECT_EQ(words(img, "node0_router.hex"), router);
  // The patch table of a dense layer: one position, tile row r reads
  // buffer element r (bit 31), for the 4 rows in use of ROWS 8.
  EXPECT_EQ(words(img, "node0_table.hex"),
            (std::vector<uint64_t>{0x80000000, 0x80000001, 0x80000002,
                                   0x80000003, 0, 0, 0, 0}));
  // One stage: routes 0 + 1, node mask 1, no partial-sum add.
  EXPECT_EQ(words(img, "stages.hex"),
            (std::vector<uint64_t>{0x10000, 1, 0, 0}));
  EXPECT_EQ(img.units, 4);
  ASSERT_EQ(img.slices.size(), 2u);
  EXPECT_EQ(img.slices[1].node, "out");
  EXPECT_EQ(img.slices[1].slot, 3);

  // Written and read back unchanged.
  const std::string dir =
      (std::filesystem::temp_directory_path() / "nmc-rtl-image-test").string();
  writeRtlImage(img, dir);
  RtlImage back = readRtlImage(dir);
  ASSERT_EQ(back.memories.size(), img.memories.size());
  for (size_t k = 0; k < img.memories.size(); ++k) {
    EXPECT_EQ(back.memories[k].file, img.memories[k].file);
    EXPECT_EQ(back.memories[k].words, img.memories[k].words);
  }
  EXPECT_EQ(back.units, 4);
  EXPECT_EQ(back.input, "in");
  EXPECT_EQ(back.outputSize, 3);
  std::filesystem::remove_all(dir);
}

TEST(RtlImage, RefusesWhatTheMeshCannotRun) {
  auto p = singleTileExample();
  p->network.nodes[2].i["has_syn"] = std::vector<int64_t>{1};
  EXPECT_THROW(
      {
        try {
          buildRtlImage(*p, RtlMeshParams{});
        } catch (const std::runtime_error &e) {
          EXPECT_NE(std::string(e.what()).find("neuron node 'lif'"),
                    std::string::npos)
              << e.what();
          throw;
        }
      },
      std::runtime_error);
  p = singleTileExample();
  p->hw.cycles.hop = 9;
  EXPECT_THROW(buildRtlImage(*p, RtlMeshParams{}), std::runtime_error);
  p = singleTileExample();
  p->network.nodes[1].inputs[0].delayed = true;
  EXPECT_THROW(buildRtlImage(*p, RtlMeshParams{}), std::runtime_error);
}

TEST(RtlImage, ConvPoolFlattenHandHex) {
  const RtlMeshParams conv = rtlMeshConfigs().at(1);
  auto payload = convPoolExample();
  ASSERT_EQ(payload->tiles.size(), 2u);
  RtlImage img = buildRtlImage(*payload);
  EXPECT_EQ(img.params, conv); // too large for the 2 x 2 dense mesh
  // im2col of conv "c": position (oy, ox), row (ky, kx) reads input
  // (2 oy + ky) * 4 + 2 ox + kx; ROWS 32 words per position, and all NPOS
  // 16 positions written (the mesh's table has no reset and its reads test
  // every position): positions 4-15 read nothing.
  EXPECT_EQ(words(img, "node0_table.hex"), convPoolTable(conv));
  // Node 0 slots: "n" element e = channel e / 4 at position e % 4 (bit 0,
  // column at 8, position at 16); pool "p" 0 and 1 (bit 2, window size 4)
  // over slots 0-3 and 4-7 (one byte each in k 3); flatten "f" (bit 3)
  // passes on the values of slots 8 and 9.
  const std::vector<uint64_t> &slots = words(img, "node0_slots.hex");
  ASSERT_EQ(slots.size(), 4u * 12);
  for (int e = 0; e < 8; ++e)
    EXPECT_EQ(slots[size_t(4 * e)],
              1u | uint64_t(e / 4) << 8 | uint64_t(e % 4) << 16)
        << "slot " << e;
  EXPECT_EQ(slots[4 * 8], 0x404u);
  EXPECT_EQ(slots[4 * 8 + 3], 0x03020100u);
  EXPECT_EQ(slots[4 * 9], 0x404u);
  EXPECT_EQ(slots[4 * 9 + 3], 0x07060504u);
  EXPECT_EQ(slots[4 * 10], 0x808u);
  EXPECT_EQ(slots[4 * 11], 0x908u);
  // Routes: the host's 16 inputs into buffer elements 0.. of node 0 (id
  // 0); "f"'s 2 values from node 0's slots 10-11 into node 1's rows 0-1
  // (id 1).
  EXPECT_EQ(
      words(img, "routes.hex"),
      (std::vector<uint64_t>{0x100, 0x100000, 0, 0, 0, 0x2000a, 0x10000, 0}));
  // Key {id 4 bits, element 8 bits (NIB 200), value 3 bits}: node 0's
  // entry for route 1 leaves east (port bit 1 = 2) at bit 30, mask 0xf at
  // bit 26, key 1 at bit 11.
  EXPECT_EQ(words(img, "node0_router.hex")[1],
            0x8000000000000000ull | 2ull << 30 | 0xfull << 26 | 1ull << 11);
}

// A Conv1d (shape (C, L)) reads its patches along its one axis: kernel,
// stride, dilation and padding are 1-element arrays.
TEST(RtlImage, Conv1dHandTable) {
  const RtlMeshParams conv = rtlMeshConfigs().at(1);
  RtlImage img = buildRtlImage(*conv1dExample(), conv);
  // Position x, row (channel c, kx) reads input c * 5 + x - 1 + kx, padding
  // (-1) outside 0..4.
  const int64_t patches[5][6] = {{-1, 0, 1, -1, 5, 6},
                                 {0, 1, 2, 5, 6, 7},
                                 {1, 2, 3, 6, 7, 8},
                                 {2, 3, 4, 7, 8, 9},
                                 {3, 4, -1, 8, 9, -1}};
  std::vector<uint64_t> table(size_t(conv.positions * conv.rows), 0);
  for (int pos = 0; pos < 5; ++pos)
    for (int r = 0; r < 6; ++r)
      if (patches[pos][r] >= 0)
        table[size_t(pos * conv.rows + r)] =
            0x80000000u | uint64_t(patches[pos][r]);
  EXPECT_EQ(words(img, "node0_table.hex"), table);
  // "n" element e: channel e / 5 (column at bit 8) at position e % 5 (bit
  // 16).
  const std::vector<uint64_t> &slots = words(img, "node0_slots.hex");
  ASSERT_EQ(slots.size(), 4u * 20);
  for (int e = 0; e < 10; ++e)
    EXPECT_EQ(slots[size_t(4 * e)],
              1u | uint64_t(e / 5) << 8 | uint64_t(e % 5) << 16)
        << "slot " << e;
}

// Without kernel_size the kernel follows from the weights and the shapes
// (as the emulator reads it): 4 cells per kernel, 4 -> 2 with stride 2
// fits only 2x2.
TEST(RtlImage, ConvKernelFromTheWeights) {
  auto payload = convPoolExample();
  payload->network.nodes[1].i.erase("kernel_size");
  const RtlMeshParams conv = rtlMeshConfigs().at(1);
  RtlImage img = buildRtlImage(*payload, conv);
  EXPECT_EQ(words(img, "node0_table.hex"), convPoolTable(conv));
}

TEST(RtlImage, RefusesConvLayerOfOtherShape) {
  auto payload = convPoolExample();
  payload->layers[0].rows = 8; // the node reads 1 channel x 2x2 = 4 rows
  const std::string msg =
      errorOf([&] { buildRtlImage(*payload, rtlMeshConfigs().at(1)); });
  EXPECT_NE(msg.find("rtl: conv layer 'c' is 8x2"), std::string::npos) << msg;
  EXPECT_NE(msg.find("(4x2)"), std::string::npos) << msg;
}

// mesh.txt names every slice's kind; pool and flatten slots are neither
// neurons nor outputs.
TEST(RtlImage, SliceKindsWrittenAndRead) {
  RtlImage img = buildRtlImage(*convPoolExample());
  const std::vector<std::pair<std::string, RtlSliceKind>> want = {
      {"n", RtlSliceKind::Neuron},
      {"p", RtlSliceKind::Pool},
      {"f", RtlSliceKind::Flatten},
      {"m", RtlSliceKind::Neuron},
      {"out", RtlSliceKind::Output}};
  ASSERT_EQ(img.slices.size(), want.size());
  for (size_t k = 0; k < want.size(); ++k) {
    EXPECT_EQ(img.slices[k].node, want[k].first);
    EXPECT_EQ(img.slices[k].kind, want[k].second) << want[k].first;
  }
  const std::string dir = tempDir("nmc-rtl-image-kinds");
  writeRtlImage(img, dir);
  std::ifstream f(dir + "/mesh.txt");
  const std::string text{std::istreambuf_iterator<char>(f), {}};
  // Node 0: "n" in slots 0-7, "p" 8-9, "f" 10-11.
  EXPECT_NE(text.find("\nslice p 0 2 0 8 pool\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\nslice f 0 2 0 10 flatten\n"), std::string::npos)
      << text;
  RtlImage back = readRtlImage(dir);
  ASSERT_EQ(back.slices.size(), want.size());
  for (size_t k = 0; k < want.size(); ++k)
    EXPECT_EQ(back.slices[k].kind, want[k].second) << want[k].first;
  std::filesystem::remove_all(dir);
}

// mesh.txt is format 2 (20 params, slice kinds); other versions and files
// without a format line are refused.
TEST(RtlImage, FormatVersionChecked) {
  const std::string dir = tempDir("nmc-rtl-image-format");
  writeRtlImage(buildRtlImage(*singleTileExample(), RtlMeshParams{}), dir);
  const std::string path = dir + "/mesh.txt";
  std::string text;
  {
    std::ifstream f(path);
    text.assign(std::istreambuf_iterator<char>(f), {});
  }
  const std::string line = "format nmc-rtl-image 2\n";
  const size_t at = text.find(line);
  ASSERT_NE(at, std::string::npos) << text;
  auto rewrite = [&](const std::string &replacement) {
    std::ofstream(path) << text.substr(0, at) << replacement
                        << text.substr(at + line.size());
  };
  rewrite("format nmc-rtl-image 1\n");
  std::string msg = errorOf([&] { readRtlImage(dir); });
  EXPECT_NE(msg.find("mesh.txt:2: RTL image format 1, this nmc reads 2"),
            std::string::npos)
      << msg;
  rewrite("");
  msg = errorOf([&] { readRtlImage(dir); });
  EXPECT_NE(msg.find("before the line 'format nmc-rtl-image 2'"),
            std::string::npos)
      << msg;
  std::filesystem::remove_all(dir);
}

// The configurations are the .def's lines (RtlMeshConfigs.def, which
// rtl/cosim/CMakeLists.txt verilates): the dense 2 x 2 mesh is
// RtlMeshParams{}, the conv mesh as docs/rtl.md lists it.
TEST(RtlImage, MeshConfigs) {
  const std::vector<RtlMeshParams> configs = rtlMeshConfigs();
  ASSERT_EQ(configs.size(), 2u);
  EXPECT_EQ(configs[0], RtlMeshParams{});
  RtlMeshParams conv;
  conv.meshW = 4;
  conv.meshH = 2;
  conv.rows = 32;
  conv.pe = 80;
  conv.stages = 8;
  conv.inputs = 200;
  conv.buffer = 200;
  conv.positions = 16;
  conv.valueBits = 3;
  EXPECT_EQ(configs[1], conv);
}

} // namespace
