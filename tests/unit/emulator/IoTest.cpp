//===- IoTest.cpp - CSV, VCD, SVG and progress output ---------------------===//
#include "PlainCheck.h"
#include "TestImages.h"

#include "nmc/Sim/CsvSink.h"
#include "nmc/Sim/Progress.h"
#include "nmc/Sim/RasterSvg.h"
#include "nmc/Sim/SpikeCsv.h"
#include "nmc/Sim/Vcd.h"

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
    sim::readSpikeCsv(in, "f.csv");
  } catch (const std::runtime_error &e) {
    return e.what();
  }
  return "";
}

/// A run with spikes and traces: in(4) -> IF(4) with threshold 1.5; its
/// outputs also go to `sink` (then finished), if given.
engine::RunResult smallRun(int64_t batch = 1, sim::Sink *sink = nullptr) {
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
  if (!sink)
    return runBothEngines(img, cfg);
  cfg.sink = sink;
  engine::RunResult result = engine::Engine(img).run(cfg);
  sink->finish();
  return result;
}

} // namespace

TEST(SpikeCsv, ReadsPlainAndHeaderedFiles) {
  std::istringstream plain("# comment\n3,1\n\n 0 , 2 # trailing\n");
  auto a = sim::readSpikeCsv(plain, "a.csv");
  ASSERT_EQ(a.size(), 1u);
  ASSERT_EQ(a[0].size(), 2u);
  EXPECT_EQ(a[0][0].step, 3);
  EXPECT_EQ(a[0][0].neuron, 1);
  EXPECT_EQ(a[0][0].value, 1.0);
  EXPECT_EQ(a[0][1].step, 0);

  std::istringstream values("1,2,0.5\n4,0,-2\n");
  auto b = sim::readSpikeCsv(values, "b.csv");
  EXPECT_EQ(b[0][1].value, -2.0);

  std::istringstream header("neuron,Sample,step\n5,2,7\n1,0,3\n");
  auto c = sim::readSpikeCsv(header, "c.csv");
  ASSERT_EQ(c.size(), 3u);
  EXPECT_TRUE(c[1].empty());
  EXPECT_EQ(c[2][0].step, 7);
  EXPECT_EQ(c[2][0].neuron, 5);
  EXPECT_EQ(c[0][0].step, 3);

  // A time column (what CsvSink writes) is read but the step is used.
  std::istringstream timed("sample,step,time,neuron,value\n0,4,9.5,1,2\n");
  auto d = sim::readSpikeCsv(timed, "d.csv");
  ASSERT_EQ(d[0].size(), 1u);
  EXPECT_EQ(d[0][0].step, 4);
  EXPECT_EQ(d[0][0].neuron, 1);
  EXPECT_EQ(d[0][0].value, 2.0);
}

TEST(SpikeCsv, ByteOrderMarkIsSkipped) {
  std::istringstream in("\xEF\xBB\xBFstep,neuron\n3,1\n");
  auto a = sim::readSpikeCsv(in, "bom.csv");
  ASSERT_EQ(a[0].size(), 1u);
  EXPECT_EQ(a[0][0].step, 3);
  EXPECT_EQ(a[0][0].neuron, 1);
}

TEST(SpikeCsv, ErrorsNameFileAndLine) {
  EXPECT_EQ(csvError("1,2\n# c\n3,x\n"),
            "f.csv:3: neuron 'x' must be a non-negative integer");
  EXPECT_EQ(csvError("step,neuron\n1,2,3\n"),
            "f.csv:2: expected 2 fields (step,neuron), got 3");
  EXPECT_EQ(csvError("when,neuron\n"),
            "f.csv:1: unknown column 'when' in header (expected sample, "
            "step, time, neuron, value)");
  EXPECT_EQ(csvError("time,neuron\n"),
            "f.csv:1: header must name the columns 'step' and 'neuron'");
  EXPECT_EQ(csvError("step,time,neuron\n1,x,2\n"),
            "f.csv:2: time 'x' is not a finite number");
  EXPECT_EQ(csvError("1,2,3,4\n"),
            "f.csv:1: expected step,neuron or step,neuron,value, got 4 fields "
            "(a header line can name other layouts)");
  EXPECT_EQ(csvError("1,-2\n"),
            "f.csv:1: neuron '-2' must be a non-negative integer");
  EXPECT_EQ(csvError("1,2,abc\n").substr(0, 7), "f.csv:1");
  EXPECT_EQ(csvError("1,2,nan\n"), "f.csv:1: value 'nan' is not a finite number");
  EXPECT_EQ(csvError("1,2,inf\n"), "f.csv:1: value 'inf' is not a finite number");
  EXPECT_THROW(sim::readSpikeCsv("/nonexistent/x.csv"), std::runtime_error);
}

