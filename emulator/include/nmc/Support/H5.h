//===- H5.h - Small RAII layer over the HDF5 C API -------------*- C++ -*-===//
//
// Owning handles plus the handful of read/write helpers that the NIR, NIRData
// and image readers/writers share. No exceptions: every helper returns bool
// and, on failure, sets `error` to one line that starts with the HDF5 path at
// fault ("/node/nodes/lif1/tau: ..."); callers prefix the file name.
//
// HDF5's own error stack printing is switched off (silenceErrors) because its
// multi-line dumps are useless to users; we report our own messages instead.
//===----------------------------------------------------------------------===//
#ifndef NMC_SUPPORT_H5_H
#define NMC_SUPPORT_H5_H

#include "nmc/Support/NumArray.h"

#include <hdf5.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace nmc::h5 {

/// Stops HDF5 from printing its error stack to stderr (idempotent).
void silenceErrors();

//===----------------------------------------------------------------------===//
// Handles
//===----------------------------------------------------------------------===//

/// An owning hid_t closed with `Close`. Invalid (negative) ids are allowed and
/// simply not closed, so a failed H5*open can be wrapped directly.
template <herr_t (*Close)(hid_t)> class Id {
public:
  Id() = default;
  explicit Id(hid_t id) : id_(id) {}
  Id(const Id &) = delete;
  Id &operator=(const Id &) = delete;
  Id(Id &&o) noexcept : id_(std::exchange(o.id_, -1)) {}
  Id &operator=(Id &&o) noexcept {
    if (this != &o) {
      reset();
      id_ = std::exchange(o.id_, -1);
    }
    return *this;
  }
  ~Id() { reset(); }

  hid_t get() const { return id_; }
  explicit operator bool() const { return id_ >= 0; }
  void reset() {
    if (id_ >= 0)
      Close(id_);
    id_ = -1;
  }

private:
  hid_t id_ = -1;
};

using File = Id<H5Fclose>;
using Group = Id<H5Gclose>;
using Dataset = Id<H5Dclose>;
using Dataspace = Id<H5Sclose>;
using Datatype = Id<H5Tclose>;
using Attribute = Id<H5Aclose>;
using PropList = Id<H5Pclose>;

/// HDF5 path of an open object ("/node/nodes/lif1"), or "?" if unknown.
std::string pathOf(hid_t obj);
/// Path of child `name` of `loc` ("/" + name at the root).
std::string childPath(hid_t loc, const std::string &name);

/// True if `path` exists and is an HDF5 file; otherwise sets `error` to
/// "not an HDF5 file" or "cannot open: <reason>" (no path prefix).
bool isHDF5File(const std::string &path, std::string &error);
/// Opens read-only. `error` has no path prefix.
File openFile(const std::string &path, std::string &error);
/// Creates or truncates. `error` has no path prefix.
File createFile(const std::string &path, std::string &error);

/// Creates `path`, runs `body` on it, and on failure removes the partial file
/// (so no half-written file is later half-accepted) and sets `error` to
/// "<path>: <why>".
bool writeWholeFile(const std::string &path,
                    const std::function<bool(hid_t, std::string &)> &body,
                    std::string &error);

/// True if `loc` has a link called `name` (a single path component).
bool exists(hid_t loc, const std::string &name);
/// True if `loc/name` exists and is a group (resp. dataset).
bool isGroup(hid_t loc, const std::string &name);
bool isDataset(hid_t loc, const std::string &name);

Group openGroup(hid_t loc, const std::string &name, std::string &error);
Group createGroup(hid_t loc, const std::string &name, std::string &error);
Dataset openDataset(hid_t loc, const std::string &name, std::string &error);

/// Children of a group, sorted by name (like h5py and NIR's writer).
struct Child {
  enum class Kind { Group, Dataset, Other };
  std::string name;
  Kind kind = Kind::Other;
};
bool listChildren(hid_t group, std::vector<Child> &out, std::string &error);

//===----------------------------------------------------------------------===//
// Reading datasets
//===----------------------------------------------------------------------===//

/// What a dataset holds, as far as the readers care.
struct Info {
  enum class Class { Float, Int, Bool, String, Other };
  Class cls = Class::Other;
  /// Element size in bytes of the file type (0 for variable-length strings).
  size_t size = 0;
  bool vlenString = false;
  /// Integers (and bool enums): signedness of the stored type.
  bool isSigned = true;
  /// Dimensions; empty for a SCALAR dataspace (rank 0).
  std::vector<int64_t> shape;
  /// Number of elements (1 for SCALAR, 0 for a NULL dataspace).
  int64_t count = 0;
};

/// Largest dataset the readers load (elements); guards against hostile dims.
inline constexpr int64_t kMaxElements = int64_t(1) << 31;

bool inspect(hid_t dataset, Info &out, std::string &error);

