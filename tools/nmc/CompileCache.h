//===- CompileCache.h - Compiled outputs kept by a key ----------*- C++ -*-===//
//
// A directory per key under a cache root, for `nmc cosim` (docs/rtl.md,
// "nmc cosim"): the key is the text of everything the outputs depend
// on (model content, settings, the nmc binary); the directory is named by
// its hash and holds the key text, so a hash collision recompiles instead
// of reusing the wrong files. Entries are filled in a staging directory
// and renamed into place, so a concurrent or interrupted run never leaves
// a half-written entry.
//===----------------------------------------------------------------------===//
#ifndef NMC_TOOLS_NMC_COMPILECACHE_H
#define NMC_TOOLS_NMC_COMPILECACHE_H

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

namespace nmc::driver {

/// 64-bit FNV-1a of `data`, continuing from `hash` (stable across runs and
/// machines, unlike std::hash).
uint64_t fnv1a(std::string_view data, uint64_t hash = 0xcbf29ce484222325ull);

/// FNV-1a of a file's bytes as 16 hex digits; throws naming the file.
std::string fileHash(const std::filesystem::path &path);

/// $XDG_CACHE_HOME/nmc/SUB, else $HOME/.cache/nmc/SUB; empty if neither
/// variable is set.
std::filesystem::path userCacheDir(const std::string &sub);

class CompileCache {
public:
  CompileCache(std::filesystem::path root, std::string key);
  /// The entry's directory (root/<hash of the key>).
  const std::filesystem::path &dir() const { return entry; }
  /// True if the entry exists and was stored for this key.
  bool has() const;
  /// Runs `fill` on an empty staging directory, then moves it to dir().
  /// If another process stored the entry meanwhile, its copy is kept.
  void store(const std::function<void(const std::filesystem::path &)> &fill);

private:
  std::filesystem::path root, entry;
  std::string key;
};

} // namespace nmc::driver

#endif // NMC_TOOLS_NMC_COMPILECACHE_H
