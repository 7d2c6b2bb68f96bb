//===- OutputFile.h - Buffered output file with checked writes --*- C++ -*-===//
//
// Every sink writes through this: write errors (a full disk, /dev/full, a
// closed pipe) become one std::runtime_error naming the file, raised from
// print() or close(), never from a destructor.
//===----------------------------------------------------------------------===//
#ifndef NMC_SIM_OUTPUTFILE_H
#define NMC_SIM_OUTPUTFILE_H

#include <fmt/format.h>

#include <cstdio>
#include <string>

namespace nmc::sim::detail {

class OutputFile {
public:
  /// Opens (truncates) `path`; throws "PATH: cannot write: REASON".
  explicit OutputFile(std::string path);
  ~OutputFile();
  OutputFile(const OutputFile &) = delete;
  OutputFile &operator=(const OutputFile &) = delete;

  template <typename... Args>
  void print(fmt::format_string<Args...> format, Args &&...args) {
    fmt::format_to(std::back_inserter(buffer), format,
                   std::forward<Args>(args)...);
    if (buffer.size() >= kFlushAt)
      flush();
  }
  /// Writes the buffer out, then closes; throws naming the file on failure.
  void close();
  const std::string &path() const { return name; }

private:
  static constexpr size_t kFlushAt = 1 << 16;
  void flush();
  [[noreturn]] void fail(const char *what, int error);

  std::string name;
  std::FILE *file = nullptr;
  fmt::memory_buffer buffer;
};

} // namespace nmc::sim::detail

namespace nmc::sim {

/// Throws "PATH: cannot write: REASON" unless `path` can be created or
/// appended to: outputs written only at the end of a run (NIRData, the
/// summary JSON) are checked before it starts.
void checkWritable(const std::string &path);

} // namespace nmc::sim

#endif // NMC_SIM_OUTPUTFILE_H
