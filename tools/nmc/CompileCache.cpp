//===- CompileCache.cpp - Compiled outputs kept by a key ------------------===//
#include "CompileCache.h"

#include <fmt/format.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <system_error>

namespace fs = std::filesystem;

namespace nmc::driver {

namespace {

constexpr const char *kKeyFile = "key.txt";

std::string readAll(const fs::path &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw std::runtime_error(path.string() + ": cannot open");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

} // namespace

uint64_t fnv1a(std::string_view data, uint64_t hash) {
  for (unsigned char c : data) {
    hash ^= c;
    hash *= 0x100000001b3ull;
  }
  return hash;
}

std::string fileHash(const fs::path &path) {
  return fmt::format("{:016x}", fnv1a(readAll(path)));
}

fs::path userCacheDir(const std::string &sub) {
  if (const char *xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg)
    return fs::path(xdg) / "nmc" / sub;
  if (const char *home = std::getenv("HOME"); home && *home)
    return fs::path(home) / ".cache" / "nmc" / sub;
  return {};
}

CompileCache::CompileCache(fs::path r, std::string k)
    : root(std::move(r)), key(std::move(k)) {
  entry = root / fmt::format("{:016x}", fnv1a(key));
}

bool CompileCache::has() const {
  std::error_code error;
  if (!fs::is_regular_file(entry / kKeyFile, error))
    return false;
  try {
    return readAll(entry / kKeyFile) == key;
  } catch (const std::runtime_error &) {
    return false;
  }
}

void CompileCache::store(const std::function<void(const fs::path &)> &fill) {
  std::error_code error;
  fs::create_directories(root, error);
  if (error)
    throw std::runtime_error(root.string() +
                             ": cannot create the cache "
                             "directory (" +
                             error.message() + ")");
  std::string pattern = (root / "staging-XXXXXX").string();
  if (!mkdtemp(pattern.data()))
    throw std::runtime_error(root.string() +
                             ": cannot create a directory in the cache");
  const fs::path staging = pattern;
  try {
    fill(staging);
    std::ofstream(staging / kKeyFile, std::ios::binary) << key;
  } catch (...) {
    fs::remove_all(staging, error);
    throw;
  }
  // A stale entry (another key with the same hash, or an older layout)
  // makes way; a fresh one stored meanwhile by another process stays.
  if (fs::exists(entry, error) && !has())
    fs::remove_all(entry, error);
  fs::rename(staging, entry, error);
  if (error) {
    fs::remove_all(staging, error);
    if (!has())
      throw std::runtime_error(entry.string() +
                               ": cannot store the compiled model in the "
                               "cache");
  }
}

} // namespace nmc::driver
