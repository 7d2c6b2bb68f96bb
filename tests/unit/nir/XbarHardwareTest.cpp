//===- XbarHardwareTest.cpp - Crossbar presets, JSON and --hw-set --------===//
#include "nmc/Target/Xbar/HardwareJson.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <stdexcept>

using namespace nmc::xbar;

namespace {

std::string errorOf(const std::function<void()> &f) {
  try {
    f();
  } catch (const std::runtime_error &e) {
    return e.what();
  }
  return "";
}

std::string writeTemp(const std::string &name, const std::string &text) {
  std::string path = ::testing::TempDir() + name;
  std::ofstream(path) << text;
  return path;
}

} // namespace

// The presets carry the numbers of ../shared/reference/crossbar.md.
TEST(XbarHardware, Rram256IsNeuRRAMLike) {
  Hardware hw = preset("rram-256");
  EXPECT_EQ(hw.tile.rows, 256);
  EXPECT_EQ(hw.tile.cols, 256);
  EXPECT_EQ(hw.device.gMinUS, 1.0);
  EXPECT_EQ(hw.device.gMaxUS, 40.0);
  EXPECT_EQ(hw.device.levels, 16); // 4-bit weights
  EXPECT_EQ(hw.mapping.sign, SignScheme::Differential);
  EXPECT_EQ(hw.adc.bits, 5);
  EXPECT_EQ(hw.adc.columnsPerAdc, 8);
  // G+/G- on two rows: 128 logical inputs, 256 outputs, |level| <= 15.
  EXPECT_EQ(hw.logicalRows(), 128);
  EXPECT_EQ(hw.logicalCols(), 256);
  EXPECT_EQ(hw.maxLevel(), 15);
  EXPECT_EQ(hw.adcConversionCycles(), 6); // SAR: bits + 1
  EXPECT_NO_THROW(validate(hw));
}

TEST(XbarHardware, SeedMacroIsOne512Array) {
  Hardware hw = preset("rram40nm-512");
  EXPECT_EQ(hw.tile.rows * hw.tile.cols, 262144); // 256 Kb
  EXPECT_EQ(hw.mesh.tiles(), 1);
  EXPECT_EQ(hw.logicalRows(), 256);
}

TEST(XbarHardware, DerivedSizesFollowTheScheme) {
  Hardware hw;
  hw.mapping.slices = 2; // two base-16 digits: |level| <= 255
  EXPECT_EQ(hw.maxLevel(), 255);
  EXPECT_EQ(hw.logicalCols(), 128);
  hw.mapping.slices = 1;
  hw.mapping.sign = SignScheme::Offset; // one reference column
  EXPECT_EQ(hw.logicalRows(), 256);
  EXPECT_EQ(hw.logicalCols(), 255);
  EXPECT_EQ(hw.maxLevel(), 7); // levels 0..15 around the middle
}

TEST(XbarHardware, JsonRoundTrip) {
  Hardware hw = preset("rram40nm-512");
  hw.adc.bits = 7;
  hw.adc.range = AdcRange::Fixed;
  hw.adc.fullScale = 300;
  hw.effects.readNoise = true;
  hw.effects.formingLayers = {"w_in", "w_rec"};
  hw.effects.programmingSigmaUS = {0.5, 1.5};
  hw.effects.seed = 12345678901234ULL;
  Hardware back;
  applyJson(back, toJson(hw), "test");
  EXPECT_EQ(toJson(back), toJson(hw));
  EXPECT_EQ(back.name, "rram40nm-512");
  EXPECT_EQ(back.tile.rows, 512);
  EXPECT_EQ(back.adc.range, AdcRange::Fixed);
  EXPECT_EQ(back.effects.formingLayers[1], "w_rec");
  EXPECT_EQ(back.effects.seed, 12345678901234ULL);
}

