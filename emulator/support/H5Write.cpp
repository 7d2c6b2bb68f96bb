//===- H5Write.cpp - Write numeric and string datasets --------------------===//
#include "H5Internal.h"

#include <algorithm>
#include <limits>

namespace nmc::h5 {

/// HDF5 caps a chunk at 4 GiB; stay well below it.
static constexpr uint64_t kMaxChunkBytes = uint64_t(1) << 30;

static hid_t fileTypeId(FileType t) {
  switch (t) {
  case FileType::F32:
    return H5T_IEEE_F32LE;
  case FileType::F64:
    return H5T_IEEE_F64LE;
  case FileType::I64:
    return H5T_STD_I64LE;
  case FileType::I32:
    return H5T_STD_I32LE;
  case FileType::I16:
    return H5T_STD_I16LE;
  }
  return H5T_IEEE_F64LE;
}

/// Element count of `shape`, or -1 if it is negative or too large.
static int64_t countOf(const std::vector<int64_t> &shape) {
  int64_t n = 1;
  for (int64_t d : shape) {
    if (d < 0 || (d != 0 && n > std::numeric_limits<int64_t>::max() / d))
      return -1;
    n *= d;
  }
  return n;
}

static Dataspace makeSpace(const std::vector<int64_t> &shape) {
  if (shape.empty())
    return Dataspace(H5Screate(H5S_SCALAR));
  std::vector<hsize_t> dims(shape.begin(), shape.end());
  return Dataspace(H5Screate_simple(int(dims.size()), dims.data(), nullptr));
}

/// Creation properties: chunk = whole array (halving the largest dimension
/// while above kMaxChunkBytes) + gzip 4, as nir >= 1.0.8 writes arrays.
static PropList makeCreateProps(const std::vector<int64_t> &shape,
                                int64_t count, size_t elemSize, bool compress) {
  PropList dcpl(H5Pcreate(H5P_DATASET_CREATE));
  // No modification times: the same content gives the same bytes.
  H5Pset_obj_track_times(dcpl.get(), false);
  if (!compress || shape.empty() || count == 0)
    return dcpl;
  std::vector<hsize_t> chunk(shape.begin(), shape.end());
  auto bytes = [&] {
    uint64_t b = elemSize;
    for (hsize_t c : chunk)
      b *= c;
    return b;
  };
  while (bytes() > kMaxChunkBytes) {
    auto it = std::max_element(chunk.begin(), chunk.end());
    *it = (*it + 1) / 2;
  }
  H5Pset_chunk(dcpl.get(), int(chunk.size()), chunk.data());
  H5Pset_deflate(dcpl.get(), 4);
  return dcpl;
}

static bool writeNumeric(hid_t loc, const std::string &name,
                         const std::vector<int64_t> &shape, size_t valueCount,
                         const void *data, hid_t memType, FileType type,
                         bool compress, std::string &error) {
  int64_t count = countOf(shape);
  if (count < 0) {
    error = childPath(loc, name) + ": invalid shape";
    return false;
  }
  if (uint64_t(count) != valueCount) {
    error = childPath(loc, name) + ": shape holds " + std::to_string(count) +
            " elements but " + std::to_string(valueCount) + " values given";
    return false;
  }
  hid_t ftype = fileTypeId(type);
  Dataspace space = makeSpace(shape);
  PropList dcpl = makeCreateProps(shape, count, H5Tget_size(ftype), compress);
  Dataset ds(H5Dcreate2(loc, name.c_str(), ftype, space.get(), H5P_DEFAULT,
                        dcpl.get(), H5P_DEFAULT));
  if (!space || !dcpl || !ds) {
    error = childPath(loc, name) + ": cannot create dataset";
    return false;
  }
  if (count > 0 &&
      H5Dwrite(ds.get(), memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) < 0) {
    error = childPath(loc, name) + ": cannot write data";
    return false;
  }
  return true;
}

bool writeDoubles(hid_t loc, const std::string &name,
                  const std::vector<int64_t> &shape,
                  const std::vector<double> &data, FileType type, bool compress,
                  std::string &error) {
  return writeNumeric(loc, name, shape, data.size(), data.data(),
                      H5T_NATIVE_DOUBLE, type, compress, error);
}

bool writeInt64s(hid_t loc, const std::string &name,
                 const std::vector<int64_t> &shape,
                 const std::vector<int64_t> &data, FileType type, bool compress,
                 std::string &error) {
  if (type == FileType::I32) {
    // HDF5 would silently clamp; a changed value is a bug worth reporting.
    for (int64_t v : data)
      if (v < std::numeric_limits<int32_t>::min() ||
          v > std::numeric_limits<int32_t>::max()) {
        error = childPath(loc, name) + ": value " + std::to_string(v) +
                " does not fit int32";
        return false;
      }
  }
  return writeNumeric(loc, name, shape, data.size(), data.data(),
                      H5T_NATIVE_INT64, type, compress, error);
}

/// The file and memory types of `t`.
static std::pair<FileType, hid_t> typesOf(DType t) {
  switch (t) {
  case DType::F32:
    return {FileType::F32, H5T_NATIVE_FLOAT};
  case DType::F64:
    return {FileType::F64, H5T_NATIVE_DOUBLE};
  case DType::I16:
    return {FileType::I16, H5T_NATIVE_INT16};
  case DType::I32:
    return {FileType::I32, H5T_NATIVE_INT32};
  case DType::I64:
    return {FileType::I64, H5T_NATIVE_INT64};
  }
  return {FileType::F64, H5T_NATIVE_DOUBLE};
}

template <typename Array>
static bool writeTyped(hid_t loc, const std::string &name, const Array &data,
                       bool compress, std::string &error,
                       const std::vector<int64_t> *shape) {
  auto [fileType, memType] = typesOf(data.dtype());
  std::vector<int64_t> flat{int64_t(data.size())};
  return writeNumeric(loc, name, shape ? *shape : flat, data.size(),
                      data.rawData(), memType, fileType, compress, error);
}

bool writeArray(hid_t loc, const std::string &name, const FloatArray &data,
                bool compress, std::string &error,
                const std::vector<int64_t> *shape) {
  return writeTyped(loc, name, data, compress, error, shape);
}

bool writeArray(hid_t loc, const std::string &name, const IntArray &data,
                bool compress, std::string &error,
                const std::vector<int64_t> *shape) {
  return writeTyped(loc, name, data, compress, error, shape);
}

bool writeStrings(hid_t loc, const std::string &name,
                  const std::vector<int64_t> &shape,
                  const std::vector<std::string> &values, std::string &error) {
  int64_t count = countOf(shape);
  if (count < 0 || uint64_t(count) != values.size()) {
    error = childPath(loc, name) + ": shape does not match " +
            std::to_string(values.size()) + " strings";
    return false;
  }
  Datatype type = detail::vlenUtf8();
  Dataspace space = makeSpace(shape);
  PropList dcpl(H5Pcreate(H5P_DATASET_CREATE));
  H5Pset_obj_track_times(dcpl.get(), false);
  Dataset ds(H5Dcreate2(loc, name.c_str(), type.get(), space.get(), H5P_DEFAULT,
                        dcpl.get(), H5P_DEFAULT));
  if (!type || !space || !ds) {
    error = childPath(loc, name) + ": cannot create dataset";
    return false;
  }
  std::vector<const char *> ptrs;
  ptrs.reserve(values.size());
  for (const std::string &s : values)
    ptrs.push_back(s.c_str());
  if (count > 0 && H5Dwrite(ds.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT,
                            ptrs.data()) < 0) {
    error = childPath(loc, name) + ": cannot write strings";
    return false;
  }
  return true;
}

bool writeString(hid_t loc, const std::string &name, const std::string &value,
                 std::string &error) {
  return writeStrings(loc, name, {}, {value}, error);
}

} // namespace nmc::h5
