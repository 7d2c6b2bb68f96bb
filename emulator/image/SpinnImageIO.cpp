//===- SpinnImageIO.cpp - The SpiNNaker image on disk --------------------===//
//
// Layout (docs/targets/spinnaker.md, "Image"): the common header; `network`
// in the reference layout at the root; `reference` (if kept) under
// /reference; /spinn with the machine as a JSON attribute and six tables,
// each one record of parallel columns (ColumnTable.h). Objects that own a
// variable number of children (a population's cores, a core's pop-table
// entries, SDRAM words and stage keys, a chip's router entries) hold
// offsets into the child table: the children of row k are
// [offset[k], offset[k+1]).
//
// The SDRAM words (2.8 GB at full-scale PD14) are never copied into one
// buffer: /spinn/sdram/i/words is a contiguous int32 dataset without gzip,
// written and read core by core (h5::writeSlice / readSlice) straight from
// and into each core's `sdram`. Older files with a gzip-chunked words
// dataset (same path, type and content) are read whole.
//
// The reader checks everything the emulator indexes with, so a corrupt file
// fails here with the dataset and row instead of crashing a run.
//===----------------------------------------------------------------------===//
#include "ColumnTable.h"

#include "nmc/Target/SpiNNaker/MachineJson.h"
#include "nmc/Target/SpiNNaker/SpinnImage.h"
#include "nmc/Target/SpiNNaker/WeightCoding.h"

#include <cmath>
#include <set>

