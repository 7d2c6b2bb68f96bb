//===- MachineJsonTest.cpp - JSON form, overrides and errors -------------===//
#include "nmc/Target/SpiNNaker/MachineJson.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

using namespace nmc::spinn;

namespace {

/// The error of reading `text` as "m.json"; must fail.
std::string errorOf(const std::string &text) {
  MachineOrError m = machineFromJson(text, "m.json");
  EXPECT_FALSE(m) << text;
  return m.error;
}

void expectMentions(const std::string &error,
                    std::initializer_list<const char *> words) {
  for (const char *w : words)
    EXPECT_NE(error.find(w), std::string::npos)
        << "'" << w << "' not in: " << error;
  EXPECT_EQ(error.find('\n'), std::string::npos) << error;
}

} // namespace

TEST(SpinnMachineJson, RoundTripEveryPreset) {
  for (const char *name : {"spin3", "spin5", "spin5:2x1", "spin2"}) {
    MachineOrError m = preset(name);
    ASSERT_TRUE(m) << m.error;
    const std::string text = toJson(*m.machine);
    MachineOrError back = machineFromJson(text, name);
    ASSERT_TRUE(back) << back.error;
    EXPECT_TRUE(*back.machine == *m.machine) << name;
    EXPECT_EQ(toJson(*back.machine), text);
  }
}

TEST(SpinnMachineJson, RoundTripEditedMachine) {
  Machine m = *preset("spin5").machine;
  m.name = "odd";
  m.geometry.absentChips.push_back({3, 3}); // a dead chip (kept sorted)
  std::sort(m.geometry.absentChips.begin(), m.geometry.absentChips.end());
  m.cost.dmaBytesPerCycle = 0.1 + 0.2; // not exactly representable
  m.energy.routerPJPerBit = 1.0 / 3.0;
  m.timestepUs = 100;
  MachineOrError back = machineFromJson(toJson(m), "x");
  ASSERT_TRUE(back) << back.error;
  EXPECT_TRUE(*back.machine == m);
  EXPECT_EQ(back.machine->numChips(), 47);
}

TEST(SpinnMachineJson, PresetWithOverrides) {
  MachineOrError m = machineFromJson(
      R"({"preset": "spin3", "chip": {"monitor_cores": 1},
          "timestep_us": 100, "cost": {"router_hop_ns": 120.5}})",
      "m.json");
  ASSERT_TRUE(m) << m.error;
  EXPECT_EQ(m.machine->name, "spin3");
  EXPECT_EQ(m.machine->chip.appCores(), 17);
  EXPECT_EQ(m.machine->timestepUs, 100);
  EXPECT_DOUBLE_EQ(m.machine->cost.routerHopNs, 120.5);
  EXPECT_EQ(m.machine->numChips(), 4);
  // Without a preset the defaults are the spin5 board's.
  MachineOrError d = machineFromJson(R"({"name": "mine"})", "m.json");
  ASSERT_TRUE(d) << d.error;
  EXPECT_EQ(d.machine->numChips(), 48);
  EXPECT_EQ(d.machine->name, "mine");
}

TEST(SpinnMachineJson, FullDescriptionWithoutPreset) {
  MachineOrError m = machineFromJson(
      R"({"geometry": {"width": 3, "height": 2, "wrap_x": true,
                       "wrap_y": false, "absent_chips": [[2, 1], [0, 1]]}})",
      "m.json");
  ASSERT_TRUE(m) << m.error;
  EXPECT_EQ(m.machine->numChips(), 4);
  EXPECT_FALSE(m.machine->isPresent({0, 1}));
  EXPECT_TRUE(m.machine->isPresent({1, 1}));
}

