//===- NIRRead.cpp - readNIRFile: HDF5 NIR file -> Model ------------------===//
//
// Layout: ../shared/reference/nir.md §3. Every dataset is checked against
// NIRSchema; graph-level consistency (edges naming missing nodes, shapes
// along edges) is left to the importer, so e.g. the broken paper subgraph
// file reads fine here.
//===----------------------------------------------------------------------===//
#include "NIRIOInternal.h"
#include "nmc/IO/H5Guard.h"
#include "nmc/NIR/NIRFile.h"
#include "nmc/NIR/NIRSchema.h"

namespace nmc::nir {

namespace {

/// "float dataset of shape (3, 4)" for error messages.
std::string describe(const h5::Info &info) {
  const char *cls = info.cls == h5::Info::Class::Float    ? "float"
                    : info.cls == h5::Info::Class::Int    ? "integer"
                    : info.cls == h5::Info::Class::Bool   ? "bool"
                    : info.cls == h5::Info::Class::String ? "string"
                                                          : "unsupported";
  std::string s = std::string(cls) + " dataset of shape (";
  for (size_t i = 0; i < info.shape.size(); ++i)
    s += (i ? ", " : "") + std::to_string(info.shape[i]);
  return s + ")";
}

class Reader {
public:
  Reader(const std::string &file, std::vector<std::string> *warnings)
      : warnings_{file, warnings} {}

  /// Reads the graph stored in group `g`. Its metadata goes to `metadata`;
  /// unknown datasets go to `extra` if given (nested graph nodes), else are
  /// dropped with a warning (root graph).
  bool readGraph(hid_t g, Graph &graph, std::map<std::string, Param> &metadata,
                 std::map<std::string, Param> *extra, int depth,
                 std::string &error);

private:
  bool readNode(hid_t nodes, const std::string &name, Node &node, int depth,
                std::string &error);
  bool readEdges(hid_t g, Graph &graph, std::string &error);