namespace nmc::spinn {
namespace {

using image::ArrayClass;
using image::Record;
using image::detail::Columns;
using image::detail::TableReader;
namespace detail = image::detail;

/// The network's number format (SpinnImage.h "Time").
/// Most delay stages of an extension core (spinnaker.md §A.5 MAX_SLOTS).
constexpr int64_t kMaxStages = 8;

const image::PayloadSchema &spinnSchema() {
  auto ints = [](std::initializer_list<const char *> names) {
    std::vector<image::ArraySpec> out;
    for (const char *n : names)
      out.push_back({n, ArrayClass::Int, true});
    return out;
  };
  static const image::PayloadSchema schema{
      {{"populations",
        [&] {
          auto v = ints(
              {"node", "source", "size", "latency", "core_offset", "cores"});
          // Synapse filters (SpinnImage.h): optional, -1 = none.
          v.push_back({"filter_exc", ArrayClass::Int, false});
          v.push_back({"filter_inh", ArrayClass::Int, false});
          return v;
        }()},
       {"cores", ints({"kind",
                       "x",
                       "y",
                       "p",
                       "population",
                       "lo",
                       "hi",
                       "key",
                       "mask",
                       "shift_exc",
                       "shift_inh",
                       "index_bits",
                       "type_bits",
                       "delay_bits",
                       "pop_offset",
                       "sdram_offset",
                       "stages",
                       "stage_ticks",
                       "stage_offset",
                       "stage_keys",
                       "dtcm_bytes",
                       "sdram_bytes"})},
       {"pop_table",
        [&] {
          auto v = ints({"key", "mask", "address", "row_stride", "neurons",
                         "delay_stage"});
          // Plastic rows (SpinnImage.h): optional, -1 = static rows only.
          v.push_back({"plastic", ArrayClass::Int, false});
          return v;
        }()},
       // The plastic projections (SpinnPayload::plastic); the whole table
       // is optional (images without STDP may lack it).
       {"plastic",
        [&] {
          auto v =
              ints({"node", "pre", "post", "delay", "pairing", "dependence"});
          v.push_back({"synapses", ArrayClass::Int, false});
          for (const char *f :
               {"tau_plus", "tau_minus", "a_plus", "a_minus", "w_min", "w_max"})
            v.push_back({f, ArrayClass::Float, true});
          return v;
        }()},
       {"sdram", ints({"words"})},
       {"router_tables", ints({"x", "y", "uncompressed", "entry_offset"})},
       {"router_entries",
        ints({"key", "mask", "route", "defaultable", "source"})},
       {"facts",
        [&] {
          auto v = ints({"synapses", "zeroed_weights", "saturated_weights",
                         "placement_cost", "latency_clashes",
                         "network_synapses_omitted"});
          v.push_back({"plastic_synapses", ArrayClass::Int, false});
          return v;
        }()}},
      {}};
  return schema;
}

/// The tables written as records; "sdram" is written core by core.
constexpr const char *kTables[] = {
    "populations",    "cores", "pop_table", "router_tables",
    "router_entries", "facts", "plastic"};

// --- writing ----------------------------------------------------------------

int64_t nodeIndex(const SpinnPayload &p, const std::string &name) {
  for (size_t k = 0; k < p.network.nodes.size(); ++k)
    if (p.network.nodes[k].name == name)
      return int64_t(k);
  return -1;
}

bool tables(const SpinnPayload &p, std::vector<Record> &out,
            std::string &error) {
  Columns pops, cores, pop, rtables, rentries, facts, plastic;
  pops.i["core_offset"].push_back(0);
  for (const Population &q : p.populations) {
    const int64_t node = nodeIndex(p, q.name);
    if (node < 0) {
      error = "spinnaker image: population '" + q.name +
              "' has no node of that name in the network";
      return false;
    }
    pops.i["node"].push_back(node);
    pops.i["source"].push_back(q.source);
    pops.i["size"].push_back(q.size);
    pops.i["latency"].push_back(q.latency);
    pops.i["filter_exc"].push_back(q.filter[0]);
    pops.i["filter_inh"].push_back(q.filter[1]);
    for (int32_t c : q.cores)
      pops.i["cores"].push_back(c);
    pops.i["core_offset"].push_back(int64_t(pops.i["cores"].size()));
  }

  int64_t words = 0, entries = 0, stageKeys = 0;
  cores.i["pop_offset"].push_back(0);
  cores.i["sdram_offset"].push_back(0);
  cores.i["stage_offset"].push_back(0);
  for (const Core &c : p.cores) {
    for (auto [key, v] :
         {std::pair<const char *, int64_t>{"kind", int64_t(c.kind)},
          {"x", c.chip.x},
          {"y", c.chip.y},
          {"p", c.p},
          {"population", c.population},
          {"lo", c.lo},
          {"hi", c.hi},
          {"key", c.key},
          {"mask", c.mask},
          {"shift_exc", c.shiftExc},
          {"shift_inh", c.shiftInh},
          {"index_bits", c.row.indexBits},
          {"type_bits", c.row.typeBits},
          {"delay_bits", c.row.delayBits},
          {"stages", c.stages},
          {"stage_ticks", c.stageTicks},
          {"dtcm_bytes", c.dtcmBytes},
          {"sdram_bytes", c.sdramBytes}})
      cores.i[key].push_back(v);
    for (const PopTableEntry &e : c.popTable) {
      for (auto [key, v] : {std::pair<const char *, int64_t>{"key", e.key},
                            {"mask", e.mask},
                            {"address", e.address},
                            {"row_stride", e.rowStride},
                            {"neurons", e.neurons},
                            {"delay_stage", e.delayStage},
                            {"plastic", e.plastic}})
        pop.i[key].push_back(v);
      ++entries;
    }
    words += int64_t(c.sdram.size());
    for (uint32_t k : c.stageKeys) {
      cores.i["stage_keys"].push_back(k);
      ++stageKeys;
    }
    cores.i["pop_offset"].push_back(entries);
    cores.i["sdram_offset"].push_back(words);
    cores.i["stage_offset"].push_back(stageKeys);
  }
  int64_t routes = 0;
  rtables.i["entry_offset"].push_back(0);
  for (const ChipTable &t : p.tables) {
    rtables.i["x"].push_back(t.chip.x);
    rtables.i["y"].push_back(t.chip.y);
    rtables.i["uncompressed"].push_back(t.uncompressed);
    for (const RouterEntry &e : t.entries) {
      rentries.i["key"].push_back(e.key);
      rentries.i["mask"].push_back(e.mask);
      rentries.i["route"].push_back(e.route);
      rentries.i["defaultable"].push_back(e.defaultable);
      rentries.i["source"].push_back(e.source);
      ++routes;
    }
    rtables.i["entry_offset"].push_back(routes);
  }

  facts.i["synapses"] = {p.facts.synapses};
  facts.i["zeroed_weights"] = {p.facts.zeroedWeights};
  facts.i["saturated_weights"] = {p.facts.saturatedWeights};
  facts.i["placement_cost"] = {p.facts.placementCost};
  facts.i["latency_clashes"] = {p.facts.latencyClashes};
  facts.i["network_synapses_omitted"] = {p.facts.networkSynapsesOmitted};
  facts.i["plastic_synapses"] = {p.facts.plasticSynapses};

  for (const PlasticProjection &q : p.plastic) {
    const int64_t node = nodeIndex(p, q.name);
    if (node < 0) {
      error = "spinnaker image: plastic projection '" + q.name +
              "' has no node of that name in the network";
      return false;
    }
    for (auto [key, v] : {std::pair<const char *, int64_t>{"node", node},
                          {"pre", q.pre},
                          {"post", q.post},
                          {"delay", q.delay},
                          {"pairing", int64_t(q.rule.pairing)},
                          {"dependence", int64_t(q.rule.dependence)},
                          {"synapses", q.synapses}})
      plastic.i[key].push_back(v);
    for (auto [key, v] :
         {std::pair<const char *, double>{"tau_plus", q.rule.tauPlus},
          {"tau_minus", q.rule.tauMinus},
          {"a_plus", q.rule.aPlus},
          {"a_minus", q.rule.aMinus},
          {"w_min", q.rule.wMin},
          {"w_max", q.rule.wMax}})
      plastic.f[key].push_back(v);
  }

  Columns *all[] = {&pops, &cores, &pop, &rtables, &rentries, &facts, &plastic};
  for (size_t k = 0; k < std::size(kTables); ++k)
    out.push_back(all[k]->record(spinnSchema(), kTables[k]));
  return true;
}

/// /spinn/sdram as the record the other tables are (attributes name and
/// kind, groups f, i, s) whose one column, i/words, is every core's `sdram`
/// in core order, written core by core: the words as their 32-bit patterns
/// in an int32 dataset.
bool writeSdram(hid_t file, const SpinnPayload &p, std::string &error) {
  h5::Group spinn = h5::openGroup(file, "spinn", error);
  h5::Group g = spinn ? h5::createGroup(spinn.get(), "sdram", error)
                      : h5::Group();
  if (!g || !h5::writeAttribute(g.get(), "name", "sdram", error) ||
      !h5::writeAttribute(g.get(), "kind", "sdram", error) ||
      !h5::createGroup(g.get(), "f", error) ||
      !h5::createGroup(g.get(), "s", error))
    return false;
  h5::Group i = h5::createGroup(g.get(), "i", error);
  int64_t total = 0;
  for (const Core &c : p.cores)
    total += int64_t(c.sdram.size());
  h5::Dataset words =
      i ? h5::createSliced(i.get(), "words", total, error) : h5::Dataset();
  if (!words)
    return false;
  int64_t at = 0;
  for (const Core &c : p.cores) {
    if (!h5::writeSlice(words.get(), at, c.sdram.data(),
                        int64_t(c.sdram.size()), error))
      return false;
    at += int64_t(c.sdram.size());
  }
  return true;
}

bool writeAll(hid_t file, const SpinnPayload &p, std::string &error) {
  std::vector<Record> records;
  return tables(p, records, error) &&
         detail::writeTargetImage(file, makeSpinnHeader(p), p.network, "spinn",
                                  "machine", toJson(p.machine), spinnSchema(),
                                  records, p.reference, error) &&
         writeSdram(file, p, error);
}

// --- reading ----------------------------------------------------------------

std::string num(int64_t v) { return std::to_string(v); }

/// Reads /spinn into `p` (whose network is read), checking every index.
class Reader {
public:
  Reader(hid_t spinn, SpinnPayload &p, std::string &error)
      : spinn(spinn), p(p), error(error) {}

