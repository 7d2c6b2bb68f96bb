//===- Schema.h - Payload records described as data -------------*- C++ -*-===//
//
// Every image payload is a list of records (the reference image's nodes, a
// crossbar's tiles, ...): a name, a kind, and named arrays of floats,
// integers and strings. A target describes which arrays each kind carries
// in a schema table; the shared reader and writer (RecordIO) check every
// record against it, so no target repeats the HDF5 code or the checks.
//===----------------------------------------------------------------------===//
#ifndef NMC_IMAGE_SCHEMA_H
#define NMC_IMAGE_SCHEMA_H

#include "nmc/Support/NumArray.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace nmc::image {

/// One payload record. Arrays are 1-D; shapes are arrays of their own.
/// Numeric arrays keep their element type (float32/float64,
/// int16/int32/int64) in memory and on disk; readers that want doubles or
/// int64 widen small arrays through the accessors of NumArray.
struct Record {
  std::string name; ///< e.g. the NIR node name
  std::string kind; ///< one of the schema's kinds
  std::map<std::string, FloatArray> f; ///< float arrays
  std::map<std::string, IntArray> i;   ///< integer arrays
  std::map<std::string, std::string> s; ///< strings
};

enum class ArrayClass { Float, Int, String };

struct ArraySpec {
  const char *name;
  ArrayClass cls;
  bool required;
};

struct KindSpec {
  const char *kind;
  std::vector<ArraySpec> arrays;
};

struct PayloadSchema {
  std::vector<KindSpec> kinds;
  /// Arrays every kind carries (e.g. shapes), checked like the kind's own.
  std::vector<ArraySpec> common;

  const KindSpec *findKind(const std::string &kind) const;
  /// "input, output, affine, ..." for messages.
  std::string kindList() const;
};

/// Checks `record` against `schema`: known kind, required arrays present,
/// no unknown arrays, each array in its class. On failure sets `field` to
/// the array at fault ("" for the kind) and `why`.
bool checkRecord(const PayloadSchema &schema, const Record &record,
                 std::string &field, std::string &why);

} // namespace nmc::image

#endif // NMC_IMAGE_SCHEMA_H