TEST(SpinnMachineJson, ErrorsNameTheKey) {
  expectMentions(errorOf(R"({"chip": {"corez": 3}})"),
                 {"m.json", "chip.corez", "unknown"});
  expectMentions(errorOf(R"({"colour": 3})"), {"m.json", "colour"});
  expectMentions(errorOf(R"({"chip": 18})"), {"chip", "object"});
  expectMentions(errorOf(R"({"chip": {"cores": "18"}})"),
                 {"chip.cores", "whole number"});
  expectMentions(errorOf(R"({"chip": {"cores": 1.5}})"), {"chip.cores"});
  expectMentions(errorOf(R"({"chip": {"cores": 10000000000}})"),
                 {"chip.cores", "out of range"});
  expectMentions(errorOf(R"({"chip": {"cores": 0}})"),
                 {"chip.cores", "1..1024"});
  expectMentions(errorOf(R"({"chip": {"monitor_cores": 18}})"),
                 {"chip.monitor_cores", "0..cores-1 (17)", "18"});
  expectMentions(errorOf(R"({"chip": {"router_entries_usable": 2000}})"),
                 {"chip.router_entries_usable", "1024", "2000"});
  expectMentions(errorOf(R"({"chip": {"sdram_usable_bytes": -1}})"),
                 {"chip.sdram_usable_bytes"});
  expectMentions(errorOf(R"({"geometry": {"width": 0}})"),
                 {"geometry.width", "1..256"});
  expectMentions(errorOf(R"({"geometry": {"wrap_x": 1}})"),
                 {"geometry.wrap_x", "true or false"});
  expectMentions(errorOf(R"({"geometry": {"absent_chips": [[9, 0]]}})"),
                 {"geometry.absent_chips", "[9, 0]", "outside"});
  expectMentions(errorOf(R"({"geometry": {"absent_chips": [[1, 1], [1, 1]]}})"),
                 {"geometry.absent_chips", "twice"});
  expectMentions(errorOf(R"({"geometry": {"absent_chips": [[1]]}})"),
                 {"geometry.absent_chips", "[x, y]"});
  expectMentions(errorOf(R"({"timestep_us": 0})"), {"timestep_us"});
  expectMentions(errorOf(R"({"cost": {"dma_bytes_per_cycle": 0}})"),
                 {"cost.dma_bytes_per_cycle"});
  expectMentions(errorOf(R"({"energy": {"idle_chip_w": -1}})"), {"energy"});
  expectMentions(errorOf(R"({"generation": "spin3"})"),
                 {"generation", "spin1 or spin2"});
  expectMentions(errorOf(R"({"preset": 5})"), {"preset"});
  expectMentions(errorOf(R"({"preset": "spin9"})"),
                 {"m.json: preset:", "spin9", "presets"});
  expectMentions(errorOf("{"), {"m.json", "not valid JSON"});
  expectMentions(errorOf("[1]"), {"m.json", "object"});
}

TEST(SpinnMachineJson, SettingsAndApplyKeepTheMachineOnError) {
  Machine m = *preset("spin5").machine;
  EXPECT_EQ(applySetting(m, "chip.monitor_cores=1"), "");
  EXPECT_EQ(m.chip.appCores(), 17);
  EXPECT_EQ(applySetting(m, "name=board-a"), "");
  EXPECT_EQ(m.name, "board-a");
  const Machine before = m;
  expectMentions(applySetting(m, "chip.cores=0"), {"chip.cores"});
  expectMentions(applySetting(m, "chip.nope=1"), {"chip.nope"});
  expectMentions(applySetting(m, "=1"), {"key=value"});
  expectMentions(applyJson(m, R"({"timestep_us": -5})", "cli"),
                 {"cli", "timestep_us"});
  expectMentions(applyJson(m, R"({"preset": "spin3"})", "cli"), {"preset"});
  EXPECT_TRUE(m == before);
  EXPECT_EQ(applyJson(m, R"({"timestep_us": 100})", "cli"), "");
  EXPECT_EQ(m.timestepUs, 100);
}

TEST(SpinnMachineJson, LoadFromFile) {
  const std::string path = ::testing::TempDir() + "spinn-machine-test.json";
  {
    std::ofstream out(path);
    out << R"({"preset": "spin5:1x1", "chip": {"clock_hz": 250000000}})";
  }
  MachineOrError m = loadMachine(path);
  ASSERT_TRUE(m) << m.error;
  EXPECT_EQ(m.machine->name, path);
  EXPECT_EQ(m.machine->numChips(), 144);
  EXPECT_EQ(m.machine->cyclesPerTick(), 250000);
  std::remove(path.c_str());
  expectMentions(loadMachine(path).error, {path.c_str(), "cannot open"});
  EXPECT_TRUE(loadMachine("spin3"));
}
