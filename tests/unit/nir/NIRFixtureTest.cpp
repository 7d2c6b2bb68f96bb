//===- NIRFixtureTest.cpp - Every fixture reads; values match h5dump ------===//
//
// Expected values were read off `h5dump` of ../shared/nir/*.nir and the
// fixture README, not captured from this reader.
//===----------------------------------------------------------------------===//
#include "TestSupport.h"

#include "nmc/NIR/NIRFile.h"

using namespace nmc;
using namespace nmc::test;
using nir::Param;

namespace {

nir::Model read(const std::string &name,
                std::vector<std::string> *warnings = nullptr) {
  nir::Model m;
  std::string error;
  EXPECT_TRUE(nir::readNIRFile(fixture(name), m, error, warnings)) << error;
  return m;
}

/// f32 data as stored (h5dump prints the decimal the float was made from).
double f32(double v) { return double(float(v)); }

std::vector<int64_t> shape(std::initializer_list<int64_t> s) { return s; }

} // namespace

TEST(NIRFixtures, AllFifteenReadWithoutWarnings) {
  std::vector<std::string> names = fixtureNames();
  ASSERT_EQ(names.size(), 15u) << "fixture dir: " << fixture("");
  for (const std::string &name : names) {
    nir::Model m;
    std::string error;
    std::vector<std::string> warnings;
    EXPECT_TRUE(nir::readNIRFile(fixture(name), m, error, &warnings)) << error;
    EXPECT_TRUE(error.empty()) << name;
    EXPECT_TRUE(warnings.empty()) << name << ": " << warnings.front();
    EXPECT_FALSE(m.graph.nodes.empty()) << name;
    EXPECT_FALSE(m.version.empty()) << name;
  }
}

TEST(NIRFixtures, PaperLifNorse) {
  nir::Model m = read("paper_lif_norse.nir");
  EXPECT_EQ(m.version, "0.1.1");
  ASSERT_EQ(m.graph.nodes.size(), 4u);
  // HDF5 name order, like h5py.
  EXPECT_EQ(m.graph.nodes[0].name, "0");
  EXPECT_EQ(m.graph.nodes[1].name, "1");
  EXPECT_EQ(m.graph.nodes[2].name, "input");
  EXPECT_EQ(m.graph.nodes[3].name, "output");
  const nir::Node &lif = node(m.graph, "1");
  EXPECT_EQ(lif.type, "LIF");
  const Param &tau = param(lif, "tau");
  EXPECT_EQ(tau.kind, Param::Kind::Float);
  EXPECT_EQ(tau.dtype, Param::DType::F32);
  EXPECT_EQ(tau.shape, shape({1}));
  ASSERT_EQ(tau.floats.size(), 1u);
  EXPECT_EQ(tau.floats[0], f32(0.0025));
  EXPECT_EQ(param(lif, "v_threshold").floats, std::vector<double>{f32(0.1)});
  EXPECT_EQ(param(lif, "r").floats, std::vector<double>{1.0});
  EXPECT_EQ(param(lif, "v_leak").floats, std::vector<double>{0.0});
  // Written by nir 0.1.1: no v_reset, and the reader must not invent one.
  EXPECT_EQ(lif.params.count("v_reset"), 0u);
  EXPECT_EQ(lif.params.size(), 4u);
  const nir::Node &aff = node(m.graph, "0");
  EXPECT_EQ(aff.type, "Affine");
  EXPECT_EQ(param(aff, "weight").shape, shape({1, 1}));
  EXPECT_EQ(param(aff, "weight").floats, std::vector<double>{1.0});
  const Param &in = param(node(m.graph, "input"), "shape");
  EXPECT_EQ(in.kind, Param::Kind::Int);
  EXPECT_EQ(in.dtype, Param::DType::I64);
  EXPECT_EQ(in.ints, std::vector<int64_t>{1});
  std::vector<std::pair<std::string, std::string>> edges{
      {"input", "0"}, {"0", "1"}, {"1", "output"}};
  EXPECT_EQ(m.graph.edges, edges);
  EXPECT_TRUE(m.graph.metadata.empty());
}

TEST(NIRFixtures, PaperLifRockpoolQuirk) {
  nir::Model m = read("paper_lif_rockpool_quirk.nir");
  EXPECT_EQ(m.version, "0.2.0");
  EXPECT_EQ(node(m.graph, "0_LinearTorch").type, "Linear");
  EXPECT_EQ(param(node(m.graph, "0_LinearTorch"), "weight").floats,
            std::vector<double>{f32(0.04)});
  const nir::Node &lif = node(m.graph, "1_LIFNeuronTorch");
  EXPECT_NEAR(param(lif, "r").floats.at(0), 24.0197, 1e-4);
  EXPECT_EQ(param(lif, "tau").floats, std::vector<double>{f32(0.0025)});
  // The quirk (Output shape [1,1,1] != LIF [1]) is the importer's business.
  EXPECT_EQ(param(node(m.graph, "output"), "shape").ints,
            (std::vector<int64_t>{1, 1, 1}));
}

