//===- IoTest.cpp - CSV, VCD, SVG and progress output ---------------------===//
#include "PlainCheck.h"
#include "TestImages.h"

#include "nmc/Emulator/Progress.h"
#include "nmc/Emulator/RasterSvg.h"
#include "nmc/Emulator/SpikeCsv.h"
#include "nmc/Emulator/Vcd.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace nmc;
using namespace nmc::test;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path &p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

size_t countOf(const std::string &text, const std::string &what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos;
       at = text.find(what, at + what.size()))
    ++n;
  return n;
}

fs::path tempPath(const std::string &name) {
  fs::path dir = fs::temp_directory_path() / "nmc-engine-tests";
  fs::create_directories(dir);
  return dir / name;
}

std::string csvError(const std::string &text) {
  std::istringstream in(text);
  try {
    engine::readSpikeCsv(in, "f.csv");
  } catch (const std::runtime_error &e) {
    return e.what();
  }
  return "";
}

/// A run with spikes and traces: in(4) -> IF(4) with threshold 1.5.
engine::RunResult smallRun(int64_t batch = 1) {
  model::DiscreteCoeffs c;
  c.aMem = 1;
  c.cMemIn = 1;
  c.vThreshold = 1.5;
  Image img;
  img.dt = 1e-4;
  img.nodes = {inputNode("in", {4}),
               neuronNode("lif <1>", 4, c, false, true, false, from({0}))};
  engine::RunConfig cfg;
  cfg.steps = 20;
  cfg.batch = batch;
  std::vector<engine::Event> ev;
  for (int64_t t = 0; t < 20; ++t)
    for (int64_t i = 0; i < 4; ++i)
      if ((t + i) % (i + 1) == 0)
        ev.push_back({t, i, 1.0});
  cfg.inputs["in"] = {ev};
  cfg.traceNodes = {"lif <1>"};
  return runBothEngines(img, cfg);
}

} // namespace

TEST(SpikeCsv, ReadsPlainAndHeaderedFiles) {
  std::istringstream plain("# comment\n3,1\n\n 0 , 2 # trailing\n");
  auto a = engine::readSpikeCsv(plain, "a.csv");
  ASSERT_EQ(a.size(), 1u);
  ASSERT_EQ(a[0].size(), 2u);
  EXPECT_EQ(a[0][0].step, 3);
  EXPECT_EQ(a[0][0].neuron, 1);
  EXPECT_EQ(a[0][0].value, 1.0);
  EXPECT_EQ(a[0][1].step, 0);

  std::istringstream values("1,2,0.5\n4,0,-2\n");
  auto b = engine::readSpikeCsv(values, "b.csv");
  EXPECT_EQ(b[0][1].value, -2.0);

  std::istringstream header("neuron,Sample,step\n5,2,7\n1,0,3\n");
  auto c = engine::readSpikeCsv(header, "c.csv");
  ASSERT_EQ(c.size(), 3u);
  EXPECT_TRUE(c[1].empty());
  EXPECT_EQ(c[2][0].step, 7);
  EXPECT_EQ(c[2][0].neuron, 5);
  EXPECT_EQ(c[0][0].step, 3);
}

TEST(SpikeCsv, ErrorsNameFileAndLine) {
  EXPECT_EQ(csvError("1,2\n# c\n3,x\n"),
            "f.csv:3: neuron 'x' must be a non-negative integer");
  EXPECT_EQ(csvError("step,neuron\n1,2,3\n"),
            "f.csv:2: expected 2 fields (step,neuron), got 3");
  EXPECT_EQ(csvError("time,neuron\n"),
            "f.csv:1: unknown column 'time' in header (expected sample, "
            "step, neuron, value)");
  EXPECT_EQ(csvError("1,2,3,4\n"),
            "f.csv:1: expected step,neuron or step,neuron,value, got 4 fields "
            "(a header line can name other layouts)");
  EXPECT_EQ(csvError("1,-2\n"),
            "f.csv:1: neuron '-2' must be a non-negative integer");
  EXPECT_EQ(csvError("1,2,abc\n").substr(0, 7), "f.csv:1");
  EXPECT_THROW(engine::readSpikeCsv("/nonexistent/x.csv"), std::runtime_error);
}

