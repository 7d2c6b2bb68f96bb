//===- NIRLenientTest.cpp - Unusual but valid layouts are accepted --------===//
#include "TestSupport.h"

#include "nmc/NIR/NIRFile.h"

using namespace nmc;
using namespace nmc::test;
using nir::Param;

namespace {

constexpr const char *kBase = "gen_ff_affine_lif_uncompressed.nir";

template <typename Edit>
nir::Model readEdited(const TempDir &tmp, Edit edit,
                      std::vector<std::string> *warnings = nullptr) {
  std::string path = copyFixture(tmp, kBase);
  hid_t f = raw::openRW(path);
  edit(f);
  H5Fclose(f);
  nir::Model m;
  std::string error;
  EXPECT_TRUE(nir::readNIRFile(path, m, error, warnings)) << error;
  return m;
}

} // namespace

TEST(NIRLenient, FixedLengthStrings) {
  TempDir tmp;
  nir::Model m = readEdited(tmp, [](hid_t f) {
    raw::putFixedStrings(f, "/version", {}, {"0.2.0"}, 8);
    raw::putFixedStrings(f, "/node/type", {}, {"NIRGraph"}, 8); // no NUL
    raw::putFixedStrings(f, "/node/nodes/lif1/type", {}, {"LIF"}, 16);
    raw::putFixedStrings(f, "/node/edges", {2, 2},
                         {"input", "fc1", "fc1", "lif1"}, 6);
  });
  EXPECT_EQ(m.version, "0.2.0");
  EXPECT_EQ(node(m.graph, "lif1").type, "LIF");
  std::vector<std::pair<std::string, std::string>> edges{{"input", "fc1"},
                                                         {"fc1", "lif1"}};
  EXPECT_EQ(m.graph.edges, edges);
}

TEST(NIRLenient, ScalarShapeAndMissingVReset) {
  TempDir tmp;
  nir::Model m = readEdited(tmp, [](hid_t f) {
    raw::putI64(f, "/node/nodes/input/shape", {}, {4});
    raw::unlink(f, "/node/nodes/lif1/v_reset");
  });
  const Param &shape = param(node(m.graph, "input"), "shape");
  EXPECT_TRUE(shape.shape.empty());
  EXPECT_EQ(shape.ints, std::vector<int64_t>{4});
  EXPECT_EQ(node(m.graph, "lif1").params.count("v_reset"), 0u);
  EXPECT_EQ(node(m.graph, "lif2").params.count("v_reset"), 1u);
}

TEST(NIRLenient, EmptyEdgeListAsFloat64) {
  TempDir tmp;
  nir::Model m =
      readEdited(tmp, [](hid_t f) { raw::putF64(f, "/node/edges", {0}, {}); });
  EXPECT_TRUE(m.graph.edges.empty());
  EXPECT_EQ(m.graph.nodes.size(), 6u);
}

TEST(NIRLenient, UnknownDatasetsKeptWithWarning) {
  TempDir tmp;
  std::vector<std::string> warnings;
  nir::Model m = readEdited(
      tmp,
      [](hid_t f) {
        raw::putF64(f, "/node/nodes/lif1/refractory", {3}, {1, 2, 3});
        H5Gclose(H5Gcreate2(f, "/node/nodes/lif1/extra_group", H5P_DEFAULT,
                            H5P_DEFAULT, H5P_DEFAULT));
      },
      &warnings);
  EXPECT_EQ(param(node(m.graph, "lif1"), "refractory").floats,
            (std::vector<double>{1, 2, 3}));
  ASSERT_EQ(warnings.size(), 2u);
  EXPECT_NE(warnings[0].find("/node/nodes/lif1/extra_group"), std::string::npos)
      << warnings[0];
  EXPECT_NE(warnings[1].find("/node/nodes/lif1/refractory: unknown dataset"),
            std::string::npos)
      << warnings[1];
}

TEST(NIRLenient, NumericTypeConversions) {
  TempDir tmp;
  nir::Model m = readEdited(tmp, [](hid_t f) {
    raw::putF64(f, "/node/nodes/input/shape", {1}, {4.0}); // integral float
    raw::putI32(f, "/node/nodes/output/shape", {1}, {2});
    raw::putI64(f, "/node/nodes/lif1/r", {3}, {1, 1, 1}); // ints as floats
  });
  const Param &in = param(node(m.graph, "input"), "shape");
  EXPECT_EQ(in.kind, Param::Kind::Int);
  EXPECT_EQ(in.ints, std::vector<int64_t>{4});
  const Param &out = param(node(m.graph, "output"), "shape");
  EXPECT_EQ(out.dtype, Param::DType::I32);
  EXPECT_EQ(out.ints, std::vector<int64_t>{2});
  const Param &r = param(node(m.graph, "lif1"), "r");
  EXPECT_EQ(r.kind, Param::Kind::Int);
  EXPECT_EQ(r.ints, (std::vector<int64_t>{1, 1, 1}));

  // int32 survives a round trip on disk too.
  std::string again = tmp.file("again.nir"), error;
  ASSERT_TRUE(nir::writeNIRFile(again, m, error)) << error;
  raw::DatasetFacts facts = raw::facts(again, "/node/nodes/output/shape");
  EXPECT_EQ(facts.cls, H5T_INTEGER);
  EXPECT_EQ(facts.size, 4u);
}

TEST(NIRLenient, NestedMetadataIsFlattened) {
  TempDir tmp;
  nir::Model m = readEdited(tmp, [](hid_t f) {
    hid_t g = H5Gcreate2(f, "/node/nodes/fc1/metadata", H5P_DEFAULT,
                         H5P_DEFAULT, H5P_DEFAULT);
    H5Gclose(H5Gcreate2(g, "train", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
    H5Gclose(g);
    raw::putF64(f, "/node/nodes/fc1/metadata/train/lr", {}, {0.5});
    raw::putVlenStrings(f, "/node/nodes/fc1/metadata/origin", {}, {"torch"});
  });
  const nir::Node &fc1 = node(m.graph, "fc1");
  ASSERT_EQ(fc1.metadata.size(), 2u);
  EXPECT_EQ(fc1.metadata.at("train/lr").floats, std::vector<double>{0.5});
  EXPECT_EQ(fc1.metadata.at("origin").str, "torch");
  EXPECT_EQ(fc1.params.count("metadata"), 0u);
}

TEST(NIRLenient, MissingVersionIsAWarning) {
  TempDir tmp;
  std::vector<std::string> warnings;
  nir::Model m = readEdited(
      tmp, [](hid_t f) { raw::unlink(f, "/version"); }, &warnings);
  EXPECT_TRUE(m.version.empty());
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("/version"), std::string::npos);
}
