//===- MetadataIO.cpp - `metadata` groups <-> flat key/Param maps ---------===//
//
// NIR metadata is a free-form dict on any node or graph; h5py writes nested
// dicts as nested groups. We flatten them to keys like "train/lr" (HDF5 link
// names cannot contain '/', so the mapping is reversible).
//===----------------------------------------------------------------------===//
#include "NIRIOInternal.h"

namespace nmc::nir::detail {

static void readInto(hid_t group, const std::string &prefix, int depth,
                     std::map<std::string, Param> &out,
                     const Warnings &warnings) {
  std::vector<h5::Child> children;
  std::string error;
  if (!h5::listChildren(group, children, error)) {
    warnings.add(error + "; metadata skipped");
    return;
  }
  for (const h5::Child &c : children) {
    std::string key = prefix + c.name;
    if (c.kind == h5::Child::Kind::Group) {
      h5::Group sub = h5::openGroup(group, c.name, error);
      if (!sub || depth >= kMaxDepth) {
        warnings.add(h5::childPath(group, c.name) +
                     ": metadata group nested too deep or unreadable; skipped");
        continue;
      }
      readInto(sub.get(), key + "/", depth + 1, out, warnings);
    } else if (c.kind == h5::Child::Kind::Dataset) {
      Param p;
      if (readParam(group, c.name, p, error))
        out[key] = std::move(p);
      else
        warnings.add(error + "; metadata entry skipped");
    } else {
      warnings.add(h5::childPath(group, c.name) +
                   ": not a dataset or group; metadata entry skipped");
    }
  }
}

void readMetadata(hid_t group, std::map<std::string, Param> &out,
                  const Warnings &warnings) {
  readInto(group, "", 0, out, warnings);
}

/// Opens (or creates) group `name` below `parent` for a metadata key path.
static h5::Group openOrCreate(hid_t parent, const std::string &name,
                              std::string &error) {
  if (h5::isGroup(parent, name))
    return h5::openGroup(parent, name, error);
  if (h5::exists(parent, name)) {
    error = h5::childPath(parent, name) +
            ": metadata key is both a value and a group";
    return h5::Group();
  }
  return h5::createGroup(parent, name, error);
}

bool writeMetadata(hid_t parent, const std::map<std::string, Param> &metadata,
                   bool compress, std::string &error) {
  if (metadata.empty())
    return true;
  h5::Group root = h5::createGroup(parent, "metadata", error);
  if (!root)
    return false;
  for (const auto &[key, value] : metadata) {
    // Split "a/b/c" into groups a, a/b and dataset c.
    std::vector<std::string> parts = detail::splitKey(key);
    for (const std::string &p : parts)
      if (!isValidLinkName(p)) {
        error =
            h5::pathOf(root.get()) + ": invalid metadata key \"" + key + "\"";
        return false;
      }
    h5::Group group;
    hid_t at = root.get();
    for (size_t i = 0; i + 1 < parts.size(); ++i) {
      group = openOrCreate(at, parts[i], error);
      if (!group)
        return false;
      at = group.get();
    }
    if (h5::exists(at, parts.back())) {
      error = h5::childPath(at, parts.back()) +
              ": metadata key is both a value and a group";
      return false;
    }
    if (!writeParam(at, parts.back(), value, compress, error))
      return false;
  }
  return true;
}

} // namespace nmc::nir::detail