/// Reads any numeric (float, integer, bool-enum) dataset as doubles.
bool readDoubles(hid_t dataset, std::vector<double> &out, std::string &error);
/// Reads an integer or bool-enum dataset as int64. Floats are refused (the
/// caller decides whether an integral float is acceptable).
bool readInt64s(hid_t dataset, std::vector<int64_t> &out, std::string &error);

/// Reads a numeric dataset in its stored width, without widening: floats of
/// 4 bytes or less as float32, else float64; integers (and bool enums) as
/// int16 / int32 / int64, the narrowest signed type that holds every value
/// of the stored type. An IntArray refuses float datasets; a FloatArray
/// takes integers as float64.
bool readArray(hid_t dataset, FloatArray &out, std::string &error);
bool readArray(hid_t dataset, IntArray &out, std::string &error);
/// Reads a string dataset (variable- or fixed-length, any rank) row-major.
bool readStrings(hid_t dataset, std::vector<std::string> &out,
                 std::string &error);

/// Convenience: open `loc/name`, check rank 0 or one element, read it.
bool readString(hid_t loc, const std::string &name, std::string &out,
                std::string &error);

//===----------------------------------------------------------------------===//
// Writing datasets
//===----------------------------------------------------------------------===//

/// Element type written to the file.
enum class FileType { F32, F64, I64, I32, I16 };

/// Writes a numeric dataset of `shape` (empty = SCALAR) from `data`
/// (row-major, product(shape) values). `compress` = chunked (chunk = whole
/// array, shrunk if above 1 GiB) + gzip level 4; it is ignored for SCALAR and
/// empty arrays, which HDF5 cannot chunk.
bool writeDoubles(hid_t loc, const std::string &name,
                  const std::vector<int64_t> &shape,
                  const std::vector<double> &data, FileType type, bool compress,
                  std::string &error);
bool writeInt64s(hid_t loc, const std::string &name,
                 const std::vector<int64_t> &shape,
                 const std::vector<int64_t> &data, FileType type, bool compress,
                 std::string &error);
/// Writes `data` in its own element type (float32 stays float32, int16
/// stays int16): a 1-D dataset unless `shape` is given.
bool writeArray(hid_t loc, const std::string &name, const FloatArray &data,
                bool compress, std::string &error,
                const std::vector<int64_t> *shape = nullptr);
bool writeArray(hid_t loc, const std::string &name, const IntArray &data,
                bool compress, std::string &error,
                const std::vector<int64_t> *shape = nullptr);
/// Scalar variable-length UTF-8 string dataset.
bool writeString(hid_t loc, const std::string &name, const std::string &value,
                 std::string &error);
/// Variable-length UTF-8 string dataset of `shape` (row-major values).
bool writeStrings(hid_t loc, const std::string &name,
                  const std::vector<int64_t> &shape,
                  const std::vector<std::string> &values, std::string &error);

//===----------------------------------------------------------------------===//
// 1-D 32-bit integer datasets written and read piece by piece
//===----------------------------------------------------------------------===//

/// A contiguous int32 dataset of `count` elements without filters, to be
/// filled with writeSlice (for arrays never held in one buffer). Invalid
/// and `error` set on failure.
Dataset createSliced(hid_t loc, const std::string &name, int64_t count,
                     std::string &error);
/// Writes data[0, count) as elements [offset, offset + count) of a 1-D
/// int32 dataset (uint32 values stored as their bit patterns).
bool writeSlice(hid_t dataset, int64_t offset, const uint32_t *data,
                int64_t count, std::string &error);
/// True if `dataset` is a 1-D 32-bit integer array that is not chunked, so
/// readSlice reads a piece without inflating or converting anything.
bool isSliceable32(hid_t dataset);
/// Reads elements [offset, offset + count) of a 1-D 32-bit integer dataset
/// into `data` as bit patterns.
bool readSlice(hid_t dataset, int64_t offset, uint32_t *data, int64_t count,
               std::string &error);

//===----------------------------------------------------------------------===//
// Attributes (scalar)
//===----------------------------------------------------------------------===//

bool hasAttribute(hid_t obj, const std::string &name);
/// String attribute, variable- or fixed-length.
bool readAttribute(hid_t obj, const std::string &name, std::string &out,
                   std::string &error);
/// Numeric attribute converted to double / int64 (int64 refuses floats).
bool readAttribute(hid_t obj, const std::string &name, double &out,
                   std::string &error);
bool readAttribute(hid_t obj, const std::string &name, int64_t &out,
                   std::string &error);
/// Scalar vlen UTF-8 string / f64 / i64 attribute (replaces an existing one).
bool writeAttribute(hid_t obj, const std::string &name,
                    const std::string &value, std::string &error);
bool writeAttribute(hid_t obj, const std::string &name, double value,
                    std::string &error);
bool writeAttribute(hid_t obj, const std::string &name, int64_t value,
                    std::string &error);

} // namespace nmc::h5

#endif // NMC_SUPPORT_H5_H
