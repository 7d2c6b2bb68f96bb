//===- NIRErrorTest.cpp - Invalid files fail with one clear line ----------===//
//
// Each test breaks a copy of a valid fixture with the raw HDF5 C API and
// checks that readNIRFile returns false with a one-line message naming the
// file and the HDF5 path at fault.
//===----------------------------------------------------------------------===//
#include "TestSupport.h"

#include "nmc/NIR/NIRFile.h"

#include <cmath>
#include <fstream>
#include <limits>

using namespace nmc;
using namespace nmc::test;

namespace {

constexpr const char *kBase = "gen_ff_affine_lif_uncompressed.nir";

/// Reads `file`, expects failure, and returns the error after checking the
/// common shape of every message.
std::string readError(const std::string &file) {
  nir::Model m;
  std::string error;
  EXPECT_FALSE(nir::readNIRFile(file, m, error));
  EXPECT_EQ(error.rfind(file + ": ", 0), 0u) << error;
  EXPECT_EQ(error.find('\n'), std::string::npos) << error;
  EXPECT_TRUE(m.graph.nodes.empty()) << "model is reset on failure";
  return error;
}

#define EXPECT_CONTAINS(haystack, needle)                                      \
  EXPECT_NE((haystack).find(needle), std::string::npos)                        \
      << "'" << (haystack) << "' lacks '" << (needle) << "'"

/// A copy of `fixtureName` edited by `edit(fileId)`.
template <typename Edit>
std::string broken(const TempDir &tmp, Edit edit,
                   const std::string &fixtureName = kBase) {
  std::string path = copyFixture(tmp, fixtureName);
  hid_t f = raw::openRW(path);
  edit(f);
  H5Fclose(f);
  return path;
}

} // namespace

TEST(NIRErrors, TextFileIsNotHDF5) {
  TempDir tmp;
  std::string path = tmp.file("model.nir");
  std::ofstream(path) << "input -> lif -> output\n";
  std::string e = readError(path);
  EXPECT_CONTAINS(e, "not an HDF5 file");
}

TEST(NIRErrors, MissingFile) {
  TempDir tmp;
  std::string e = readError(tmp.file("nope.nir"));
  EXPECT_CONTAINS(e, "cannot open");
}

TEST(NIRErrors, MissingNodeGroup) {
  TempDir tmp;
  std::string path = tmp.file("empty.nir");
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  hid_t f = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
  raw::putVlenStrings(f, "/version", {}, {"1.0.7"});
  H5Fclose(f);
  std::string e = readError(path);
  EXPECT_CONTAINS(e, "/node: missing group");
}

TEST(NIRErrors, MissingNodeType) {
  TempDir tmp;
  std::string e =
      readError(broken(tmp, [](hid_t f) { raw::unlink(f, "/node/type"); }));
  EXPECT_CONTAINS(e, "/node/type: missing dataset");
}

TEST(NIRErrors, RootMustBeAGraph) {
  TempDir tmp;
  std::string e = readError(broken(
      tmp, [](hid_t f) { raw::putVlenStrings(f, "/node/type", {}, {"LIF"}); }));
  EXPECT_CONTAINS(e, "/node/type");
  EXPECT_CONTAINS(e, "NIRGraph");
}

TEST(NIRErrors, UnknownNodeType) {
  TempDir tmp;
  std::string e = readError(broken(tmp, [](hid_t f) {
    raw::putVlenStrings(f, "/node/nodes/lif1/type", {}, {"Foo"});
  }));
  EXPECT_CONTAINS(e, "/node/nodes/lif1/type");
  EXPECT_CONTAINS(e, "\"Foo\"");
  EXPECT_CONTAINS(e, "CubaLIF"); // names the allowed types
}

TEST(NIRErrors, TypeIsNotAString) {
  TempDir tmp;
  std::string e = readError(broken(
      tmp, [](hid_t f) { raw::putI64(f, "/node/nodes/lif1/type", {}, {7}); }));
  EXPECT_CONTAINS(e, "/node/nodes/lif1/type: expected a string dataset");
}

TEST(NIRErrors, MissingRequiredDataset) {
  TempDir tmp;
  std::string e = readError(
      broken(tmp, [](hid_t f) { raw::unlink(f, "/node/nodes/lif1/tau"); }));
  EXPECT_CONTAINS(e, "/node/nodes/lif1/tau");
  EXPECT_CONTAINS(e, "missing required dataset for LIF");
}

TEST(NIRErrors, AffineWeightOfRankOne) {
  TempDir tmp;
  std::string e = readError(broken(tmp, [](hid_t f) {
    raw::putF64(f, "/node/nodes/fc1/weight", {12}, std::vector<double>(12));
  }));
  EXPECT_CONTAINS(e, "/node/nodes/fc1/weight: expected rank >= 2, got rank 1");
}

TEST(NIRErrors, InputShapeOfRankTwo) {
  TempDir tmp;
  std::string e = readError(broken(tmp, [](hid_t f) {
    raw::putI64(f, "/node/nodes/input/shape", {1, 1}, {4});
  }));
  EXPECT_CONTAINS(e, "/node/nodes/input/shape: expected rank 0..1, got rank 2");
}

TEST(NIRErrors, NaNInInputShape) {
  TempDir tmp;
  std::string e = readError(broken(tmp, [](hid_t f) {
    raw::putF64(f, "/node/nodes/input/shape", {1},
                {std::numeric_limits<double>::quiet_NaN()});
  }));
  EXPECT_CONTAINS(e, "/node/nodes/input/shape");
  EXPECT_CONTAINS(e, "expected integers, got NaN");
}

