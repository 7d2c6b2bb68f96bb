//===- MachineJson.cpp - Presets, JSON and key=value for Machine ---------===//
//
// One table of fields (dotted key, how to read and write it) serves the JSON
// reader, the writer and --machine-set style settings, so a key is named
// once. nlohmann's exceptions and our own std::runtime_error stay inside
// this file: the public functions return error strings.
//===----------------------------------------------------------------------===//
#include "nmc/Target/SpiNNaker/MachineJson.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <functional>
#include <limits>
#include <sstream>
#include <stdexcept>

namespace nmc::spinn {
namespace {

using json = nlohmann::ordered_json;

struct Failure : std::runtime_error {
  using std::runtime_error::runtime_error;
};

[[noreturn]] void fail(const std::string &origin, const std::string &key,
                       const std::string &why) {
  throw Failure(origin + ": " + key + ": " + why);
}

struct Field {
  const char *key;
  std::function<void(Machine &, const json &, const std::string &)> set;
  std::function<json(const Machine &)> get;
};

template <class T> using Access = T &(*)(Machine &);

template <class T> Field make(const char *key, Access<T> access) {
  Field f{key, nullptr, nullptr};
  f.get = [access](const Machine &m) {
    return json(access(const_cast<Machine &>(m)));
  };
  f.set = [access, key](Machine &m, const json &v, const std::string &origin) {
    T &dst = access(m);
    if constexpr (std::is_same_v<T, bool>) {
      if (!v.is_boolean())
        fail(origin, key, "expected true or false, got " + v.dump());
      dst = v.get<bool>();
    } else if constexpr (std::is_integral_v<T>) {
      if (!v.is_number_integer())
        fail(origin, key, "expected a whole number, got " + v.dump());
      // Range-check before narrowing (int32 fields, huge unsigned values).
      if (v.is_number_unsigned()
              ? v.get<uint64_t>() > uint64_t(std::numeric_limits<T>::max())
              : (v.get<int64_t>() < int64_t(std::numeric_limits<T>::min()) ||
                 v.get<int64_t>() > int64_t(std::numeric_limits<T>::max())))
        fail(origin, key, "value " + v.dump() + " is out of range");
      dst = static_cast<T>(v.get<int64_t>());
    } else if constexpr (std::is_same_v<T, double>) {
      if (!v.is_number() || !std::isfinite(v.get<double>()))
        fail(origin, key, "expected a finite number, got " + v.dump());
      dst = v.get<double>();
    } else {
      static_assert(std::is_same_v<T, std::string>);
      if (!v.is_string())
        fail(origin, key, "expected a string, got " + v.dump());
      dst = v.get<std::string>();
    }
  };
  return f;
}

Field generationField() {
  Field f{"generation", nullptr, nullptr};
  f.get = [](const Machine &m) {
    return json(m.generation == Generation::Spin1 ? "spin1" : "spin2");
  };
  f.set = [](Machine &m, const json &v, const std::string &origin) {
    if (v == "spin1")
      m.generation = Generation::Spin1;
    else if (v == "spin2")
      m.generation = Generation::Spin2;
    else
      fail(origin, "generation", "expected spin1 or spin2, got " + v.dump());
  };
  return f;
}

/// [[x, y], ...]; sorted on reading, duplicates rejected by validate().
Field absentChipsField() {
  const char *key = "geometry.absent_chips";
  Field f{key, nullptr, nullptr};
  f.get = [](const Machine &m) {
    json a = json::array();
    for (ChipXY c : m.geometry.absentChips)
      a.push_back(json::array({c.x, c.y}));
    return a;
  };
  f.set = [key](Machine &m, const json &v, const std::string &origin) {
    if (!v.is_array())
      fail(origin, key, "expected an array of [x, y] pairs");
    std::vector<ChipXY> chips;
    for (const json &e : v) {
      if (!e.is_array() || e.size() != 2 || !e[0].is_number_integer() ||
          !e[1].is_number_integer() || std::abs(e[0].get<int64_t>()) > 65536 ||
          std::abs(e[1].get<int64_t>()) > 65536)
        fail(origin, key,
             "expected [x, y] with whole numbers, got " + e.dump());
      chips.push_back({e[0].get<int32_t>(), e[1].get<int32_t>()});
    }
    std::sort(chips.begin(), chips.end());
    m.geometry.absentChips = std::move(chips);
  };
  return f;
}

#define NMC_FIELD(key, expr)                                                   \
  make<std::remove_reference_t<decltype(std::declval<Machine &>().expr)>>(     \
      key, [](Machine & m) -> auto & { return m.expr; })

const std::vector<Field> &fields() {
  static const std::vector<Field> table = {
      NMC_FIELD("name", name),
      generationField(),
      NMC_FIELD("boards", boards),
      NMC_FIELD("geometry.width", geometry.width),
      NMC_FIELD("geometry.height", geometry.height),
      NMC_FIELD("geometry.wrap_x", geometry.wrapX),
      NMC_FIELD("geometry.wrap_y", geometry.wrapY),
      absentChipsField(),
      NMC_FIELD("chip.cores", chip.cores),
      NMC_FIELD("chip.monitor_cores", chip.monitorCores),
      NMC_FIELD("chip.itcm_bytes", chip.itcmBytes),
      NMC_FIELD("chip.dtcm_bytes", chip.dtcmBytes),
      NMC_FIELD("chip.sdram_bytes", chip.sdramBytes),
      NMC_FIELD("chip.sdram_usable_bytes", chip.sdramUsableBytes),
      NMC_FIELD("chip.router_entries", chip.routerEntries),
      NMC_FIELD("chip.router_entries_usable", chip.routerEntriesUsable),
      NMC_FIELD("chip.clock_hz", chip.clockHz),
      NMC_FIELD("timestep_us", timestepUs),
      NMC_FIELD("energy.idle_chip_w", energy.idleChipW),
      NMC_FIELD("energy.active_core_w", energy.activeCoreW),
      NMC_FIELD("energy.router_pj_per_bit", energy.routerPJPerBit),
      NMC_FIELD("energy.mc_packet_bits", energy.mcPacketBits),
      NMC_FIELD("energy.payload_packet_bits", energy.payloadPacketBits),
      NMC_FIELD("energy.board_idle_w", energy.boardIdleW),
      NMC_FIELD("cost.synaptic_word_cycles", cost.synapticWordCycles),
      NMC_FIELD("cost.neuron_update_cycles", cost.neuronUpdateCycles),
      NMC_FIELD("cost.plastic_synapse_cycles", cost.plasticSynapseCycles),
      NMC_FIELD("cost.plastic_post_spike_cycles", cost.plasticPostSpikeCycles),
      NMC_FIELD("cost.plastic_history_skip_cycles",
                cost.plasticHistorySkipCycles),
      NMC_FIELD("cost.spike_overhead_cycles", cost.spikeOverheadCycles),
      NMC_FIELD("cost.dma_latency_cycles", cost.dmaLatencyCycles),
      NMC_FIELD("cost.dma_bytes_per_cycle", cost.dmaBytesPerCycle),
      NMC_FIELD("cost.router_hop_ns", cost.routerHopNs),
      NMC_FIELD("cost.link_packets_per_us", cost.linkPacketsPerUs),
  };
  return table;
}

#undef NMC_FIELD

const Field *findField(const std::string &key) {
  for (const Field &f : fields())
    if (key == f.key)
      return &f;
  return nullptr;
}

[[noreturn]] void unknownKey(const std::string &origin,
                             const std::string &key) {
  fail(origin, key,
       "unknown machine key (the keys are listed in "
       "docs/targets/spinnaker.md)");
}

void applyObject(Machine &m, const json &obj, const std::string &prefix,
                 const std::string &origin) {
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    const std::string key = prefix + it.key();
    if (const Field *f = findField(key)) {
      f->set(m, it.value(), origin);
      continue;
    }
    // Only group names ("chip", "cost", ...) may hold an object.
    bool isGroup = false;
    for (const Field &f : fields())
      isGroup |= std::string(f.key).rfind(key + ".", 0) == 0;
    if (!isGroup)
      unknownKey(origin, key);
    if (!it.value().is_object())
      fail(origin, key, "expected an object, got " + it.value().dump());
    applyObject(m, it.value(), key + ".", origin);
  }
}

json parse(const std::string &text, const std::string &origin) {
  json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded())
    throw Failure(origin + ": not valid JSON");
  if (!doc.is_object())
    throw Failure(origin + ": expected a JSON object");
  return doc;
}