  bool run() {
    return readMachine() && readPlastic() && readCores() && readPopulations() &&
           checkPlastic() && readRouterTables() && readFacts();
  }

private:
  hid_t spinn;
  SpinnPayload &p;
  std::string &error;

  bool fail(const std::string &where, const std::string &why) {
    error = where + ": " + why;
    return false;
  }

  /// Reads `t` and checks that every column but `except` has one row per
  /// object; returns the row count through `n`.
  bool open(TableReader &t, const char *first, int64_t &n,
            const std::vector<std::string> &except = {}) {
    if (!t.read(error))
      return false;
    n = t.size(first);
    return t.sameLength(n, error, except);
  }

  /// Offsets column `col` of `t` (n + 1 entries, from 0, non-decreasing,
  /// ending at most at `total`).
  bool offsets(const TableReader &t, const char *col, int64_t n,
               int64_t total) {
    if (t.size(col) != n + 1 || t.at(col, 0) != 0)
      return fail(t.where(col, 0),
                  "expected " + num(n + 1) + " offsets starting at 0");
    for (int64_t k = 0; k < n; ++k)
      if (t.at(col, k + 1) < t.at(col, k) || t.at(col, k + 1) > total)
        return fail(t.where(col, k + 1), "offset " + num(t.at(col, k + 1)) +
                                             " decreases or exceeds the " +
                                             num(total) +
                                             " entries it indexes");
    return true;
  }

  bool u32(const TableReader &t, const char *col, int64_t row, uint32_t &out) {
    const int64_t v = t.at(col, row);
    if (v < 0 || v > int64_t(UINT32_MAX))
      return fail(t.where(col, row),
                  "value " + num(v) + " is not a 32-bit unsigned integer");
    out = uint32_t(v);
    return true;
  }

  bool inRange(const TableReader &t, const char *col, int64_t row, int64_t lo,
               int64_t hi, int64_t &out) {
    out = t.at(col, row);
    if (out < lo || out > hi)
      return fail(t.where(col, row), "value " + num(out) + " outside [" +
                                         num(lo) + ", " + num(hi) + "]");
    return true;
  }

  bool readMachine() {
    std::string json;
    if (!h5::readAttribute(spinn, "machine", json, error))
      return false;
    MachineOrError m = machineFromJson(json, "/spinn/@machine");
    if (!m)
      return fail("/spinn/@machine", m.error);
    p.machine = *m.machine;
    return true;
  }

