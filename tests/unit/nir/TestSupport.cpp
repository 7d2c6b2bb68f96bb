//===- TestSupport.cpp - Fixtures, temp dirs, raw HDF5 edits --------------===//
#include "TestSupport.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

namespace fs = std::filesystem;

namespace nmc::test {

std::string fixture(const std::string &name) {
  return std::string(NMC_SHARED_DIR) + "/nir/" + name;
}

std::vector<std::string> fixtureNames() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto &e : fs::directory_iterator(fixture(""), ec))
    if (e.path().extension() == ".nir")
      names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

TempDir::TempDir() {
  std::string tmpl =
      (fs::temp_directory_path() / "nmc-nir-test-XXXXXX").string();
  if (char *d = ::mkdtemp(tmpl.data()))
    dir_ = d;
  else
    ADD_FAILURE() << "mkdtemp failed";
}

TempDir::~TempDir() {
  std::error_code ec;
  if (!dir_.empty())
    fs::remove_all(dir_, ec);
}

std::string copyFixture(const TempDir &dir, const std::string &name) {
  std::string to = dir.file(name);
  std::error_code ec;
  fs::copy_file(fixture(name), to, fs::copy_options::overwrite_existing, ec);
  EXPECT_FALSE(ec) << "copy " << name << ": " << ec.message();
  fs::permissions(to, fs::perms::owner_read | fs::perms::owner_write,
                  fs::perm_options::add, ec);
  return to;
}

namespace {
using testing::AssertionFailure;
using testing::AssertionResult;
using testing::AssertionSuccess;

std::string show(const nir::Param &p) {
  std::string s = p.kind == nir::Param::Kind::String ? "string"
                  : p.kind == nir::Param::Kind::Int  ? "int"
                                                     : "float";
  s += " dtype=" + std::to_string(int(p.dtype)) + " shape=(";
  for (int64_t d : p.shape)
    s += std::to_string(d) + ",";
  s += ") n=" + std::to_string(p.floats.size() + p.ints.size());
  if (p.kind == nir::Param::Kind::String)
    s += " \"" + p.str + "\"";
  return s;
}

AssertionResult sameParams(const std::map<std::string, nir::Param> &a,
                           const std::map<std::string, nir::Param> &b,
                           const std::string &where) {
  for (const auto &[k, v] : a) {
    auto it = b.find(k);
    if (it == b.end())
      return AssertionFailure() << where << ": '" << k << "' missing on right";
    if (!(v == it->second))
      return AssertionFailure()
             << where << ": '" << k << "' differs: " << show(v) << " vs "
             << show(it->second);
  }
  for (const auto &[k, v] : b)
    if (!a.count(k))
      return AssertionFailure() << where << ": '" << k << "' missing on left";
  return AssertionSuccess();
}

AssertionResult sameGraph(const nir::Graph &a, const nir::Graph &b,
                          const std::string &where) {
  if (a.nodes.size() != b.nodes.size())
    return AssertionFailure() << where << ": " << a.nodes.size() << " vs "
                              << b.nodes.size() << " nodes";
  for (size_t i = 0; i < a.nodes.size(); ++i) {
    const nir::Node &x = a.nodes[i], &y = b.nodes[i];
    std::string at = where + "/" + x.name;
    if (x.name != y.name || x.type != y.type)
      return AssertionFailure()
             << at << ": node " << i << " is " << x.name << ":" << x.type
             << " vs " << y.name << ":" << y.type;
    if (auto r = sameParams(x.params, y.params, at); !r)
      return r;
    if (auto r = sameParams(x.metadata, y.metadata, at + "/metadata"); !r)
      return r;
    if (bool(x.subgraph) != bool(y.subgraph))
      return AssertionFailure() << at << ": subgraph present on one side";
    if (x.subgraph)
      if (auto r = sameGraph(*x.subgraph, *y.subgraph, at); !r)
        return r;
  }
  if (a.edges != b.edges)
    return AssertionFailure() << where << ": edges differ (" << a.edges.size()
                              << " vs " << b.edges.size() << ")";
  return sameParams(a.metadata, b.metadata, where + "/metadata");
}
} // namespace

testing::AssertionResult sameModel(const nir::Model &a, const nir::Model &b) {
  if (a.version != b.version)
    return AssertionFailure() << "version " << a.version << " vs " << b.version;
  return sameGraph(a.graph, b.graph, "/node");
}

const nir::Node &node(const nir::Graph &g, const std::string &name) {
  static const nir::Node none;
  const nir::Node *n = g.find(name);
  if (!n)
    ADD_FAILURE() << "no node " << name;
  return n ? *n : none;
}

const nir::Param &param(const nir::Node &n, const std::string &key) {
  static const nir::Param none;
  auto it = n.params.find(key);
  if (it == n.params.end()) {
    ADD_FAILURE() << "node " << n.name << " has no param " << key;
    return none;
  }
  return it->second;
}

