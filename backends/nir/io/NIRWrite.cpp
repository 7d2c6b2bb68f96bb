//===- NIRWrite.cpp - writeNIRFile: Model -> HDF5 NIR file ----------------===//
//
// Mirrors nir.write (../shared/reference/nir.md §3.1, §3.3 "Writing"):
// /version and every `type` as scalar vlen UTF-8, edges (E,2) vlen UTF-8 (an
// empty list as float64 (0,), like nir.write), parameters in their stored
// dtype and shape, `metadata` only when non-empty. Node order follows the
// model; readers see it alphabetically (HDF5 name order), like h5py.
//===----------------------------------------------------------------------===//
#include "NIRIOInternal.h"
#include "nmc/NIR/NIRFile.h"
#include "nmc/NIR/NIRSchema.h"

#include <cstdio>
#include <set>

namespace nmc::nir {

namespace {

/// Written when the model carries no version (the nir release we follow).
constexpr const char *kDefaultVersion = "1.0.7";

class Writer {
public:
  explicit Writer(bool compress) : compress_(compress) {}

  bool writeGraph(hid_t g, const Graph &graph,
                  const std::map<std::string, Param> &metadata,
                  const std::map<std::string, Param> &extra,
                  std::string &error);

private:
  bool writeNode(hid_t nodes, const Node &node, std::string &error);
  bool writeParams(hid_t g, const std::map<std::string, Param> &params,
                   const TypeSpec *spec, std::string &error);

  bool compress_;
};

/// Names the writer itself uses inside a node group.
bool isReserved(const std::string &name, bool graph) {
  return name == "type" || name == "metadata" ||
         (graph && (name == "edges" || name == "nodes"));
}

bool Writer::writeParams(hid_t g, const std::map<std::string, Param> &params,
                         const TypeSpec *spec, std::string &error) {
  bool graph = !spec || spec->isGraph;
  for (const auto &[name, p] : params) {
    std::string path = h5::childPath(g, name);
    if (!detail::isValidLinkName(name) || isReserved(name, graph)) {
      error = path + ": invalid or reserved parameter name";
      return false;
    }
    // Check what the reader will check, so written files always read back.
    if (const DatasetSpec *ds = spec ? findDataset(*spec, name) : nullptr) {
      Param copy = p;
      std::string why;
      if (!conformParam(*ds, copy, why)) {
        error = path + ": " + why;
        return false;
      }
    }
    if (!detail::writeParam(g, name, p, compress_ && !p.shape.empty(), error))
      return false;
  }
  return true;
}

bool Writer::writeNode(hid_t nodes, const Node &node, std::string &error) {
  std::string path = h5::childPath(nodes, node.name);
  const TypeSpec *spec = findNodeType(node.type);
  if (!spec) {
    error = path + ": unknown node type \"" + node.type +
            "\" (expected one of: " + nodeTypeList() + ")";
    return false;
  }
  if (spec->isGraph && !node.subgraph) {
    error = path + ": NIRGraph node without a subgraph";
    return false;
  }
  if (!spec->isGraph) {
    std::string key, why;
    if (!checkNode(*spec, node.params, key, why)) {
      error = path + "/" + key + ": " + why;
      return false;
    }
  }
  h5::Group g = h5::createGroup(nodes, node.name, error);
  if (!g)
    return false;
  if (spec->isGraph) {
    // The reader puts a nested graph's metadata on the node; accept it on
    // either (node entries win).
    std::map<std::string, Param> metadata = node.metadata;
    metadata.insert(node.subgraph->metadata.begin(),
                    node.subgraph->metadata.end());
    return writeGraph(g.get(), *node.subgraph, metadata, node.params, error);
  }
  return h5::writeString(g.get(), "type", node.type, error) &&
         writeParams(g.get(), node.params, spec, error) &&
         detail::writeMetadata(g.get(), node.metadata, compress_, error);
}

bool Writer::writeGraph(hid_t g, const Graph &graph,
                        const std::map<std::string, Param> &metadata,
                        const std::map<std::string, Param> &extra,
                        std::string &error) {
  if (!h5::writeString(g, "type", "NIRGraph", error))
    return false;
  bool edgesOk = true;
  if (graph.edges.empty()) {
    edgesOk =
        h5::writeDoubles(g, "edges", {0}, {}, h5::FileType::F64, false, error);
  } else {
    std::vector<std::string> flat;
    flat.reserve(graph.edges.size() * 2);
    for (const auto &[src, dst] : graph.edges) {
      flat.push_back(src);
      flat.push_back(dst);
    }
    edgesOk = h5::writeStrings(g, "edges", {int64_t(graph.edges.size()), 2},
                               flat, error);
  }
  if (!edgesOk)
    return false;
  h5::Group nodes = h5::createGroup(g, "nodes", error);
  if (!nodes)
    return false;
  std::set<std::string> seen;
  for (const Node &node : graph.nodes) {
    if (!detail::isValidLinkName(node.name)) {
      error =
          h5::pathOf(nodes.get()) + ": invalid node name \"" + node.name + "\"";
      return false;
    }
    if (!seen.insert(node.name).second) {
      error = h5::childPath(nodes.get(), node.name) + ": duplicate node name";
      return false;
    }
    if (!writeNode(nodes.get(), node, error))
      return false;
  }
  return writeParams(g, extra, findNodeType("NIRGraph"), error) &&
         detail::writeMetadata(g, metadata, compress_, error);
}

bool writeModel(hid_t file, const Model &model, const WriteOptions &options,
                std::string &error) {
  std::string version = model.version.empty() ? kDefaultVersion : model.version;
  if (!h5::writeString(file, "version", version, error))
    return false;
  h5::Group root = h5::createGroup(file, "node", error);
  return root && Writer(options.compress)
                     .writeGraph(root.get(), model.graph, model.graph.metadata,
                                 {}, error);
}

} // namespace

bool writeNIRFile(const std::string &path, const Model &model,
                  std::string &error, const WriteOptions &options) {
  return h5::writeWholeFile(
      path,
      [&](hid_t file, std::string &why) {
        return writeModel(file, model, options, why);
      },
      error);
}

} // namespace nmc::nir
