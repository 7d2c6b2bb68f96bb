//===- H5Internal.h - Helpers shared by the nmc_h5 sources -----*- C++ -*-===//
//
// Private to emulator/support: string decoding and type classification are
// the same for datasets and attributes, so they live here once.
//===----------------------------------------------------------------------===//
#ifndef NMC_SUPPORT_H5INTERNAL_H
#define NMC_SUPPORT_H5INTERNAL_H

#include "nmc/Support/H5.h"

#include <functional>

namespace nmc::h5::detail {

/// Fills cls/size/vlenString of `info` from a file datatype.
void classify(hid_t fileType, Info &info);

/// Fills shape/count of `info` from a dataspace; fails on oversized data.
bool describeSpace(hid_t space, Info &info, std::string &error);

/// Reads `count` strings of `fileType` with `read(memType, buffer)`, which is
/// H5Dread or H5Aread bound to the object. Handles vlen and fixed-length.
bool readStringData(hid_t fileType, int64_t count,
                    const std::function<herr_t(hid_t, void *)> &read,
                    std::vector<std::string> &out);

/// Reads `count` numbers of enum `fileType` (h5py bools) converted to
/// `dstType` (H5T_NATIVE_DOUBLE or H5T_NATIVE_INT64) into `out`.
bool readEnumData(hid_t fileType, int64_t count, hid_t dstType,
                  const std::function<herr_t(hid_t, void *)> &read, void *out);

enum class DirectRead { Done, NotApplicable, Failed };
/// Reads `bytes` bytes of a dataset stored as one deflate chunk in exactly
/// `memType` by inflating the chunk into `out` (H5DirectRead.cpp); any
/// other layout is NotApplicable and left to H5Dread.
DirectRead readDirect(hid_t dataset, hid_t memType, void *out, size_t bytes);
/// A new variable-length UTF-8 string type (h5py's str dtype).
Datatype vlenUtf8();

} // namespace nmc::h5::detail

#endif // NMC_SUPPORT_H5INTERNAL_H