/// The spin5 board: 48 of 8x8 chips, x - y <= 4 and y - x <= 3 (rows
/// y = 0..7 hold x in [0,4] [0,5] [0,6] [0,7] [1,7] [2,7] [3,7] [4,7];
/// SpiNNMachine version/version_5.py CHIPS_PER_BOARD).
std::vector<ChipXY> spin5Absent() {
  std::vector<ChipXY> out;
  for (int32_t x = 0; x < 8; ++x)
    for (int32_t y = 0; y < 8; ++y)
      if (x - y > 4 || y - x > 3)
        out.push_back({x, y});
  return out;
}

Machine spin5() {
  Machine m; // the Machine.h defaults are the spin5 board's
  m.geometry.absentChips = spin5Absent();
  return m;
}

/// "WxH" with 1 <= W, H <= 21 (a torus of at most 252 x 252 chips).
bool parseTriads(const std::string &s, int32_t &w, int32_t &h) {
  const size_t x = s.find('x');
  if (x == std::string::npos || x == 0 || x + 1 == s.size() ||
      s.find_first_not_of("0123456789x") != std::string::npos ||
      s.find('x', x + 1) != std::string::npos || s.size() > 5)
    return false;
  w = std::stoi(s.substr(0, x));
  h = std::stoi(s.substr(x + 1));
  return w >= 1 && h >= 1 && w <= 21 && h <= 21;
}