TEST(NIRFixtures, PaperTwoLifNeuronsIsFloat64) {
  nir::Model m = read("paper_two_lif_neurons.nir");
  EXPECT_EQ(m.version, "0.2.0");
  EXPECT_EQ(m.graph.nodes.size(), 6u);
  EXPECT_EQ(m.graph.edges.size(), 5u);
  const nir::Node &lif1 = node(m.graph, "lif1");
  const Param &tau = param(lif1, "tau");
  EXPECT_EQ(tau.dtype, Param::DType::F64);
  EXPECT_EQ(tau.floats, std::vector<double>{0.01});
  EXPECT_EQ(param(lif1, "v_leak").floats, std::vector<double>{1.2});
  EXPECT_EQ(param(lif1, "v_threshold").floats, std::vector<double>{1.0});
  EXPECT_EQ(param(node(m.graph, "lif2"), "v_threshold").floats,
            std::vector<double>{20.0});
  EXPECT_EQ(param(node(m.graph, "linear1"), "weight").dtype, Param::DType::F64);
  EXPECT_EQ(lif1.params.count("v_reset"), 0u);
}

TEST(NIRFixtures, PaperCnnSinabs) {
  nir::Model m = read("paper_cnn_sinabs.nir");
  EXPECT_EQ(m.graph.nodes.size(), 15u); // 0..12, input, output
  EXPECT_EQ(m.graph.edges.size(), 14u);
  // Edges are stored shuffled; file order is kept.
  EXPECT_EQ(m.graph.edges.front(),
            std::make_pair(std::string("8"), std::string("9")));
  EXPECT_EQ(m.graph.edges[9],
            std::make_pair(std::string("input"), std::string("0")));
  const nir::Node &conv = node(m.graph, "0");
  EXPECT_EQ(conv.type, "Conv2d");
  EXPECT_EQ(param(conv, "weight").shape, shape({16, 2, 5, 5}));
  EXPECT_EQ(param(conv, "weight").floats.size(), 800u);
  EXPECT_EQ(param(conv, "bias").shape, shape({16}));
  EXPECT_EQ(param(conv, "stride").ints, (std::vector<int64_t>{2, 2}));
  EXPECT_EQ(param(conv, "padding").ints, (std::vector<int64_t>{1, 1}));
  EXPECT_EQ(param(conv, "dilation").ints, (std::vector<int64_t>{1, 1}));
  EXPECT_EQ(param(conv, "input_shape").ints, (std::vector<int64_t>{34, 34}));
  const Param &groups = param(conv, "groups");
  EXPECT_TRUE(groups.shape.empty()) << "SCALAR dataset keeps rank 0";
  EXPECT_EQ(groups.ints, std::vector<int64_t>{1});
  EXPECT_EQ(param(node(m.graph, "2"), "weight").shape, shape({16, 16, 3, 3}));
  const nir::Node &if1 = node(m.graph, "1");
  EXPECT_EQ(if1.type, "IF");
  EXPECT_EQ(param(if1, "r").shape, shape({16, 16, 16}));
  EXPECT_EQ(if1.params.count("v_reset"), 0u);
  const nir::Node &pool = node(m.graph, "4");
  EXPECT_EQ(pool.type, "SumPool2d");
  EXPECT_EQ(param(pool, "kernel_size").ints, (std::vector<int64_t>{2, 2}));
  EXPECT_EQ(param(pool, "padding").ints, (std::vector<int64_t>{0, 0}));
  const nir::Node &flat = node(m.graph, "8");
  EXPECT_EQ(flat.type, "Flatten");
  EXPECT_EQ(param(flat, "start_dim").ints, std::vector<int64_t>{0});
  EXPECT_EQ(param(flat, "end_dim").ints, std::vector<int64_t>{-1});
  EXPECT_EQ(param(flat, "input_type").ints, (std::vector<int64_t>{8, 4, 4}));
  EXPECT_EQ(param(node(m.graph, "9"), "weight").shape, shape({256, 128}));
  EXPECT_EQ(param(node(m.graph, "input"), "shape").ints,
            (std::vector<int64_t>{2, 34, 34}));
}

