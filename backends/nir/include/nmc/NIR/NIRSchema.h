//===- NIRSchema.h - The one table of NIR node types ------------*- C++ -*-===//
//
// The per-type dataset table of ../shared/reference/nir.md §2.2 as data, plus
// the nmc extension "nmc.SparseAffine", and the snn dialect op each type
// maps to. The reader and writer (NIRFile.h) check every node against it;
// the MLIR importer and exporter take their type <-> op mapping and the
// neuron parameter lists from it. (Plain C++: op names are strings here.)
//
// Leniency decisions (NIR files in the wild differ from the Python classes):
// - Float datasets also accept integer data (kept as Param::Kind::Int).
// - Int datasets also accept float data whose values are finite integers
//   (converted to Param::Kind::Int, DType::I64).
// - Only `weight` is required for Conv*, and `kernel_size` for pooling; the
//   importer defaults stride/padding/dilation/groups/bias like PyTorch.
// - `v_reset` (IF, LIF, CubaLIF) and `w_in` (CubaLI, CubaLIF) are optional
//   and never invented here: the importer defaults them (0 and 1).
//===----------------------------------------------------------------------===//
#ifndef NMC_NIR_NIRSCHEMA_H
#define NMC_NIR_NIRSCHEMA_H

#include "nmc/NIR/Graph.h"

#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace nmc::nir {

/// What the values of a dataset must be.
enum class ValueKind {
  Float,       ///< numeric array (float or integer storage)
  Int,         ///< integers (integral floats are converted)
  String,      ///< one string
  IntOrString, ///< Conv padding: integers or "same" / "valid"
};

struct DatasetSpec {
  const char *name;
  bool required;
  ValueKind kind;
  int minRank;
  int maxRank; ///< kAnyRank = unbounded
  /// Int kinds: smallest allowed value (sizes, strides); kNoMin = any.
  int64_t minValue;
};

inline constexpr int kAnyRank = std::numeric_limits<int>::max();
inline constexpr int64_t kNoMin = std::numeric_limits<int64_t>::min();

struct TypeSpec {
  const char *type; ///< the on-disk `type` string ("LIF", "nmc.SparseAffine")
  const char *op;   ///< the snn dialect op of this type ("snn.lif")
  std::vector<DatasetSpec> datasets;
  /// NIRGraph: `edges` is structural (see NIRFile.cpp), `nodes` is a group.
  bool isGraph = false;
  /// Neuron types: `datasets` are the per-neuron parameters, one attribute
  /// of the op each.
  bool isNeuron = false;
};

/// Every type the reader accepts, in nir.md §2.2 order.
const std::vector<TypeSpec> &nodeTypes();
/// nullptr if `type` is not a known NIR (or nmc extension) type.
const TypeSpec *findNodeType(std::string_view type);
/// The type whose snn op is `op` ("snn.lif" -> LIF); nullptr if none.
const TypeSpec *findNodeTypeForOp(std::string_view op);
/// nullptr if `type` has no dataset `name`.
const DatasetSpec *findDataset(const TypeSpec &type, std::string_view name);
/// "Input, Output, Affine, ..." for error messages.
std::string nodeTypeList();

/// Checks `p` (read from dataset `spec.name`) against the spec and converts
/// integral float data to Kind::Int where the spec wants integers. On
/// failure sets `why` (no path prefix), e.g. "expected rank >= 2, got 1".
bool conformParam(const DatasetSpec &spec, Param &p, std::string &why);

/// Cross-dataset checks of one node after all datasets passed conformParam:
/// required datasets present, and nmc.SparseAffine CSR consistency. On
/// failure sets `key` to the dataset at fault and `why`.
bool checkNode(const TypeSpec &type, const std::map<std::string, Param> &params,
               std::string &key, std::string &why);

} // namespace nmc::nir

#endif // NMC_NIR_NIRSCHEMA_H
