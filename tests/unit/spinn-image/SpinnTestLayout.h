//===- SpinnTestLayout.h - Small layouts and a row decoder for tests ------===//
#ifndef NMC_TESTS_SPINNTESTLAYOUT_H
#define NMC_TESTS_SPINNTESTLAYOUT_H

#include "nmc/Backends/SpinnLayout.h"
#include "nmc/Target/SpiNNaker/MachineJson.h"
#include "nmc/Target/SpiNNaker/SpinnImage.h"

#include "nmc/Image/OpenImage.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

namespace nmc::test {

namespace L = spinn::layout;

/// A population cut into slices of `per` neurons, all on chip (0, 0) from
/// core `firstCore` on, keys `popIndex << 8 | slice << 4` (mask 0xFFFFFFF0:
/// up to 16 neurons per slice).
inline L::Population population(const std::string &name, bool source,
                                int64_t size, int64_t per, int32_t popIndex,
                                int32_t &nextCore, int64_t delayBits = 3) {
  L::Population p;
  p.name = name;
  p.source = source;
  p.size = size;
  for (int64_t lo = 0, s = 0; lo < size; lo += per, ++s) {
    L::Slice sl;
    sl.lo = lo;
    sl.hi = std::min(size, lo + per);
    sl.chip = {0, 0};
    sl.p = nextCore++;
    sl.key = uint32_t(popIndex) << 8 | uint32_t(s) << 4;
    sl.mask = 0xFFFFFFF0u;
    sl.delayBits = source ? 0 : delayBits;
    p.slices.push_back(sl);
  }
  return p;
}

inline spinn::Machine spin3() { return *spinn::preset("spin3").machine; }

/// in (4) -> p (affine) -> n (3 LIF) -> out: the quantized network whose
/// populations the hand layouts name.
inline image::Image handQuantized() {
  image::Image q;
  q.dt = 1e-3;
  q.numberFormat = "s16.15";
  auto node = [](std::string name, std::string kind, int64_t in, int64_t o,
                 std::vector<image::InputEdge> inputs) {
    image::Node n;
    n.name = std::move(name);
    n.kind = std::move(kind);
    n.inShape = {in};
    n.outShape = {o};
    n.inputs = std::move(inputs);
    return n;
  };
  q.nodes.push_back(node("in", "input", 4, 4, {}));
  q.nodes.push_back(node("p", "affine", 4, 3, {{0, false}}));
  q.nodes.back().f[image::keys::kWeight] =
      FloatArray(std::vector<double>(12, 0.25));
  q.nodes.push_back(node("n", "neuron", 3, 3, {{1, false}}));
  image::Node &n = q.nodes.back();
  n.s["neuron_type"] = "LIF";
  for (const char *c : image::keys::kCoefs)
    n.f[c] = FloatArray(std::vector<double>(3, 0.5));
  n.i["has_syn"] = {0};
  n.i["spiking"] = {1};
  n.i["reset_subtract"] = {0};
  q.nodes.push_back(node("out", "output", 3, 3, {{2, false}}));
  return q;
}

/// One synapse as decoded from a core's rows: population-wide source and
/// target, code, type and hardware delay (residual + stage * stage ticks).
struct Decoded {
  std::string pre;
  int64_t source = 0, target = 0;
  uint32_t code = 0, type = 0;
  int64_t delay = 0;
  auto key() const { return std::tie(pre, source, target, code, type, delay); }
  friend bool operator<(const Decoded &a, const Decoded &b) {
    return a.key() < b.key();
  }
  friend bool operator==(const Decoded &a, const Decoded &b) {
    return a.key() == b.key();
  }
};

/// Decodes every row of every neuron core of `p`. A pop-table entry is
/// matched to its source slice by key (the slice's own key for stage 0,
/// its extension core's stage key otherwise); `stageTicks` comes from that
/// extension core.
inline std::vector<Decoded> decodeAll(const spinn::SpinnPayload &p) {
  std::vector<Decoded> out;
  for (const spinn::Core &c : p.cores) {
    if (c.kind != spinn::CoreKind::Neuron)
      continue;
    for (const spinn::PopTableEntry &e : c.popTable) {
      // Find the source core (and stage ticks) the entry's key belongs to.
      const spinn::Core *src = nullptr;
      int64_t ticks = 0;
      for (const spinn::Core &s : p.cores) {
        if (e.delayStage == 0 && s.kind != spinn::CoreKind::DelayExtension &&
            s.key == e.key)
          src = &s;
        if (e.delayStage > 0 && s.kind == spinn::CoreKind::DelayExtension &&
            int64_t(s.stageKeys.size()) >= e.delayStage &&
            s.stageKeys[e.delayStage - 1] == e.key) {
          src = &s;
          ticks = s.stageTicks;
        }
      }
      if (!src)
        continue; // the caller's count comparison will fail
      for (uint32_t i = 0; i < e.neurons; ++i) {
        const uint32_t base = e.address + i * e.rowStride;
        const uint32_t count = c.sdram[base + spinn::kRowFixedCountWord];
        for (uint32_t k = 0; k < count; ++k) {
          const uint32_t w = c.sdram[base + spinn::kRowHeaderWords + k];
          out.push_back({p.populations[src->population].name, src->lo + i,
                         c.lo + c.row.index(w), c.row.weight(w), c.row.type(w),
                         int64_t(c.row.delay(w)) + e.delayStage * ticks});
        }
      }
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

/// A file for test `name` in the test temp directory.
inline std::string tempImagePath(const std::string &name) {
  return (std::filesystem::path(::testing::TempDir()) /
          ("spinn_image_" + name + ".h5"))
      .string();
}

/// Writes `p` changed by `corrupt` and expects openImage to refuse it with
/// every part of `parts` in the message.
inline void
expectImageRefused(spinn::SpinnPayload p, const std::string &name,
                   const std::function<void(spinn::SpinnPayload &)> &corrupt,
                   const std::vector<std::string> &parts) {
  corrupt(p);
  const std::string path = tempImagePath(name);
  std::string error;
  ASSERT_TRUE(spinn::writeSpinnImage(path, p, error)) << error;
  try {
    image::openImage(path);
    ADD_FAILURE() << name << ": accepted";
  } catch (const std::runtime_error &e) {
    for (const std::string &part : parts)
      EXPECT_NE(std::string(e.what()).find(part), std::string::npos)
          << name << ": '" << part << "' not in: " << e.what();
  }
  std::filesystem::remove(path);
}

} // namespace nmc::test

#endif // NMC_TESTS_SPINNTESTLAYOUT_H
