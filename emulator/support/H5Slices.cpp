//===- H5Slices.cpp - 1-D datasets written and read piece by piece -------===//
//
// For arrays too big to assemble in memory before writing (a SpiNNaker
// image's SDRAM words: 2.8 GB at full-scale PD14): a contiguous dataset
// without filters is created at its final size and each piece is written
// straight from the caller's buffer into its hyperslab, and read back the
// same way. No gzip: on such arrays it cost more time than the rest of the
// compile, and a filtered chunk would be inflated again for every piece.
//===----------------------------------------------------------------------===//
#include "H5Internal.h"

namespace nmc::h5 {

namespace {

/// The file space of `ds` with [offset, offset + count) selected, and a
/// memory space of count elements.
bool selectSlice(hid_t ds, int64_t offset, int64_t count, Dataspace &file,
                 Dataspace &mem, std::string &error) {
  file = Dataspace(H5Dget_space(ds));
  hsize_t size = 0;
  if (!file || H5Sget_simple_extent_ndims(file.get()) != 1 ||
      H5Sget_simple_extent_dims(file.get(), &size, nullptr) != 1 ||
      offset < 0 || count < 0 || uint64_t(offset) + uint64_t(count) > size) {
    error = pathOf(ds) + ": elements [" + std::to_string(offset) + ", " +
            std::to_string(offset + count) + ") are not inside the 1-D array";
    return false;
  }
  const hsize_t start = hsize_t(offset), n = hsize_t(count);
  mem = Dataspace(H5Screate_simple(1, &n, nullptr));
  if (!mem || H5Sselect_hyperslab(file.get(), H5S_SELECT_SET, &start, nullptr,
                                  &n, nullptr) < 0) {
    error = pathOf(ds) + ": cannot select elements";
    return false;
  }
  return true;
}

/// The native 32-bit integer type of the same signedness as `ds`'s, so a
/// read copies bit patterns without conversion.
hid_t native32Like(hid_t ds) {
  Datatype t(H5Dget_type(ds));
  return t && H5Tget_sign(t.get()) == H5T_SGN_NONE ? H5T_NATIVE_UINT32
                                                   : H5T_NATIVE_INT32;
}

} // namespace

Dataset createSliced(hid_t loc, const std::string &name, int64_t count,
                     std::string &error) {
  const hsize_t n = hsize_t(count < 0 ? 0 : count);
  Dataspace space(H5Screate_simple(1, &n, nullptr));
  PropList dcpl(H5Pcreate(H5P_DATASET_CREATE));
  // No modification times: the same content gives the same bytes.
  H5Pset_obj_track_times(dcpl.get(), false);
  Dataset ds(H5Dcreate2(loc, name.c_str(), H5T_STD_I32LE, space.get(),
                        H5P_DEFAULT, dcpl.get(), H5P_DEFAULT));
  if (count < 0 || !space || !dcpl || !ds)
    error = childPath(loc, name) + ": cannot create dataset of " +
            std::to_string(count) + " elements";
  return ds;
}

bool writeSlice(hid_t dataset, int64_t offset, const uint32_t *data,
                int64_t count, std::string &error) {
  if (count == 0)
    return true;
  Dataspace file, mem;
  if (!selectSlice(dataset, offset, count, file, mem, error))
    return false;
  // Bit patterns: uint32 memory written as the int32 it is stored as.
  if (H5Dwrite(dataset, H5T_NATIVE_INT32, mem.get(), file.get(), H5P_DEFAULT,
               data) < 0) {
    error = pathOf(dataset) + ": cannot write elements at " +
            std::to_string(offset);
    return false;
  }
  return true;
}

bool isSliceable32(hid_t dataset) {
  Info info;
  std::string ignored;
  if (!inspect(dataset, info, ignored) || info.cls != Info::Class::Int ||
      info.size != 4 || info.shape.size() != 1)
    return false;
  PropList dcpl(H5Dget_create_plist(dataset));
  return dcpl && H5Pget_layout(dcpl.get()) != H5D_CHUNKED;
}

bool readSlice(hid_t dataset, int64_t offset, uint32_t *data, int64_t count,
               std::string &error) {
  if (count == 0)
    return true;
  Dataspace file, mem;
  if (!selectSlice(dataset, offset, count, file, mem, error))
    return false;
  if (H5Dread(dataset, native32Like(dataset), mem.get(), file.get(),
              H5P_DEFAULT, data) < 0) {
    error = pathOf(dataset) + ": cannot read elements at " +
            std::to_string(offset);
    return false;
  }
  return true;
}

} // namespace nmc::h5
