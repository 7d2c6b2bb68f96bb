//===- FuzzSupport.h - Shared helpers of the libFuzzer targets --*- C++ -*-===//
//
// The NIR and NIRData targets hand the fuzzer's bytes to readers that take a
// path, and must tell nmc's own defects from libhdf5's. libhdf5 1.10 crashes
// and hangs on some corrupted files (issue 9); nmc contains that in a child
// process, so a fuzz target first lets a child walk the file with libhdf5
// alone and skips inputs that kill or hang it (docs/testing.md).
//===----------------------------------------------------------------------===//
#ifndef NMC_TESTS_FUZZ_FUZZSUPPORT_H
#define NMC_TESTS_FUZZ_FUZZSUPPORT_H

#include <cstddef>
#include <cstdint>
#include <string>

namespace nmc::fuzz {

/// Writes `size` bytes to this process's scratch file `<tmp>/nmc-fuzz-<pid>
/// <suffix>` (overwritten by the next call) and returns its path.
std::string writeScratchFile(const uint8_t *data, size_t size,
                             const std::string &suffix);

/// Asks nmc-fuzz-h5walk (H5Walk.cpp, beside the fuzzer; one server process
/// kept running, restarted after a crash) to walk `path`: libhdf5 alone reads
/// every attribute and dataset under the root (depth and size capped), as nmc's
/// readers would. Returns false if it died or ran over `seconds`: the file
/// trips libhdf5 itself. HDF5 errors returned normally are not failures: nmc's
/// reader must report them.
bool libhdf5SurvivesFile(const std::string &path, unsigned seconds = 5);

/// Silences libhdf5's error stack printing in this process (done at start
/// by this library's LLVMFuzzerInitialize).
void silenceHDF5Errors();

/// Makes libhdf5 return every freed block to malloc instead of keeping it in
/// its free lists. Otherwise blocks left by earlier inputs carry garbage into
/// a later input's corrupt-heap reads: after 58,015 runs the fuzzer crashed
/// in H5HG_read (memcpy of a wild range) on a file the walker, a separate
/// process without that history, had read safely; alone it reads cleanly.
/// Both the fuzzers and the walker call it (done at start by this library's
/// LLVMFuzzerInitialize), so that each input starts from the same state.
void keepNoHDF5FreeLists();

} // namespace nmc::fuzz

#endif // NMC_TESTS_FUZZ_FUZZSUPPORT_H
