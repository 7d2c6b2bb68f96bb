//===- ImageIOTest.cpp - Reference-engine image files ---------------------===//
#include "TestSupport.h"
#include <filesystem>

#include "nmc/Emulator/ImageIO.h"
#include "nmc/Image/OpenImage.h"

using namespace nmc;
using namespace nmc::test;

namespace {

/// input(2) -> affine(2->3) -> neuron(3), with a delayed recurrent edge
/// neuron -> affine.
image::Image threeNodes() {
  image::Image img;
  img.dt = 1e-4;
  img.method = "euler";
  img.resetMode = "value";
  img.source = "examples/tiny.nir";
  image::Node in;
  in.name = "input";
  in.kind = "input";
  in.inShape = {2};
  in.outShape = {2};
  image::Node aff;
  aff.name = "rec.w";
  aff.kind = "affine";
  aff.inShape = {2};
  aff.outShape = {3};
  aff.inputs = {{0, false}, {2, true}};
  aff.f["weight"] = {1, 2, 3, 4, 5, 6};
  aff.f["bias"] = {0.5, 0, -0.5};
  image::Node lif;
  lif.name = "rec.lif";
  lif.kind = "neuron";
  lif.inShape = {3};
  lif.outShape = {3};
  lif.inputs = {{1, false}};
  for (const char *coef : image::keys::kCoefs)
    lif.f[coef] = {0, 0, 0};
  lif.f["v_threshold"] = {1, 1, 1};
  lif.f["c_mem_0"] = {}; // empty arrays survive too
  lif.i["has_syn"] = {0};
  lif.i["spiking"] = {1};
  lif.i["reset_subtract"] = {0};
  lif.s["neuron_type"] = "LIF";
  image::Node out;
  out.name = "out";
  out.kind = "output";
  out.inShape = {3};
  out.outShape = {3};
  out.inputs = {{2, false}};
  img.nodes = {in, aff, lif, out};
  return img;
}

void expectSame(const image::Image &a, const image::Image &b) {
  EXPECT_EQ(a.target, b.target);
  EXPECT_EQ(a.numberFormat, b.numberFormat);
  EXPECT_EQ(a.dt, b.dt);
  EXPECT_EQ(a.method, b.method);
  EXPECT_EQ(a.resetMode, b.resetMode);
  EXPECT_EQ(a.source, b.source);
  EXPECT_EQ(a.numberFormat, b.numberFormat);
  ASSERT_EQ(a.nodes.size(), b.nodes.size());
  for (size_t k = 0; k < a.nodes.size(); ++k) {
    const image::Node &x = a.nodes[k], &y = b.nodes[k];
    EXPECT_EQ(x.name, y.name) << k;
    EXPECT_EQ(x.kind, y.kind) << k;
    EXPECT_EQ(x.inShape, y.inShape) << k;
    EXPECT_EQ(x.outShape, y.outShape) << k;
    ASSERT_EQ(x.inputs.size(), y.inputs.size()) << k;
    for (size_t i = 0; i < x.inputs.size(); ++i) {
      EXPECT_EQ(x.inputs[i].source, y.inputs[i].source) << k;
      EXPECT_EQ(x.inputs[i].delayed, y.inputs[i].delayed) << k;
    }
    EXPECT_EQ(x.f, y.f) << k;
    EXPECT_EQ(x.i, y.i) << k;
    EXPECT_EQ(x.s, y.s) << k;
  }
}

std::string writeOrFail(const TempDir &tmp, const image::Image &img) {
  std::string path = tmp.file("img.h5"), error;
  EXPECT_TRUE(image::writeImage(path, img, error)) << error;
  return path;
}

} // namespace

TEST(ImageIO, RoundTrip) {
  TempDir tmp;
  image::Image img = threeNodes();
  img.numberFormat = "s16.15";
  std::string path = writeOrFail(tmp, img), error;
  image::Image back;
  ASSERT_TRUE(image::readImage(path, back, error)) << error;
  expectSame(img, back);
}

