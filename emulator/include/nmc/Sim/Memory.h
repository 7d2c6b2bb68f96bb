//===- Memory.h - Refuse, up front, what cannot fit in memory ---*- C++ -*-===//
//
// Outputs kept whole in memory (collected traces, NIRData files, written at
// the end) are sized before the run: what would exceed 3/4 of the machine's
// memory is refused with its size, instead of failing in the allocator
// hours later.
//===----------------------------------------------------------------------===//
#ifndef NMC_SIM_MEMORY_H
#define NMC_SIM_MEMORY_H

#include <fmt/format.h>

#include <stdexcept>
#include <string>

#include <unistd.h>

namespace nmc::sim {

/// Physical memory in bytes, or 0 when unknown.
inline double physicalMemoryBytes() {
  const long pages = sysconf(_SC_PHYS_PAGES), size = sysconf(_SC_PAGE_SIZE);
  return pages > 0 && size > 0 ? double(pages) * double(size) : 0.0;
}

/// Throws "`what` needs N GB, more than this machine's memory (M GB)
/// allows; `advice`" if `bytes` exceeds 3/4 of physical memory.
inline void checkFitsInMemory(double bytes, const std::string &what,
                              const std::string &advice) {
  const double memory = physicalMemoryBytes();
  if (memory > 0 && bytes > 0.75 * memory)
    throw std::runtime_error(fmt::format(
        "{} needs {:.1f} GB, more than this machine's memory ({:.1f} GB) "
        "allows; {}",
        what, bytes / 1e9, memory / 1e9, advice));
}

} // namespace nmc::sim

#endif // NMC_SIM_MEMORY_H