  bool readCores() {
    TableReader t(spinn, spinnSchema(), "cores");
    int64_t n = 0;
    if (!open(t, "kind", n,
              {"pop_offset", "sdram_offset", "stage_offset", "stage_keys"}))
      return false;
    TableReader pop(spinn, spinnSchema(), "pop_table");
    int64_t nEntries = 0, nWords = 0;
    Words words;
    if (!open(pop, "key", nEntries) || !openWords(words, nWords) ||
        !offsets(t, "pop_offset", n, nEntries) ||
        !offsets(t, "sdram_offset", n, nWords) ||
        !offsets(t, "stage_offset", n, t.size("stage_keys")))
      return false;
    std::set<std::tuple<int32_t, int32_t, int32_t>> used;
    const Chip &chip = p.machine.chip;
    p.cores.resize(n);
    for (int64_t k = 0; k < n; ++k) {
      Core &c = p.cores[k];
      int64_t v = 0;
      if (!inRange(t, "kind", k, 0, 2, v))
        return false;
      c.kind = CoreKind(v);
      c.chip = {int32_t(t.at("x", k)), int32_t(t.at("y", k))};
      if (t.at("x", k) != c.chip.x || t.at("y", k) != c.chip.y ||
          !p.machine.isPresent(c.chip))
        return fail(t.where("x", k),
                    "chip (" + num(t.at("x", k)) + ", " + num(t.at("y", k)) +
                        ") is not on machine '" + p.machine.name + "'");
      if (!inRange(t, "p", k, chip.monitorCores, chip.cores - 1, v))
        return false;
      c.p = int32_t(v);
      if (!used.insert({c.chip.x, c.chip.y, c.p}).second)
        return fail(t.where("p", k), "core (" + num(c.chip.x) + ", " +
                                         num(c.chip.y) + ", " + num(c.p) +
                                         ") used twice");
      if (!inRange(t, "population", k, 0, INT32_MAX, v))
        return false;
      c.population = int32_t(v); // range checked with the populations
      c.lo = t.at("lo", k);
      c.hi = t.at("hi", k);
      if (c.lo < 0 || c.hi <= c.lo || c.hi - c.lo > (int64_t(1) << 16))
        return fail(t.where("lo", k), "slice [" + num(c.lo) + ", " + num(c.hi) +
                                          ") is empty, negative "
                                          "or over 65536 neurons");
      if (!u32(t, "key", k, c.key) || !u32(t, "mask", k, c.mask))
        return false;
      if (c.key & ~c.mask)
        return fail(t.where("key", k), "key has bits outside its mask");
      if (uint32_t(c.hi - c.lo - 1) & c.mask)
        return fail(t.where("mask", k), "mask leaves too few bits for " +
                                            num(c.hi - c.lo) + " neurons");
      if (!inRange(t, "dtcm_bytes", k, 0, INT64_MAX, c.dtcmBytes) ||
          !inRange(t, "sdram_bytes", k, 0, INT64_MAX, c.sdramBytes))
        return false;
      if (!readNeuronPart(t, k, c) || !readExtensionPart(t, k, c) ||
          !readPopTable(t, pop, k, c) || !readRows(t, pop, words, k, c))
        return false;
    }
    return true;
  }

  bool readNeuronPart(const TableReader &t, int64_t k, Core &c) {
    int64_t v = 0;
    if (!inRange(t, "shift_exc", k, 0, kMaxRingBufferShift, v))
      return false;
    c.shiftExc = int32_t(v);
    if (!inRange(t, "shift_inh", k, 0, kMaxRingBufferShift, v))
      return false;
    c.shiftInh = int32_t(v);
    int64_t n = 0, ty = 0, d = 0;
    if (!inRange(t, "index_bits", k, 0, 16, n) ||
        !inRange(t, "type_bits", k, 0, 16, ty) ||
        !inRange(t, "delay_bits", k, 0, 16, d))
      return false;
    c.row = {uint32_t(n), uint32_t(ty), uint32_t(d)};
    if (c.kind != CoreKind::Neuron)
      return true;
    if (n + ty + d > 16 || n < 1 || ty < 1 || d < 1)
      return fail(t.where("index_bits", k),
                  "row format " + num(n) + "+" + num(ty) + "+" + num(d) +
                      " bits: each part needs >= 1 bit and all <= 16");
    if (c.hi - c.lo > (int64_t(1) << n))
      return fail(t.where("index_bits", k), num(n) +
                                                " index bits cannot address " +
                                                num(c.hi - c.lo) + " neurons");
    return true;
  }

  bool readExtensionPart(const TableReader &t, int64_t k, Core &c) {
    const int64_t s0 = t.at("stage_offset", k),
                  s1 = t.at("stage_offset", k + 1);
    int64_t v = 0;
    if (c.kind != CoreKind::DelayExtension) {
      if (t.at("stages", k) != 0 || s1 != s0)
        return fail(t.where("stages", k),
                    "only delay-extension cores have stages");
      return true;
    }
    if (!inRange(t, "stages", k, 1, kMaxStages, v))
      return false;
    c.stages = int32_t(v);
    if (!inRange(t, "stage_ticks", k, 1, INT32_MAX, v))
      return false;
    c.stageTicks = int32_t(v);
    if (s1 - s0 != c.stages)
      return fail(t.where("stage_offset", k + 1),
                  num(s1 - s0) + " stage keys for " + num(c.stages) +
                      " stages");
    for (int64_t e = s0; e < s1; ++e) {
      uint32_t key = 0;
      if (!u32(t, "stage_keys", e, key))
        return false;
      if (key & ~c.mask)
        return fail(t.where("stage_keys", e),
                    "stage key has bits outside the core's mask");
      c.stageKeys.push_back(key);
    }
    return true;
  }