TEST(CsvSink, StreamsSpikesAndTracesThatReadBack) {
  fs::path prefix = tempPath("csv");
  sim::CsvSink sink(prefix.string());
  auto run = smallRun(2, &sink);
  const engine::NodeResult *n = run.find("lif <1>");
  ASSERT_GT(n->spikeCount, 0);
  fs::path p = prefix.string() + "_lif <1>_spikes.csv";
  // Neuron 0 gets input every step: v = 1, 2 > 1.5 fires at step 1, at
  // time 1 * dt = 1e-4 (the run's dt).
  EXPECT_EQ(slurp(p).substr(0, 37),
            "sample,step,time,neuron\n0,1,0.0001,0\n");
  auto back = sim::readSpikeCsv(p);
  ASSERT_EQ(back.size(), 2u);
  for (int s = 0; s < 2; ++s) {
    ASSERT_EQ(back[s].size(), n->spikes[s].size());
    for (size_t k = 0; k < back[s].size(); ++k) {
      EXPECT_EQ(back[s][k].step, n->spikes[s][k].step);
      EXPECT_EQ(back[s][k].neuron, n->spikes[s][k].neuron);
    }
  }
  EXPECT_EQ(back[0][0].step, 1);
  EXPECT_EQ(back[0][0].neuron, 0);
  std::string text = slurp(prefix.string() + "_lif <1>_v.csv");
  EXPECT_EQ(countOf(text, "\n"), 1u + 2 * 20 * 4);
  EXPECT_EQ(text.substr(0, 25), "sample,step,neuron,value\n");
  // The IF neuron has no synaptic current: no i trace.
  EXPECT_FALSE(fs::exists(prefix.string() + "_lif <1>_i.csv"));
}

TEST(CsvSink, WriteErrorsNameTheFile) {
  if (!fs::exists("/dev/full"))
    GTEST_SKIP() << "no /dev/full";
  // A prefix whose files cannot be created fails when the run begins.
  sim::CsvSink missing("/nonexistent-dir/x");
  try {
    smallRun(1, &missing);
    FAIL() << "expected an error";
  } catch (const std::runtime_error &e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent-dir/x_"),
              std::string::npos);
  }
}

/// Records the order of sink calls.
struct CallLog : sim::Sink {
  std::string log;
  void begin(const sim::RunInfo &info) override {
    log += "begin(" + std::to_string(info.steps) + ")";
  }
  void beginSample(int64_t s) override { log += " s" + std::to_string(s); }
  void spikes(size_t, std::span<const sim::Event> e) override {
    log += " x" + std::to_string(e.size());
  }
  void trace(size_t, size_t var, int64_t, std::span<const double>) override {
    log += " t" + std::to_string(var);
  }
  void endStep(int64_t t) override { log += " e" + std::to_string(t); }
  void endSample(int64_t s) override { log += " /s" + std::to_string(s); }
  void finish() override { log += " finish"; }
};

TEST(Sink, CallsArriveStepByStep) {
  // in(1) -> IF(1), threshold 0.5, input at step 1 only: the neuron spikes
  // at step 1 (v = 1 > 0.5, reset to 0).
  model::DiscreteCoeffs c;
  c.aMem = 1;
  c.cMemIn = 1;
  c.vThreshold = 0.5;
  Image img;
  img.nodes = {inputNode("in", {1}),
               neuronNode("n", 1, c, false, true, false, from({0}))};
  engine::RunConfig cfg;
  cfg.steps = 3;
  cfg.inputs["in"] = {{{1, 0, 1.0}}};
  cfg.traceNodes = {"n"};
  cfg.collect = false;
  CallLog log;
  cfg.sink = &log;
  engine::RunResult r = engine::Engine(img).run(cfg);
  // Per step: the input's spikes, then n's spikes and traces out, v.
  EXPECT_EQ(log.log, "begin(3) s0 t0 t1 e0 x1 x1 t0 t1 e1 t0 t1 e2 /s0");
  EXPECT_TRUE(r.nodes[1].spikes.empty()); // collect off: nothing kept
  EXPECT_EQ(r.nodes[1].spikeCount, 1);
}

TEST(Vcd, TimescaleFromDt) {
  EXPECT_EQ(sim::vcdTimescale(1e-4),
            std::make_pair(std::string("100 us"), int64_t(1)));
  EXPECT_EQ(sim::vcdTimescale(1e-3).first, "1 ms");
  EXPECT_EQ(sim::vcdTimescale(2.5e-4),
            std::make_pair(std::string("10 us"), int64_t(25)));
  EXPECT_EQ(sim::vcdTimescale(1.0).first, "1 s");
}

TEST(Vcd, WellFormedDump) {
  fs::path p = tempPath("run.vcd");
  sim::VcdOptions opt;
  opt.probes = {{"lif <1>", {0, 3}}};
  sim::VcdSink sink(p, opt);
  smallRun(1, &sink);
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
  sim::VcdSink bad(p, opt);
  EXPECT_THROW(smallRun(1, &bad), std::runtime_error);
}

TEST(RasterSvg, WellFormedAndThinned) {
  fs::path p = tempPath("raster.svg");
  sim::RasterOptions opt;
  sim::RasterSvgSink sink(p, opt);
  auto run = smallRun(1, &sink);
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
  sim::RasterSvgSink thinned(p, opt);
  smallRun(1, &thinned);
  text = slurp(p);
  EXPECT_NE(text.find("neurons shown"), std::string::npos);
  EXPECT_LT(countOf(text, "M"), static_cast<size_t>(n->spikeCount));
  opt.nodes = {"nope"};
  sim::RasterSvgSink bad(p, opt);
  EXPECT_THROW(smallRun(1, &bad), std::runtime_error);
}

TEST(ProgressBar, ForcedBarDrawsAndEndsLine) {
  std::FILE *f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  {
    sim::ProgressBar bar("test", true, f);
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
    sim::ProgressBar bar("quiet", false, g);
    bar.update(1, 2);
  }
  EXPECT_EQ(std::ftell(g), 0);
  std::fclose(g);
}
