//===- H5Types.cpp - Datatype classification and string/enum decoding -----===//
#include "H5Internal.h"

#include <algorithm>
#include <cstring>

namespace nmc::h5::detail {

void classify(hid_t fileType, Info &info) {
  info.size = H5Tget_size(fileType);
  info.vlenString = false;
  info.isSigned = true;
  switch (H5Tget_class(fileType)) {
  case H5T_FLOAT:
    info.cls = Info::Class::Float;
    break;
  case H5T_INTEGER:
    info.cls = Info::Class::Int;
    info.isSigned = H5Tget_sign(fileType) != H5T_SGN_NONE;
    break;
  case H5T_STRING:
    info.cls = Info::Class::String;
    info.vlenString = H5Tis_variable_str(fileType) > 0;
    if (info.vlenString)
      info.size = 0;
    break;
  case H5T_ENUM: {
    // h5py stores numpy bools as an int8 enum {FALSE, TRUE}.
    Datatype super(H5Tget_super(fileType));
    info.cls = super && H5Tget_class(super.get()) == H5T_INTEGER
                   ? Info::Class::Bool
                   : Info::Class::Other;
    break;
  }
  default:
    info.cls = Info::Class::Other;
  }
}

bool describeSpace(hid_t space, Info &info, std::string &error) {
  info.shape.clear();
  switch (H5Sget_simple_extent_type(space)) {
  case H5S_SCALAR:
    info.count = 1;
    return true;
  case H5S_NULL:
    info.count = 0;
    return true;
  case H5S_SIMPLE:
    break;
  default:
    error = "unreadable dataspace";
    return false;
  }
  int rank = H5Sget_simple_extent_ndims(space);
  if (rank < 0 || rank > H5S_MAX_RANK) {
    error = "unreadable dataspace";
    return false;
  }
  std::vector<hsize_t> dims(size_t(rank), 0);
  H5Sget_simple_extent_dims(space, dims.data(), nullptr);
  int64_t count = 1;
  for (hsize_t d : dims) {
    if (d > hsize_t(kMaxElements) ||
        (d != 0 && count > kMaxElements / int64_t(d))) {
      error = "dataset too large to load";
      return false;
    }
    count *= int64_t(d);
    info.shape.push_back(int64_t(d));
  }
  info.count = count;
  return true;
}

Datatype vlenUtf8() {
  Datatype t(H5Tcopy(H5T_C_S1));
  H5Tset_size(t.get(), H5T_VARIABLE);
  H5Tset_cset(t.get(), H5T_CSET_UTF8);
  H5Tset_strpad(t.get(), H5T_STR_NULLTERM);
  return t;
}

bool readStringData(hid_t fileType, int64_t count,
                    const std::function<herr_t(hid_t, void *)> &read,
                    std::vector<std::string> &out) {
  out.assign(size_t(count), std::string());
  if (count == 0)
    return true;
  if (H5Tis_variable_str(fileType) > 0) {
    // Same character set as the file: HDF5 does not convert ASCII <-> UTF-8.
    Datatype mem(H5Tcopy(H5T_C_S1));
    H5Tset_size(mem.get(), H5T_VARIABLE);
    H5Tset_cset(mem.get(), H5Tget_cset(fileType));
    std::vector<char *> buf(size_t(count), nullptr);
    if (read(mem.get(), buf.data()) < 0)
      return false;
    for (size_t i = 0; i < buf.size(); ++i) {
      if (buf[i])
        out[i] = buf[i];
      H5free_memory(buf[i]);
    }
    return true;
  }
  size_t size = H5Tget_size(fileType);
  if (size == 0)
    return false;
  Datatype mem(H5Tcopy(fileType));
  std::vector<char> buf(size * size_t(count), '\0');
  if (read(mem.get(), buf.data()) < 0)
    return false;
  bool spacePad = H5Tget_strpad(fileType) == H5T_STR_SPACEPAD;
  for (size_t i = 0; i < out.size(); ++i) {
    const char *b = buf.data() + i * size;
    size_t n = size;
    if (spacePad) {
      while (n > 0 && b[n - 1] == ' ')
        --n;
    } else {
      n = std::find(b, b + size, '\0') - b;
    }
    out[i].assign(b, n);
  }
  return true;
}

bool readEnumData(hid_t fileType, int64_t count, hid_t dstType,
                  const std::function<herr_t(hid_t, void *)> &read, void *out) {
  if (count == 0)
    return true;
  Datatype super(H5Tget_super(fileType));
  Datatype nativeEnum(H5Tget_native_type(fileType, H5T_DIR_ASCEND));
  Datatype nativeSuper(H5Tget_native_type(super.get(), H5T_DIR_ASCEND));
  if (!super || !nativeEnum || !nativeSuper)
    return false;
  // Enum values are stored as their base integers: read them raw, then
  // convert base integer -> destination in place.
  size_t srcSize = H5Tget_size(nativeEnum.get());
  size_t width = std::max(srcSize, H5Tget_size(dstType));
  std::vector<unsigned char> buf(width * size_t(count), 0);
  if (read(nativeEnum.get(), buf.data()) < 0)
    return false;
  if (H5Tconvert(nativeSuper.get(), dstType, size_t(count), buf.data(), nullptr,
                 H5P_DEFAULT) < 0)
    return false;
  std::memcpy(out, buf.data(), H5Tget_size(dstType) * size_t(count));
  return true;
}

} // namespace nmc::h5::detail
