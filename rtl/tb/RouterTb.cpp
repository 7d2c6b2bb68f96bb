//===- RouterTb.cpp - nmc_router: first match wins, masks, drops ----------===//
//
// The verilated router is built with KEY_W 8 and ENTRIES 4 (rtl/tb/
// CMakeLists.txt). Port bits: N 1, E 2, S 4, W 8, local 16.
//===----------------------------------------------------------------------===//
#include "TbClock.h"
#include "Vnmc_router.h"

#include <gtest/gtest.h>

#include <optional>

using nmc::rtl::reset;
using nmc::rtl::step;

namespace {

enum Port { N = 1, E = 2, S = 4, W = 8, Local = 16 };

struct Router : ::testing::Test {
  VerilatedContext ctx;
  Vnmc_router dut{&ctx};
  void SetUp() override {
    dut.tbl_we = 0;
    dut.in_valid = 0;
    dut.out_ready = 1;
    reset(dut);
  }
  void entry(int index, bool valid, int key, int mask, int ports) {
    dut.tbl_we = 1;
    dut.tbl_index = index;
    dut.tbl_valid = valid;
    dut.tbl_key = key;
    dut.tbl_mask = mask;
    dut.tbl_ports = ports;
    step(dut);
    dut.tbl_we = 0;
  }
  /// Sends `key`; the port set it leaves on, or nullopt if dropped.
  std::optional<int> route(int key) {
    dut.in_valid = 1;
    dut.in_key = key;
    dut.eval();
    EXPECT_TRUE(dut.in_ready);
    step(dut);
    dut.in_valid = 0;
    dut.eval();
    if (!dut.out_valid)
      return std::nullopt;
    EXPECT_EQ(dut.out_key, key);
    const int ports = dut.out_ports;
    step(dut); // out_ready is high: the event leaves
    return ports;
  }
};

TEST_F(Router, FirstMatchWinsAndMasksSelectBits) {
  entry(0, true, 0x12, 0xFF, E | Local); // exactly 0x12
  entry(1, true, 0x10, 0xF0, N);         // 0x10..0x1F
  entry(2, true, 0x01, 0x01, S | W);     // odd keys
  EXPECT_EQ(route(0x12), E | Local);     // entries 0 and 1 match: 0 wins
  EXPECT_EQ(route(0x13), N);             // entries 1 and 2 match: 1 wins
  EXPECT_EQ(route(0x1E), N);
  EXPECT_EQ(route(0x25), S | W);
  EXPECT_EQ(dut.dropped, 0);
}

TEST_F(Router, NoMatchIsDroppedAndCounted) {
  entry(0, true, 0x40, 0xC0, W);
  EXPECT_EQ(route(0x7F), W);
  EXPECT_EQ(route(0x80), std::nullopt);
  EXPECT_EQ(route(0x00), std::nullopt);
  EXPECT_EQ(dut.dropped, 2);
  // An invalid entry never matches, even with mask 0 (match all).
  entry(3, false, 0x00, 0x00, N);
  EXPECT_EQ(route(0x01), std::nullopt);
  EXPECT_EQ(dut.dropped, 3);
  entry(3, true, 0x00, 0x00, N | S);
  EXPECT_EQ(route(0x01), N | S);
  EXPECT_EQ(route(0x55), W); // entry 0 still comes first
  EXPECT_EQ(dut.dropped, 3);
}

TEST_F(Router, RewritingAnEntryChangesTheRoute) {
  entry(0, true, 0x05, 0xFF, N);
  entry(1, true, 0x05, 0xFF, E);
  EXPECT_EQ(route(0x05), N);
  entry(0, false, 0x05, 0xFF, N);
  EXPECT_EQ(route(0x05), E);
}

TEST_F(Router, HoldsTheOutputUnderBackPressure) {
  entry(0, true, 0x00, 0x00, Local);
  dut.out_ready = 0;
  dut.in_valid = 1;
  dut.in_key = 0x21;
  step(dut);
  dut.in_key = 0x22;
  dut.eval();
  EXPECT_TRUE(dut.out_valid);
  EXPECT_FALSE(dut.in_ready); // the stage is full
  step(dut);
  EXPECT_EQ(dut.out_key, 0x21); // the second event was not taken
  dut.out_ready = 1;
  dut.eval();
  EXPECT_TRUE(dut.in_ready);
  step(dut); // 0x21 leaves, 0x22 enters
  EXPECT_TRUE(dut.out_valid);
  EXPECT_EQ(dut.out_key, 0x22);
}

} // namespace
