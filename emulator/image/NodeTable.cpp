//===- NodeTable.cpp - The reference payload's nodes as columns ----------===//
//
// Format version 3 stores /nodes as a handful of column datasets instead of
// one HDF5 group per node: creating and opening 10^5 groups took minutes
// (libhdf5 spends ~0.3 ms and ~5 KB per group), a column costs one dataset
// whatever the node count. Small arrays of every node are concatenated per
// element type; arrays of kPackMax or more elements keep a dataset of their
// own (no copy into a concatenation, gzip as before). Layout and checks:
// docs/image-format.md.
//===----------------------------------------------------------------------===//
#include "ImageInternal.h"

#include <limits>
#include <memory>

namespace nmc::image::detail {

namespace {

/// Arrays with at least this many elements get their own dataset.
constexpr size_t kPackMax = 4096;
constexpr int64_t kNoOffset = -1;
constexpr int kNumDTypes = 5;

/// Column names, written and read here only.
namespace col {
constexpr const char *kName = "name", *kKind = "kind",
                     *kInShapePtr = "in_shape_ptr", *kInShape = "in_shape",
                     *kOutShapePtr = "out_shape_ptr",
                     *kOutShape = "out_shape", *kInputsPtr = "inputs_ptr",
                     *kInputs = "inputs", *kDelayed = "inputs_delayed",
                     *kArrayNode = "array_node", *kArrayName = "array_name",
                     *kArrayDType = "array_dtype",
                     *kArrayOffset = "array_offset",
                     *kArraySize = "array_size", *kStringNode = "string_node",
                     *kStringName = "string_name",
                     *kStringValue = "string_value";
/// Concatenated small arrays, one dataset per element type (DType order).
constexpr const char *kValues[kNumDTypes] = {
    "values_float32", "values_float64", "values_int16", "values_int32",
    "values_int64"};
} // namespace col

std::string bigArrayName(size_t entry) {
  return "array_" + std::to_string(entry);
}

/// Appends the elements of `a` to the concatenation of their type.
struct Concatenation {
  std::vector<float> f32;
  std::vector<double> f64;
  std::vector<int16_t> i16;
  std::vector<int32_t> i32;
  std::vector<int64_t> i64;

