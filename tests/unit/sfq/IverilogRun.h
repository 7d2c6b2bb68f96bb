//===- IverilogRun.h - Simulate an exported netlist with Icarus Verilog ---===//
//
// Writes the Verilog export and its testbench into a fresh directory, runs
// iverilog + vvp there and reads the output CSV back, so a test can compare
// every output pulse with the pulse emulator's. Tests skip when iverilog is
// not installed (tools/install-deps.sh installs it).
//===----------------------------------------------------------------------===//
#ifndef NMC_TESTS_UNIT_SFQ_IVERILOGRUN_H
#define NMC_TESTS_UNIT_SFQ_IVERILOGRUN_H

#include "nmc/Target/SFQ/PulseIO.h"
#include "nmc/Target/SFQ/VerilogExport.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

namespace nmc::sfq::test {

inline bool haveIverilog() {
  return std::system("command -v iverilog >/dev/null 2>&1 && "
                     "command -v vvp >/dev/null 2>&1") == 0;
}

struct IverilogResult {
  bool ok = false;
  std::string log; ///< iverilog's and vvp's output
  std::map<std::string, std::vector<double>> pulses; ///< per wire name
  int violations = 0; ///< lines saying "... violation at cell ..."
};

inline std::string readText(const std::string &path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

/// Exports `n` (top module `top`), simulates `inputs` with seed `seed`.
inline IverilogResult runIverilog(const Netlist &n, const CellLibrary &lib,
                                  const std::vector<WirePulses> &inputs,
                                  const std::string &top, uint64_t seed = 1) {
  const auto *info = ::testing::UnitTest::GetInstance()->current_test_info();
  const std::string dir = ::testing::TempDir() + "nmc_sfq_iverilog_" +
                          info->test_suite_name() + "_" + info->name();
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  {
    std::ofstream v(dir + "/net.v"), tb(dir + "/tb.v");
    writeVerilog(v, n, lib, {top});
    TestbenchOptions o;
    o.top = top;
    o.seed = seed;
    writeVerilogTestbench(tb, n, inputs, o);
  }
  IverilogResult r;
  const std::string cmd = "cd '" + dir +
                          "' && iverilog -g2005 -o sim.vvp net.v tb.v > "
                          "log.txt 2>&1 && vvp -n sim.vvp +out=out.csv >> "
                          "log.txt 2>&1";
  r.ok = std::system(cmd.c_str()) == 0;
  r.log = readText(dir + "/log.txt");
  if (!r.ok)
    return r;
  for (const NamedPulse &p : readPulseCsvFile(dir + "/out.csv"))
    r.pulses[p.wire].push_back(p.timePs);
  for (size_t at = 0;
       (at = r.log.find(" violation at cell ", at)) != std::string::npos; ++at)
    ++r.violations;
  return r;
}

/// Every recorded output of `emulated` equals the Verilog's, pulse by
/// pulse, to the femtosecond; `n` names the wires.
inline void expectSamePulses(const Netlist &n, const RunResult &emulated,
                             const IverilogResult &verilog) {
  ASSERT_TRUE(verilog.ok) << verilog.log;
  size_t total = 0;
  for (const WirePulses &w : emulated.pulses) {
    const std::string &name = n.wires[w.wire].name;
    auto it = verilog.pulses.find(name);
    const std::vector<double> got =
        it == verilog.pulses.end() ? std::vector<double>{} : it->second;
    ASSERT_EQ(got.size(), w.timesPs.size()) << "wire " << name;
    for (size_t i = 0; i < got.size(); ++i)
      EXPECT_EQ(toFs(got[i]), toFs(w.timesPs[i]))
          << "wire " << name << " pulse " << i;
    total += got.size();
  }
  size_t verilogTotal = 0;
  for (const auto &[wire, times] : verilog.pulses)
    verilogTotal += times.size();
  EXPECT_EQ(verilogTotal, total) << "pulses on wires the emulator has not";
}

} // namespace nmc::sfq::test

#endif // NMC_TESTS_UNIT_SFQ_IVERILOGRUN_H
