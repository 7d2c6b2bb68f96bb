//===- H5Walk.cpp - Read every object of an HDF5 file, naming each --------===//
//
// Runs in the guard's child process. It touches what the nmc readers touch,
// through the same nmc_h5 functions: group listings, scalar attributes and
// every dataset's data (variable-length strings included: their global-heap
// reads are where libhdf5 1.10 crashes). Datasets the readers would refuse
// before reading (oversized declarations, unsupported types) are not read.
//===----------------------------------------------------------------------===//
#include "nmc/IO/H5Guard.h"
#include "nmc/Support/H5.h"

#include <algorithm>
#include <filesystem>
#include <set>
#include <utility>

namespace nmc::io::detail {

namespace {

/// Deepest group nesting followed; the readers stop earlier (64).
constexpr int kMaxDepth = 100;
/// A group listing opens every member (~10 us each): the guard's budget
/// for it counts this many bytes a member, so that a healthy group of 10^5
/// members is not taken for a hang (it was, at 2*10^4).
constexpr double kBytesPerMember = 2000;
/// A member takes at least this many bytes of the file (a link message:
/// type, name, address; ~40 bytes even with a one-letter name): a corrupt
/// count beyond size/kMinMemberBytes buys no extra time.
constexpr double kMinMemberBytes = 40;
/// And never more than this many members' worth (2*10^9 bytes: 100 s at
/// the guard's 20 MB/s), whatever the file's size.
constexpr double kMaxBudgetedMembers = 1 << 20;

class Walker {
public:
  Walker(const ReadingFn &reading, double fileBytes)
      : reading_(reading), fileBytes_(fileBytes) {}

  void walkGroup(hid_t group, const std::string &path, int depth) {
    if (depth > kMaxDepth || !firstVisit(group))
      return;
    reading_(path, 0);
    walkAttributes(group, path);
    H5G_info_t members;
    if (H5Gget_info(group, &members) >= 0)
      reading_(path, listingBudgetBytes(double(members.nlinks), fileBytes_));
    std::vector<h5::Child> children;
    std::string error;
    if (!h5::listChildren(group, children, error))
      return;
    const std::string prefix = path == "/" ? "/" : path + "/";
    for (const h5::Child &c : children) {
      const std::string child = prefix + c.name;
      reading_(child, 0);
      if (c.kind == h5::Child::Kind::Group) {
        if (h5::Group g = h5::openGroup(group, c.name, error))
          walkGroup(g.get(), child, depth + 1);
      } else if (c.kind == h5::Child::Kind::Dataset) {
        if (h5::Dataset d = h5::openDataset(group, c.name, error))
          if (firstVisit(d.get())) {
            walkAttributes(d.get(), child);
            readDataset(d.get(), child);
          }
      }
    }
  }

private:
  /// False for an object already walked (hard links can form cycles).
  bool firstVisit(hid_t obj) {
    H5O_info_t info;
    if (H5Oget_info2(obj, &info, H5O_INFO_BASIC) < 0)
      return false;
    return seen_.insert({info.fileno, info.addr}).second;
  }

  /// Reads the scalar attributes (the readers read no other kind).
  void walkAttributes(hid_t obj, const std::string &path) {
    H5O_info_t info;
    if (H5Oget_info2(obj, &info, H5O_INFO_NUM_ATTRS) < 0)
      return;
    for (hsize_t i = 0; i < info.num_attrs; ++i) {
      h5::Attribute a(H5Aopen_by_idx(obj, ".", H5_INDEX_NAME, H5_ITER_INC, i,
                                     H5P_DEFAULT, H5P_DEFAULT));
      if (!a)
        continue;
      ssize_t n = H5Aget_name(a.get(), 0, nullptr);
      if (n <= 0)
        continue;
      std::string name(size_t(n) + 1, '\0');
      H5Aget_name(a.get(), name.size(), name.data());
      name.resize(size_t(n));
      h5::Datatype type(H5Aget_type(a.get()));
      h5::Dataspace space(H5Aget_space(a.get()));
      if (!type || !space || H5Sget_simple_extent_npoints(space.get()) != 1)
        continue;
      reading_(path + "@" + name, 0);
      std::string error, text;
      double number = 0;
      if (H5Tget_class(type.get()) == H5T_STRING)
        h5::readAttribute(obj, name, text, error);
      else
        h5::readAttribute(obj, name, number, error);
    }
  }

  void readDataset(hid_t ds, const std::string &path) {
    h5::Info info;
    std::string error;
    if (!h5::inspect(ds, info, error) || info.count == 0)
      return;
    reading_(path, double(info.count) * double(info.size ? info.size : 16));
    switch (info.cls) {
    case h5::Info::Class::String: {
      std::vector<std::string> strings;
      h5::readStrings(ds, strings, error);
      break;
    }
    case h5::Info::Class::Float: {
      FloatArray values;
      h5::readArray(ds, values, error);
      break;
    }
    case h5::Info::Class::Int: {
      IntArray values;
      h5::readArray(ds, values, error);
      break;
    }
    case h5::Info::Class::Bool: {
      std::vector<double> values;
      h5::readDoubles(ds, values, error);
      break;
    }
    case h5::Info::Class::Other:
      break;
    }
  }

  const ReadingFn &reading_;
  double fileBytes_;
  std::set<std::pair<unsigned long, haddr_t>> seen_;
};

} // namespace

double listingBudgetBytes(double members, double fileBytes) {
  return std::min({members, fileBytes / kMinMemberBytes, kMaxBudgetedMembers}) *
         kBytesPerMember;
}

void walkHDF5File(const std::string &path, const ReadingFn &reading) {
  std::string error;
  reading("", 0); // opening the file: superblock and root group header
  h5::File file = h5::openFile(path, error);
  if (!file)
    return;
  h5::Group root = h5::openGroup(file.get(), "/", error);
  std::error_code ec;
  const double bytes = double(std::filesystem::file_size(path, ec));
  if (root)
    Walker(reading, ec ? 0.0 : bytes).walkGroup(root.get(), "/", 0);
  // Closing evicts every cached object header: as long as reading them.
  reading(kClosingFile, ec ? 0.0 : bytes);
  root = h5::Group();
  file = h5::File();
}

} // namespace nmc::io::detail