TEST(ImageIO, ArraysKeepTheirElementType) {
  // float32 weights and int16 / int32 indices are written and read back in
  // their own type: small (plain datasets) and large (one gzip chunk, which
  // the reader inflates in place).
  for (size_t n : {size_t(4), size_t(5000)}) {
    TempDir tmp;
    image::Image img = threeNodes();
    std::vector<float> w(6);
    for (size_t k = 0; k < w.size(); ++k)
      w[k] = 0.1f * float(k) - 0.25f; // not exact in binary: float32 bits
    img.nodes[1].f["weight"] = FloatArray::owning(w);
    std::vector<int16_t> steps(n);
    std::vector<int32_t> wide(n);
    for (size_t k = 0; k < n; ++k) {
      steps[k] = int16_t(k % 30000);
      wide[k] = int32_t(k * 40000 + 7);
    }
    image::Node delay;
    delay.name = "d";
    delay.kind = "delay";
    delay.inShape = delay.outShape = {int64_t(n)};
    delay.inputs = {{0, false}};
    delay.i["steps"] = IntArray::owning(steps);
    image::Node scale;
    scale.name = "s";
    scale.kind = "sparse_affine";
    scale.inShape = {1};
    scale.outShape = {int64_t(n) * 40000 + 8};
    scale.inputs = {{0, false}};
    scale.i["indptr"] = IntArray::owning(std::vector<int32_t>{0, int32_t(n)});
    scale.i["indices"] = IntArray::owning(wide);
    scale.f["weight"] = std::vector<double>(n, 0.5);
    img.nodes.push_back(delay);
    img.nodes.push_back(scale);
    std::string path = writeOrFail(tmp, img), error;
    image::Image back;
    ASSERT_TRUE(image::readImage(path, back, error)) << error;
    const FloatArray &bw = back.nodes[1].f.at("weight");
    ASSERT_EQ(bw.dtype(), DType::F32);
    EXPECT_TRUE(std::equal(w.begin(), w.end(), bw.data<float>()));
    const size_t d = back.nodes.size() - 2, sp = back.nodes.size() - 1;
    const IntArray &bs = back.nodes[d].i.at("steps");
    ASSERT_EQ(bs.dtype(), DType::I16);
    EXPECT_TRUE(std::equal(steps.begin(), steps.end(), bs.data<int16_t>()));
    const IntArray &bi = back.nodes[sp].i.at("indices");
    ASSERT_EQ(bi.dtype(), DType::I32);
    EXPECT_TRUE(std::equal(wide.begin(), wide.end(), bi.data<int32_t>()));
    EXPECT_EQ(back.nodes[sp].f.at("weight").dtype(), DType::F64);
    EXPECT_EQ(back.nodes[sp].f.at("weight"), std::vector<double>(n, 0.5));
  }
}

TEST(ImageIO, HeaderNamesInputsAndOutputs) {
  TempDir tmp;
  std::string path = writeOrFail(tmp, threeNodes());
  image::LoadedImage loaded = image::openImage(path);
  const image::Header &h = loaded.header;
  EXPECT_EQ(h.format, "nmc-reference-image");
  EXPECT_EQ(h.version, image::kFormatVersion);
  EXPECT_EQ(h.target, "reference");
  EXPECT_EQ(h.dt, 1e-4);
  EXPECT_EQ(h.source, "examples/tiny.nir");
  ASSERT_EQ(h.inputs.size(), 1u);
  EXPECT_EQ(h.inputs[0].name, "input");
  EXPECT_EQ(h.inputs[0].size, 2);
  ASSERT_EQ(h.outputs.size(), 1u);
  EXPECT_EQ(h.outputs[0].name, "out");
  EXPECT_EQ(h.outputs[0].size, 3);
  ASSERT_NE(loaded.as<image::ReferencePayload>(), nullptr);
  EXPECT_EQ(loaded.as<image::ReferencePayload>()->image.nodes.size(), 4u);
}