TEST(NIRFixtures, PaperBrailleDottedNames) {
  nir::Model m = read("paper_braille_noDelay_bias_zero.nir");
  EXPECT_EQ(m.version, "0.2.0");
  const nir::Node &lif = node(m.graph, "lif1.lif");
  EXPECT_EQ(lif.type, "CubaLIF");
  EXPECT_EQ(param(lif, "tau_mem").shape, shape({38}));
  // float64 on disk but computed in float32 (h5dump -m %.17g shows these).
  EXPECT_EQ(param(lif, "tau_mem").dtype, Param::DType::F64);
  EXPECT_EQ(param(lif, "tau_mem").floats.at(0), 0.00099999976158147768);
  EXPECT_EQ(param(lif, "r").floats.at(37), 9.9999976158147756);
  EXPECT_NEAR(param(lif, "tau_syn").floats.at(0), 2.22222e-4, 1e-9);
  EXPECT_NEAR(param(lif, "w_in").floats.at(0), 2.22222, 1e-5);
  EXPECT_EQ(param(node(m.graph, "lif1.w_rec"), "weight").shape,
            shape({38, 38}));
  EXPECT_EQ(node(m.graph, "lif1.w_rec").type, "Affine");
  EXPECT_EQ(m.graph.edges.size(), 7u);
  EXPECT_EQ(m.graph.edges[0],
            std::make_pair(std::string("lif1.w_rec"), std::string("lif1.lif")));
  nir::Model sub = read("paper_braille_noDelay_noBias_subtract.nir");
  EXPECT_EQ(param(node(sub.graph, "lif1.lif"), "tau_mem").shape, shape({40}));
  EXPECT_EQ(node(sub.graph, "fc1").type, "Linear");
}

TEST(NIRFixtures, NestedGraphsSpyx) {
  for (const char *name :
       {"spyx_braille_noDelay_bias_zero_subgraph.nir",
        "spyx_braille_noDelay_noBias_subtract_subgraph.nir"}) {
    nir::Model m = read(name);
    const nir::Node &g = node(m.graph, "lif1");
    EXPECT_EQ(g.type, "NIRGraph") << name;
    ASSERT_TRUE(g.subgraph) << name;
    EXPECT_TRUE(g.params.empty());
    EXPECT_EQ(g.subgraph->nodes.size(), 4u);
    EXPECT_EQ(node(*g.subgraph, "lif1").type, "CubaLIF");
    EXPECT_EQ(g.subgraph->edges.size(), 4u);
    EXPECT_EQ(g.subgraph->edges[1],
              std::make_pair(std::string("lif1"), std::string("lin")));
    EXPECT_EQ(m.graph.edges.size(), 5u);
  }
}

TEST(NIRFixtures, BrokenSubgraphStillReads) {
  // The edge names node `lif`, which does not exist; the importer checks it.
  nir::Model m = read("paper_braille_noDelay_bias_zero_subgraph_BROKEN.nir");
  const nir::Node &g = node(m.graph, "lif1");
  ASSERT_TRUE(g.subgraph);
  EXPECT_EQ(g.subgraph->edges[0],
            std::make_pair(std::string("input"), std::string("lif")));
  EXPECT_EQ(g.subgraph->find("lif"), nullptr);
  EXPECT_NE(g.subgraph->find("lif1"), nullptr);
}

TEST(NIRFixtures, GenFeedForwardWithMetadata) {
  for (const char *name :
       {"gen_ff_affine_lif.nir", "gen_ff_affine_lif_uncompressed.nir"}) {
    nir::Model m = read(name);
    EXPECT_EQ(m.version, "1.0.7+git7232ada");
    ASSERT_EQ(m.graph.metadata.size(), 2u) << name;
    const Param &desc = m.graph.metadata.at("description");
    EXPECT_EQ(desc.kind, Param::Kind::String);
    EXPECT_EQ(desc.str, "2-layer feed-forward Affine+LIF");
    const Param &dt = m.graph.metadata.at("dt_hint_s");
    EXPECT_EQ(dt.dtype, Param::DType::F64);
    EXPECT_TRUE(dt.shape.empty());
    EXPECT_EQ(dt.floats, std::vector<double>{0.001});
    const nir::Node &lif2 = node(m.graph, "lif2");
    EXPECT_EQ(param(lif2, "tau").floats,
              (std::vector<double>{f32(0.01), f32(0.05)}));
    EXPECT_EQ(param(lif2, "v_threshold").floats,
              (std::vector<double>{1.0, 0.5}));
    // Generated with nir >= 1.0.6: v_reset is present.
    EXPECT_EQ(param(node(m.graph, "lif1"), "v_reset").floats,
              (std::vector<double>{0, 0, 0}));
    const Param &w = param(node(m.graph, "fc1"), "weight");
    EXPECT_EQ(w.shape, shape({3, 4}));
    EXPECT_NEAR(w.floats.at(0), 0.788935, 1e-6);
    EXPECT_NEAR(w.floats.at(5), -1.39459, 1e-5);
    EXPECT_EQ(param(node(m.graph, "fc1"), "bias").floats,
              (std::vector<double>{f32(0.1), f32(0.1), f32(0.1)}));
  }
}