  bool readPopTable(const TableReader &t, const TableReader &pop, int64_t k,
                    Core &c) {
    const int64_t e0 = t.at("pop_offset", k), e1 = t.at("pop_offset", k + 1);
    if (c.kind != CoreKind::Neuron && e1 != e0)
      return fail(t.where("pop_offset", k),
                  "only neuron cores have a population table");
    for (int64_t e = e0; e < e1; ++e) {
      PopTableEntry en;
      int64_t v = 0;
      if (!u32(pop, "key", e, en.key) || !u32(pop, "mask", e, en.mask) ||
          !u32(pop, "address", e, en.address))
        return false;
      // A plastic row also holds the pre-trace header and half a control
      // word per plastic synapse.
      if (!inRange(pop, "row_stride", e, kRowHeaderWords,
                   kRowHeaderWords + kPreTraceWords + kMaxRowSynapses +
                       kMaxRowSynapses / 2,
                   v))
        return false;
      en.rowStride = uint32_t(v);
      if (!inRange(pop, "neurons", e, 1, int64_t(1) << 16, v))
        return false;
      en.neurons = uint32_t(v);
      if (!inRange(pop, "delay_stage", e, 0, kMaxStages, v))
        return false;
      en.delayStage = uint32_t(v);
      if (pop.has("plastic")) {
        if (!inRange(pop, "plastic", e, -1, int64_t(p.plastic.size()) - 1, v))
          return false;
        en.plastic = int32_t(v);
        if (en.plastic >= 0 && en.delayStage != 0)
          return fail(pop.where("plastic", e),
                      "a delay-stage " + num(en.delayStage) +
                          " entry cannot be plastic (plastic synapses are "
                          "never delayed by an extension core)");
        if (en.plastic >= 0 && p.plastic[en.plastic].post != c.population)
          return fail(pop.where("plastic", e),
                      "plastic projection " + num(en.plastic) +
                          " ends at population " +
                          num(p.plastic[en.plastic].post) +
                          ", not this core's " + num(c.population));
      }
      if (en.key & ~en.mask)
        return fail(pop.where("key", e), "key has bits outside its mask");
      if (!c.popTable.empty() && en.key <= c.popTable.back().key)
        return fail(pop.where("key", e),
                    "key " + num(en.key) + " not above the previous " +
                        num(c.popTable.back().key) +
                        " (the table must be sorted by key, keys unique)");
      c.popTable.push_back(en);
    }
    return true;
  }

  /// /spinn/sdram/i/words: read core by core from the file when it is a
  /// contiguous 32-bit dataset, else (older, gzip-chunked files) whole.
  struct Words {
    h5::Dataset dataset;
    bool whole = false;
    IntArray all;
  };

  bool openWords(Words &w, int64_t &n) {
    h5::Group g = h5::openGroup(spinn, "sdram", error);
    h5::Group i = g ? h5::openGroup(g.get(), "i", error) : h5::Group();
    w.dataset = i ? h5::openDataset(i.get(), "words", error) : h5::Dataset();
    h5::Info info;
    if (!w.dataset || !h5::inspect(w.dataset.get(), info, error))
      return false;
    if (info.shape.size() != 1 || info.cls != h5::Info::Class::Int)
      return fail("/spinn/sdram/i/words", "expected a 1-D integer array");
    n = info.shape[0];
    if (h5::isSliceable32(w.dataset.get()))
      return true;
    w.whole = true;
    return h5::readArray(w.dataset.get(), w.all, error);
  }

