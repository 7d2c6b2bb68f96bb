//===- NIRDataTest.cpp - NIRData recordings: fixture, round trip, errors --===//
//
// Fixture values from `h5dump gen_ff_affine_lif_data.h5` and
// generate_nir_examples.py spike_data().
//===----------------------------------------------------------------------===//
#include "TestSupport.h"

#include "nmc/NIR/NIRData.h"

#include <cmath>

using namespace nmc;
using namespace nmc::test;
using nir::Observable;

namespace {

const char *kData = "gen_ff_affine_lif_data.h5";

void expectSame(const nir::GraphData &a, const nir::GraphData &b) {
  ASSERT_EQ(a.nodes.size(), b.nodes.size());
  for (const auto &[name, obsA] : a.nodes) {
    ASSERT_TRUE(b.nodes.count(name)) << name;
    const auto &obsB = b.nodes.at(name);
    ASSERT_EQ(obsA.size(), obsB.size()) << name;
    for (const auto &[key, x] : obsA) {
      ASSERT_TRUE(obsB.count(key)) << name << "/" << key;
      const Observable &y = obsB.at(key);
      std::string at = name + "/" + key;
      EXPECT_EQ(x.kind, y.kind) << at;
      if (x.kind == Observable::Kind::TimeGridded) {
        EXPECT_EQ(x.dt, y.dt) << at;
        EXPECT_EQ(x.nSamples, y.nSamples) << at;
        EXPECT_EQ(x.nSteps, y.nSteps) << at;
        EXPECT_EQ(x.nNeurons, y.nNeurons) << at;
        EXPECT_EQ(x.data, y.data) << at;
      } else {
        EXPECT_EQ(x.nNeurons, y.nNeurons) << at;
        EXPECT_EQ(x.tMax, y.tMax) << at;
        EXPECT_EQ(x.idx, y.idx) << at;
        EXPECT_EQ(x.time, y.time) << at;
        EXPECT_EQ(x.value, y.value) << at;
      }
    }
  }
}

} // namespace

TEST(NIRData, ReadsFixture) {
  nir::GraphData d;
  std::string error;
  ASSERT_TRUE(nir::readNIRData(fixture(kData), d, error)) << error;
  ASSERT_EQ(d.nodes.size(), 2u);
  const Observable &in = d.nodes.at("input").at("spikes");
  EXPECT_EQ(in.kind, Observable::Kind::Event);
  EXPECT_EQ(in.nNeurons, 4);
  EXPECT_EQ(in.tMax, 0.01);
  EXPECT_EQ(in.nSamples, 1);
  ASSERT_EQ(in.idx.size(), 1u);
  EXPECT_EQ(in.idx[0], (std::vector<int64_t>{0, 1, 2, 3, 0}));
  EXPECT_EQ(in.time[0],
            (std::vector<double>{0.001, 0.002, 0.002, 0.004, 0.006}));
  EXPECT_TRUE(in.value.empty());

  const Observable &z = d.nodes.at("lif2").at("spikes");
  EXPECT_EQ(z.kind, Observable::Kind::TimeGridded);
  EXPECT_EQ(z.dt, 1e-3);
  EXPECT_EQ(z.nSamples, 1);
  EXPECT_EQ(z.nSteps, 10);
  EXPECT_EQ(z.nNeurons, 2);
  std::vector<double> expected(20, 0.0);
  expected[3 * 2 + 0] = 1.0; // step 3, neuron 0
  expected[7 * 2 + 1] = 1.0; // step 7, neuron 1
  EXPECT_EQ(z.data, expected);

  const Observable &v = d.nodes.at("lif2").at("v_at_spike");
  EXPECT_EQ(v.kind, Observable::Kind::ValuedEvent);
  EXPECT_EQ(v.nNeurons, 2);
  EXPECT_EQ(v.idx[0], (std::vector<int64_t>{0, 1}));
  EXPECT_EQ(v.time[0], (std::vector<double>{0.003, 0.007}));
  EXPECT_EQ(v.value[0], (std::vector<double>{1.02, 0.55}));
}

