//===- NIRRoundTripTest.cpp - read -> write -> read is lossless -----------===//
#include "TestSupport.h"

#include "nmc/NIR/NIRFile.h"

#include <cctype>
#include <unistd.h>

using namespace nmc;
using namespace nmc::test;
using nir::Param;

namespace {

struct Case {
  std::string fixture;
  bool compress;
};

class RoundTrip : public testing::TestWithParam<Case> {};

std::vector<Case> allCases() {
  std::vector<Case> cases;
  for (const std::string &name : fixtureNames())
    for (bool compress : {true, false})
      cases.push_back({name, compress});
  return cases;
}

std::string caseName(const testing::TestParamInfo<Case> &info) {
  std::string s = info.param.fixture.substr(0, info.param.fixture.size() - 4);
  for (char &c : s)
    if (!isalnum(static_cast<unsigned char>(c)))
      c = '_';
  return s + (info.param.compress ? "_gzip" : "_plain");
}

} // namespace

TEST_P(RoundTrip, BitExact) {
  TempDir tmp;
  nir::Model original, again;
  std::string error;
  ASSERT_TRUE(nir::readNIRFile(fixture(GetParam().fixture), original, error))
      << error;
  std::string out = tmp.file("out.nir");
  ASSERT_TRUE(nir::writeNIRFile(out, original, error,
                                {/*compress=*/GetParam().compress}))
      << error;
  std::vector<std::string> warnings;
  ASSERT_TRUE(nir::readNIRFile(out, again, error, &warnings)) << error;
  EXPECT_TRUE(warnings.empty());
  EXPECT_TRUE(sameModel(original, again));
}

INSTANTIATE_TEST_SUITE_P(Fixtures, RoundTrip, testing::ValuesIn(allCases()),
                         caseName);

TEST(NIRWrite, LayoutMatchesNirWrite) {
  TempDir tmp;
  nir::Model m;
  std::string error;
  ASSERT_TRUE(nir::readNIRFile(fixture("gen_all_primitives.nir"), m, error));
  std::string gz = tmp.file("gz.nir"), plain = tmp.file("plain.nir");
  ASSERT_TRUE(nir::writeNIRFile(gz, m, error, {true})) << error;
  ASSERT_TRUE(nir::writeNIRFile(plain, m, error, {false})) << error;

  // Strings: variable-length UTF-8; scalars for version/type/padding.
  for (const char *path : {"/version", "/node/type", "/node/nodes/conv1d/type",
                           "/node/nodes/conv1d/padding"}) {
    raw::DatasetFacts f = raw::facts(gz, path);
    EXPECT_EQ(f.cls, H5T_STRING) << path;
    EXPECT_TRUE(f.vlen) << path;
    EXPECT_EQ(f.cset, H5T_CSET_UTF8) << path;
    EXPECT_TRUE(f.scalar) << path;
  }
  raw::DatasetFacts edges = raw::facts(gz, "/node/edges");
  EXPECT_TRUE(edges.vlen);
  EXPECT_EQ(edges.cset, H5T_CSET_UTF8);
  EXPECT_EQ(edges.dims, (std::vector<hsize_t>{12, 2}));

  // Numeric arrays: stored dtype; gzip 4 with chunk = whole array.
  raw::DatasetFacts w = raw::facts(gz, "/node/nodes/lin/weight");
  EXPECT_EQ(w.cls, H5T_FLOAT);
  EXPECT_EQ(w.size, 4u);
  EXPECT_EQ(w.layout, H5D_CHUNKED);
  EXPECT_EQ(w.chunk, (std::vector<hsize_t>{4, 48}));
  EXPECT_TRUE(w.deflate);
  EXPECT_EQ(w.deflateLevel, 4u);
  raw::DatasetFacts wp = raw::facts(plain, "/node/nodes/lin/weight");
  EXPECT_EQ(wp.layout, H5D_CONTIGUOUS);
  EXPECT_FALSE(wp.deflate);
  raw::DatasetFacts r = raw::facts(gz, "/node/nodes/if/r");
  EXPECT_EQ(r.size, 8u) << "float64 neuron params stay float64";
  // Scalars are never chunked.
  raw::DatasetFacts groups = raw::facts(gz, "/node/nodes/conv1d/groups");
  EXPECT_TRUE(groups.scalar);
  EXPECT_EQ(groups.cls, H5T_INTEGER);
  EXPECT_EQ(groups.size, 8u);
  EXPECT_NE(groups.layout, H5D_CHUNKED);
  raw::DatasetFacts note = raw::facts(gz, "/node/metadata/note");
  EXPECT_EQ(note.cls, H5T_STRING);
}

TEST(NIRWrite, EmptyEdgesAndDefaultVersion) {
  TempDir tmp;
  nir::Model m; // no version, no nodes, no edges
  nir::Node in;
  in.name = "in";
  in.type = "Input";
  in.params["shape"] = Param::intArray({1}, {3});
  m.graph.nodes.push_back(in);
  std::string out = tmp.file("e.nir"), error;
  ASSERT_TRUE(nir::writeNIRFile(out, m, error)) << error;
  // nir.write stores an empty edge list as float64 of shape (0,).
  raw::DatasetFacts e = raw::facts(out, "/node/edges");
  EXPECT_EQ(e.cls, H5T_FLOAT);
  EXPECT_EQ(e.size, 8u);
  EXPECT_EQ(e.dims, std::vector<hsize_t>{0});
  EXPECT_EQ(raw::facts(out, "/node/nodes/in/shape").layout, H5D_CHUNKED);
  nir::Model back;
  ASSERT_TRUE(nir::readNIRFile(out, back, error)) << error;
  EXPECT_EQ(back.version, "1.0.7");
  EXPECT_TRUE(back.graph.edges.empty());
  EXPECT_EQ(param(node(back.graph, "in"), "shape").ints,
            std::vector<int64_t>{3});
}

