//===- NIRFile.h - Read and write NIR (HDF5) files -------------*- C++ -*-===//
//
// Plain C++ over the HDF5 C API; no exceptions, no MLIR. Errors are one line
// that names the file and the HDF5 path at fault, e.g.
//   "model.nir: /node/nodes/lif1/tau: expected a float dataset of rank 1, got
//   rank 2"
//===----------------------------------------------------------------------===//
#ifndef NMC_NIR_NIRFILE_H
#define NMC_NIR_NIRFILE_H

#include "nmc/NIR/Graph.h"

#include <string>
#include <vector>

namespace nmc::nir {

/// Reads `path` into `out`. Accepts every NIR layout from 0.1.x to 1.0.x:
/// compressed or not, f32/f64, SCALAR or 1-element datasets, string padding,
/// nested graphs, metadata groups (numeric/string datasets; nested groups are
/// flattened with '/' in the key). Checks the file against the per-type schema
/// (NIRSchema.h): unknown `type`, missing required dataset, wrong rank or
/// class, NaN/negative/non-integer where a shape or size is expected.
/// Graph-level consistency (edges naming missing nodes, shapes along edges)
/// is not checked here; the importer does that.
/// Returns false and sets `error` on failure; `warnings` collects notes such
/// as ignored unknown datasets.
bool readNIRFile(const std::string &path, Model &out, std::string &error,
                 std::vector<std::string> *warnings = nullptr);

struct WriteOptions {
  /// gzip level-4 chunked datasets like nir >= 1.0.8; false = contiguous.
  bool compress = true;
};

/// Writes `model` so that the reference `nir.read` (type_check=True) accepts
/// it: vlen UTF-8 strings for version/type/edges, int64 shapes, floats in
/// their stored dtype. Returns false and sets `error` on failure.
bool writeNIRFile(const std::string &path, const Model &model,
                  std::string &error, const WriteOptions &options = {});

} // namespace nmc::nir

#endif // NMC_NIR_NIRFILE_H
