//===- NIRIOInternal.h - Shared by the NIR readers/writers ------*- C++ -*-===//
//
// Private to backends/nir/io: Param <-> dataset and metadata-group mapping,
// used by the graph reader/writer (NIRRead.cpp, NIRWrite.cpp).
//===----------------------------------------------------------------------===//
#ifndef NMC_NIR_IO_NIRIOINTERNAL_H
#define NMC_NIR_IO_NIRIOINTERNAL_H

#include "nmc/NIR/Graph.h"
#include "nmc/Support/H5.h"

#include <map>
#include <string>
#include <vector>

namespace nmc::nir::detail {

/// Where reader warnings go: "<file>: <hdf5 path>: <message>".
struct Warnings {
  std::string file;
  std::vector<std::string> *sink = nullptr;
  void add(const std::string &pathAndMessage) const {
    if (sink)
      sink->push_back(file + ": " + pathAndMessage);
  }
};

/// Deepest group nesting followed (hard links can form cycles).
inline constexpr int kMaxDepth = 64;

/// True if `name` can be one HDF5 link name (non-empty, no '/', not ".").
bool isValidLinkName(const std::string &name);

/// Splits a flattened key "a/b/c" (metadata, nested NIRData graphs) into
/// its parts; empty parts are kept so callers can reject them.
std::vector<std::string> splitKey(const std::string &key);

/// Reads dataset `loc/name` generically: numbers keep their stored dtype
/// (f32 -> F32, f64 -> F64, <= 32-bit ints -> I32, else I64; bool -> I64),
/// a single string becomes Kind::String. `error` starts with the HDF5 path.
bool readParam(hid_t loc, const std::string &name, Param &out,
               std::string &error);
/// Writes `p` as dataset `loc/name` in its dtype; strings as scalar vlen
/// UTF-8. `compress` applies to numeric arrays of rank >= 1.
bool writeParam(hid_t loc, const std::string &name, const Param &p,
                bool compress, std::string &error);

/// Reads every dataset below `group` into `out`, keys relative to `group`
/// with nested groups joined by '/'. Metadata is free-form, so unreadable
/// entries are skipped with a warning instead of failing the read.
void readMetadata(hid_t group, std::map<std::string, Param> &out,
                  const Warnings &warnings);
/// Writes `metadata` into a new group `parent/metadata` (keys with '/' become
/// nested groups). Does nothing if `metadata` is empty.
bool writeMetadata(hid_t parent, const std::map<std::string, Param> &metadata,
                   bool compress, std::string &error);

} // namespace nmc::nir::detail

#endif // NMC_NIR_IO_NIRIOINTERNAL_H
