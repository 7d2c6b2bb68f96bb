//===- LifTb.cpp - nmc_lif against hand values and stepNeuron -------------===//
//
// Two verilated LIF units (rtl/tb/CMakeLists.txt), 4 neurons each: s16.15
// (Vnmc_lif) and s7.8 (Vnmc_lif_s7_8). Hand-computed updates pin the
// rounding and saturation; random updates compare every result with
// nmc::model::stepNeuron in the same fixed-point format.
//===----------------------------------------------------------------------===//
#include "TbClock.h"
#include "Vnmc_lif.h"
#include "Vnmc_lif_s7_8.h"
#include "nmc/Model/NeuronModel.h"

#include <gtest/gtest.h>

#include <array>
#include <random>

using namespace nmc::model;
using nmc::rtl::reset;
using nmc::rtl::signExtend;
using nmc::rtl::step;
using nmc::rtl::toBits;

namespace {

constexpr int64_t kOne = 1 << 15; // 1.0 in s16.15
constexpr int64_t kMax = (int64_t(1) << 31) - 1, kMin = -(int64_t(1) << 31);

/// Raw coefficients of one neuron.
struct Coeffs {
  int64_t aMem = kOne, cIn = kOne, c0 = 0, vTh = kOne, vReset = 0;
};

/// Drives one LIF unit of raw width `bits`.
template <class Dut> struct Lif {
  VerilatedContext ctx;
  Dut dut{&ctx};
  int bits;
  explicit Lif(int bits, bool spiking = true, bool subtract = false)
      : bits(bits) {
    dut.cfg_spiking = spiking;
    dut.cfg_subtract = subtract;
    dut.coef_we = dut.st_we = dut.upd_valid = 0;
    reset(dut);
  }
  void set(int n, const Coeffs &c) {
    dut.coef_we = 1;
    dut.coef_index = n;
    dut.coef_a_mem = toBits(c.aMem, bits);
    dut.coef_c_in = toBits(c.cIn, bits);
    dut.coef_c_0 = toBits(c.c0, bits);
    dut.coef_v_th = toBits(c.vTh, bits);
    dut.coef_v_reset = toBits(c.vReset, bits);
    step(dut);
    dut.coef_we = 0;
  }
  void setV(int n, int64_t v) {
    dut.st_we = 1;
    dut.st_index = n;
    dut.st_wdata = toBits(v, bits);
    step(dut);
    dut.st_we = 0;
  }
  int64_t v(int n) {
    dut.st_index = n;
    dut.eval();
    return signExtend(dut.st_rdata, bits);
  }
  /// Updates neuron n with input x; returns the spike.
  bool update(int n, int64_t x) {
    dut.upd_valid = 1;
    dut.upd_index = n;
    dut.upd_x = toBits(x, bits);
    step(dut);
    dut.upd_valid = 0;
    EXPECT_TRUE(dut.out_valid);
    EXPECT_EQ(dut.out_index, n);
    EXPECT_EQ(signExtend(dut.out_v, bits), v(n));
    return dut.out_spike;
  }
};

TEST(Lif, LeaksIntegratesFiresAndResetsToValue) {
  Lif<Vnmc_lif> lif(32);
  lif.set(1, {.aMem = kOne / 2,
              .cIn = kOne,
              .c0 = 0,
              .vTh = kOne,
              .vReset = -kOne / 4});
  lif.setV(1, 0);
  EXPECT_FALSE(lif.update(1, 3 * kOne / 4)); // v = 0.75
  EXPECT_EQ(lif.v(1), 24576);
  EXPECT_TRUE(lif.update(1, 3 * kOne / 4)); // 0.375 + 0.75 = 1.125 > 1
  EXPECT_EQ(lif.v(1), -8192);               // reset to -0.25
  // At the threshold exactly: no spike (strict >).
  lif.setV(1, 0);
  lif.set(1, {.aMem = kOne, .cIn = kOne, .c0 = 0, .vTh = kOne});
  EXPECT_FALSE(lif.update(1, kOne));
  EXPECT_EQ(lif.v(1), kOne);
}

TEST(Lif, SubtractResetAndConstantTerm) {
  Lif<Vnmc_lif> lif(32, true, true);
  // v' = 1.0 * 0.5 + 0.5 * 1.25 + 0.125 = 1.25 > 1.0: v = 0.25.
  lif.set(2, {.aMem = kOne, .cIn = kOne / 2, .c0 = kOne / 8, .vTh = kOne});
  lif.setV(2, kOne / 2);
  EXPECT_TRUE(lif.update(2, 5 * kOne / 4));
  EXPECT_EQ(lif.v(2), kOne / 4);
}

TEST(Lif, ProductsRoundToNearestTiesAwayFromZero) {
  Lif<Vnmc_lif> lif(32, false); // LI: no spike, v' is the output
  // a_mem = 2^-15: a_mem * v = v / 2^15, the tie cases at +-0.5 LSB.
  lif.set(0, {.aMem = 1, .cIn = 0, .c0 = 0});
  for (auto [v, expected] :
       std::array<std::pair<int64_t, int64_t>, 6>{{{16384, 1},
                                                   {-16384, -1},
                                                   {16383, 0},
                                                   {-16383, 0},
                                                   {49152, 2},
                                                   {-49152, -2}}}) {
    lif.setV(0, v);
    EXPECT_FALSE(lif.update(0, 0));
    EXPECT_EQ(lif.v(0), expected) << "v = " << v;
  }
}

TEST(Lif, ProductsAndSumsSaturate) {
  Lif<Vnmc_lif> lif(32, false);
  lif.set(3, {.aMem = 2 * kOne, .cIn = 0, .c0 = 0}); // 2 * 2^16 overflows
  lif.setV(3, int64_t(1) << 30);
  lif.update(3, 0);
  EXPECT_EQ(lif.v(3), kMax);
  lif.setV(3, -(int64_t(1) << 30) - 1);
  lif.update(3, 0);
  EXPECT_EQ(lif.v(3), kMin);
  // Each sum saturates on its own: max + 1.0 clamps to max, then - 1.0.
  lif.set(3, {.aMem = kOne, .cIn = kOne, .c0 = -kOne});
  lif.setV(3, kMax);
  lif.update(3, kOne);
  EXPECT_EQ(lif.v(3), kMax - kOne);
}

/// A random raw value of `bits`, often an extreme or small.
int64_t randomRaw(std::mt19937_64 &rng, int bits) {
  const int64_t max = (int64_t(1) << (bits - 1)) - 1, min = -max - 1;
  switch (rng() % 6) {
  case 0:
    return rng() % 2 ? max : min;
  case 1:
    return int64_t(rng() % 64) - 32;
  default:
    return min + int64_t(rng() % uint64_t(max - min + 1));
  }
}

/// Random updates of every neuron against stepNeuron in format `fmt`.
template <class Dut> void compareWithModel(FixedFormat fmt, uint64_t seed) {
  const int bits = fmt.totalBits();
  FixedContext fc;
  fc.format = fmt;
  FixedContextScope scope(fc);
  using T = DynamicFixed;
  std::mt19937_64 rng(seed);
  for (int round = 0; round < 4; ++round) {
    const bool spiking = round % 2 == 0, subtract = round / 2 == 1;
    Lif<Dut> lif(bits, spiking, subtract);
    std::array<DiscreteCoeffsT<T>, 4> coeffs;
    std::array<T, 4> v;
    for (int n = 0; n < 4; ++n) {
      Coeffs c{randomRaw(rng, bits), randomRaw(rng, bits),
               randomRaw(rng, bits) / 64, randomRaw(rng, bits),
               randomRaw(rng, bits)};
      if (n == 0) // a realistic leak below 1.0
        c.aMem = int64_t(rng() % (uint64_t(1) << fmt.fracBits));
      lif.set(n, c);
      coeffs[n].aMem = T::fromRaw(c.aMem);
      coeffs[n].cMemIn = T::fromRaw(c.cIn);
      coeffs[n].cMem0 = T::fromRaw(c.c0);
      coeffs[n].vThreshold = T::fromRaw(c.vTh);
      coeffs[n].vReset = T::fromRaw(c.vReset);
      v[n] = T::fromRaw(randomRaw(rng, bits));
      lif.setV(n, v[n].raw());
    }
    for (int i = 0; i < 2000; ++i) {
      const int n = int(rng() % 4);
      const T x = T::fromRaw(randomRaw(rng, bits));
      T syn{};
      const T out = stepNeuron(
          coeffs[n], false, spiking,
          subtract ? ResetMode::Subtract : ResetMode::ToValue, x, syn, v[n]);
      const bool spike = lif.update(n, x.raw());
      ASSERT_EQ(lif.v(n), v[n].raw())
          << "update " << i << " neuron " << n << " format " << toString(fmt);
      if (spiking)
        ASSERT_EQ(spike, out.raw() != 0) << "update " << i;
      else
        ASSERT_FALSE(spike);
    }
  }
}

TEST(Lif, MatchesStepNeuronS16_15) {
  compareWithModel<Vnmc_lif>({true, 16, 15}, 1);
}

TEST(Lif, MatchesStepNeuronS7_8) {
  compareWithModel<Vnmc_lif_s7_8>({true, 7, 8}, 2);
}

} // namespace
