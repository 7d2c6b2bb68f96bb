//===- H5GuardTest.cpp - Untrusted HDF5 files checked in a child ---------===//
#include "TestSupport.h"

#include "nmc/IO/H5Guard.h"
#include "nmc/NIR/NIRFile.h"
#include "nmc/Support/H5.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sys/stat.h>

namespace nmc {
namespace {

using test::TempDir;

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kAddressSanitizer = true;
#else
constexpr bool kAddressSanitizer = false;
#endif
#else
constexpr bool kAddressSanitizer = false;
#endif

/// Restores the default (untrusted, no environment override) after a test.
struct GuardDefaults : ::testing::Test {
  void SetUp() override {
    io::setTrustedInput(false);
    ::unsetenv("NMC_TRUSTED_INPUT");
  }
  void TearDown() override { SetUp(); }
};

/// A copy of paper_lif_norse.nir with byte 2093 (inside its global heap,
/// "GCOL" at 2064) set to 184: h5dump dies with SIGSEGV on it, in H5HG_read
/// while converting the variable-length /version string.
std::string corruptHeapCopy(const TempDir &dir) {
  std::string path = test::copyFixture(dir, "paper_lif_norse.nir");
  std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(f)), {});
  EXPECT_EQ(bytes.substr(2064, 4), "GCOL");
  f.clear();
  f.seekp(2093);
  f.put(char(184));
  return path;
}

TEST_F(GuardDefaults, WalkNamesEveryObjectTheReaderReads) {
  // Objects of gen_ff_affine_lif.nir as gen_ff_affine_lif.h5dump.txt lists
  // them (a sample: root datasets, a node's datasets, metadata).
  std::vector<std::string> seen;
  io::detail::walkHDF5File(
      test::fixture("gen_ff_affine_lif.nir"),
      [&](const std::string &object, double) { seen.push_back(object); });
  for (const char *object :
       {"", "/version", "/node", "/node/edges", "/node/metadata/description",
        "/node/metadata/dt_hint_s", "/node/nodes/fc1/bias",
        "/node/nodes/fc1/type", "/node/nodes/fc1/weight",
        "/node/nodes/lif1/tau", "/node/nodes/input/shape"})
    EXPECT_NE(std::find(seen.begin(), seen.end(), object), seen.end())
        << object;
}

TEST_F(GuardDefaults, HealthyFilePasses) {
  std::string error;
  EXPECT_TRUE(io::checkHDF5File(test::fixture("paper_cnn_sinabs.nir"), error))
      << error;
}

// A healthy group with many members (an image of a 2*10^4-node network)
// was taken for a hang: listing it costs more than one object's budget.
TEST_F(GuardDefaults, LargeGroupListingIsBudgetedByItsMembers) {
  constexpr int kMembers = 5000; // the false hang began near 2*10^4
  TempDir dir;
  const std::string path = dir.file("wide.h5");
  {
    std::string error;
    h5::File f = h5::createFile(path, error);
    ASSERT_TRUE(f) << error;
    h5::Group g = h5::createGroup(f.get(), "g", error);
    ASSERT_TRUE(g) << error;
    for (int k = 0; k < kMembers; ++k)
      ASSERT_TRUE(h5::createGroup(g.get(), std::to_string(k), error)) << error;
  }
  double listingBytes = 0;
  io::detail::walkHDF5File(path, [&](const std::string &object, double bytes) {
    if (object == "/g")
      listingBytes = std::max(listingBytes, bytes);
  });
  EXPECT_EQ(listingBytes, kMembers * 2000.0);
  std::string error;
  EXPECT_TRUE(io::checkHDF5File(path, error)) << error;
}

// The listing budget: 2000 bytes a member, for at most file/40 and 2^20
// members, so a corrupt member count buys neither minutes nor hours.
TEST(GuardBudget, ListingBudgetIsCappedByFileSizeAndAbsolutely) {
  // 10^5 members of a 50 MB image: 10^5 * 2000 = 2e8 bytes (10 s at 20 MB/s).
  EXPECT_EQ(io::detail::listingBudgetBytes(1e5, 50e6), 2e8);
  // A count of 10^9 in a 1 MB file: 1e6 / 40 = 25,000 members -> 5e7 bytes.
  EXPECT_EQ(io::detail::listingBudgetBytes(1e9, 1e6), 5e7);
  // 10^9 in a 10 GB file: capped at 2^20 members -> 1,048,576 * 2000 bytes.
  EXPECT_EQ(io::detail::listingBudgetBytes(1e9, 1e10), 1048576.0 * 2000);
}

TEST_F(GuardDefaults, MissingFileIsLeftToTheReader) {
  TempDir dir;
  std::string error;
  EXPECT_TRUE(io::checkHDF5File(dir.file("missing.nir"), error));
}

TEST_F(GuardDefaults, LibraryCrashBecomesOneLineNamingTheObject) {
  TempDir dir;
  std::string path = corruptHeapCopy(dir);
  std::string error;
  // SIGSEGV in a plain build; under ASan its report of the over-read comes
  // first and ends the child with SIGABRT (H5Guard.cpp).
  const std::string crash =
      kAddressSanitizer ? "crashed (signal 6)" : "crashed (signal 11)";
  EXPECT_FALSE(io::checkHDF5File(path, error));
  EXPECT_EQ(error, "the HDF5 library " + crash +
                       " while reading /version: the file is corrupt");
  nir::Model model;
  EXPECT_FALSE(nir::readNIRFile(path, model, error));
  EXPECT_EQ(error, path + ": the HDF5 library " + crash +
                       " while reading /version: the file is corrupt");
}

TEST_F(GuardDefaults, HangIsKilledAfterTheTimeout) {
  // Opening a FIFO without a writer blocks forever: the child never gets
  // past opening the file.
  TempDir dir;
  std::string fifo = dir.file("fifo.nir");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  auto start = std::chrono::steady_clock::now();
  std::string error;
  EXPECT_FALSE(io::checkHDF5File(fifo, error));
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  // Blocked without using the CPU: 8 x 0.25 s + 2 s of wall time.
  EXPECT_EQ(error, "the HDF5 library hung (no progress in 4.00 s) while "
                   "opening the file: the file is corrupt");
  EXPECT_GE(seconds, 4.0);
  EXPECT_LT(seconds, 10.0);
}

TEST_F(GuardDefaults, TrustedInputSkipsTheCheck) {
  TempDir dir;
  std::string fifo = dir.file("fifo.nir");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::string error;
  io::setTrustedInput(true);
  EXPECT_TRUE(io::trustedInput());
  EXPECT_TRUE(io::checkHDF5File(fifo, error)); // returns at once
  io::setTrustedInput(false);
  ::setenv("NMC_TRUSTED_INPUT", "1", 1);
  EXPECT_TRUE(io::trustedInput());
  EXPECT_TRUE(io::checkHDF5File(fifo, error));
  ::setenv("NMC_TRUSTED_INPUT", "0", 1);
  EXPECT_FALSE(io::trustedInput());
}

} // namespace
} // namespace nmc