TEST(ImageIO, SchemaRefusesMissingAndUnknownArrays) {
  TempDir tmp;
  std::string error;
  image::Image noWeight = threeNodes();
  noWeight.nodes[1].f.erase("weight");
  EXPECT_FALSE(image::writeImage(tmp.file("a.h5"), noWeight, error));
  EXPECT_NE(error.find("/nodes[1 'rec.w']/weight: missing float array of "
                       "kind 'affine'"),
            std::string::npos)
      << error;
  image::Image extra = threeNodes();
  extra.nodes[2].i["gain"] = {1};
  EXPECT_FALSE(image::writeImage(tmp.file("b.h5"), extra, error));
  EXPECT_NE(error.find("/nodes[2 'rec.lif']/gain: kind 'neuron' has no array "
                       "'gain'"),
            std::string::npos)
      << error;
  image::Image wrongClass = threeNodes();
  wrongClass.nodes[2].i.erase("spiking");
  wrongClass.nodes[2].f["spiking"] = {1};
  EXPECT_FALSE(image::writeImage(tmp.file("c.h5"), wrongClass, error));
  EXPECT_NE(error.find("spiking: missing integer array"), std::string::npos)
      << error;
  image::Image unknownKind = threeNodes();
  unknownKind.nodes[1].kind = "dense";
  EXPECT_FALSE(image::writeImage(tmp.file("d.h5"), unknownKind, error));
  EXPECT_NE(error.find("unknown kind 'dense' (known: input, output"),
            std::string::npos)
      << error;

  // The reader checks the same table: the file's first array entry (the
  // affine's bias; map order) moved to the input node.
  std::string path = writeOrFail(tmp, threeNodes());
  hid_t f = raw::openRW(path);
  // Entries: rec.w's bias and weight, then rec.lif's 8 coefficients and 3
  // flags.
  std::vector<int64_t> owners = {0, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2};
  raw::putI64(f, "/nodes/array_node", {owners.size()}, owners);
  H5Fclose(f);
  image::Image back;
  EXPECT_FALSE(image::readImage(path, back, error));
  EXPECT_NE(error.find("/nodes[0 'input']/bias: kind 'input' has no array "
                       "'bias'"),
            std::string::npos)
      << error;
}

TEST(ImageIO, UnknownFormatIsRefused) {
  TempDir tmp;
  std::string path = writeOrFail(tmp, threeNodes());
  hid_t f = raw::openRW(path);
  H5Adelete(f, "format");
  std::string error;
  EXPECT_TRUE(h5::writeAttribute(f, "format", std::string("nmc-photonic-image"),
                                 error));
  H5Fclose(f);
  try {
    image::openImage(path);
    FAIL() << "expected an error";
  } catch (const std::runtime_error &e) {
    EXPECT_EQ(std::string(e.what()),
              path + ": unknown image format 'nmc-photonic-image' (this nmc "
                     "reads: nmc-reference-image, nmc-xbar-image, "
                     "nmc-spinnaker-image)");
  }
}

