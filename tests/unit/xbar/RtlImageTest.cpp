//===- RtlImageTest.cpp - The image -> RTL writer against hand hex --------===//
#include "RtlNets.h"

#include "nmc/Target/Xbar/RtlImage.h"

#include <gtest/gtest.h>

#include <filesystem>

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
  // Router of node 0: key = {id 4 bits, row 3 bits}: entry 0 valid, local
  // port (bit 4 = 16) at bit 14, mask 0x78 at bit 7, key 0.
  std::vector<uint64_t> router(8, 0);
  router[0] = 0x8000000000000000ull | 16ull << 14 | 0x78ull << 7;
  EXPECT_EQ(words(img, "node0_router.hex"), router);
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

} // namespace
