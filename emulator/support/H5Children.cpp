//===- H5Children.cpp - List the members of a group by name ---------------===//
#include "nmc/Support/H5.h"

namespace nmc::h5 {

namespace {
struct Listing {
  std::vector<Child> *out;
};
} // namespace

static herr_t collect(hid_t group, const char *name, const H5L_info_t *info,
                      void *data) {
  auto &out = *static_cast<Listing *>(data)->out;
  Child c;
  c.name = name;
  // Only hard links are followed: soft links may dangle and external links
  // would open other files behind the caller's back.
  if (info->type == H5L_TYPE_HARD) {
    hid_t o = H5Oopen(group, name, H5P_DEFAULT);
    if (o >= 0) {
      H5I_type_t t = H5Iget_type(o);
      c.kind = t == H5I_GROUP     ? Child::Kind::Group
               : t == H5I_DATASET ? Child::Kind::Dataset
                                  : Child::Kind::Other;
      H5Oclose(o);
    }
  }
  out.push_back(std::move(c));
  return 0;
}

bool listChildren(hid_t group, std::vector<Child> &out, std::string &error) {
  out.clear();
  Listing l{&out};
  hsize_t idx = 0;
  if (H5Literate(group, H5_INDEX_NAME, H5_ITER_INC, &idx, collect, &l) < 0) {
    error = pathOf(group) + ": cannot list group members";
    return false;
  }
  return true;
}

} // namespace nmc::h5