TEST(NIRWrite, MetadataNestedKeysAndInt32) {
  TempDir tmp;
  nir::Model m;
  m.version = "0.0.1-test";
  nir::Node aff;
  aff.name = "a.b"; // dots are plain characters
  aff.type = "Affine";
  aff.params["weight"] = Param::floatArray({2, 2}, {1, 2, 3, 4});
  aff.params["bias"] = Param::floatArray({2}, {0.5, -0.5}, Param::DType::F64);
  aff.metadata["train/lr"] = Param::floatArray({}, {0.01}, Param::DType::F64);
  aff.metadata["train/epochs"] = Param::intScalar(3);
  aff.metadata["tag"] = Param::string("x");
  Param i32 = Param::intArray({3}, {1, -2, 2147483647});
  i32.dtype = Param::DType::I32;
  aff.metadata["ids"] = i32;
  m.graph.nodes.push_back(aff);
  m.graph.edges = {{"a.b", "a.b"}};
  std::string out = tmp.file("m.nir"), error;
  ASSERT_TRUE(nir::writeNIRFile(out, m, error)) << error;
  // Nested keys are nested groups on disk.
  EXPECT_EQ(raw::facts(out, "/node/nodes/a.b/metadata/train/lr").size, 8u);
  raw::DatasetFacts ids = raw::facts(out, "/node/nodes/a.b/metadata/ids");
  EXPECT_EQ(ids.cls, H5T_INTEGER);
  EXPECT_EQ(ids.size, 4u);
  nir::Model back;
  ASSERT_TRUE(nir::readNIRFile(out, back, error)) << error;
  EXPECT_TRUE(sameModel(m, back));
}

TEST(NIRWrite, SparseAffineExtensionRoundTrips) {
  TempDir tmp;
  nir::Model m;
  m.version = "1.0.7";
  nir::Node s;
  s.name = "syn";
  s.type = "nmc.SparseAffine";
  // 3 outputs, 2 inputs: input 0 -> outputs {0, 2}, input 1 -> output {1}.
  s.params["shape"] = Param::intArray({2}, {3, 2});
  s.params["indptr"] = Param::intArray({3}, {0, 2, 3});
  s.params["indices"] = Param::intArray({3}, {0, 2, 1});
  s.params["weight"] = Param::floatArray({3}, {0.5, -1, 2});
  s.params["bias"] = Param::floatArray({3}, {0, 0, 1});
  m.graph.nodes.push_back(s);
  std::string out = tmp.file("s.nir"), error;
  ASSERT_TRUE(nir::writeNIRFile(out, m, error)) << error;
  nir::Model back;
  ASSERT_TRUE(nir::readNIRFile(out, back, error)) << error;
  EXPECT_TRUE(sameModel(m, back));

  // The writer refuses inconsistent CSR data instead of writing it.
  m.graph.nodes[0].params["indices"] = Param::intArray({3}, {0, 5, 1});
  EXPECT_FALSE(nir::writeNIRFile(out, m, error));
  EXPECT_NE(error.find("/node/nodes/syn/indices"), std::string::npos) << error;
  EXPECT_NE(error.find("out of range"), std::string::npos) << error;
}

TEST(NIRWrite, RejectsBadModels) {
  TempDir tmp;
  std::string out = tmp.file("bad.nir"), error;
  nir::Model m;
  nir::Node n;
  n.name = "x/y";
  n.type = "Input";
  n.params["shape"] = Param::intArray({1}, {1});
  m.graph.nodes = {n};
  EXPECT_FALSE(nir::writeNIRFile(out, m, error));
  EXPECT_NE(error.find("invalid node name"), std::string::npos) << error;

  m.graph.nodes[0].name = "x";
  m.graph.nodes[0].type = "Foo";
  EXPECT_FALSE(nir::writeNIRFile(out, m, error));
  EXPECT_NE(error.find("Foo"), std::string::npos) << error;

  m.graph.nodes[0].type = "Input";
  m.graph.nodes[0].params["shape"] = Param::intArray({2}, {1}); // 1 value
  EXPECT_FALSE(nir::writeNIRFile(out, m, error));
  EXPECT_NE(error.find("/node/nodes/x/shape"), std::string::npos) << error;
  // A failed write leaves no file behind.
  EXPECT_NE(access(out.c_str(), F_OK), 0);

  m.graph.nodes[0].params["shape"] = Param::intArray({1}, {1});
  m.graph.nodes.push_back(m.graph.nodes[0]);
  EXPECT_FALSE(nir::writeNIRFile(out, m, error));
  EXPECT_NE(error.find("duplicate"), std::string::npos) << error;

  nir::Model g;
  nir::Node sub;
  sub.name = "g";
  sub.type = "NIRGraph"; // but no subgraph
  g.graph.nodes = {sub};
  EXPECT_FALSE(nir::writeNIRFile(out, g, error));
  EXPECT_NE(error.find("without a subgraph"), std::string::npos) << error;
}
