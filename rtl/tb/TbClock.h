//===- TbClock.h - Clocking helpers for the RTL testbenches -----*- C++ -*-===//
//
// A verilated module with ports clk and rst_n: one rising edge per step(),
// an asynchronous reset with reset(). Signed fields of the DUT's ports come
// back through signExtend().
//===----------------------------------------------------------------------===//
#ifndef NMC_RTL_TB_TBCLOCK_H
#define NMC_RTL_TB_TBCLOCK_H

#include <cstdint>

namespace nmc::rtl {

/// One clock cycle: the inputs set before it are sampled at its rising edge.
template <class Dut> void step(Dut &dut) {
  dut.clk = 0;
  dut.eval();
  dut.clk = 1;
  dut.eval();
}

/// Pulses the active-low asynchronous reset, clock low.
template <class Dut> void reset(Dut &dut) {
  dut.clk = 0;
  dut.rst_n = 1;
  dut.eval();
  dut.rst_n = 0;
  dut.eval();
  dut.rst_n = 1;
  dut.eval();
}

/// The low `bits` of `v` as a two's-complement number.
inline int64_t signExtend(uint64_t v, int bits) {
  const uint64_t m = uint64_t(1) << (bits - 1);
  v &= bits == 64 ? ~uint64_t(0) : (uint64_t(1) << bits) - 1;
  return int64_t((v ^ m) - m);
}

/// `v` in `bits` two's-complement bits (the DUT's port encoding).
inline uint64_t toBits(int64_t v, int bits) {
  return bits == 64 ? uint64_t(v) : uint64_t(v) & ((uint64_t(1) << bits) - 1);
}

} // namespace nmc::rtl

#endif // NMC_RTL_TB_TBCLOCK_H
