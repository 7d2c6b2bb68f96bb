//===- H5Test.cpp - The nmc_h5 helper layer -------------------------------===//
#include "TestSupport.h"

#include "nmc/Support/H5.h"

#include <fstream>

using namespace nmc;
using namespace nmc::test;

namespace {

struct H5Fixture : testing::Test {
  TempDir tmp;
  std::string path = tmp.file("t.h5");
  std::string error;
  h5::File file;

  void SetUp() override {
    file = h5::createFile(path, error);
    ASSERT_TRUE(file) << error;
  }
};

} // namespace

TEST_F(H5Fixture, NumericRoundTripAllTypesAndEmpty) {
  hid_t f = file.get();
  ASSERT_TRUE(h5::writeDoubles(f, "f32", {2, 2}, {1.5, -2, 0.25, 8},
                               h5::FileType::F32, true, error))
      << error;
  ASSERT_TRUE(
      h5::writeDoubles(f, "f64", {}, {0.1}, h5::FileType::F64, true, error));
  ASSERT_TRUE(h5::writeInt64s(f, "i64", {3}, {-1, 0, int64_t(1) << 40},
                              h5::FileType::I64, false, error));
  ASSERT_TRUE(
      h5::writeInt64s(f, "i32", {2}, {-7, 7}, h5::FileType::I32, true, error));
  ASSERT_TRUE(
      h5::writeDoubles(f, "empty", {0}, {}, h5::FileType::F64, true, error))
      << error;
  ASSERT_TRUE(
      h5::writeInt64s(f, "empty2d", {2, 0}, {}, h5::FileType::I64, true, error))
      << error;
  EXPECT_FALSE(h5::writeInt64s(f, "big", {1}, {int64_t(1) << 33},
                               h5::FileType::I32, false, error));
  EXPECT_NE(error.find("/big: value 8589934592 does not fit int32"),
            std::string::npos)
      << error;
  EXPECT_FALSE(h5::writeDoubles(f, "short", {3}, {1, 2}, h5::FileType::F64,
                                false, error));
  EXPECT_NE(error.find("/short: shape holds 3 elements but 2 values given"),
            std::string::npos)
      << error;
  file.reset();
  EXPECT_EQ(raw::facts(path, "/f32").chunk, (std::vector<hsize_t>{2, 2}));
  EXPECT_TRUE(raw::facts(path, "/f32").deflate);
  EXPECT_TRUE(raw::facts(path, "/f64").scalar);
  EXPECT_EQ(raw::facts(path, "/i32").size, 4u);
  EXPECT_EQ(raw::facts(path, "/empty").layout, H5D_CONTIGUOUS);

  file = h5::openFile(path, error);
  ASSERT_TRUE(file) << error;
  auto readD = [&](const char *name, std::vector<int64_t> shape) {
    h5::Dataset ds = h5::openDataset(file.get(), name, error);
    h5::Info info;
    std::vector<double> v;
    EXPECT_TRUE(ds && h5::inspect(ds.get(), info, error) &&
                h5::readDoubles(ds.get(), v, error))
        << error;
    EXPECT_EQ(info.shape, shape) << name;
    return v;
  };
  EXPECT_EQ(readD("f32", {2, 2}), (std::vector<double>{1.5, -2, 0.25, 8}));
  EXPECT_EQ(readD("f64", {}), std::vector<double>{0.1});
  EXPECT_EQ(readD("i32", {2}), (std::vector<double>{-7, 7}));
  EXPECT_TRUE(readD("empty", {0}).empty());
  EXPECT_TRUE(readD("empty2d", {2, 0}).empty());
  h5::Dataset i64 = h5::openDataset(file.get(), "i64", error);
  std::vector<int64_t> ints;
  ASSERT_TRUE(h5::readInt64s(i64.get(), ints, error)) << error;
  EXPECT_EQ(ints, (std::vector<int64_t>{-1, 0, int64_t(1) << 40}));
  h5::Dataset f32 = h5::openDataset(file.get(), "f32", error);
  EXPECT_FALSE(h5::readInt64s(f32.get(), ints, error));
  EXPECT_NE(error.find("/f32: expected an integer dataset"), std::string::npos);
}