  bool readRows(const TableReader &t, const TableReader &pop, Words &words,
                int64_t k, Core &c) {
    const int64_t w0 = t.at("sdram_offset", k),
                  w1 = t.at("sdram_offset", k + 1);
    if (c.kind != CoreKind::Neuron && w1 != w0)
      return fail(t.where("sdram_offset", k),
                  "only neuron cores have synaptic rows");
    c.sdram.resize(w1 - w0);
    if (!words.whole) {
      if (!h5::readSlice(words.dataset.get(), w0, c.sdram.data(), w1 - w0,
                         error))
        return false;
    } else {
      for (int64_t w = w0; w < w1; ++w) {
        const int64_t v = words.all[w];
        if (v < INT32_MIN || v > int64_t(UINT32_MAX))
          return fail(std::string("/spinn/sdram/words[") + num(w) + "]",
                      "not a 32-bit word");
        c.sdram[w - w0] = uint32_t(v);
      }
    }
    const int64_t size = int64_t(c.sdram.size());
    const int64_t e0 = t.at("pop_offset", k);
    const uint32_t maxDelay = (1u << c.row.delayBits) - 1;
    for (size_t e = 0; e < c.popTable.size(); ++e) {
      const PopTableEntry &en = c.popTable[e];
      const int64_t row = e0 + int64_t(e);
      if (int64_t(en.address) + int64_t(en.neurons) * en.rowStride > size)
        return fail(
            pop.where("address", row),
            "rows end at word " +
                num(int64_t(en.address) + int64_t(en.neurons) * en.rowStride) +
                ", past the core's " + num(size) + " SDRAM words");
      for (uint32_t i = 0; i < en.neurons; ++i) {
        const uint32_t base = en.address + i * en.rowStride;
        const std::string rowName = " (row " + std::to_string(i) +
                                    " of pop-table entry " + num(row) + ")";
        // A plastic entry's row: N = word 0 (0: a static row), then F at
        // N + 1, P at N + 2 (SpinnImage.h "Plastic rows").
        uint32_t n = 0, plastic = 0;
        if (en.plastic >= 0 && c.sdram[base] != 0) {
          n = c.sdram[base];
          if (n > en.rowStride - kRowHeaderWords)
            return fail(sdramPath(w0 + base),
                        "plastic region of " + num(n) +
                            " words exceeds the row stride " +
                            num(en.rowStride) + " - 3" + rowName);
          plastic = c.sdram[base + n + 2];
          if (n != kPreTraceWords + plastic || plastic == 0)
            return fail(sdramPath(w0 + base),
                        "plastic region of " + num(n) + " words for " +
                            num(plastic) + " plastic synapses (expected " +
                            num(kPreTraceWords) + " + P, P >= 1)" + rowName);
        }
        const uint32_t count = c.sdram[base + n + kRowFixedCountWord];
        const uint64_t used =
            uint64_t(kRowHeaderWords) + n + count + (uint64_t(plastic) + 1) / 2;
        if (used > en.rowStride)
          return fail(
              sdramPath(w0 + base + n + kRowFixedCountWord),
              "fixed count " + num(count) +
                  (plastic ? " (with " + num(n) + " plastic-region words and " +
                                 num((plastic + 1) / 2) + " control words)"
                           : std::string()) +
                  " exceeds the row stride " + num(en.rowStride) + " - 3" +
                  rowName);
        for (uint32_t s = 0; s < plastic; ++s) {
          const uint32_t at = base + kRowHeaderWords + n + count + s / 2;
          const uint32_t control = plasticControl(
              c.sdram.data() + base + kRowHeaderWords + n + count, s);
          if (c.row.index(control) >= c.hi - c.lo)
            return fail(sdramPath(w0 + at),
                        "plastic control " + num(s) + ": index " +
                            num(c.row.index(control)) + " outside the core's " +
                            num(c.hi - c.lo) + " neurons" + rowName);
          const uint32_t d = c.row.delay(control);
          if (d < 1 || d > maxDelay)
            return fail(sdramPath(w0 + at),
                        "plastic control " + num(s) + ": delay " + num(d) +
                            " outside 1.." + num(maxDelay) + rowName);
        }
        for (uint32_t s = 0; s < count; ++s) {
          const uint32_t word = c.sdram[base + kRowHeaderWords + n + s];
          const int64_t at = w0 + base + kRowHeaderWords + n + s;
          if (c.row.index(word) >= c.hi - c.lo)
            return fail(sdramPath(at),
                        "synapse index " + num(c.row.index(word)) +
                            " outside the core's " + num(c.hi - c.lo) +
                            " neurons" + rowName);
          if (c.row.type(word) > kInhibitory)
            return fail(sdramPath(at), "synapse type " + num(c.row.type(word)) +
                                           " is neither 0 nor 1" + rowName);
          const uint32_t d = c.row.delay(word);
          if (d < 1 || d > maxDelay)
            return fail(sdramPath(at), "delay " + num(d) + " outside 1.." +
                                           num(maxDelay) + rowName);
        }
      }
    }
    return true;
  }

  static std::string sdramPath(int64_t w) {
    return "/spinn/sdram/words[" + num(w) + "]";
  }

  /// /spinn/plastic, if present (older images have none).
  bool readPlastic() {
    if (!h5::exists(spinn, "plastic"))
      return true;
    TableReader t(spinn, spinnSchema(), "plastic");
    int64_t n = 0;
    if (!open(t, "node", n))
      return false;
    const auto &nodes = p.network.nodes;
    p.plastic.resize(n);
    for (int64_t k = 0; k < n; ++k) {
      PlasticProjection &q = p.plastic[k];
      int64_t v = 0;
      if (!inRange(t, "node", k, 0, int64_t(nodes.size()) - 1, v))
        return false;
      q.name = nodes[v].name;
      if (!inRange(t, "pre", k, 0, INT32_MAX, v))
        return false;
      q.pre = int32_t(v);
      if (!inRange(t, "post", k, 0, INT32_MAX, v))
        return false;
      q.post = int32_t(v);
      if (!inRange(t, "delay", k, 1, 1 << 14, q.delay) ||
          !inRange(t, "pairing", k, 0, 1, v))
        return false;
      q.rule.pairing = model::StdpPairing(v);
      if (!inRange(t, "dependence", k, 0, 1, v))
        return false;
      q.rule.dependence = model::WeightDependence(v);
      if (t.has("synapses") &&
          !inRange(t, "synapses", k, 0, INT64_MAX, q.synapses))
        return false;
      q.rule.tauPlus = t.atF("tau_plus", k);
      q.rule.tauMinus = t.atF("tau_minus", k);
      q.rule.aPlus = t.atF("a_plus", k);
      q.rule.aMinus = t.atF("a_minus", k);
      q.rule.wMin = t.atF("w_min", k);
      q.rule.wMax = t.atF("w_max", k);
      if (!(q.rule.tauPlus > 0) || !(q.rule.tauMinus > 0) ||
          !std::isfinite(q.rule.tauPlus) || !std::isfinite(q.rule.tauMinus))
        return fail(t.where("tau_plus", k), "taus must be finite and > 0");
      if (!(q.rule.wMin <= q.rule.wMax) || !std::isfinite(q.rule.aPlus) ||
          !std::isfinite(q.rule.aMinus) || !(std::fabs(q.rule.wMin) < 512) ||
          !(std::fabs(q.rule.wMax) < 512))
        return fail(t.where("w_min", k),
                    "needs finite amplitudes and -512 < w_min <= w_max < 512");
    }
    return true;
  }