  detail::Warnings warnings_;
};

bool Reader::readEdges(hid_t g, Graph &graph, std::string &error) {
  h5::Dataset ds = h5::openDataset(g, "edges", error);
  h5::Info info;
  if (!ds || !h5::inspect(ds.get(), info, error))
    return false;
  // nir.write stores an empty edge list as float64 of shape (0,).
  if (info.count == 0)
    return true;
  if (info.cls != h5::Info::Class::String || info.shape.size() != 2 ||
      info.shape[1] != 2) {
    error = h5::pathOf(ds.get()) + ": expected an (E, 2) string dataset, got " +
            describe(info);
    return false;
  }
  std::vector<std::string> flat;
  if (!h5::readStrings(ds.get(), flat, error))
    return false;
  for (size_t i = 0; i + 1 < flat.size(); i += 2)
    graph.edges.emplace_back(std::move(flat[i]), std::move(flat[i + 1]));
  return true;
}

bool Reader::readGraph(hid_t g, Graph &graph,
                       std::map<std::string, Param> &metadata,
                       std::map<std::string, Param> *extra, int depth,
                       std::string &error) {
  if (depth > detail::kMaxDepth) {
    error = h5::pathOf(g) + ": graphs nested too deep (cyclic links?)";
    return false;
  }
  std::vector<h5::Child> children;
  if (!h5::listChildren(g, children, error))
    return false;
  bool sawEdges = false, sawNodes = false;
  for (const h5::Child &c : children) {
    std::string path = h5::childPath(g, c.name);
    if (c.name == "type")
      continue;
    if (c.name == "edges") {
      sawEdges = true;
      if (!readEdges(g, graph, error))
        return false;
    } else if (c.name == "nodes") {
      if (c.kind != h5::Child::Kind::Group) {
        error = path + ": expected a group of nodes";
        return false;
      }
      sawNodes = true;
      h5::Group nodes = h5::openGroup(g, "nodes", error);
      std::vector<h5::Child> members;
      if (!nodes || !h5::listChildren(nodes.get(), members, error))
        return false;
      for (const h5::Child &m : members) {
        if (m.kind != h5::Child::Kind::Group) {
          warnings_.add(h5::childPath(nodes.get(), m.name) +
                        ": not a node group; ignored");
          continue;
        }
        Node node;
        if (!readNode(nodes.get(), m.name, node, depth, error))
          return false;
        graph.nodes.push_back(std::move(node));
      }
    } else if (c.name == "metadata" && c.kind == h5::Child::Kind::Group) {
      h5::Group md = h5::openGroup(g, c.name, error);
      if (!md)
        return false;
      detail::readMetadata(md.get(), metadata, warnings_);
    } else if (extra && c.kind == h5::Child::Kind::Dataset) {
      Param p;
      if (!detail::readParam(g, c.name, p, error))
        return false;
      warnings_.add(path + ": unknown dataset for NIRGraph; kept");
      (*extra)[c.name] = std::move(p);
    } else {
      warnings_.add(path + ": unknown member of NIRGraph; ignored");
    }
  }
  if (!sawEdges) {
    error = h5::childPath(g, "edges") + ": missing dataset";
    return false;
  }
  if (!sawNodes) {
    error = h5::childPath(g, "nodes") + ": missing group";
    return false;
  }
  return true;
}

bool Reader::readNode(hid_t nodes, const std::string &name, Node &node,
                      int depth, std::string &error) {
  h5::Group g = h5::openGroup(nodes, name, error);
  if (!g || !h5::readString(g.get(), "type", node.type, error))
    return false;
  node.name = name;
  const TypeSpec *spec = findNodeType(node.type);
  if (!spec) {
    error = h5::childPath(g.get(), "type") + ": unknown node type \"" +
            node.type + "\" (expected one of: " + nodeTypeList() + ")";
    return false;
  }
  if (spec->isGraph) {
    node.subgraph = std::make_shared<Graph>();
    return readGraph(g.get(), *node.subgraph, node.metadata, &node.params,
                     depth + 1, error);
  }
  std::vector<h5::Child> children;
  if (!h5::listChildren(g.get(), children, error))
    return false;
  for (const h5::Child &c : children) {
    std::string path = h5::childPath(g.get(), c.name);
    if (c.name == "type")
      continue;
    if (c.kind == h5::Child::Kind::Group) {
      if (c.name != "metadata") {
        warnings_.add(path + ": unknown group in " + node.type + "; ignored");
        continue;
      }
      h5::Group md = h5::openGroup(g.get(), c.name, error);
      if (!md)
        return false;
      detail::readMetadata(md.get(), node.metadata, warnings_);
      continue;
    }
    if (c.kind != h5::Child::Kind::Dataset) {
      warnings_.add(path + ": not a dataset; ignored");
      continue;
    }
    Param p;
    if (!detail::readParam(g.get(), c.name, p, error))
      return false;
    if (const DatasetSpec *ds = findDataset(*spec, c.name)) {
      std::string why;
      if (!conformParam(*ds, p, why)) {
        error = path + ": " + why;
        return false;
      }
    } else {
      warnings_.add(path + ": unknown dataset for " + node.type + "; kept");
    }
    node.params[c.name] = std::move(p);
  }
  std::string key, why;
  if (!checkNode(*spec, node.params, key, why)) {
    error = h5::childPath(g.get(), key) + ": " + why;
    return false;
  }
  return true;
}

} // namespace

bool readNIRFile(const std::string &path, Model &out, std::string &error,
                 std::vector<std::string> *warnings) {
  out = Model();
  std::string why;
  auto fail = [&](const std::string &message) {
    error = path + ": " + message;
    out = Model();
    return false;
  };
  if (!io::checkHDF5File(path, why))
    return fail(why);
  h5::File file = h5::openFile(path, why);
  if (!file)
    return fail(why);
  Reader reader(path, warnings);
  if (h5::exists(file.get(), "version")) {
    if (!h5::readString(file.get(), "version", out.version, why))
      return fail(why);
  } else if (warnings) {
    warnings->push_back(path + ": /version: missing; version left empty");
  }
  h5::Group root = h5::openGroup(file.get(), "node", why);
  if (!root)
    return fail(why);
  std::string type;
  if (!h5::readString(root.get(), "type", type, why))
    return fail(why);
  if (type != "NIRGraph")
    return fail("/node/type: the root node must be a NIRGraph, got \"" + type +
                "\"");
  if (!reader.readGraph(root.get(), out.graph, out.graph.metadata, nullptr, 0,
                        why))
    return fail(why);
  return true;
}

} // namespace nmc::nir