TEST_F(H5Fixture, StringsVariableAndFixed) {
  hid_t f = file.get();
  ASSERT_TRUE(h5::writeString(f, "s", "héllo", error));
  ASSERT_TRUE(
      h5::writeStrings(f, "pairs", {2, 2}, {"a", "b", "", "d.e"}, error));
  raw::putFixedStrings(f, "/fixed", {3}, {"x", "yy", "zzzz"}, 4);
  hid_t t = H5Tcopy(H5T_C_S1);
  H5Tset_size(t, 6);
  H5Tset_strpad(t, H5T_STR_SPACEPAD);
  const char spaced[] = "ab    ";
  raw::put(f, "/spaced", t, t, {}, spaced);
  H5Tclose(t);
  std::string s;
  ASSERT_TRUE(h5::readString(f, "s", s, error)) << error;
  EXPECT_EQ(s, "héllo");
  std::vector<std::string> v;
  h5::Dataset pairs = h5::openDataset(f, "pairs", error);
  ASSERT_TRUE(h5::readStrings(pairs.get(), v, error)) << error;
  EXPECT_EQ(v, (std::vector<std::string>{"a", "b", "", "d.e"}));
  h5::Dataset fixed = h5::openDataset(f, "fixed", error);
  ASSERT_TRUE(h5::readStrings(fixed.get(), v, error)) << error;
  EXPECT_EQ(v, (std::vector<std::string>{"x", "yy", "zzzz"}));
  ASSERT_TRUE(h5::readString(f, "spaced", s, error)) << error;
  EXPECT_EQ(s, "ab");
  EXPECT_FALSE(h5::readString(f, "pairs", s, error));
  EXPECT_NE(error.find("/pairs: expected one string, got 4"), std::string::npos)
      << error;
}

TEST_F(H5Fixture, BoolEnumReadsAsNumbers) {
  hid_t e = H5Tenum_create(H5T_NATIVE_INT8);
  int8_t no = 0, yes = 1;
  H5Tenum_insert(e, "FALSE", &no);
  H5Tenum_insert(e, "TRUE", &yes);
  int8_t data[3] = {1, 0, 1};
  raw::put(file.get(), "/flags", e, e, {3}, data);
  H5Tclose(e);
  h5::Dataset ds = h5::openDataset(file.get(), "flags", error);
  h5::Info info;
  ASSERT_TRUE(h5::inspect(ds.get(), info, error));
  EXPECT_EQ(info.cls, h5::Info::Class::Bool);
  std::vector<double> d;
  ASSERT_TRUE(h5::readDoubles(ds.get(), d, error)) << error;
  EXPECT_EQ(d, (std::vector<double>{1, 0, 1}));
  std::vector<int64_t> i;
  ASSERT_TRUE(h5::readInt64s(ds.get(), i, error)) << error;
  EXPECT_EQ(i, (std::vector<int64_t>{1, 0, 1}));
}

TEST_F(H5Fixture, Attributes) {
  hid_t f = file.get();
  ASSERT_TRUE(h5::writeAttribute(f, "name", std::string("x"), error));
  ASSERT_TRUE(h5::writeAttribute(f, "name", std::string("y"), error))
      << "replaces";
  ASSERT_TRUE(h5::writeAttribute(f, "dt", 0.125, error));
  ASSERT_TRUE(h5::writeAttribute(f, "n", int64_t(-3), error));
  std::string s;
  double d = 0;
  int64_t n = 0;
  ASSERT_TRUE(h5::readAttribute(f, "name", s, error)) << error;
  EXPECT_EQ(s, "y");
  ASSERT_TRUE(h5::readAttribute(f, "dt", d, error));
  EXPECT_EQ(d, 0.125);
  ASSERT_TRUE(h5::readAttribute(f, "n", n, error));
  EXPECT_EQ(n, -3);
  ASSERT_TRUE(h5::readAttribute(f, "n", d, error)) << "int -> double is fine";
  EXPECT_EQ(d, -3.0);
  EXPECT_FALSE(h5::readAttribute(f, "dt", n, error));
  EXPECT_NE(error.find("/@dt: expected an integer"), std::string::npos)
      << error;
  EXPECT_FALSE(h5::readAttribute(f, "missing", s, error));
  EXPECT_NE(error.find("/@missing: missing attribute"), std::string::npos);
  EXPECT_FALSE(h5::readAttribute(f, "dt", s, error));
  EXPECT_TRUE(h5::hasAttribute(f, "dt"));
}

TEST_F(H5Fixture, ChildrenSortedByName) {
  hid_t f = file.get();
  h5::Group b = h5::createGroup(f, "b", error);
  ASSERT_TRUE(h5::writeString(f, "a", "1", error));
  ASSERT_TRUE(h5::writeString(f, "10", "1", error));
  ASSERT_TRUE(h5::writeString(f, "9", "1", error));
  H5Lcreate_soft("/nowhere", f, "dangling", H5P_DEFAULT, H5P_DEFAULT);
  std::vector<h5::Child> children;
  ASSERT_TRUE(h5::listChildren(f, children, error)) << error;
  std::vector<std::string> names;
  for (const h5::Child &c : children)
    names.push_back(c.name);
  EXPECT_EQ(names, (std::vector<std::string>{"10", "9", "a", "b", "dangling"}));
  EXPECT_EQ(children[3].kind, h5::Child::Kind::Group);
  EXPECT_EQ(children[2].kind, h5::Child::Kind::Dataset);
  EXPECT_EQ(children[4].kind, h5::Child::Kind::Other);
  EXPECT_TRUE(h5::isGroup(f, "b"));
  EXPECT_FALSE(h5::isDataset(f, "b"));
  EXPECT_FALSE(h5::isGroup(f, "dangling"));
  h5::Dataset none = h5::openDataset(f, "b", error);
  EXPECT_FALSE(none);
  EXPECT_EQ(error, "/b: expected a dataset");
}