TEST(SpikeCsv, WriteThenReadBack) {
  auto run = smallRun(2);
  const engine::NodeResult *n = run.find("lif <1>");
  ASSERT_GT(n->spikeCount, 0);
  fs::path p = tempPath("spikes.csv");
  engine::writeSpikeCsv(p, *n);
  EXPECT_EQ(slurp(p).substr(0, 19), "sample,step,neuron\n");
  auto back = engine::readSpikeCsv(p);
  ASSERT_EQ(back.size(), 2u);
  for (int s = 0; s < 2; ++s) {
    ASSERT_EQ(back[s].size(), n->spikes[s].size());
    for (size_t k = 0; k < back[s].size(); ++k) {
      EXPECT_EQ(back[s][k].step, n->spikes[s][k].step);
      EXPECT_EQ(back[s][k].neuron, n->spikes[s][k].neuron);
    }
  }
  fs::path t = tempPath("trace.csv");
  engine::writeTraceCsv(t, run, "lif <1>", "v");
  std::string text = slurp(t);
  EXPECT_EQ(countOf(text, "\n"), 1u + 2 * 20 * 4);
  EXPECT_EQ(text.substr(0, 25), "sample,step,neuron,value\n");
  EXPECT_THROW(engine::writeTraceCsv(t, run, "lif <1>", "i"),
               std::runtime_error);
}

TEST(Vcd, TimescaleFromDt) {
  EXPECT_EQ(engine::vcdTimescale(1e-4),
            std::make_pair(std::string("100 us"), int64_t(1)));
  EXPECT_EQ(engine::vcdTimescale(1e-3).first, "1 ms");
  EXPECT_EQ(engine::vcdTimescale(2.5e-4),
            std::make_pair(std::string("10 us"), int64_t(25)));
  EXPECT_EQ(engine::vcdTimescale(1.0).first, "1 s");
}

TEST(Vcd, WellFormedDump) {
  auto run = smallRun();
  fs::path p = tempPath("run.vcd");
  engine::VcdOptions opt;
  opt.probes = {{"lif <1>", {0, 3}}};
  engine::writeVcd(p, run, opt);
  std::string text = slurp(p);
  EXPECT_NE(text.find("$timescale 100 us $end"), std::string::npos);
  EXPECT_NE(text.find("$scope module lif__1_ $end"), std::string::npos);
  EXPECT_EQ(countOf(text, "$var wire 1 "), 2u);
  EXPECT_EQ(countOf(text, "$var real 64 "), 2u); // v of 2 neurons
  EXPECT_NE(text.find("$enddefinitions $end\n#0\n$dumpvars\n"),
            std::string::npos);
  // Neuron 0 gets input every step: v 1, 2 > 1.5 fires at step 1.
  EXPECT_NE(text.find("#1\n"), std::string::npos);
  // Every value change line is "0id", "1id" or "rVALUE id".
  std::istringstream lines(text.substr(text.find("$dumpvars")));
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] == '#' || line[0] == '$')
      continue;
    EXPECT_TRUE(line[0] == '0' || line[0] == '1' || line[0] == 'r') << line;
  }
  opt.probes = {{"lif <1>", {9}}};
  EXPECT_THROW(engine::writeVcd(p, run, opt), std::runtime_error);
}

TEST(RasterSvg, WellFormedAndThinned) {
  auto run = smallRun();
  fs::path p = tempPath("raster.svg");
  engine::RasterOptions opt;
  engine::writeRasterSvg(p, run, opt);
  std::string text = slurp(p);
  EXPECT_EQ(text.rfind("<?xml", 0), 0u);
  EXPECT_EQ(countOf(text, "<svg"), 1u);
  EXPECT_EQ(text.substr(text.size() - 7), "</svg>\n");
  EXPECT_NE(text.find("lif &lt;1&gt;"), std::string::npos);
  EXPECT_NE(text.find(">in<"), std::string::npos); // unit events: spiking
  const auto *n = run.find("lif <1>");
  const auto *in = run.find("in");
  size_t dashes = countOf(text, "M");
  EXPECT_EQ(dashes, static_cast<size_t>(n->spikeCount + in->spikeCount));
  opt.maxDots = 10;
  opt.nodes = {"lif <1>"};
  engine::writeRasterSvg(p, run, opt);
  text = slurp(p);
  EXPECT_NE(text.find("neurons shown"), std::string::npos);
  EXPECT_LT(countOf(text, "M"), static_cast<size_t>(n->spikeCount));
  opt.nodes = {"nope"};
  EXPECT_THROW(engine::writeRasterSvg(p, run, opt), std::runtime_error);
}

TEST(ProgressBar, ForcedBarDrawsAndEndsLine) {
  std::FILE *f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  {
    engine::ProgressBar bar("test", true, f);
    auto cb = bar.callback();
    cb(50, 100);
    cb(100, 100);
  }
  std::rewind(f);
  char buf[512] = {};
  size_t got = std::fread(buf, 1, sizeof buf - 1, f);
  std::fclose(f);
  std::string text(buf, got);
  EXPECT_NE(text.find("\rtest ["), std::string::npos);
  EXPECT_NE(text.find("100%"), std::string::npos);
  EXPECT_EQ(text.back(), '\n');
  // Not forced and not a terminal: silent.
  std::FILE *g = std::tmpfile();
  {
    engine::ProgressBar bar("quiet", false, g);
    bar.update(1, 2);
  }
  EXPECT_EQ(std::ftell(g), 0);
  std::fclose(g);
}