Machine presetOrThrow(const std::string &name) {
  if (name == "spin5")
    return spin5();
  if (name == "spin3") {
    // 2x2 chips, wrapped both ways (version_3.py: FullWrapMachine).
    Machine m;
    m.name = name;
    m.geometry = {2, 2, true, true, {}};
    m.energy.boardIdleW = 3.56; // version_3.py, measured 4-chip board idle
    return m;
  }
  if (name.rfind("spin5:", 0) == 0) {
    // Triads of three spin5 boards tile a 12x12 torus (Ethernet chips at
    // (0,0), (4,8), (8,4): spinnaker_triad_geometry.py); a machine of
    // W x H triads wraps both ways when its size is a multiple of 12
    // (version_48_chips.py _create_machine).
    int32_t w = 0, h = 0;
    if (!parseTriads(name.substr(6), w, h))
      throw Failure("machine preset '" + name +
                    "': expected spin5:WxH with W, H triads in 1..21");
    Machine m;
    m.name = name;
    m.boards = 3 * w * h;
    m.geometry = {12 * w, 12 * h, true, true, {}};
    return m;
  }
  if (name == "spin2") {
    // SpiNNaker 2 48-chip board (spinnaker.md §A.7; SpiNNMachine
    // version_248.py: the spin5 board shape).
    Machine m = spin5();
    m.name = name;
    m.generation = Generation::Spin2;
    m.chip.cores = 152;            // PEs per chip [§A.7 datasheet]
    m.chip.monitorCores = 2;       // SC&MP cores [§A.7 version_spin2.py]
    m.chip.itcmBytes = 0;          // one unified SRAM per PE [assumed]
    m.chip.dtcmBytes = 128 * 1024; // per PE SRAM [§A.7]
    m.chip.sdramBytes = 1024ll * 1024 * 1024;       // toolchain 1 GiB [§A.7]
    m.chip.sdramUsableBytes = 1024ll * 1024 * 1024; // version_spin2.py
    m.chip.routerEntries = 16384;                   // [§A.7]
    m.chip.routerEntriesUsable = 16384;             // n_router_entries [§A.7]
    m.chip.clockHz = 300000000; // toolchain lists 150 and 300 MHz [§A.7]
    // The toolchain has no SpiNNaker 2 energy numbers: 0 = unknown.
    m.energy = {0, 0, 0, 40, 72, 0};
    // Cost model: SpiNNaker 1's ARM968 numbers [assumed for Cortex-M4F].
    return m;
  }
  std::string list;
  for (const std::string &p : presetNames())
    list += (list.empty() ? "" : ", ") + p;
  throw Failure("unknown machine preset '" + name + "' (presets: " + list +
                "; or give a JSON file ending in .json)");
}