TEST(NIRData, FixtureRoundTrip) {
  TempDir tmp;
  nir::GraphData d, back;
  std::string error, out = tmp.file("d.h5");
  ASSERT_TRUE(nir::readNIRData(fixture(kData), d, error)) << error;
  ASSERT_TRUE(nir::writeNIRData(out, d, error)) << error;
  ASSERT_TRUE(nir::readNIRData(out, back, error)) << error;
  expectSame(d, back);
}

TEST(NIRData, RaggedEventsArePaddedOnDisk) {
  TempDir tmp;
  nir::GraphData d;
  Observable ev;
  ev.kind = Observable::Kind::ValuedEvent;
  ev.nNeurons = 5;
  ev.tMax = 0.5;
  ev.idx = {{4, 0, 2}, {}, {1}};
  ev.time = {{0.1, 0.2, 0.3}, {}, {0.25}};
  ev.value = {{1, 2, 3}, {}, {-1}};
  d.nodes["layer"]["v"] = ev;
  Observable grid;
  grid.dt = 0.25;
  grid.nSamples = 1;
  grid.nSteps = 2;
  grid.nNeurons = 3;
  grid.data = {1, 2, 3, 4, 5, 6};
  d.nodes["sub/inner"]["x"] = grid; // nested NIRGraphData
  std::string out = tmp.file("ragged.h5"), error;
  ASSERT_TRUE(nir::writeNIRData(out, d, error)) << error;

  // Rectangular on disk: (3 samples, 3 events), idx padded with -1.
  hid_t f = H5Fopen(out.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  ASSERT_GE(f, 0);
  hid_t ds = H5Dopen2(f, "/nodes/layer/observables/v/idx", H5P_DEFAULT);
  ASSERT_GE(ds, 0);
  std::vector<int64_t> idx(9);
  H5Dread(ds, H5T_NATIVE_INT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, idx.data());
  H5Dclose(ds);
  EXPECT_EQ(idx, (std::vector<int64_t>{4, 0, 2, -1, -1, -1, 1, -1, -1}));
  ds = H5Dopen2(f, "/nodes/layer/observables/v/time", H5P_DEFAULT);
  std::vector<double> time(9);
  H5Dread(ds, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, time.data());
  H5Dclose(ds);
  EXPECT_TRUE(std::isinf(time[3]) && time[3] > 0);
  EXPECT_EQ(time[6], 0.25);
  hid_t sub = H5Gopen2(f, "/nodes/sub", H5P_DEFAULT);
  EXPECT_GE(sub, 0) << "nested keys become nested NIRGraphData groups";
  EXPECT_GT(H5Aexists(sub, "__type__"), 0);
  H5Gclose(sub);
  H5Fclose(f);

  nir::GraphData back;
  ASSERT_TRUE(nir::readNIRData(out, back, error)) << error;
  d.nodes["layer"]["v"].nSamples = 3; // derived from idx on read
  expectSame(d, back);
}

TEST(NIRData, Errors) {
  TempDir tmp;
  std::string error;
  nir::GraphData d;
  // Not NIRData: a NIR graph file has no root __type__.
  EXPECT_FALSE(nir::readNIRData(fixture("paper_lif_norse.nir"), d, error));
  EXPECT_NE(error.find("/@__type__: missing attribute"), std::string::npos)
      << error;

  std::string path = copyFixture(tmp, kData);
  hid_t f = raw::openRW(path);
  raw::putI64(f, "/nodes/input/observables/spikes/idx", {1, 2}, {0, 9});
  raw::putF64(f, "/nodes/input/observables/spikes/time", {1, 2}, {0, 1});
  H5Fclose(f);
  EXPECT_FALSE(nir::readNIRData(path, d, error));
  EXPECT_NE(error.find("/nodes/input/observables/spikes/idx: neuron index 9"),
            std::string::npos)
      << error;

  nir::GraphData bad;
  Observable o;
  o.kind = Observable::Kind::Event;
  o.nNeurons = 2;
  o.idx = {{0, 1}};
  o.time = {{0.1}};
  bad.nodes["n"]["s"] = o;
  EXPECT_FALSE(nir::writeNIRData(tmp.file("bad.h5"), bad, error));
  EXPECT_NE(error.find("differ"), std::string::npos) << error;
}
