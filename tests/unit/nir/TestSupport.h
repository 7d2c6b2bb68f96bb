//===- TestSupport.h - Fixtures, temp dirs, raw HDF5 edits -----*- C++ -*-===//
//
// Bad files are made by editing good ones with the raw HDF5 C API (not with
// nmc_h5), so the tests do not depend on the code under test to build them.
//===----------------------------------------------------------------------===//
#ifndef NMC_TESTS_UNIT_NIR_TESTSUPPORT_H
#define NMC_TESTS_UNIT_NIR_TESTSUPPORT_H

#include "nmc/NIR/Graph.h"

#include <gtest/gtest.h>
#include <hdf5.h>

#include <string>
#include <vector>

namespace nmc::test {

/// Path of fixture `name` in <NMC_SHARED_DIR>/nir.
std::string fixture(const std::string &name);
/// File names of every *.nir fixture, sorted.
std::vector<std::string> fixtureNames();

/// A fresh directory, removed with its contents on destruction.
class TempDir {
public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir &) = delete;
  TempDir &operator=(const TempDir &) = delete;
  std::string file(const std::string &name) const { return dir_ + "/" + name; }

private:
  std::string dir_;
};

/// Copies fixture `name` into `dir` (writable) and returns the copy's path.
std::string copyFixture(const TempDir &dir, const std::string &name);

/// Deep comparison of two models (version, nodes in order, types, params
/// incl. dtype and shape, metadata, subgraphs, edges in order).
testing::AssertionResult sameModel(const nir::Model &a, const nir::Model &b);

/// Node `name` of `g` and its param `key`; fail the test if missing.
const nir::Node &node(const nir::Graph &g, const std::string &name);
const nir::Param &param(const nir::Node &n, const std::string &key);

/// Raw HDF5 edits. `path` is absolute inside the file; an existing object at
/// `path` is unlinked first. Empty dims = SCALAR.
namespace raw {
hid_t openRW(const std::string &file);
void unlink(hid_t file, const std::string &path);
void put(hid_t file, const std::string &path, hid_t fileType, hid_t memType,
         const std::vector<hsize_t> &dims, const void *data);
void putF64(hid_t file, const std::string &path,
            const std::vector<hsize_t> &dims, const std::vector<double> &v);
void putI64(hid_t file, const std::string &path,
            const std::vector<hsize_t> &dims, const std::vector<int64_t> &v);
void putI32(hid_t file, const std::string &path,
            const std::vector<hsize_t> &dims, const std::vector<int32_t> &v);
void putVlenStrings(hid_t file, const std::string &path,
                    const std::vector<hsize_t> &dims,
                    const std::vector<std::string> &v);
void putFixedStrings(hid_t file, const std::string &path,
                     const std::vector<hsize_t> &dims,
                     const std::vector<std::string> &v, size_t width);
/// Class/size/vlen/cset/rank/dims/layout/deflate of a dataset, for checking
/// what a writer produced.
struct DatasetFacts {
  H5T_class_t cls = H5T_NO_CLASS;
  size_t size = 0;
  bool vlen = false;
  H5T_cset_t cset = H5T_CSET_ERROR;
  std::vector<hsize_t> dims;
  bool scalar = false;
  H5D_layout_t layout = H5D_LAYOUT_ERROR;
  std::vector<hsize_t> chunk;
  bool deflate = false;
  unsigned deflateLevel = 0;
};
DatasetFacts facts(const std::string &file, const std::string &path);
} // namespace raw

} // namespace nmc::test

#endif // NMC_TESTS_UNIT_NIR_TESTSUPPORT_H
