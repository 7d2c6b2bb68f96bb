//===- OutputFile.h - Open an output file with a useful error ---*- C++ -*-===//
#ifndef NMC_EMUIO_OUTPUTFILE_H
#define NMC_EMUIO_OUTPUTFILE_H

#include <fmt/format.h>
#include <fmt/os.h>

#include <stdexcept>
#include <string>

namespace nmc::engine::detail {

/// A buffered output file; throws std::runtime_error naming `path`.
inline fmt::ostream openOutput(const std::string &path) {
  try {
    return fmt::output_file(path);
  } catch (const std::exception &e) {
    throw std::runtime_error(
        fmt::format("{}: cannot write: {}", path, e.what()));
  }
}

} // namespace nmc::engine::detail

#endif // NMC_EMUIO_OUTPUTFILE_H