  template <class Wide> int64_t append(const NumArray<Wide> &a) {
    return a.visit([&](auto span) -> int64_t {
      auto &dst = target(span);
      int64_t offset = int64_t(dst.size());
      dst.insert(dst.end(), span.begin(), span.end());
      return offset;
    });
  }

private:
  auto &target(std::span<const float>) { return f32; }
  auto &target(std::span<const double>) { return f64; }
  auto &target(std::span<const int16_t>) { return i16; }
  auto &target(std::span<const int32_t>) { return i32; }
  auto &target(std::span<const int64_t>) { return i64; }
};

void appendShape(const std::vector<int64_t> &shape, std::vector<int64_t> &ptr,
                 std::vector<int64_t> &values) {
  values.insert(values.end(), shape.begin(), shape.end());
  ptr.push_back(int64_t(values.size()));
}

} // namespace

bool writeNodeTable(hid_t nodes, const Image &image, std::string &error) {
  std::vector<std::string> names, kinds, arrayName, stringName, stringValue;
  std::vector<int64_t> inShapePtr{0}, inShape, outShapePtr{0}, outShape,
      inputsPtr{0}, inputs, delayed, arrayNode, arrayDType, arrayOffset,
      arraySize, stringNode;
  Concatenation values;
  std::vector<FloatArray> bigFloat;
  std::vector<IntArray> bigInt;

  auto addArray = [&](size_t node, const std::string &key, const auto &a) {
    arrayNode.push_back(int64_t(node));
    arrayName.push_back(key);
    arrayDType.push_back(int64_t(a.dtype()));
    arraySize.push_back(int64_t(a.size()));
    if (a.size() >= kPackMax) {
      arrayOffset.push_back(kNoOffset);
      if constexpr (std::is_same_v<std::decay_t<decltype(a)>, FloatArray>)
        bigFloat.push_back(a);
      else
        bigInt.push_back(a);
    } else {
      arrayOffset.push_back(values.append(a));
    }
  };

  for (size_t k = 0; k < image.nodes.size(); ++k) {
    const Node &node = image.nodes[k];
    std::string field, why;
    if (!checkNode(image, k, field, why) ||
        !checkRecord(referenceSchema(), node, field, why)) {
      error = nodePath(image.nodes, k) + "/" + field + ": " + why;
      return false;
    }
    names.push_back(node.name);
    kinds.push_back(node.kind);
    appendShape(node.inShape, inShapePtr, inShape);
    appendShape(node.outShape, outShapePtr, outShape);
    for (const InputEdge &in : node.inputs) {
      inputs.push_back(in.source);
      delayed.push_back(in.delayed ? 1 : 0);
    }
    inputsPtr.push_back(int64_t(inputs.size()));
    for (const auto &[key, a] : node.f)
      addArray(k, key, a);
    for (const auto &[key, a] : node.i)
      addArray(k, key, a);
    for (const auto &[key, s] : node.s) {
      stringNode.push_back(int64_t(k));
      stringName.push_back(key);
      stringValue.push_back(s);
    }
  }

  auto ints = [&](const char *name, const std::vector<int64_t> &v) {
    return writeVector(nodes, name, v, error);
  };
  auto strings = [&](const char *name, const std::vector<std::string> &v) {
    return h5::writeStrings(nodes, name, {int64_t(v.size())}, v, error);
  };
  auto packed = [&](const char *name, auto &&v) {
    using T = typename std::decay_t<decltype(v)>::value_type;
    bool compress = v.size() >= kCompressMin;
    if constexpr (std::is_floating_point_v<T>)
      return h5::writeArray(nodes, name, FloatArray::owning(std::move(v)),
                            compress, error);
    else
      return h5::writeArray(nodes, name, IntArray::owning(std::move(v)),
                            compress, error);
  };
  if (!strings(col::kName, names) || !strings(col::kKind, kinds) ||
      !ints(col::kInShapePtr, inShapePtr) || !ints(col::kInShape, inShape) ||
      !ints(col::kOutShapePtr, outShapePtr) ||
      !ints(col::kOutShape, outShape) || !ints(col::kInputsPtr, inputsPtr) ||
      !ints(col::kInputs, inputs) || !ints(col::kDelayed, delayed) ||
      !ints(col::kArrayNode, arrayNode) ||
      !strings(col::kArrayName, arrayName) ||
      !ints(col::kArrayDType, arrayDType) ||
      !ints(col::kArrayOffset, arrayOffset) ||
      !ints(col::kArraySize, arraySize) ||
      !ints(col::kStringNode, stringNode) ||
      !strings(col::kStringName, stringName) ||
      !strings(col::kStringValue, stringValue) ||
      !packed(col::kValues[0], std::move(values.f32)) ||
      !packed(col::kValues[1], std::move(values.f64)) ||
      !packed(col::kValues[2], std::move(values.i16)) ||
      !packed(col::kValues[3], std::move(values.i32)) ||
      !packed(col::kValues[4], std::move(values.i64)))
    return false;
  // Big arrays, in entry order: float entries and int entries interleave in
  // the table, so walk it again.
  size_t nextFloat = 0, nextInt = 0;
  for (size_t e = 0; e < arrayOffset.size(); ++e) {
    if (arrayOffset[e] != kNoOffset)
      continue;
    const bool isFloat = arrayDType[e] == int64_t(DType::F32) ||
                         arrayDType[e] == int64_t(DType::F64);
    const bool ok =
        isFloat ? h5::writeArray(nodes, bigArrayName(e), bigFloat[nextFloat++],
                                 true, error)
                : h5::writeArray(nodes, bigArrayName(e), bigInt[nextInt++],
                                 true, error);
    if (!ok)
      return false;
  }
  return true;
}

namespace {

/// Reads the column datasets and checks their consistency; every message
/// names the dataset at fault.
class TableReader {
public:
  TableReader(hid_t nodes, std::string &error) : nodes_(nodes), error_(error) {}