  /// Plastic projections name populations that exist, a neuron post, and a
  /// delay each of the post's cores holds on-core.
  bool checkPlastic() {
    const int64_t n = int64_t(p.populations.size());
    for (size_t k = 0; k < p.plastic.size(); ++k) {
      const PlasticProjection &q = p.plastic[k];
      const std::string where = "/spinn/plastic/post[" + num(k) + "]";
      if (q.pre >= n || q.post >= n || p.populations[q.post].source)
        return fail(where, "pre " + num(q.pre) + " / post " + num(q.post) +
                               " is not a population (post: a neuron one)");
      for (int32_t c : p.populations[q.post].cores)
        if (q.delay > (int64_t(1) << p.cores[c].row.delayBits) - 1)
          return fail("/spinn/plastic/delay[" + num(k) + "]",
                      "delay " + num(q.delay) + " exceeds core " + num(c) +
                          "'s ring buffer (" + num(p.cores[c].row.delayBits) +
                          " delay bits)");
    }
    return true;
  }

  bool readPopulations() {
    TableReader t(spinn, spinnSchema(), "populations");
    int64_t n = 0;
    if (!open(t, "node", n, {"core_offset", "cores"}) ||
        !offsets(t, "core_offset", n, t.size("cores")))
      return false;
    const auto &nodes = p.network.nodes;
    std::vector<int> owner(p.cores.size(), -1);
    p.populations.resize(n);
    for (int64_t k = 0; k < n; ++k) {
      Population &q = p.populations[k];
      int64_t node = 0;
      if (!inRange(t, "node", k, 0, int64_t(nodes.size()) - 1, node))
        return false;
      q.name = nodes[node].name;
      q.source = t.at("source", k) != 0;
      const char *want = q.source ? "input" : "neuron";
      if (nodes[node].kind != want)
        return fail(t.where("node", k), "node '" + q.name + "' is a " +
                                            nodes[node].kind + ", expected " +
                                            want);
      q.size = t.at("size", k);
      if (q.size != detail::nodeSize(nodes[node]) || q.size < 1)
        return fail(t.where("size", k),
                    num(q.size) + " differs from node '" + q.name + "' (" +
                        num(detail::nodeSize(nodes[node])) + ")");
      if (!inRange(t, "latency", k, 0, 1 << 20, q.latency))
        return false;
      for (int f = 0; f < 2; ++f) {
        const char *col = f == 0 ? "filter_exc" : "filter_inh";
        int64_t v = -1;
        if (t.has(col) &&
            !inRange(t, col, k, -1, int64_t(nodes.size()) - 1, v))
          return false;
        if (v >= 0 && (q.source || nodes[v].kind != "neuron" ||
                       detail::nodeSize(nodes[v]) != q.size))
          return fail(t.where(col, k),
                      "node '" + nodes[v].name +
                          "' is not a neuron node of the population's size "
                          "(or the population is a source)");
        q.filter[f] = int32_t(v);
      }
      int64_t next = 0; // slices must cover [0, size) in order
      for (int64_t e = t.at("core_offset", k); e < t.at("core_offset", k + 1);
           ++e) {
        int64_t c = 0;
        if (!inRange(t, "cores", e, 0, int64_t(p.cores.size()) - 1, c))
          return false;
        const Core &core = p.cores[c];
        const CoreKind kind = q.source ? CoreKind::Source : CoreKind::Neuron;
        if (core.kind != kind || core.population != k || owner[c] >= 0)
          return fail(t.where("cores", e),
                      "core " + num(c) + " is not a " +
                          (q.source ? "source" : "neuron") +
                          " core of this population, or listed twice");
        if (core.lo != next)
          return fail(t.where("cores", e),
                      "slice [" + num(core.lo) + ", " + num(core.hi) +
                          ") does not start where the previous ended (" +
                          num(next) + ")");
        owner[c] = int(k);
        next = core.hi;
        q.cores.push_back(int32_t(c));
      }
      if (next != q.size)
        return fail(t.where("core_offset", k + 1),
                    "the slices cover [0, " + num(next) + ") of " +
                        num(q.size) + " neurons");
    }
    for (size_t c = 0; c < p.cores.size(); ++c) {
      const Core &core = p.cores[c];
      if (core.population >= n)
        return fail("/spinn/cores/population[" + num(c) + "]",
                    "population " + num(core.population) + " out of range (" +
                        num(n) + " populations)");
      if (core.kind == CoreKind::DelayExtension) {
        if (core.hi > p.populations[core.population].size)
          return fail("/spinn/cores/hi[" + num(c) + "]",
                      "slice outside population '" +
                          p.populations[core.population].name + "'");
      } else if (owner[c] < 0)
        return fail("/spinn/cores/population[" + num(c) + "]",
                    "core not listed by its population");
    }
    return true;
  }