TEST(ImageIO, LayoutAsDocumented) {
  TempDir tmp;
  image::Image img = threeNodes();
  img.nodes[1].f["weight"] = std::vector<double>(5000, 0.25); // gzip
  std::string path = writeOrFail(tmp, img);
  hid_t f = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  ASSERT_GE(f, 0);
  int64_t version = 0;
  hid_t a = H5Aopen(f, "format_version", H5P_DEFAULT);
  H5Aread(a, H5T_NATIVE_INT64, &version);
  hid_t t = H5Aget_type(a);
  EXPECT_EQ(H5Tget_class(t), H5T_INTEGER);
  EXPECT_EQ(H5Tget_size(t), 8u);
  H5Tclose(t);
  H5Aclose(a);
  EXPECT_EQ(version, 3);
  for (const char *attr : {"format", "target", "dt", "method", "reset_mode",
                           "number_format", "source"})
    EXPECT_GT(H5Aexists(f, attr), 0) << attr;
  for (const char *g :
       {"/io/input_names", "/io/input_sizes", "/io/output_names",
        "/io/output_sizes", "/nodes/name", "/nodes/kind", "/nodes/in_shape_ptr",
        "/nodes/in_shape", "/nodes/out_shape_ptr", "/nodes/out_shape",
        "/nodes/inputs_ptr", "/nodes/inputs", "/nodes/inputs_delayed",
        "/nodes/array_node", "/nodes/array_name", "/nodes/array_dtype",
        "/nodes/array_offset", "/nodes/array_size", "/nodes/string_node",
        "/nodes/string_name", "/nodes/string_value", "/nodes/values_float32",
        "/nodes/values_float64", "/nodes/values_int16", "/nodes/values_int32",
        "/nodes/values_int64"})
    EXPECT_GT(H5Lexists(f, g, H5P_DEFAULT), 0) << g;
  // No group per node.
  EXPECT_EQ(H5Lexists(f, "/nodes/000000", H5P_DEFAULT), 0);
  H5Fclose(f);
  // Entries in node order, each node's arrays by name: fc's bias (3) and
  // weight (5000: its own dataset, gzip), then the neuron's 8 coefficients
  // (3 each, c_mem_0 empty) and 3 flags. Small float64 arrays are
  // concatenated: bias 3 + a_mem 3 + a_syn 3 + b_syn 3 + c_mem_0 0 +
  // c_mem_in 3 + c_mem_syn 3 + v_reset 3 + v_threshold 3 = 24 values.
  raw::DatasetFacts w = raw::facts(path, "/nodes/array_1");
  EXPECT_EQ(w.layout, H5D_CHUNKED);
  EXPECT_TRUE(w.deflate);
  EXPECT_EQ(w.dims, std::vector<hsize_t>{5000});
  EXPECT_EQ(raw::facts(path, "/nodes/values_float64").dims,
            std::vector<hsize_t>{24});
  EXPECT_EQ(raw::facts(path, "/nodes/values_float64").layout, H5D_CONTIGUOUS);
  EXPECT_EQ(raw::facts(path, "/nodes/inputs_ptr").dims,
            (std::vector<hsize_t>{5}));
  raw::DatasetFacts delayed = raw::facts(path, "/nodes/inputs_delayed");
  EXPECT_EQ(delayed.cls, H5T_INTEGER);
  EXPECT_EQ(delayed.dims, std::vector<hsize_t>{4}); // 2 + 1 + 1 inputs
  EXPECT_TRUE(raw::facts(path, "/nodes/string_value").vlen);
}

TEST(ImageIO, VersionMismatch) {
  TempDir tmp;
  std::string path = writeOrFail(tmp, threeNodes()), error;
  auto setVersion = [&](int64_t v) {
    hid_t f = raw::openRW(path);
    hid_t a = H5Aopen(f, "format_version", H5P_DEFAULT);
    H5Awrite(a, H5T_NATIVE_INT64, &v);
    H5Aclose(a);
    H5Fclose(f);
  };
  image::Image img;
  setVersion(4);
  EXPECT_FALSE(image::readImage(path, img, error));
  EXPECT_EQ(error, path + ": /@format_version: nmc-reference-image version 4 "
                          "was written by a newer nmc; this nmc reads "
                          "version 3");
  setVersion(2);
  EXPECT_FALSE(image::readImage(path, img, error));
  EXPECT_EQ(error, path + ": /@format_version: nmc-reference-image version 2 "
                          "is no longer read by this nmc (it reads version "
                          "3); compile the model again");
}

TEST(ImageIO, WrongFormatName) {
  TempDir tmp;
  image::Image img;
  std::string error;
  EXPECT_FALSE(
      image::readImage(fixture("gen_ff_affine_lif_data.h5"), img, error));
  EXPECT_NE(error.find("not an nmc image (no /@format attribute)"),
            std::string::npos)
      << error;
}

TEST(ImageIO, InputIndexOutOfRange) {
  TempDir tmp;
  std::string path = writeOrFail(tmp, threeNodes()), error;
  hid_t f = raw::openRW(path);
  // Node 1's inputs are entries 0 and 1 of the column (0 then 2).
  raw::putI64(f, "/nodes/inputs", {4}, {0, 7, 1, 2});
  H5Fclose(f);
  image::Image img;
  EXPECT_FALSE(image::readImage(path, img, error));
  EXPECT_NE(error.find("/nodes[1 'rec.w']/inputs: input 1 refers to node 7, "
                       "but the image has 4 nodes"),
            std::string::npos)
      << error;
}