  bool strings(const char *name, std::vector<std::string> &out) {
    h5::Dataset ds = h5::openDataset(nodes_, name, error_);
    return ds && h5::readStrings(ds.get(), out, error_);
  }
  bool ints(const char *name, std::vector<int64_t> &out) {
    return readVector(nodes_, name, out, error_);
  }
  bool fail(const std::string &dataset, const std::string &why) {
    error_ = "/nodes/" + dataset + ": " + why;
    return false;
  }
  bool sized(const char *name, size_t have, size_t want) {
    return have == want ||
           fail(name, std::to_string(have) + " entries, expected " +
                          std::to_string(want));
  }
  /// ptr: n+1 offsets from 0, non-decreasing, ending at values.size().
  bool offsets(const char *ptrName, const std::vector<int64_t> &ptr,
               size_t nodes, size_t values) {
    if (!sized(ptrName, ptr.size(), nodes + 1))
      return false;
    if (ptr[0] != 0)
      return fail(ptrName, "must start at 0, got " + std::to_string(ptr[0]));
    for (size_t k = 1; k < ptr.size(); ++k)
      if (ptr[k] < ptr[k - 1])
        return fail(ptrName, "decreases at entry " + std::to_string(k));
    if (uint64_t(ptr.back()) != values)
      return fail(ptrName, "ends at " + std::to_string(ptr.back()) +
                               " but its values have " +
                               std::to_string(values) + " entries");
    return true;
  }
  bool nodeIndex(const char *name, const std::vector<int64_t> &v,
                 size_t nodes) {
    for (size_t e = 0; e < v.size(); ++e)
      if (v[e] < 0 || uint64_t(v[e]) >= nodes)
        return fail(name, "entry " + std::to_string(e) + " names node " +
                              std::to_string(v[e]) + " of " +
                              std::to_string(nodes));
    return true;
  }

private:
  hid_t nodes_;
  std::string &error_;
};

/// A slice of a concatenation, sharing its storage.
template <class Wide>
NumArray<Wide> slice(const std::shared_ptr<const NumArray<Wide>> &all,
                     size_t offset, size_t size) {
  return all->visit([&](auto span) {
    return NumArray<Wide>::view(span.data() + offset, size, all);
  });
}

} // namespace

bool readNodeTable(hid_t nodes, Image &image, std::string &error) {
  TableReader t(nodes, error);
  std::vector<std::string> names, kinds, arrayName, stringName, stringValue;
  std::vector<int64_t> inShapePtr, inShape, outShapePtr, outShape, inputsPtr,
      inputs, delayed, arrayNode, arrayDType, arrayOffset, arraySize,
      stringNode;
  if (!t.strings(col::kName, names) || !t.strings(col::kKind, kinds) ||
      !t.ints(col::kInShapePtr, inShapePtr) || !t.ints(col::kInShape, inShape) ||
      !t.ints(col::kOutShapePtr, outShapePtr) ||
      !t.ints(col::kOutShape, outShape) ||
      !t.ints(col::kInputsPtr, inputsPtr) || !t.ints(col::kInputs, inputs) ||
      !t.ints(col::kDelayed, delayed) || !t.ints(col::kArrayNode, arrayNode) ||
      !t.strings(col::kArrayName, arrayName) ||
      !t.ints(col::kArrayDType, arrayDType) ||
      !t.ints(col::kArrayOffset, arrayOffset) ||
      !t.ints(col::kArraySize, arraySize) ||
      !t.ints(col::kStringNode, stringNode) ||
      !t.strings(col::kStringName, stringName) ||
      !t.strings(col::kStringValue, stringValue))
    return false;
  const size_t n = names.size();
  const size_t arrays = arrayNode.size(), strs = stringNode.size();
  if (!t.sized(col::kKind, kinds.size(), n) ||
      !t.offsets(col::kInShapePtr, inShapePtr, n, inShape.size()) ||
      !t.offsets(col::kOutShapePtr, outShapePtr, n, outShape.size()) ||
      !t.offsets(col::kInputsPtr, inputsPtr, n, inputs.size()) ||
      !t.sized(col::kDelayed, delayed.size(), inputs.size()) ||
      !t.sized(col::kArrayName, arrayName.size(), arrays) ||
      !t.sized(col::kArrayDType, arrayDType.size(), arrays) ||
      !t.sized(col::kArrayOffset, arrayOffset.size(), arrays) ||
      !t.sized(col::kArraySize, arraySize.size(), arrays) ||
      !t.nodeIndex(col::kArrayNode, arrayNode, n) ||
      !t.sized(col::kStringName, stringName.size(), strs) ||
      !t.sized(col::kStringValue, stringValue.size(), strs) ||
      !t.nodeIndex(col::kStringNode, stringNode, n))
    return false;

  // The concatenations, each shared by the arrays that slice it.
  std::shared_ptr<const FloatArray> floats[2];
  std::shared_ptr<const IntArray> ints[3];
  for (int d = 0; d < kNumDTypes; ++d) {
    h5::Dataset ds = h5::openDataset(nodes, col::kValues[d], error);
    if (!ds)
      return false;
    const DType want = DType(d);
    bool ok;
    DType got;
    if (d < 2) {
      auto a = std::make_shared<FloatArray>();
      ok = h5::readArray(ds.get(), *a, error);
      got = a->dtype();
      floats[d] = a;
    } else {
      auto a = std::make_shared<IntArray>();
      ok = h5::readArray(ds.get(), *a, error);
      got = a->dtype();
      ints[d - 2] = a;
    }
    if (!ok)
      return false;
    const size_t size = d < 2 ? floats[d]->size() : ints[d - 2]->size();
    if (size > 0 && got != want)
      return t.fail(col::kValues[d], std::string("expected ") + nameOf(want) +
                                         ", found " + nameOf(got));
  }

  image.nodes.assign(n, Node());
  for (size_t k = 0; k < n; ++k) {
    Node &node = image.nodes[k];
    node.name = std::move(names[k]);
    node.kind = std::move(kinds[k]);
    node.inShape.assign(inShape.begin() + inShapePtr[k],
                        inShape.begin() + inShapePtr[k + 1]);
    node.outShape.assign(outShape.begin() + outShapePtr[k],
                         outShape.begin() + outShapePtr[k + 1]);
    for (int64_t e = inputsPtr[k]; e < inputsPtr[k + 1]; ++e) {
      if (inputs[e] < 0 || inputs[e] > std::numeric_limits<uint32_t>::max())
        return t.fail(col::kInputs, "entry " + std::to_string(e) +
                                        ": invalid node index " +
                                        std::to_string(inputs[e]));
      if (delayed[e] != 0 && delayed[e] != 1)
        return t.fail(col::kDelayed, "entry " + std::to_string(e) +
                                         ": expected 0 or 1, got " +
                                         std::to_string(delayed[e]));
      node.inputs.push_back({uint32_t(inputs[e]), delayed[e] == 1});
    }
  }

  for (size_t e = 0; e < arrays; ++e) {
    Node &node = image.nodes[size_t(arrayNode[e])];
    const std::string &key = arrayName[e];
    const std::string where = "entry " + std::to_string(e) + " (" +
                              nodePath(image.nodes, size_t(arrayNode[e])) +
                              "/" + key + ")";
    if (!isValidKey(key) || node.f.count(key) || node.i.count(key))
      return t.fail(col::kArrayName,
                    where + ": empty, invalid or repeated array name");
    if (arrayDType[e] < 0 || arrayDType[e] >= kNumDTypes)
      return t.fail(col::kArrayDType, where + ": unknown element type " +
                                          std::to_string(arrayDType[e]));
    const DType dtype = DType(arrayDType[e]);
    const bool isFloat = dtype == DType::F32 || dtype == DType::F64;
    const int64_t size = arraySize[e], offset = arrayOffset[e];
    if (size < 0)
      return t.fail(col::kArraySize,
                    where + ": negative size " + std::to_string(size));
    if (offset == kNoOffset) {
      // Its own dataset, read in its stored type.
      h5::Dataset ds = h5::openDataset(nodes, bigArrayName(e), error);
      if (!ds)
        return false;
      bool ok = isFloat ? h5::readArray(ds.get(), node.f[key], error)
                        : h5::readArray(ds.get(), node.i[key], error);
      if (!ok)
        return false;
      const size_t got = isFloat ? node.f[key].size() : node.i[key].size();
      if (got != uint64_t(size))
        return t.fail(bigArrayName(e), std::to_string(got) +
                                           " elements, the table says " +
                                           std::to_string(size));
      continue;
    }
    const int d = int(dtype);
    const size_t total = d < 2 ? floats[d]->size() : ints[d - 2]->size();
    // offset + size <= total, without overflow.
    if (offset < 0 || uint64_t(offset) > total ||
        uint64_t(size) > total - uint64_t(offset))
      return t.fail(col::kArrayOffset,
                    where + ": elements [" + std::to_string(offset) + ", +" +
                        std::to_string(size) + ") outside " +
                        col::kValues[d] + " (" + std::to_string(total) + ")");
    if (isFloat)
      node.f[key] = slice(floats[d], size_t(offset), size_t(size));
    else
      node.i[key] = slice(ints[d - 2], size_t(offset), size_t(size));
  }
  for (size_t e = 0; e < strs; ++e) {
    Node &node = image.nodes[size_t(stringNode[e])];
    if (!isValidKey(stringName[e]) || node.s.count(stringName[e]))
      return t.fail(col::kStringName, "entry " + std::to_string(e) +
                                          ": empty, invalid or repeated name");
    node.s[stringName[e]] = std::move(stringValue[e]);
  }

  for (size_t k = 0; k < n; ++k) {
    std::string field, why;
    if (!checkRecord(referenceSchema(), image.nodes[k], field, why) ||
        !checkNode(image, k, field, why)) {
      error = nodePath(image.nodes, k) + "/" + (field.empty() ? "kind" : field) +
              ": " + why;
      return false;
    }
  }
  return true;
}

std::string nodePath(const std::vector<Node> &nodes, size_t index) {
  return "/nodes[" + std::to_string(index) + " '" + nodes[index].name + "']";
}

} // namespace nmc::image::detail
