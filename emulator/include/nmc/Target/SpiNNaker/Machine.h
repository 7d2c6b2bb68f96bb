//===- Machine.h - The SpiNNaker machine model ------------------*- C++ -*-===//
//
// What the `spinn` passes map onto and what the SpiNNaker emulator models:
// chips on a 2-D triangular mesh (6 links, optional toroidal wrap), cores,
// memories, the multicast router, the clock and timer tick, energy constants
// and the cycle-cost model. MLIR-free plain data shared by the compiler and
// the emulator. Defaults are SpiNNaker 1; every constant cites
// ../shared/reference/spinnaker.md (§A.x, §E) or the SpiNNMachine file read
// for it; values marked [assumed] are nmc's own choices where no source
// gives a number. Presets and the JSON form: MachineJson.h; every field is
// documented in docs/targets/spinnaker.md.
//===----------------------------------------------------------------------===//
#ifndef NMC_TARGET_SPINNAKER_MACHINE_H
#define NMC_TARGET_SPINNAKER_MACHINE_H

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace nmc::spinn {

/// A chip's coordinates on the mesh.
struct ChipXY {
  int32_t x = 0, y = 0;
  friend bool operator==(const ChipXY &, const ChipXY &) = default;
  friend auto operator<=>(const ChipXY &, const ChipXY &) = default;
};

/// The six inter-chip links and their (dx, dy); opposite = (l + 3) % 6
/// (spinnaker.md §A.6; SpiNNMachine machine.py LINK_ADD_TABLE).
enum class Link : uint8_t { E = 0, NE = 1, N = 2, W = 3, SW = 4, S = 5 };
inline constexpr int kNumLinks = 6;
inline constexpr std::array<std::array<int, 2>, kNumLinks> kLinkDelta = {
    {{1, 0}, {1, 1}, {0, 1}, {-1, 0}, {-1, -1}, {0, -1}}};
inline constexpr Link opposite(Link l) {
  return static_cast<Link>((static_cast<int>(l) + 3) % kNumLinks);
}
const char *linkName(Link l); ///< "E", "NE", ...

/// Which hardware generation the parameters describe (route-word format,
/// what the cost model means).
enum class Generation { Spin1, Spin2 };

/// Mesh extent, wrap and the chips that are absent (board corners, dead
/// chips). A chip is present iff it lies in [0,width) x [0,height) and is
/// not listed in `absentChips`.
struct Geometry {
  int32_t width = 8, height = 8; ///< spin5 board (spinnaker.md §A.1)
  bool wrapX = false, wrapY = false;
  /// Sorted, unique. The spin5 board lacks 16 of its 8x8 (version_5.py).
  std::vector<ChipXY> absentChips;
  friend bool operator==(const Geometry &, const Geometry &) = default;
};

struct Chip {
  int32_t cores = 18;       ///< ARM968 per chip [§A.1 NUM_CPUS 18]
  int32_t monitorCores = 2; ///< SC&MP + FEC extra monitor [§A.1] => 16 app
  int64_t itcmBytes = 32 * 1024;            ///< [§A.1 ITCM_SIZE 0x8000]
  int64_t dtcmBytes = 64 * 1024;            ///< [§A.1 DTCM_SIZE 0x10000]
  int64_t sdramBytes = 128ll * 1024 * 1024; ///< physical [§A.1 SDRAM_SIZE]
  int64_t sdramUsableBytes = 123469792;     ///< toolchain budget [§A.1]
  int32_t routerEntries = 1024;             ///< [§A.6 MC_TABLE_SIZE]
  int32_t routerEntriesUsable = 1023;       ///< one kept by the system [§A.6]
  int64_t clockHz = 200000000;              ///< [§A.1 clock_speeds_hz]
  int32_t appCores() const { return cores - monitorCores; }
  friend bool operator==(const Chip &, const Chip &) = default;
};

/// Energy constants of the toolchain's energy report (spinnaker.md §A.1,
/// SpiNNMachine version_spin1.py / version_3.py / version_5.py).
/// 0 means "unknown" (SpiNNaker 2: the toolchain has no numbers).
struct Energy {
  double idleChipW = 0.35;        ///< per chip [§A.1]
  double activeCoreW = 0.034;     ///< per active core, over idle [§A.1]
  double routerPJPerBit = 25;     ///< [§A.1 25 pJ/bit]
  int32_t mcPacketBits = 40;      ///< MC packet without payload [§A.1]
  int32_t payloadPacketBits = 72; ///< with 32-bit payload [§A.1]
  /// Whole board idle, incl. power supply (version_5.py 26.84 W;
  /// version_3.py 3.56 W). Multiplied by Machine::boards.
  double boardIdleW = 26.84;
  double mcPacketJ() const { return routerPJPerBit * 1e-12 * mcPacketBits; }
  friend bool operator==(const Energy &, const Energy &) = default;
};

/// Cycle costs of sPyNNaker-style kernels (spinnaker.md §E), in CPU cycles
/// of Chip::clockHz unless the name says otherwise.
struct CostModel {
  int32_t synapticWordCycles = 24;    ///< static synapse inner loop [§E]
  int32_t neuronUpdateCycles = 170;   ///< IF_curr_exp, 150-190 [§E]
  int32_t plasticSynapseCycles = 120; ///< pair STDP ~110 instr [§E]
  /// Per post spike a plastic synapse pairs with (~23 instructions) and per
  /// history entry it steps over (~8) [§E], at the static loop's 24/20
  /// cycles per instruction.
  int32_t plasticPostSpikeCycles = 28;
  int32_t plasticHistorySkipCycles = 10;
  /// Per received spike: pop-table search + DMA setup + DMA-done callback
  /// + row prologue, ~430 instructions of static code size [§E]; [assumed]
  /// 400 cycles as the average path.
  int32_t spikeOverheadCycles = 400;
  int32_t dmaLatencyCycles = 100; ///< SDRAM row read start [assumed]
  double dmaBytesPerCycle = 1.6;  ///< ~320 MB/s per core [assumed]
  double routerHopNs = 150;       ///< no source; mem 100-200 ns [§A.6]
  double linkPacketsPerUs = 6.25; ///< 40-bit packets, ~250 Mb/s [assumed]
  friend bool operator==(const CostModel &, const CostModel &) = default;
};

struct Machine {
  std::string name = "spin5"; ///< preset or file it came from
  Generation generation = Generation::Spin1;
  int32_t boards = 1; ///< boards it is built of (board idle energy)
  Geometry geometry;
  Chip chip;
  int64_t timestepUs = 1000; ///< timer tick: 1000 (default) or 100 [§A.2]
  Energy energy;
  CostModel cost;
  friend bool operator==(const Machine &, const Machine &) = default;

  bool isPresent(ChipXY c) const;
  /// The present chips in (x, y) order.
  std::vector<ChipXY> chips() const;
  int64_t numChips() const;
  /// The chip over `link` from `c`, honouring wrap; nullopt off the mesh
  /// edge or when that chip is absent.
  std::optional<ChipXY> neighbour(ChipXY c, Link link) const;
  /// Present chips reachable over one link, in link order (E first).
  std::vector<std::pair<Link, ChipXY>> neighbours(ChipXY c) const;
  /// CPU cycles in one timer tick (200,000 at 200 MHz and 1 ms, §E).
  int64_t cyclesPerTick() const { return chip.clockHz * timestepUs / 1000000; }
};

/// Route words (spinnaker.md §A.6): bits 0-5 links, bits 6.. cores.
inline constexpr uint32_t linkRoute(int link) { return 1u << link; }
inline constexpr uint32_t linkRoute(Link l) {
  return linkRoute(static_cast<int>(l));
}
inline constexpr uint32_t coreRoute(int core) { return 1u << (core + 6); }
inline constexpr uint32_t kLinkRouteMask = 0x3F;
/// Cores a 32-bit route word can address (SpiNNaker 1 uses 18).
inline constexpr int kMaxRouteCores = 26;

} // namespace nmc::spinn

#endif // NMC_TARGET_SPINNAKER_MACHINE_H
