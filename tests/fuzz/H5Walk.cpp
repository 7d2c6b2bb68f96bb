//===- H5Walk.cpp - Read every object of an HDF5 file with libhdf5 -------===//
//
// nmc-fuzz-h5walk FILE SECONDS: opens FILE with libhdf5 alone and reads
// every attribute and dataset under the root, as nmc's readers would, under
// an alarm, under ASan's allocator (an over-read of the heap by libhdf5, or
// a single allocation above 256 MB, kills it). Exit 0: libhdf5 survived
// (HDF5 errors included); death: it did not. `--serve SECONDS` walks
// each path read from stdin and answers "ok" on stdout. Built without
// instrumentation: the fuzz targets ask it first (FuzzSupport.h)
// whether an input trips libhdf5 itself.
//===----------------------------------------------------------------------===//
#include <hdf5.h>

#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>
#include <unistd.h>
#include <vector>

// Linked with ASan's runtime (not instrumented): its malloc and its memcpy
// interceptor see libhdf5's heap over-reads (H5HG_read) that would not crash
// a plain process but do trip ASan in the fuzzer; an allocation above 256 MB
// (corrupt variable-length lengths) aborts too. A dead walker is the answer.
extern "C" const char *__asan_default_options() {
  return "max_allocation_size_mb=256:allocator_may_return_null=0:"
         "detect_leaks=0:allow_user_poisoning=0:quarantine_size_mb=16";
}