TEST(ImageIO, NonDelayedInputMustPrecede) {
  TempDir tmp;
  std::string path = writeOrFail(tmp, threeNodes()), error;
  hid_t f = raw::openRW(path);
  raw::putI64(f, "/nodes/inputs_delayed", {4}, {0, 0, 0, 0});
  H5Fclose(f);
  image::Image img;
  EXPECT_FALSE(image::readImage(path, img, error));
  EXPECT_NE(error.find("/nodes[1 'rec.w']/inputs: non-delayed input 1 from "
                       "node 2"),
            std::string::npos)
      << error;

  // The writer refuses the same image rather than write an unreadable file.
  image::Image bad = threeNodes();
  bad.nodes[1].inputs[1].delayed = false;
  EXPECT_FALSE(image::writeImage(tmp.file("bad.h5"), bad, error));
  EXPECT_NE(error.find("does not precede node 1"), std::string::npos) << error;
}

// Every column of /nodes is checked against the others before a node is
// built: a hostile table gets a message naming the dataset, never a read
// out of bounds.
TEST(ImageIO, CorruptNodeTablesAreRefusedByName) {
  struct Case {
    const char *dataset;
    std::vector<int64_t> values;
    const char *message;
  };
  // threeNodes: 4 nodes, 13 array entries, 4 inputs, shapes of 1 dim each.
  const std::vector<Case> cases = {
      {"/nodes/in_shape_ptr", {0, 1, 2, 3}, "/nodes/in_shape_ptr: 4 entries, "
                                            "expected 5"},
      {"/nodes/in_shape_ptr", {1, 1, 2, 3, 4}, "must start at 0, got 1"},
      {"/nodes/out_shape_ptr", {0, 2, 1, 3, 4}, "decreases at entry 2"},
      {"/nodes/inputs_ptr", {0, 0, 2, 3, 9},
       "/nodes/inputs_ptr: ends at 9 but its values have 4 entries"},
      {"/nodes/inputs_delayed", {0, 2, 0, 0}, "entry 1: expected 0 or 1, got 2"},
      {"/nodes/array_node",
       {0, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 4},
       "/nodes/array_node: entry 12 names node 4 of 4"},
      {"/nodes/array_dtype",
       {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 4, 4, 9},
       "/nodes/array_dtype: entry 12"},
      {"/nodes/array_offset",
       {0, 3, 6, 9, 12, 15, 15, 18, 21, 0, 1, 2, 9223372036854775807},
       "/nodes/array_offset: entry 12"},
      {"/nodes/array_size", {3, 6, 3, 3, 3, 0, 3, 3, 3, 3, 1, 1, -1},
       "/nodes/array_size: entry 12"},
  };
  for (const Case &c : cases) {
    TempDir tmp;
    std::string path = writeOrFail(tmp, threeNodes()), error;
    hid_t f = raw::openRW(path);
    raw::putI64(f, c.dataset, {c.values.size()}, c.values);
    H5Fclose(f);
    image::Image img;
    EXPECT_FALSE(image::readImage(path, img, error)) << c.dataset;
    EXPECT_NE(error.find(c.message), std::string::npos)
        << c.dataset << ": " << error;
  }
}

// Reading a node table needs a handful of datasets whatever the node
// count: a 20,000-node chain round-trips (it took minutes with a group per
// node, and 5 KB a node).
TEST(ImageIO, ManyNodesRoundTrip) {
  constexpr int kNodes = 20000;
  image::Image img = threeNodes();
  img.nodes.resize(1); // the input
  for (int k = 1; k <= kNodes; ++k) {
    image::Node s;
    s.name = "s" + std::to_string(k);
    s.kind = "scale";
    s.inShape = s.outShape = {2};
    s.inputs = {{uint32_t(k - 1), false}};
    s.f["scale"] = {double(k), 0.5};
    img.nodes.push_back(s);
  }
  image::Node out = threeNodes().nodes.back();
  out.inShape = out.outShape = {2};
  out.inputs = {{uint32_t(kNodes), false}};
  img.nodes.push_back(out);
  TempDir tmp;
  std::string path = writeOrFail(tmp, img), error;
  image::Image back;
  ASSERT_TRUE(image::readImage(path, back, error)) << error;
  expectSame(img, back);
  // ~220 B a node (two names, two kinds as strings, 9 integers, 2 values).
  EXPECT_LT(std::filesystem::file_size(path), 400u * kNodes);
}
