//===- OutputFile.cpp - Buffered output file with checked writes ---------===//
#include "nmc/Sim/OutputFile.h"

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace nmc::sim::detail {

OutputFile::OutputFile(std::string path) : name(std::move(path)) {
  file = std::fopen(name.c_str(), "wb");
  if (!file)
    fail("cannot write", errno);
}

OutputFile::~OutputFile() {
  if (file)
    std::fclose(file);
}

void OutputFile::fail(const char *what, int error) {
  throw std::runtime_error(
      fmt::format("{}: {}: {}", name, what, std::strerror(error)));
}

void OutputFile::flush() {
  if (!buffer.size())
    return;
  errno = 0;
  const size_t size = buffer.size();
  const size_t written = std::fwrite(buffer.data(), 1, size, file);
  buffer.clear();
  if (written != size)
    fail("write error", errno ? errno : EIO);
}

void OutputFile::close() {
  if (!file)
    return;
  flush();
  errno = 0;
  const bool bad = std::fflush(file) != 0 || std::ferror(file);
  const int error = errno ? errno : EIO;
  const bool closeFailed = std::fclose(file) != 0;
  file = nullptr;
  if (bad || closeFailed)
    fail("write error", error);
}

} // namespace nmc::sim::detail

namespace nmc::sim {

void checkWritable(const std::string &path) {
  std::FILE *f = std::fopen(path.c_str(), "ab");
  if (!f)
    throw std::runtime_error(
        fmt::format("{}: cannot write: {}", path, std::strerror(errno)));
  std::fclose(f);
}

} // namespace nmc::sim