TEST(NIRFixtures, GenRnnFlatAndSubgraph) {
  nir::Model flat = read("gen_rnn_cubalif_flat.nir");
  EXPECT_EQ(flat.graph.edges.size(), 7u);
  const nir::Node &lif = node(flat.graph, "rec.lif");
  EXPECT_EQ(lif.type, "CubaLIF");
  EXPECT_EQ(param(lif, "tau_mem").dtype, Param::DType::F64);
  EXPECT_EQ(param(node(flat.graph, "rec.w_rec"), "weight").dtype,
            Param::DType::F32);
  EXPECT_EQ(node(flat.graph, "readout").type, "LI");

  nir::Model nested = read("gen_rnn_cubalif_subgraph.nir");
  const nir::Node &rec = node(nested.graph, "rec");
  ASSERT_TRUE(rec.subgraph);
  EXPECT_EQ(rec.subgraph->nodes.size(), 4u);
  EXPECT_EQ(node(*rec.subgraph, "lif").params.count("v_reset"), 1u);
  std::vector<std::pair<std::string, std::string>> inner{
      {"input", "lif"}, {"lif", "w_rec"}, {"w_rec", "lif"}, {"lif", "output"}};
  EXPECT_EQ(rec.subgraph->edges, inner);
  EXPECT_EQ(nested.graph.edges[1],
            std::make_pair(std::string("fc_in"), std::string("rec")));
}

TEST(NIRFixtures, GenConvIfNet) {
  nir::Model m = read("gen_conv_if_net.nir");
  EXPECT_EQ(m.graph.edges.size(), 10u);
  const nir::Node &c1 = node(m.graph, "conv1");
  EXPECT_EQ(param(c1, "weight").shape, shape({4, 2, 3, 3}));
  EXPECT_EQ(param(c1, "groups").shape, shape({}));
  EXPECT_EQ(node(m.graph, "pool2").type, "AvgPool2d");
  EXPECT_EQ(param(node(m.graph, "flat"), "input_type").shape, shape({3}));
  EXPECT_EQ(param(node(m.graph, "if1"), "v_reset").shape, shape({4, 8, 8}));
}

TEST(NIRFixtures, GenAllPrimitives) {
  nir::Model m = read("gen_all_primitives.nir");
  EXPECT_EQ(m.graph.edges.size(), 12u);
  EXPECT_EQ(m.graph.metadata.at("note").str, "one node of every type");
  const nir::Node &conv = node(m.graph, "conv1d");
  EXPECT_EQ(conv.type, "Conv1d");
  const Param &pad = param(conv, "padding");
  EXPECT_EQ(pad.kind, Param::Kind::String);
  EXPECT_EQ(pad.str, "same");
  EXPECT_TRUE(param(conv, "stride").shape.empty());
  EXPECT_EQ(param(conv, "stride").ints, std::vector<int64_t>{1});
  EXPECT_EQ(param(conv, "input_shape").ints, std::vector<int64_t>{16});
  EXPECT_EQ(param(conv, "weight").shape, shape({3, 2, 3}));
  const nir::Node &flat = node(m.graph, "flat");
  EXPECT_EQ(param(flat, "input_type").ints, (std::vector<int64_t>{3, 16}));
  EXPECT_EQ(param(node(m.graph, "in_seq"), "shape").ints,
            (std::vector<int64_t>{2, 16}));
  EXPECT_EQ(param(node(m.graph, "delay"), "delay").floats,
            (std::vector<double>{0.001, 0.002, 0.003, 0.004}));
  EXPECT_EQ(param(node(m.graph, "scale"), "scale").floats,
            (std::vector<double>{1, 2, 0.5, -1}));
  EXPECT_EQ(node(m.graph, "thr").type, "Threshold");
  EXPECT_EQ(node(m.graph, "integ").type, "I");
  EXPECT_EQ(param(node(m.graph, "cubali"), "w_in").floats,
            (std::vector<double>{1, 1, 1, 1}));
  EXPECT_EQ(node(m.graph, "cubali").type, "CubaLI");
  EXPECT_EQ(param(node(m.graph, "lin"), "weight").shape, shape({4, 48}));
  EXPECT_NEAR(param(node(m.graph, "lin"), "weight").floats.at(1), -0.155923,
              1e-6);
}
