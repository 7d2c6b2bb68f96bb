//===- Graph.h - In-memory NIR graph (plain C++, no MLIR) ------*- C++ -*-===//
//
// A faithful in-memory copy of a NIR file (../shared/reference/nir.md §3): the
// root NIRGraph, its nodes with their datasets as typed parameters, edges in
// file order, metadata. The HDF5 reader/writer (NIRFile.h) converts between
// this and disk; the MLIR importer converts between this and the snn dialect.
//===----------------------------------------------------------------------===//
#ifndef NMC_NIR_GRAPH_H
#define NMC_NIR_GRAPH_H

#include "nmc/Support/NumArray.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace nmc::nir {

/// One dataset of a node: a numeric array or a string.
struct Param {
  enum class Kind { Float, Int, String };
  /// Stored element type of numeric data (kept for bit-exact round trips).
  enum class DType { F32, F64, I64, I32 };
  Kind kind = Kind::Float;
  DType dtype = DType::F64;
  std::vector<int64_t> shape; ///< empty = HDF5 SCALAR dataspace (rank 0)
  /// Kind::Float, as read: float32 data stays float32 in memory.
  FloatArray floats;
  /// Kind::Int, as read: int32 data stays int32 in memory.
  IntArray ints;
  std::string str;            ///< Kind::String

  int64_t numElements() const {
    int64_t n = 1;
    for (int64_t d : shape)
      n *= d;
    return n;
  }
  static Param floatArray(std::vector<int64_t> shape, std::vector<double> v,
                          DType t = DType::F32) {
    Param p;
    p.kind = Kind::Float;
    p.dtype = t;
    p.shape = std::move(shape);
    p.floats = std::move(v);
    return p;
  }
  static Param intArray(std::vector<int64_t> shape, std::vector<int64_t> v) {
    Param p;
    p.kind = Kind::Int;
    p.dtype = DType::I64;
    p.shape = std::move(shape);
    p.ints = std::move(v);
    return p;
  }
  static Param intScalar(int64_t v) { return intArray({}, {v}); }
  static Param string(std::string s) {
    Param p;
    p.kind = Kind::String;
    p.str = std::move(s);
    return p;
  }
  bool operator==(const Param &) const = default;
};

struct Graph;

/// One node: its name (group name, may contain dots), NIR type string
/// ("LIF", "Conv2d", "NIRGraph", ...), its datasets, and for type "NIRGraph"
/// the nested graph.
struct Node {
  std::string name;
  std::string type;
  std::map<std::string, Param> params;   ///< every dataset except `type`
  std::map<std::string, Param> metadata; ///< datasets of the `metadata` group
  std::shared_ptr<Graph> subgraph;       ///< set iff type == "NIRGraph"
};

/// A NIRGraph: nodes (file order, i.e. alphabetical) and edges (file order).
struct Graph {
  std::vector<Node> nodes;
  std::vector<std::pair<std::string, std::string>> edges;
  std::map<std::string, Param> metadata;

  const Node *find(const std::string &name) const {
    for (const Node &n : nodes)
      if (n.name == name)
        return &n;
    return nullptr;
  }
};

/// A whole file: `/version` and the root graph (`/node`).
struct Model {
  std::string version;
  Graph graph;
};

} // namespace nmc::nir

#endif // NMC_NIR_GRAPH_H