  bool readRouterTables() {
    TableReader t(spinn, spinnSchema(), "router_tables");
    TableReader e(spinn, spinnSchema(), "router_entries");
    int64_t n = 0, nEntries = 0;
    if (!open(t, "x", n, {"entry_offset"}) || !open(e, "key", nEntries) ||
        !offsets(t, "entry_offset", n, nEntries))
      return false;
    const uint32_t maxRoute =
        uint32_t((uint64_t(1) << (6 + p.machine.chip.cores)) - 1);
    std::set<ChipXY> seen;
    for (int64_t k = 0; k < n; ++k) {
      ChipTable ct;
      ct.chip = {int32_t(t.at("x", k)), int32_t(t.at("y", k))};
      if (t.at("x", k) != ct.chip.x || t.at("y", k) != ct.chip.y ||
          !p.machine.isPresent(ct.chip) || !seen.insert(ct.chip).second)
        return fail(t.where("x", k),
                    "chip absent from the machine or listed twice");
      if (!inRange(t, "uncompressed", k, 0, INT64_MAX, ct.uncompressed))
        return false;
      for (int64_t r = t.at("entry_offset", k); r < t.at("entry_offset", k + 1);
           ++r) {
        RouterEntry en;
        int64_t source = 0;
        if (!u32(e, "key", r, en.key) || !u32(e, "mask", r, en.mask) ||
            !u32(e, "route", r, en.route) ||
            !inRange(e, "source", r, 0, UINT32_MAX, source))
          return false;
        en.source = uint32_t(source);
        en.defaultable = e.at("defaultable", r) != 0;
        if (en.key & ~en.mask)
          return fail(e.where("key", r), "key has bits outside its mask");
        if (en.route > maxRoute)
          return fail(e.where("route", r),
                      "route names a core beyond the chip's " +
                          num(p.machine.chip.cores));
        ct.entries.push_back(en);
      }
      p.tables.push_back(std::move(ct));
    }
    return true;
  }

  bool readFacts() {
    TableReader t(spinn, spinnSchema(), "facts");
    int64_t n = 0;
    if (!open(t, "synapses", n))
      return false;
    if (n != 1)
      return fail(t.where("synapses", 0), "expected one row");
    return inRange(t, "synapses", 0, 0, INT64_MAX, p.facts.synapses) &&
           inRange(t, "zeroed_weights", 0, 0, INT64_MAX,
                   p.facts.zeroedWeights) &&
           inRange(t, "saturated_weights", 0, 0, INT64_MAX,
                   p.facts.saturatedWeights) &&
           inRange(t, "placement_cost", 0, 0, INT64_MAX,
                   p.facts.placementCost) &&
           inRange(t, "latency_clashes", 0, 0, INT64_MAX,
                   p.facts.latencyClashes) &&
           inRange(t, "network_synapses_omitted", 0, 0, INT64_MAX,
                   p.facts.networkSynapsesOmitted) &&
           (!t.has("plastic_synapses") ||
            inRange(t, "plastic_synapses", 0, 0, p.facts.synapses,
                    p.facts.plasticSynapses));
  }
};

} // namespace

image::Header makeSpinnHeader(const SpinnPayload &payload) {
  image::Header h = image::makeHeader(payload.network);
  h.format = kImageFormatName;
  h.version = kImageFormatVersion;
  return h;
}

std::shared_ptr<const image::Payload>
readSpinnPayload(hid_t file, const image::Header &header, std::string &error) {
  auto p = std::make_shared<SpinnPayload>();
  if (!image::readReferencePayload(file, header, p->network, error))
    return nullptr;
  if (p->network.numberFormat != kNumberFormatName) {
    error = "/@number_format: '" + p->network.numberFormat +
            "', the SpiNNaker network computes in " + kNumberFormatName;
    return nullptr;
  }
  h5::Group spinn = h5::openGroup(file, "spinn", error);
  if (!spinn || !Reader(spinn.get(), *p, error).run())
    return nullptr;
  if (!detail::readFloatReference(file, header, p->reference, error))
    return nullptr;
  return p;
}

bool writeSpinnImage(const std::string &path, const SpinnPayload &payload,
                     std::string &error) {
  return h5::writeWholeFile(
      path,
      [&](hid_t file, std::string &why) {
        return writeAll(file, payload, why);
      },
      error);
}

} // namespace nmc::spinn