std::string readFile(const std::string &path) {
  std::ifstream in(path);
  if (!in)
    throw Failure(path + ": cannot open the machine file");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

/// `fileName`: the name a file without "name" gets (empty: the preset's).
Machine fromJsonOrThrow(const std::string &text, const std::string &origin,
                        const std::string &fileName = {}) {
  json doc = parse(text, origin);
  Machine m = spin5();
  if (doc.contains("preset")) {
    if (!doc["preset"].is_string())
      fail(origin, "preset", "expected a preset name");
    try {
      m = presetOrThrow(doc["preset"].get<std::string>());
    } catch (const Failure &e) {
      fail(origin, "preset", e.what());
    }
    doc.erase("preset");
  }
  if (!fileName.empty() && !doc.contains("name"))
    m.name = fileName;
  applyObject(m, doc, "", origin);
  if (std::string err = validate(m); !err.empty())
    throw Failure(origin + ": " + err);
  return m;
}

template <class F> MachineOrError guard(F &&f) {
  MachineOrError r;
  try {
    r.machine = f();
  } catch (const std::exception &e) {
    r.machine.reset();
    r.error = e.what();
  }
  return r;
}

template <class F> std::string guardError(F &&f) {
  try {
    f();
  } catch (const std::exception &e) {
    return e.what();
  }
  return {};
}

} // namespace

std::vector<std::string> presetNames() {
  return {"spin3", "spin5", "spin5:WxH", "spin2"};
}

MachineOrError preset(const std::string &name) {
  return guard([&] {
    Machine m = presetOrThrow(name);
    if (std::string err = validate(m); !err.empty())
      throw Failure("machine preset '" + name + "': " + err);
    return m;
  });
}

MachineOrError loadMachine(const std::string &presetOrFile) {
  const bool isFile = presetOrFile.size() > 5 &&
                      presetOrFile.substr(presetOrFile.size() - 5) == ".json";
  if (!isFile)
    return preset(presetOrFile);
  return guard([&] {
    return fromJsonOrThrow(readFile(presetOrFile), presetOrFile, presetOrFile);
  });
}

MachineOrError machineFromJson(const std::string &text,
                               const std::string &origin) {
  return guard([&] { return fromJsonOrThrow(text, origin); });
}

std::string applyJson(Machine &m, const std::string &text,
                      const std::string &origin) {
  Machine copy = m;
  std::string err = guardError([&] {
    json doc = parse(text, origin);
    if (doc.contains("preset"))
      fail(origin, "preset", "not allowed here (only when loading a file)");
    applyObject(copy, doc, "", origin);
    if (std::string v = validate(copy); !v.empty())
      throw Failure(origin + ": " + v);
  });
  if (err.empty())
    m = std::move(copy);
  return err;
}

std::string applySetting(Machine &m, const std::string &setting) {
  Machine copy = m;
  std::string err = guardError([&] {
    const size_t eq = setting.find('=');
    const std::string origin = "--machine-set " + setting;
    if (eq == std::string::npos || eq == 0)
      throw Failure(origin + ": expected key=value, e.g. chip.cores=17");
    const std::string key = setting.substr(0, eq),
                      text = setting.substr(eq + 1);
    const Field *f = findField(key);
    if (!f)
      unknownKey(origin, key);
    // Numbers, booleans and arrays are JSON; anything else is a string.
    json value = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (value.is_discarded() || value.is_object())
      value = text;
    f->set(copy, value, origin);
    if (std::string v = validate(copy); !v.empty())
      throw Failure(origin + ": " + v);
  });
  if (err.empty())
    m = std::move(copy);
  return err;
}

std::string toJson(const Machine &m) {
  json doc;
  for (const Field &f : fields()) {
    const std::string key = f.key;
    json *node = &doc;
    size_t start = 0;
    for (size_t dot; (dot = key.find('.', start)) != std::string::npos;
         start = dot + 1)
      node = &(*node)[key.substr(start, dot - start)];
    (*node)[key.substr(start)] = f.get(m);
  }
  return doc.dump(2);
}

