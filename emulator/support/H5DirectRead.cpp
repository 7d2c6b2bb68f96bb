//===- H5DirectRead.cpp - Inflate a one-chunk dataset in place -----------===//
//
// HDF5's deflate filter inflates a chunk into a buffer it grows by doubling
// and then copies it to the caller: reading a 60 MB array can take 180 MB.
// Arrays written as one gzip chunk in the memory type (what nmc and nir
// write) are read here instead: the compressed bytes, inflated straight into
// the caller's buffer.
//===----------------------------------------------------------------------===//
#include "H5Internal.h"

#include <zlib.h>

namespace nmc::h5::detail {

DirectRead readDirect(hid_t dataset, hid_t memType, void *out, size_t bytes) {
  Datatype fileType(H5Dget_type(dataset));
  Dataspace space(H5Dget_space(dataset));
  PropList dcpl(H5Dget_create_plist(dataset));
  if (!fileType || !space || !dcpl || H5Tequal(fileType.get(), memType) <= 0 ||
      H5Pget_layout(dcpl.get()) != H5D_CHUNKED ||
      H5Pget_nfilters(dcpl.get()) != 1)
    return DirectRead::NotApplicable;
  unsigned flags = 0;
  size_t nValues = 0;
  if (H5Pget_filter2(dcpl.get(), 0, &flags, &nValues, nullptr, 0, nullptr,
                     nullptr) != H5Z_FILTER_DEFLATE)
    return DirectRead::NotApplicable;
  int rank = H5Sget_simple_extent_ndims(space.get());
  if (rank < 1)
    return DirectRead::NotApplicable;
  std::vector<hsize_t> dims(rank), chunk(rank), offset(rank, 0);
  H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr);
  if (H5Pget_chunk(dcpl.get(), rank, chunk.data()) != rank || chunk != dims)
    return DirectRead::NotApplicable;
  hsize_t stored = 0;
  if (H5Dget_chunk_storage_size(dataset, offset.data(), &stored) < 0 ||
      stored == 0)
    return DirectRead::NotApplicable;
  std::vector<unsigned char> packed(stored);
  uint32_t mask = 0;
  if (H5Dread_chunk(dataset, H5P_DEFAULT, offset.data(), &mask, packed.data()) <
      0)
    return DirectRead::Failed;
  if (mask != 0) // stored without the filter (it did not shrink the chunk)
    return DirectRead::NotApplicable;
  uLongf size = bytes;
  if (uncompress(static_cast<Bytef *>(out), &size, packed.data(), stored) !=
          Z_OK ||
      size != bytes)
    return DirectRead::Failed;
  return DirectRead::Done;
}

} // namespace nmc::h5::detail
