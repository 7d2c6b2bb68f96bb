//===- ImageInternal.h - Shared by image readers and writers ----*- C++ -*-===//
#ifndef NMC_EMULATOR_IMAGE_IMAGEINTERNAL_H
#define NMC_EMULATOR_IMAGE_IMAGEINTERNAL_H

#include "nmc/Emulator/Image.h"
#include "nmc/Support/H5.h"

#include <cstddef>
#include <string>

namespace nmc::image::detail {

/// Arrays with at least this many elements are gzip-compressed.
inline constexpr size_t kCompressMin = 1024;

/// Reads/writes the common header (Header.h) at the root of `file`. The
/// reader expects format and version to have been checked (openImage).
bool readHeader(hid_t file, Header &header, std::string &error);
bool writeHeader(hid_t file, const Header &header, std::string &error);

/// Reads/writes a record's name and kind (attributes) and its arrays
/// (groups f/, i/, s/ of 1-D datasets) in group `g`, checking it against
/// `schema`.
bool readRecord(hid_t g, const PayloadSchema &schema, Record &record,
                std::string &error);
bool writeRecord(hid_t g, const PayloadSchema &schema, const Record &record,
                 std::string &error);

/// Writes the reference payload (root attributes method, reset_mode,
/// number_format and /nodes) without the header; formats that embed a
/// network (the xbar image) write it next to their own groups.
bool writeReferenceBody(hid_t file, const Image &image, std::string &error);

/// The layout every target image that embeds networks shares (xbar,
/// spinnaker): the header, `network` at the root, group `group` with the
/// JSON attribute `attr` (the hardware description) and one subgroup per
/// record of `schema`, and `reference` under /reference unless empty.
bool writeTargetImage(hid_t file, const Header &header, const Image &network,
                      const char *group, const char *attr,
                      const std::string &attrJson, const PayloadSchema &schema,
                      const std::vector<Record> &records,
                      const Image &reference, std::string &error);

/// Reads the optional float network under /reference of a target image
/// (writeTargetImage) into `reference`; leaves it empty when absent. The
/// float reference must have no number_format.
bool readFloatReference(hid_t file, const Header &header, Image &reference,
                        std::string &error);

/// Elements of a node's output (the product of its output shape).
inline int64_t nodeSize(const Node &n) {
  int64_t size = 1;
  for (int64_t d : n.outShape)
    size *= d;
  return size;
}

/// Writes / reads the nodes of `image` as the column datasets of group
/// `nodes` (NodeTable.cpp, docs/image-format.md), checking every node.
bool writeNodeTable(hid_t nodes, const Image &image, std::string &error);
bool readNodeTable(hid_t nodes, Image &image, std::string &error);

/// "/nodes[3 'fc1']": how messages name node `index`.
std::string nodePath(const std::vector<Node> &nodes, size_t index);

/// 1-D integer / float dataset helpers.
bool readVector(hid_t g, const std::string &name, std::vector<int64_t> &out,
                std::string &error);
bool readVector(hid_t g, const std::string &name, std::vector<double> &out,
                std::string &error);
bool writeVector(hid_t g, const std::string &name,
                 const std::vector<int64_t> &v, std::string &error);
bool writeVector(hid_t g, const std::string &name, const std::vector<double> &v,
                 std::string &error);

/// Checks node `index`: shapes non-negative, input sources in range,
/// non-delayed sources earlier in execution order. On failure sets `field`
/// to the dataset at fault ("inputs", "in_shape", "out_shape") and `why`.
bool checkNode(const Image &image, size_t index, std::string &field,
               std::string &why);

/// dt must be finite and positive.
bool checkDt(double dt, std::string &why);

/// True if `name` can be one HDF5 link name (non-empty, no '/', not ".").
bool isValidKey(const std::string &name);

} // namespace nmc::image::detail

#endif // NMC_EMULATOR_IMAGE_IMAGEINTERNAL_H
