//===- H5Guard.h - Check untrusted HDF5 files in a child -------*- C++ -*-===//
//
// libhdf5 1.10 crashes or loops forever on some corrupt files (global heap
// reads of variable-length strings, broken B-trees), and no newer version
// ships with Debian 12. Before a reader opens an untrusted file, the file is
// read once in a forked child under CPU, memory and wall-clock limits; the
// child names each object before reading it, so a crash or hang is reported
// as one line naming that object. Files that pass are read normally by the
// caller. No exceptions: the MLIR importer calls this too.
//===----------------------------------------------------------------------===//
#ifndef NMC_IO_H5GUARD_H
#define NMC_IO_H5GUARD_H

#include <functional>
#include <string>

namespace nmc::io {

/// Skips the check for every later file (`--trusted-input`). The check is
/// also skipped when the environment has NMC_TRUSTED_INPUT=1.
void setTrustedInput(bool trusted);
/// True if the check is skipped (flag or environment).
bool trustedInput();

/// Reads `path` in a child process unless input is trusted or this file
/// (same inode, size and mtime) already passed. Returns false if libhdf5
/// crashed, hung or ran out of limits in the child; `error` is then one line
/// without the file name, e.g. "the HDF5 library crashed (signal 11) while
/// reading /node/nodes/lif/type: the file is corrupt". Files that are
/// missing or not HDF5 pass: the caller's reader reports those.
bool checkHDF5File(const std::string &path, std::string &error);

namespace detail {

/// Called before each object is read: its HDF5 path ("/node/edges",
/// "/@format" for an attribute, "" for opening the file, kClosingFile for
/// closing it) and the bytes about to be read (or a budget in bytes).
inline constexpr const char *kClosingFile = "(close)";
using ReadingFn = std::function<void(const std::string &object, double bytes)>;

/// Reads every group, scalar attribute and dataset of `path` the way the
/// nmc readers do (the nmc_h5 read functions), announcing each through
/// `reading`. Errors are ignored: only crashes and hangs matter here.
void walkHDF5File(const std::string &path, const ReadingFn &reading);

/// The budget, in bytes of reading, of listing a group that declares
/// `members` links in a file of `fileBytes`: kBytesPerMember a member, for
/// at most fileBytes / kMinMemberBytes and kMaxBudgetedMembers members, so
/// a corrupt count cannot buy minutes (H5Walk.cpp).
double listingBudgetBytes(double members, double fileBytes);

} // namespace detail

} // namespace nmc::io

#endif // NMC_IO_H5GUARD_H