namespace raw {

hid_t openRW(const std::string &file) {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  hid_t f = H5Fopen(file.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
  EXPECT_GE(f, 0) << "open " << file;
  return f;
}

void unlink(hid_t file, const std::string &path) {
  if (H5Lexists(file, path.c_str(), H5P_DEFAULT) > 0) {
    EXPECT_GE(H5Ldelete(file, path.c_str(), H5P_DEFAULT), 0) << path;
  }
}

void put(hid_t file, const std::string &path, hid_t fileType, hid_t memType,
         const std::vector<hsize_t> &dims, const void *data) {
  unlink(file, path);
  hid_t space = dims.empty()
                    ? H5Screate(H5S_SCALAR)
                    : H5Screate_simple(int(dims.size()), dims.data(), nullptr);
  hid_t ds = H5Dcreate2(file, path.c_str(), fileType, space, H5P_DEFAULT,
                        H5P_DEFAULT, H5P_DEFAULT);
  ASSERT_GE(ds, 0) << "create " << path;
  hssize_t n = H5Sget_select_npoints(space);
  if (n > 0) {
    EXPECT_GE(H5Dwrite(ds, memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, data), 0);
  }
  H5Dclose(ds);
  H5Sclose(space);
}

void putF64(hid_t file, const std::string &path,
            const std::vector<hsize_t> &dims, const std::vector<double> &v) {
  put(file, path, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, dims, v.data());
}

void putI64(hid_t file, const std::string &path,
            const std::vector<hsize_t> &dims, const std::vector<int64_t> &v) {
  put(file, path, H5T_STD_I64LE, H5T_NATIVE_INT64, dims, v.data());
}

void putI32(hid_t file, const std::string &path,
            const std::vector<hsize_t> &dims, const std::vector<int32_t> &v) {
  put(file, path, H5T_STD_I32LE, H5T_NATIVE_INT32, dims, v.data());
}

void putVlenStrings(hid_t file, const std::string &path,
                    const std::vector<hsize_t> &dims,
                    const std::vector<std::string> &v) {
  hid_t t = H5Tcopy(H5T_C_S1);
  H5Tset_size(t, H5T_VARIABLE);
  H5Tset_cset(t, H5T_CSET_UTF8);
  std::vector<const char *> ptrs;
  for (const std::string &s : v)
    ptrs.push_back(s.c_str());
  put(file, path, t, t, dims, ptrs.data());
  H5Tclose(t);
}

void putFixedStrings(hid_t file, const std::string &path,
                     const std::vector<hsize_t> &dims,
                     const std::vector<std::string> &v, size_t width) {
  hid_t t = H5Tcopy(H5T_C_S1);
  H5Tset_size(t, width);
  H5Tset_strpad(t, H5T_STR_NULLPAD);
  std::vector<char> buf(width * v.size(), '\0');
  for (size_t i = 0; i < v.size(); ++i)
    v[i].copy(buf.data() + i * width, std::min(width, v[i].size()));
  put(file, path, t, t, dims, buf.data());
  H5Tclose(t);
}

DatasetFacts facts(const std::string &file, const std::string &path) {
  DatasetFacts f;
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  hid_t fid = H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  hid_t ds = fid >= 0 ? H5Dopen2(fid, path.c_str(), H5P_DEFAULT) : -1;
  if (ds < 0) {
    ADD_FAILURE() << "cannot open " << file << ":" << path;
    if (fid >= 0)
      H5Fclose(fid);
    return f;
  }
  hid_t t = H5Dget_type(ds);
  f.cls = H5Tget_class(t);
  f.size = H5Tget_size(t);
  f.vlen = H5Tis_variable_str(t) > 0;
  if (f.cls == H5T_STRING)
    f.cset = H5Tget_cset(t);
  hid_t s = H5Dget_space(ds);
  f.scalar = H5Sget_simple_extent_type(s) == H5S_SCALAR;
  f.dims.resize(size_t(H5Sget_simple_extent_ndims(s)));
  H5Sget_simple_extent_dims(s, f.dims.data(), nullptr);
  hid_t dcpl = H5Dget_create_plist(ds);
  f.layout = H5Pget_layout(dcpl);
  if (f.layout == H5D_CHUNKED) {
    f.chunk.resize(f.dims.size());
    H5Pget_chunk(dcpl, int(f.chunk.size()), f.chunk.data());
  }
  for (int i = 0, n = H5Pget_nfilters(dcpl); i < n; ++i) {
    unsigned flags = 0, values[4] = {0, 0, 0, 0};
    size_t nvalues = 4;
    if (H5Pget_filter2(dcpl, unsigned(i), &flags, &nvalues, values, 0, nullptr,
                       nullptr) == H5Z_FILTER_DEFLATE) {
      f.deflate = true;
      f.deflateLevel = nvalues > 0 ? values[0] : 0;
    }
  }
  H5Pclose(dcpl);
  H5Sclose(s);
  H5Tclose(t);
  H5Dclose(ds);
  H5Fclose(fid);
  return f;
}

} // namespace raw
} // namespace nmc::test
