//===- FifoTb.cpp - nmc_aer_fifo: full/empty, order, back-pressure --------===//
//
// The verilated FIFO is built with DEPTH 4 and WIDTH 8 (rtl/tb/
// CMakeLists.txt).
//===----------------------------------------------------------------------===//
#include "TbClock.h"
#include "Vnmc_aer_fifo.h"

#include <gtest/gtest.h>

#include <deque>
#include <random>

using nmc::rtl::reset;
using nmc::rtl::step;

namespace {

constexpr int kDepth = 4;

struct Fifo : ::testing::Test {
  VerilatedContext ctx;
  Vnmc_aer_fifo dut{&ctx};
  void SetUp() override {
    dut.in_valid = 0;
    dut.out_ready = 0;
    reset(dut);
  }
  /// Offers `v` for one cycle; true if the FIFO took it.
  bool push(int v) {
    dut.in_valid = 1;
    dut.in_data = v;
    dut.eval();
    const bool taken = dut.in_ready;
    step(dut);
    dut.in_valid = 0;
    return taken;
  }
  /// Pops the head for one cycle; -1 if empty.
  int pop() {
    dut.out_ready = 1;
    dut.eval();
    const int v = dut.out_valid ? int(dut.out_data) : -1;
    step(dut);
    dut.out_ready = 0;
    dut.eval();
    return v;
  }
};

TEST_F(Fifo, EmptyAfterReset) {
  EXPECT_TRUE(dut.empty);
  EXPECT_FALSE(dut.full);
  EXPECT_FALSE(dut.out_valid);
  EXPECT_EQ(dut.count, 0);
  EXPECT_EQ(pop(), -1);
}

TEST_F(Fifo, FullRefusesAndKeepsOrder) {
  for (int i = 0; i < kDepth; ++i) {
    EXPECT_FALSE(dut.full);
    EXPECT_TRUE(push(10 + i));
  }
  EXPECT_TRUE(dut.full);
  EXPECT_EQ(dut.count, kDepth);
  EXPECT_FALSE(push(99)); // back-pressure: refused, nothing overwritten
  EXPECT_EQ(dut.count, kDepth);
  for (int i = 0; i < kDepth; ++i)
    EXPECT_EQ(pop(), 10 + i);
  EXPECT_TRUE(dut.empty);
  EXPECT_EQ(pop(), -1);
}

TEST_F(Fifo, PushAndPopWhenFull) {
  for (int i = 0; i < kDepth; ++i)
    push(i + 1);
  // Both in one cycle: the head leaves, 50 joins at the tail.
  dut.in_valid = 1;
  dut.in_data = 50;
  dut.out_ready = 1;
  dut.eval();
  EXPECT_TRUE(dut.in_ready);
  EXPECT_EQ(dut.out_data, 1);
  step(dut);
  dut.in_valid = 0;
  dut.out_ready = 0;
  dut.eval();
  EXPECT_TRUE(dut.full);
  for (int expected : {2, 3, 4, 50})
    EXPECT_EQ(pop(), expected);
}

TEST_F(Fifo, RandomTrafficMatchesAQueue) {
  std::mt19937 rng(13);
  std::deque<int> model;
  for (int cycle = 0; cycle < 2000; ++cycle) {
    const bool offer = rng() % 2, take = rng() % 3 == 0;
    const int v = int(rng() % 256);
    dut.in_valid = offer;
    dut.in_data = v;
    dut.out_ready = take;
    dut.eval();
    ASSERT_EQ(dut.count, model.size()) << "cycle " << cycle;
    ASSERT_EQ(bool(dut.out_valid), !model.empty());
    ASSERT_EQ(bool(dut.in_ready), model.size() < kDepth || take);
    if (take && !model.empty()) {
      ASSERT_EQ(dut.out_data, model.front()) << "cycle " << cycle;
      model.pop_front();
    }
    if (offer && dut.in_ready)
      model.push_back(v);
    step(dut);
  }
}

} // namespace