TEST(XbarHardware, Settings) {
  Hardware hw;
  applySetting(hw, "adc.bits=6");
  applySetting(hw, "mapping.sign=offset");
  applySetting(hw, "effects.read_noise=true");
  applySetting(hw, "effects.programming_sigma_us=[0.1,0.2]");
  applySetting(hw, "number_format=s8.7");
  EXPECT_EQ(hw.adc.bits, 6);
  EXPECT_EQ(hw.mapping.sign, SignScheme::Offset);
  EXPECT_TRUE(hw.effects.readNoise);
  EXPECT_EQ(hw.effects.programmingSigmaUS, (std::vector<double>{0.1, 0.2}));
  EXPECT_EQ(hw.numberFormat, "s8.7");
  EXPECT_EQ(errorOf([&] { applySetting(hw, "adc.bitz=6"); }),
            "--hw-set adc.bitz=6: adc.bitz: unknown hardware key (the keys "
            "are listed in docs/targets/xbar.md)");
  EXPECT_EQ(errorOf([&] { applySetting(hw, "adc.bits=6.5"); }),
            "--hw-set adc.bits=6.5: adc.bits: expected a whole number, got "
            "6.5");
  EXPECT_EQ(errorOf([&] { applySetting(hw, "adc.range=max"); }),
            "--hw-set adc.range=max: adc.range: expected one of calibrated, "
            "fixed, got \"max\"");
  EXPECT_NE(errorOf([&] { applySetting(hw, "adc.bits"); }), "");
}

TEST(XbarHardware, Validation) {
  auto invalid = [](const std::string &setting) {
    Hardware hw;
    applySetting(hw, setting);
    return errorOf([&] { validate(hw); });
  };
  EXPECT_EQ(invalid("device.g_min_us=50"),
            "hardware description: device.g_min_us: need 0 <= g_min_us < "
            "g_max_us");
  EXPECT_NE(invalid("adc.bits=-1").find("adc.bits"), std::string::npos);
  EXPECT_NE(invalid("mapping.slices=0").find("mapping.slices"),
            std::string::npos);
  EXPECT_NE(invalid("number_format=q7").find("number_format"),
            std::string::npos);
  EXPECT_NE(invalid("effects.forming_sparsity=1.5").find("forming_sparsity"),
            std::string::npos);
  EXPECT_NE(invalid("adc.range=fixed").find("adc.full_scale"),
            std::string::npos);
  Hardware offset;
  offset.mapping.sign = SignScheme::Offset;
  offset.mapping.slices = 2;
  EXPECT_NE(errorOf([&] { validate(offset); }).find("one slice"),
            std::string::npos);
}

TEST(XbarHardware, FilesAndPresets) {
  std::string path =
      writeTemp("hw.json", R"({"preset": "rram40nm-512", "adc": {"bits": 8},
                     "effects": {"drift": true, "drift_time_s": 86400}})");
  Hardware hw = loadHardware(path);
  EXPECT_EQ(hw.tile.rows, 512);
  EXPECT_EQ(hw.adc.bits, 8);
  EXPECT_TRUE(hw.effects.drift);
  EXPECT_EQ(hw.effects.driftTimeSeconds, 86400);
  EXPECT_EQ(hw.name, path);

  EXPECT_EQ(errorOf([] { loadHardware("rram-999"); }),
            "unknown hardware preset 'rram-999' (presets: rram-256, "
            "rram40nm-512; or give a JSON file ending in .json)");
  EXPECT_EQ(errorOf([] { loadHardware("/nonexistent/hw.json"); }),
            "/nonexistent/hw.json: cannot open the hardware file");
  std::string bad = writeTemp("bad.json", "{\"adc\": {\"bits\": ");
  EXPECT_EQ(errorOf([&] { loadHardware(bad); }), bad + ": not valid JSON");
  std::string unknown = writeTemp("unknown.json", R"({"adc": {"bitz": 3}})");
  EXPECT_EQ(errorOf([&] { loadHardware(unknown); }),
            unknown + ": adc.bitz: unknown hardware key (the keys are listed "
                      "in docs/targets/xbar.md)");
  std::string invalid = writeTemp("invalid.json", R"({"tile": {"rows": 0}})");
  EXPECT_NE(errorOf([&] { loadHardware(invalid); }).find("tile.rows"),
            std::string::npos);
}

TEST(XbarHardware, CompileTimeKeys) {
  EXPECT_TRUE(isCompileTimeKey("tile.rows"));
  EXPECT_TRUE(isCompileTimeKey("device.levels"));
  EXPECT_TRUE(isCompileTimeKey("mapping.sign"));
  EXPECT_TRUE(isCompileTimeKey("mesh.width"));
  EXPECT_FALSE(isCompileTimeKey("adc.bits"));
  EXPECT_FALSE(isCompileTimeKey("effects.read_noise"));
  EXPECT_FALSE(isCompileTimeKey("no.such.key"));
}