TEST(NIRErrors, InfNonIntegerAndNegativeSizes) {
  TempDir tmp;
  std::string e = readError(broken(tmp, [](hid_t f) {
    raw::putF64(f, "/node/nodes/input/shape", {1}, {HUGE_VAL});
  }));
  EXPECT_CONTAINS(e, "got inf");
  TempDir tmp2;
  e = readError(broken(tmp2, [](hid_t f) {
    raw::putF64(f, "/node/nodes/output/shape", {1}, {2.5});
  }));
  EXPECT_CONTAINS(e, "/node/nodes/output/shape: expected integers, got 2.5");
  TempDir tmp3;
  e = readError(broken(tmp3, [](hid_t f) {
    raw::putI64(f, "/node/nodes/input/shape", {1}, {-4});
  }));
  EXPECT_CONTAINS(e, "/node/nodes/input/shape: expected values >= 1, got -4");
}

TEST(NIRErrors, ConvStrideAndPadding) {
  TempDir tmp;
  std::string e = readError(broken(
      tmp,
      [](hid_t f) {
        raw::putI64(f, "/node/nodes/conv1/stride", {2}, {0, 1});
      },
      "gen_conv_if_net.nir"));
  EXPECT_CONTAINS(e, "/node/nodes/conv1/stride: expected values >= 1, got 0");
  TempDir tmp2;
  e = readError(broken(
      tmp2,
      [](hid_t f) {
        raw::putVlenStrings(f, "/node/nodes/conv1d/padding", {}, {"full"});
      },
      "gen_all_primitives.nir"));
  EXPECT_CONTAINS(e, "/node/nodes/conv1d/padding");
  EXPECT_CONTAINS(e, "\"full\"");
}

TEST(NIRErrors, StringWhereNumbersExpected) {
  TempDir tmp;
  std::string e = readError(broken(tmp, [](hid_t f) {
    raw::putVlenStrings(f, "/node/nodes/lif1/tau", {}, {"0.02"});
  }));
  EXPECT_CONTAINS(e, "/node/nodes/lif1/tau: expected a numeric dataset");
}

TEST(NIRErrors, NullDataspace) {
  TempDir tmp;
  std::string e = readError(broken(tmp, [](hid_t f) {
    raw::unlink(f, "/node/nodes/lif1/tau");
    hid_t s = H5Screate(H5S_NULL);
    hid_t d = H5Dcreate2(f, "/node/nodes/lif1/tau", H5T_IEEE_F32LE, s,
                         H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    H5Dclose(d);
    H5Sclose(s);
  }));
  EXPECT_CONTAINS(e, "/node/nodes/lif1/tau: empty dataset (NULL dataspace)");
}

TEST(NIRErrors, EdgesNotStringPairs) {
  TempDir tmp;
  std::string e = readError(broken(tmp, [](hid_t f) {
    raw::putF64(f, "/node/edges", {2}, {1, 2});
  }));
  EXPECT_CONTAINS(e, "/node/edges: expected an (E, 2) string dataset, got "
                     "float dataset of shape (2)");
  TempDir tmp2;
  e = readError(broken(tmp2, [](hid_t f) {
    raw::putVlenStrings(f, "/node/edges", {1, 3}, {"a", "b", "c"});
  }));
  EXPECT_CONTAINS(e, "string dataset of shape (1, 3)");
  TempDir tmp3;
  e = readError(broken(tmp3, [](hid_t f) { raw::unlink(f, "/node/edges"); }));
  EXPECT_CONTAINS(e, "/node/edges: missing dataset");
  TempDir tmp4;
  e = readError(broken(tmp4, [](hid_t f) { raw::unlink(f, "/node/nodes"); }));
  EXPECT_CONTAINS(e, "/node/nodes: missing group");
}

TEST(NIRErrors, CyclicGroupLinksDoNotRecurseForever) {
  TempDir tmp;
  std::string e = readError(broken(tmp, [](hid_t f) {
    EXPECT_GE(H5Lcreate_hard(f, "/node", f, "/node/nodes/loop", H5P_DEFAULT,
                             H5P_DEFAULT),
              0);
  }));
  EXPECT_CONTAINS(e, "nested too deep");
}

TEST(NIRErrors, SparseAffineHugeInputCount) {
  // shape = [out, in] with in = INT64_MAX: in + 1 offsets cannot exist; the
  // message gives in as written (no wrapped in+1).
  TempDir tmp;
  // One input to one output, weight 1.
  nir::Model m;
  m.version = "1.0.7";
  m.graph.nodes.push_back({"syn",
                           "nmc.SparseAffine",
                           {{"shape", nir::Param::intArray({2}, {1, 1})},
                            {"indptr", nir::Param::intArray({2}, {0, 1})},
                            {"indices", nir::Param::intArray({1}, {0})},
                            {"weight", nir::Param::floatArray({1}, {1.0})}},
                           {},
                           nullptr});
  std::string path = tmp.file("s.nir"), error;
  ASSERT_TRUE(nir::writeNIRFile(path, m, error)) << error;
  hid_t f = raw::openRW(path);
  raw::putI64(f, "/node/nodes/syn/shape", {2},
              {1, std::numeric_limits<int64_t>::max()});
  H5Fclose(f);
  std::string e = readError(path);
  EXPECT_CONTAINS(e, "/node/nodes/syn/indptr: expected in+1 values for in = "
                     "9223372036854775807 (shape[1]), got 2");
}
