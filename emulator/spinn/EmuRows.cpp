//===- EmuRows.cpp - Where the emulator keeps the synaptic rows -----------===//
#include "EmuRows.h"

#include <sys/mman.h>

#include <cstring>
#include <map>
#include <new>
#include <stdexcept>
#include <tuple>

namespace nmc::spinn::emu {

namespace {
constexpr size_t kHugePage = size_t(2) << 20;
} // namespace

RowStore::RowStore(const SpinnPayload &payload) {
  // Entries of one source (same key, mask and size) on different cores
  // form a group; its rows go neuron by neuron, core by core.
  struct Member {
    size_t core, entry;
  };
  std::map<std::tuple<uint32_t, uint32_t, uint32_t>, std::vector<Member>>
      groups;
  size_t words = 0, rows = 0;
  first.resize(payload.cores.size());
  for (size_t k = 0; k < payload.cores.size(); ++k) {
    const Core &c = payload.cores[k];
    if (c.kind != CoreKind::Neuron)
      continue;
    first[k].resize(c.popTable.size());
    for (size_t e = 0; e < c.popTable.size(); ++e) {
      const PopTableEntry &pe = c.popTable[e];
      groups[{pe.key, pe.mask, pe.neurons}].push_back({k, e});
      rows += pe.neurons;
      for (uint32_t i = 0; i < pe.neurons; ++i) {
        const uint32_t *row =
            c.sdram.data() + pe.address + size_t(i) * pe.rowStride;
        words += row[row[0] + 1]; // F (SpinnImage.h "Plastic rows")
      }
    }
  }
  if (words >= (size_t(1) << 32))
    throw std::runtime_error("spinnaker emulator: more than 2^32 synaptic "
                             "words in all");
  // One mapping, aligned to 2 MB inside, so the kernel can back it with
  // transparent huge pages (a hint: without them it is ordinary memory).
  const size_t bytes = words * 4 + rows * sizeof(RowRef) + 64;
  mappedBytes = bytes + kHugePage;
  mapping = mmap(nullptr, mappedBytes, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mapping == MAP_FAILED) {
    mapping = nullptr;
    throw std::bad_alloc();
  }
  const uintptr_t at =
      (reinterpret_cast<uintptr_t>(mapping) + kHugePage - 1) & ~(kHugePage - 1);
#ifdef MADV_HUGEPAGE
  madvise(reinterpret_cast<void *>(at),
          (bytes + kHugePage - 1) & ~(kHugePage - 1), MADV_HUGEPAGE);
#endif
  arena = reinterpret_cast<uint32_t *>(at);
  // RowRefs after the words, 8-byte aligned.
  RowRef *out = reinterpret_cast<RowRef *>(arena + ((words + 1) & ~size_t(1)));
  refs = out;
  uint32_t *w = arena;
  for (const auto &[id, members] : groups) {
    const uint32_t neurons = std::get<2>(id);
    for (size_t m = 0; m < members.size(); ++m)
      first[members[m].core][members[m].entry] = {size_t(out - refs) + m,
                                                  members.size()};
    for (uint32_t i = 0; i < neurons; ++i)
      for (const Member &m : members) {
        const Core &c = payload.cores[m.core];
        const PopTableEntry &pe = c.popTable[m.entry];
        const uint32_t *row =
            c.sdram.data() + pe.address + size_t(i) * pe.rowStride;
        // The fixed words only: plastic regions live in PlasticRows.
        const uint32_t n = row[row[0] + 1];
        *out++ = {uint32_t(w - arena), n};
        std::memcpy(w, row + kRowHeaderWords + row[0], size_t(n) * 4);
        w += n;
      }
  }
}

RowStore::~RowStore() {
  if (mapping)
    munmap(mapping, mappedBytes);
}

} // namespace nmc::spinn::emu
