//===- H5File.cpp - Files, groups, datasets: open/create/exists -----------===//
#include "nmc/Support/H5.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <unistd.h>

namespace nmc::h5 {

void silenceErrors() { H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr); }

std::string pathOf(hid_t obj) {
  ssize_t n = H5Iget_name(obj, nullptr, 0);
  if (n <= 0)
    return "?";
  std::string s(size_t(n) + 1, '\0');
  H5Iget_name(obj, s.data(), s.size());
  s.resize(size_t(n));
  return s;
}

std::string childPath(hid_t loc, const std::string &name) {
  std::string p = pathOf(loc);
  if (p.empty() || p.back() != '/')
    p += '/';
  return p + name;
}

bool isHDF5File(const std::string &path, std::string &error) {
  silenceErrors();
  // H5Fis_hdf5 cannot tell "missing" from "unreadable"; access() can.
  if (::access(path.c_str(), R_OK) != 0) {
    error = std::string("cannot open: ") + std::strerror(errno);
    return false;
  }
  htri_t r = H5Fis_hdf5(path.c_str());
  if (r > 0)
    return true;
  error = r == 0 ? "not an HDF5 file" : "cannot open as HDF5";
  return false;
}

File openFile(const std::string &path, std::string &error) {
  if (!isHDF5File(path, error))
    return File();
  File f(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
  if (!f)
    error = "cannot open HDF5 file (corrupt or locked?)";
  return f;
}

File createFile(const std::string &path, std::string &error) {
  silenceErrors();
  File f(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT));
  if (!f)
    error = "cannot create HDF5 file (missing directory, no permission, or "
            "file open elsewhere?)";
  return f;
}

bool writeWholeFile(const std::string &path,
                    const std::function<bool(hid_t, std::string &)> &body,
                    std::string &error) {
  std::string why;
  File file = createFile(path, why);
  if (file && body(file.get(), why))
    return true;
  if (file) {
    file.reset();
    std::remove(path.c_str());
  }
  error = path + ": " + why;
  return false;
}

bool exists(hid_t loc, const std::string &name) {
  return H5Lexists(loc, name.c_str(), H5P_DEFAULT) > 0;
}

/// HDF5 object type of a hard-linked child, or H5I_BADID.
static H5I_type_t childType(hid_t loc, const std::string &name) {
  if (!exists(loc, name))
    return H5I_BADID;
  hid_t o = H5Oopen(loc, name.c_str(), H5P_DEFAULT);
  if (o < 0)
    return H5I_BADID;
  H5I_type_t t = H5Iget_type(o);
  H5Oclose(o);
  return t;
}

bool isGroup(hid_t loc, const std::string &name) {
  return childType(loc, name) == H5I_GROUP;
}

bool isDataset(hid_t loc, const std::string &name) {
  return childType(loc, name) == H5I_DATASET;
}

Group openGroup(hid_t loc, const std::string &name, std::string &error) {
  if (!isGroup(loc, name)) {
    error = childPath(loc, name) +
            (exists(loc, name) ? ": expected a group" : ": missing group");
    return Group();
  }
  Group g(H5Gopen2(loc, name.c_str(), H5P_DEFAULT));
  if (!g)
    error = childPath(loc, name) + ": cannot open group";
  return g;
}

Group createGroup(hid_t loc, const std::string &name, std::string &error) {
  // No modification times: the same content gives the same bytes.
  PropList gcpl(H5Pcreate(H5P_GROUP_CREATE));
  H5Pset_obj_track_times(gcpl.get(), false);
  Group g(H5Gcreate2(loc, name.c_str(), H5P_DEFAULT, gcpl.get(), H5P_DEFAULT));
  if (!g)
    error = childPath(loc, name) + ": cannot create group";
  return g;
}

Dataset openDataset(hid_t loc, const std::string &name, std::string &error) {
  if (!isDataset(loc, name)) {
    error = childPath(loc, name) +
            (exists(loc, name) ? ": expected a dataset" : ": missing dataset");
    return Dataset();
  }
  Dataset d(H5Dopen2(loc, name.c_str(), H5P_DEFAULT));
  if (!d)
    error = childPath(loc, name) + ": cannot open dataset";
  return d;
}

} // namespace nmc::h5