std::string validate(const Machine &m) {
  auto bad = [](const char *key, const std::string &why) {
    return std::string(key) + ": " + why;
  };
  const Geometry &g = m.geometry;
  // Chip coordinates are 8 bits each (P2P table of 65,536 chips, §A.6).
  if (g.width < 1 || g.width > 256)
    return bad("geometry.width",
               "must be 1..256, got " + std::to_string(g.width));
  if (g.height < 1 || g.height > 256)
    return bad("geometry.height",
               "must be 1..256, got " + std::to_string(g.height));
  if (g.wrapX && g.width < 2)
    return bad("geometry.wrap_x", "wrapping needs a width of at least 2");
  if (g.wrapY && g.height < 2)
    return bad("geometry.wrap_y", "wrapping needs a height of at least 2");
  for (size_t i = 0; i < g.absentChips.size(); ++i) {
    const ChipXY c = g.absentChips[i];
    if (c.x < 0 || c.y < 0 || c.x >= g.width || c.y >= g.height)
      return bad("geometry.absent_chips",
                 "chip [" + std::to_string(c.x) + ", " + std::to_string(c.y) +
                     "] is outside the " + std::to_string(g.width) + "x" +
                     std::to_string(g.height) + " mesh");
    if (i && g.absentChips[i - 1] == c)
      return bad("geometry.absent_chips", "chip [" + std::to_string(c.x) +
                                              ", " + std::to_string(c.y) +
                                              "] is listed twice");
    if (i && g.absentChips[i - 1] > c)
      return bad("geometry.absent_chips", "must be sorted by (x, y)");
  }
  if (m.numChips() < 1)
    return bad("geometry.absent_chips", "no chip is left");
  if (m.boards < 1)
    return bad("boards", "must be >= 1");
  const Chip &c = m.chip;
  if (c.cores < 1 || c.cores > 1024)
    return bad("chip.cores", "must be 1..1024, got " + std::to_string(c.cores));
  if (c.monitorCores < 0 || c.monitorCores >= c.cores)
    return bad("chip.monitor_cores",
               "must be 0..cores-1 (" + std::to_string(c.cores - 1) +
                   "), got " + std::to_string(c.monitorCores));
  if (c.itcmBytes < 0)
    return bad("chip.itcm_bytes", "must be >= 0");
  if (c.dtcmBytes < 1)
    return bad("chip.dtcm_bytes", "must be > 0");
  if (c.sdramBytes < 1)
    return bad("chip.sdram_bytes", "must be > 0");
  if (c.sdramUsableBytes < 0 || c.sdramUsableBytes > c.sdramBytes)
    return bad("chip.sdram_usable_bytes",
               "must be 0..sdram_bytes (" + std::to_string(c.sdramBytes) +
                   "), got " + std::to_string(c.sdramUsableBytes));
  if (c.routerEntries < 1)
    return bad("chip.router_entries", "must be >= 1");
  if (c.routerEntriesUsable < 1 || c.routerEntriesUsable > c.routerEntries)
    return bad("chip.router_entries_usable",
               "must be 1..router_entries (" + std::to_string(c.routerEntries) +
                   "), got " + std::to_string(c.routerEntriesUsable));
  if (c.clockHz < 1000000 || c.clockHz > 10000000000ll)
    return bad("chip.clock_hz",
               "must be 1 MHz..10 GHz, got " + std::to_string(c.clockHz));
  if (m.timestepUs < 1 || m.timestepUs > 1000000)
    return bad("timestep_us",
               "must be 1..1000000 µs, got " + std::to_string(m.timestepUs));
  const Energy &e = m.energy;
  if (e.idleChipW < 0 || e.activeCoreW < 0 || e.routerPJPerBit < 0 ||
      e.boardIdleW < 0)
    return bad("energy", "powers and energies must be >= 0");
  if (e.mcPacketBits < 1 || e.payloadPacketBits < 1)
    return bad("energy.mc_packet_bits", "packet sizes must be >= 1 bit");
  const CostModel &k = m.cost;
  if (k.synapticWordCycles < 0 || k.neuronUpdateCycles < 0 ||
      k.plasticSynapseCycles < 0 || k.plasticPostSpikeCycles < 0 ||
      k.plasticHistorySkipCycles < 0 || k.spikeOverheadCycles < 0 ||
      k.dmaLatencyCycles < 0)
    return bad("cost", "cycle counts must be >= 0");
  if (k.dmaBytesPerCycle <= 0)
    return bad("cost.dma_bytes_per_cycle", "must be > 0");
  if (k.routerHopNs < 0)
    return bad("cost.router_hop_ns", "must be >= 0");
  if (k.linkPacketsPerUs <= 0)
    return bad("cost.link_packets_per_us", "must be > 0");
  return {};
}

} // namespace nmc::spinn