namespace {

// Bounds of the walk: corrupted files may declare cycles of groups or
// terabyte datasets; nmc's reader must cope with those itself.
constexpr int kMaxDepth = 32;
constexpr hsize_t kMaxBytes = hsize_t(64) << 20;

/// The memory type nmc reads `fileType` as (H5Types.cpp): strings keep the
/// file's character set (no ASCII <-> UTF-8 conversion), numbers native.
hid_t memoryTypeOf(hid_t fileType) {
  if (H5Tget_class(fileType) != H5T_STRING)
    return H5Tget_native_type(fileType, H5T_DIR_DEFAULT);
  if (H5Tis_variable_str(fileType) <= 0)
    return H5Tcopy(fileType);
  hid_t mem = H5Tcopy(H5T_C_S1);
  H5Tset_size(mem, H5T_VARIABLE);
  H5Tset_cset(mem, H5Tget_cset(fileType));
  return mem;
}

/// Reads `npoints` values of `fileType` through `read` into a native buffer,
/// then frees variable-length data.
template <typename ReadFn>
void readAll(hid_t fileType, hid_t space, ReadFn read) {
  hid_t memType = memoryTypeOf(fileType);
  if (memType < 0)
    return;
  hssize_t n = H5Sget_simple_extent_npoints(space);
  size_t size = H5Tget_size(memType);
  if (n >= 0 && size > 0 && hsize_t(n) * size <= kMaxBytes) {
    std::vector<unsigned char> buffer(size_t(n) * size + 1);
    bool variable = H5Tdetect_class(memType, H5T_VLEN) > 0 ||
                    H5Tis_variable_str(memType) > 0;
    if (read(memType, buffer.data()) >= 0 && variable)
      H5Dvlen_reclaim(memType, space, H5P_DEFAULT, buffer.data());
  }
  H5Tclose(memType);
}

herr_t readAttribute(hid_t loc, const char *name, const H5A_info_t *, void *) {
  hid_t attr = H5Aopen(loc, name, H5P_DEFAULT);
  if (attr < 0)
    return 0;
  hid_t type = H5Aget_type(attr), space = H5Aget_space(attr);
  if (type >= 0 && space >= 0)
    readAll(type, space, [&](hid_t memType, void *buffer) {
      return H5Aread(attr, memType, buffer);
    });
  if (type >= 0)
    H5Tclose(type);
  if (space >= 0)
    H5Sclose(space);
  H5Aclose(attr);
  return 0;
}

void readDataset(hid_t dataset) {
  hid_t type = H5Dget_type(dataset), space = H5Dget_space(dataset);
  if (type >= 0 && space >= 0) {
    readAll(type, space, [&](hid_t memType, void *buffer) {
      return H5Dread(dataset, memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer);
    });
    // nmc inflates one-chunk datasets itself (H5DirectRead.cpp).
    int rank = H5Sget_simple_extent_ndims(space);
    hsize_t stored = 0;
    if (rank > 0 && rank <= 32) {
      std::vector<hsize_t> offset(rank, 0);
      if (H5Dget_chunk_storage_size(dataset, offset.data(), &stored) >= 0 &&
          stored > 0 && stored <= kMaxBytes) {
        std::vector<unsigned char> packed(stored);
        uint32_t mask = 0;
        H5Dread_chunk(dataset, H5P_DEFAULT, offset.data(), &mask,
                      packed.data());
      }
    }
  }
  if (type >= 0)
    H5Tclose(type);
  if (space >= 0)
    H5Sclose(space);
}

void walk(hid_t object, int depth);

// Objects already walked (by address): files may link a group into itself.
std::set<haddr_t> visited;

void walkChild(hid_t group, const char *name, int depth) {
  if (depth >= kMaxDepth)
    return;
  hid_t child = H5Oopen(group, name, H5P_DEFAULT);
  if (child < 0)
    return;
  H5O_info_t info;
  if (H5Oget_info(child, &info) >= 0 && visited.insert(info.addr).second)
    walk(child, depth + 1);
  H5Oclose(child);
}

herr_t visitLink(hid_t group, const char *name, const H5L_info_t *info,
                 void *data) {
  if (info->type == H5L_TYPE_HARD)
    walkChild(group, name, *static_cast<int *>(data));
  return 0;
}

// The names nmc opens directly (NIR, NIRData): a corrupt group can hide
// links from iteration that a lookup by name still finds.
constexpr const char *kKnownNames[] = {
    "version",     "node",        "nodes",    "edges",       "type",
    "metadata",    "weight",      "bias",     "tau",         "r",
    "v_leak",      "v_threshold", "v_reset",  "tau_syn",     "tau_mem",
    "w_in",        "shape",       "scale",    "delay",       "threshold",
    "stride",      "padding",     "dilation", "groups",      "input_shape",
    "kernel_size", "start_dim",   "end_dim",  "input_type",  "indices",
    "indptr",      "n_neurons",   "data",     "dt",          "idx",
    "time",        "value",       "t_max",    "observables", "spikes",
    "v",           "i",           "out"};

void walk(hid_t object, int depth) {
  hsize_t index = 0;
  H5Aiterate2(object, H5_INDEX_NAME, H5_ITER_NATIVE, &index, readAttribute,
              nullptr);
  switch (H5Iget_type(object)) {
  case H5I_DATASET:
    readDataset(object);
    break;
  case H5I_GROUP: {
    hsize_t linkIndex = 0;
    H5Literate(object, H5_INDEX_NAME, H5_ITER_NATIVE, &linkIndex, visitLink,
               &depth);
    for (const char *name : kKnownNames)
      if (H5Lexists(object, name, H5P_DEFAULT) > 0)
        walkChild(object, name, depth);
    break;
  }
  default:
    break;
  }
}

void walkFile(const std::string &path) {
  visited.clear();
  hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (file < 0)
    return;
  hid_t root = H5Gopen2(file, "/", H5P_DEFAULT);
  if (root >= 0) {
    walk(root, 0);
    H5Gclose(root);
  }
  H5Fclose(file);
}

} // namespace

int main(int argc, char **argv) {
  if (argc < 3)
    return 2;
  unsigned seconds = unsigned(std::atoi(argv[2]));
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  // No libhdf5 free lists, as in the fuzzers (FuzzSupport.h).
  H5set_free_list_limits(0, 0, 0, 0, 0, 0);
  if (std::string(argv[1]) != "--serve") {
    alarm(seconds);
    walkFile(argv[1]);
    return 0;
  }
  // Server mode: one path per line on stdin, "ok" per walk on stdout, so a
  // fuzzer pays for starting libhdf5 once, not per input.
  std::string path;
  for (int c; (c = std::getchar()) != EOF;) {
    if (c != '\n') {
      path += char(c);
      continue;
    }
    alarm(seconds);
    walkFile(path);
    alarm(0);
    path.clear();
    std::fputs("ok\n", stdout);
    std::fflush(stdout);
  }
  return 0;
}
