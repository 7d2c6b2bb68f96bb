//===- ReadRunTest.cpp - Reading NIRData files and CSV prefixes -*- C++ -*-===//
#include "nmc/NIR/NIRData.h"
#include "nmc/Sim/Compare.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>

namespace nmc::sim {
namespace {

namespace fs = std::filesystem;

class ReadRun : public ::testing::Test {
protected:
  fs::path dir =
      fs::temp_directory_path() /
      ("nmc-readrun-" +
       std::string(
           ::testing::UnitTest::GetInstance()->current_test_info()->name()));
  void SetUp() override { fs::create_directories(dir); }
  void TearDown() override { fs::remove_all(dir); }

  std::string write(const std::string &name, const std::string &text) {
    std::ofstream((dir / name).string()) << text;
    return (dir / name).string();
  }

  void expectError(const std::string &source, std::optional<double> dt,
                   const std::string &text) {
    try {
      readRun(source, dt);
      ADD_FAILURE() << "no error; expected: " << text;
    } catch (const std::runtime_error &e) {
      EXPECT_NE(std::string(e.what()).find(text), std::string::npos)
          << e.what();
    }
  }
};

bool sameSpikes(const std::vector<Spike> &got, const std::vector<Spike> &want) {
  auto key = [](const Spike &s) {
    return std::tuple(s.sample, s.step, s.neuron);
  };
  std::vector<std::tuple<int64_t, int64_t, int64_t>> g, w;
  for (const Spike &s : got)
    g.push_back(key(s));
  for (const Spike &s : want)
    w.push_back(key(s));
  std::sort(g.begin(), g.end());
  std::sort(w.begin(), w.end());
  return g == w;
}

TEST_F(ReadRun, CsvPrefix) {
  // Node names may contain '_'; files of other prefixes are not read.
  write("run_hid_den_spikes.csv", "sample,step,neuron\n0,3,1\n1,0,0\n");
  write("run_out_v.csv", "sample,step,neuron,value\n"
                         "0,0,0,0.5\n0,0,1,-1\n0,1,0,nan\n0,1,1,2e-3\n");
  write("run_out_spikes.csv", "sample,step,neuron\n");
  write("runx_other_spikes.csv", "not read");
  write("run_notes.txt", "not read");
  RunRecord r = readRun((dir / "run").string());
  ASSERT_EQ(r.nodes.size(), 2u);
  const NodeRecord &h = r.nodes.at("hid_den");
  EXPECT_TRUE(h.hasSpikes);
  EXPECT_TRUE(sameSpikes(h.spikes, {{0, 3, 1}, {1, 0, 0}}));
  EXPECT_EQ(h.neurons, -1); // CSV spikes state no size
  const NodeRecord &o = r.nodes.at("out");
  EXPECT_TRUE(o.hasSpikes);
  EXPECT_TRUE(o.spikes.empty());
  const NodeRecord::Trace &v = o.traces.at("v");
  EXPECT_EQ(v.samples, 1);
  EXPECT_EQ(v.steps, 2);
  EXPECT_EQ(v.neurons, 2);
  ASSERT_EQ(v.data.size(), 4u);
  EXPECT_EQ(v.data[0], 0.5);
  EXPECT_EQ(v.data[1], -1);
  EXPECT_TRUE(std::isnan(v.data[2]));
  EXPECT_EQ(v.data[3], 2e-3);
}

TEST_F(ReadRun, CsvErrors) {
  std::string prefix = (dir / "none").string();
  expectError(prefix, {}, prefix + ": no such file, and no CSV outputs");
  std::string hole = write("a_n_v.csv", "sample,step,neuron,value\n"
                                        "0,0,0,1\n0,1,1,1\n0,1,0,1\n");
  expectError((dir / "a").string(), {},
              hole + ": 3 rows do not fill a 1 x 2 x 2");
  std::string twice = write("b_n_v.csv", "sample,step,neuron,value\n"
                                         "0,0,0,1\n0,0,0,2\n");
  expectError((dir / "b").string(), {}, twice + ": 2 rows do not fill");
  std::string bad = write("c_n_i.csv", "sample,step,neuron,value\n0,x,0,1\n");
  expectError((dir / "c").string(), {}, bad + ":2: expected");
  std::string header = write("d_n_out.csv", "step,neuron,value\n");
  expectError((dir / "d").string(), {}, header + ":1: expected the header");
}

/// Spikes at steps 0, 3 (sample 0) and 5 (sample 1) of dt = 1e-3.
nir::Observable events() {
  nir::Observable o;
  o.kind = nir::Observable::Kind::Event;
  o.nNeurons = 4;
  o.tMax = 0.01;
  o.idx = {{2, 0}, {3}};
  o.time = {{0.0, 3 * 1e-3}, {5 * 1e-3}};
  return o;
}

nir::Observable grid(double dt) {
  nir::Observable o;
  o.kind = nir::Observable::Kind::TimeGridded;
  o.dt = dt;
  o.nSamples = 2;
  o.nSteps = 1;
  o.nNeurons = 4;
  o.data = {0, 1, 0, 0, 0, 0, 0, 1};
  return o;
}

std::string writeData(const fs::path &path, const nir::GraphData &data) {
  std::string error;
  EXPECT_TRUE(nir::writeNIRData(path.string(), data, error)) << error;
  return path.string();
}

TEST_F(ReadRun, NIRDataStepsFromTheTraceDt) {
  nir::GraphData data;
  data.nodes["lif"]["spikes"] = events();
  data.nodes["lif"]["v"] = grid(1e-3);
  RunRecord r = readRun(writeData(dir / "a.h5", data));
  const NodeRecord &n = r.nodes.at("lif");
  EXPECT_TRUE(sameSpikes(n.spikes, {{0, 0, 2}, {0, 3, 0}, {1, 5, 3}}));
  EXPECT_EQ(n.samples, 2);
  EXPECT_EQ(n.neurons, 4);
  EXPECT_EQ(n.traces.at("v").data, grid(1e-3).data);
  // --dt wins over the trace's dt: 0.5 ms makes steps twice as large.
  RunRecord half = readRun(dir / "a.h5", 0.5e-3);
  EXPECT_TRUE(sameSpikes(half.nodes.at("lif").spikes,
                         {{0, 0, 2}, {0, 6, 0}, {1, 10, 3}}));
}

TEST_F(ReadRun, NIRDataGriddedSpikes) {
  nir::GraphData data;
  data.nodes["lif"]["spikes"] = grid(1e-3);
  RunRecord r = readRun(writeData(dir / "g.h5", data));
  EXPECT_TRUE(sameSpikes(r.nodes.at("lif").spikes, {{0, 0, 1}, {1, 0, 3}}));
  EXPECT_TRUE(r.nodes.at("lif").traces.empty());
}

TEST_F(ReadRun, NIRDataNeedsAStep) {
  nir::GraphData data;
  data.nodes["lif"]["spikes"] = events();
  std::string path = writeData(dir / "b.h5", data);
  expectError(path, {}, path + ": node 'lif': spikes: spike times need");
  // 3 ms is not a multiple of 2 ms.
  expectError(path, 2e-3, "spike time 0.003 is not a non-negative multiple");
  EXPECT_NO_THROW(readRun(path, 1e-3));
}

TEST_F(ReadRun, NotNIRData) {
  std::string path = write("x.h5", "not hdf5");
  expectError(path, {}, path);
}

} // namespace
} // namespace nmc::sim