TEST(H5, NotHDF5) {
  TempDir tmp;
  std::string path = tmp.file("x.txt"), error;
  std::ofstream(path) << "plain text";
  EXPECT_FALSE(h5::isHDF5File(path, error));
  EXPECT_EQ(error, "not an HDF5 file");
  EXPECT_FALSE(h5::openFile(tmp.file("missing"), error));
  EXPECT_NE(error.find("cannot open"), std::string::npos);
}

// A header declaring far more data than its storage could hold (gzip stops
// at ~1032:1) is refused before anything is allocated; a real compressed
// array of zeros, as compressible as data gets, still reads.
TEST_F(H5Fixture, DeclaredSizeBeyondStorageIsRefused) {
  hid_t f = file.get();
  const hsize_t dims[1] = {hsize_t(1) << 28}, chunk[1] = {1 << 16};
  hid_t space = H5Screate_simple(1, dims, nullptr);
  hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
  H5Pset_chunk(dcpl, 1, chunk);
  H5Pset_deflate(dcpl, 4);
  hid_t ds = H5Dcreate2(f, "huge", H5T_IEEE_F32LE, space, H5P_DEFAULT, dcpl,
                        H5P_DEFAULT);
  ASSERT_GE(ds, 0);
  H5Dclose(ds);
  H5Pclose(dcpl);
  H5Sclose(space);
  std::vector<double> zeros(4 << 20, 0.0);
  ASSERT_TRUE(h5::writeDoubles(f, "zeros", {int64_t(zeros.size())}, zeros,
                               h5::FileType::F32, true, error))
      << error;
  file = h5::File();

  h5::File in = h5::openFile(path, error);
  ASSERT_TRUE(in) << error;
  std::vector<double> out;
  h5::Dataset huge = h5::openDataset(in.get(), "huge", error);
  EXPECT_FALSE(h5::readDoubles(huge.get(), out, error));
  EXPECT_NE(error.find("/huge: declares 268435456 elements (1073741824 bytes) "
                       "in 0 bytes of storage; the file is corrupt"),
            std::string::npos)
      << error;
  h5::Dataset real = h5::openDataset(in.get(), "zeros", error);
  EXPECT_TRUE(h5::readDoubles(real.get(), out, error)) << error;
  EXPECT_EQ(out.size(), zeros.size());
}

// The same for variable-length strings (found by fuzzing, tests/fuzz): a
// 34 KB NIR file declaring 2^24 strings without storing them made the
// reader spend 40 s filling 2^24 empty strings. Each stored string takes a
// 16-byte heap reference; real string datasets still read.
TEST_F(H5Fixture, DeclaredStringsBeyondStorageAreRefused) {
  hid_t f = file.get();
  const hsize_t dims[1] = {hsize_t(1) << 24}, chunk[1] = {1 << 16};
  hid_t space = H5Screate_simple(1, dims, nullptr);
  hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
  H5Pset_chunk(dcpl, 1, chunk);
  hid_t type = H5Tcopy(H5T_C_S1);
  H5Tset_size(type, H5T_VARIABLE);
  hid_t ds =
      H5Dcreate2(f, "edges", type, space, H5P_DEFAULT, dcpl, H5P_DEFAULT);
  ASSERT_GE(ds, 0);
  H5Dclose(ds);
  H5Tclose(type);
  H5Pclose(dcpl);
  H5Sclose(space);
  std::vector<std::string> names(70000, "lif");
  ASSERT_TRUE(
      h5::writeStrings(f, "names", {int64_t(names.size())}, names, error))
      << error;
  file = h5::File();

  h5::File in = h5::openFile(path, error);
  ASSERT_TRUE(in) << error;
  std::vector<std::string> out;
  h5::Dataset edges = h5::openDataset(in.get(), "edges", error);
  EXPECT_FALSE(h5::readStrings(edges.get(), out, error));
  EXPECT_NE(error.find("/edges: declares 16777216 elements (268435456 bytes) "
                       "in 0 bytes of storage; the file is corrupt"),
            std::string::npos)
      << error;
  h5::Dataset real = h5::openDataset(in.get(), "names", error);
  EXPECT_TRUE(h5::readStrings(real.get(), out, error)) << error;
  EXPECT_EQ(out, names);
}
