//===- ImageFacts.cpp - What a SpiNNaker image uses of its machine -------===//
#include "nmc/Target/SpiNNaker/ImageFacts.h"

#include <algorithm>
#include <map>
#include <set>

namespace nmc::spinn {
namespace {

/// Median of `v` (the mean of the middle two for an even count; 0 if empty).
double median(std::vector<int64_t> v) {
  if (v.empty())
    return 0;
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? double(v[n / 2]) : 0.5 * double(v[n / 2 - 1] + v[n / 2]);
}

/// Synapses (fixed words and plastic synapses) in the rows of `core`:
/// every source neuron of every master-population-table entry has one row.
int64_t synapsesOf(const Core &core) {
  int64_t words = 0;
  for (const PopTableEntry &e : core.popTable)
    for (uint32_t i = 0; i < e.neurons; ++i) {
      const uint64_t at = uint64_t(e.address) + uint64_t(i) * e.rowStride;
      RowParts parts;
      if (at + e.rowStride <= core.sdram.size() &&
          !rowParts(core.sdram.data() + at, e.rowStride, parts))
        words += parts.fixed + parts.plastic;
    }
  return words;
}

} // namespace

ImageFacts imageFacts(const SpinnPayload &payload) {
  ImageFacts f;
  std::set<ChipXY> chips;
  std::map<ChipXY, int64_t> sdramPerChip;
  int64_t neuronCoreSynapses = 0;
  for (const Core &core : payload.cores) {
    chips.insert(core.chip);
    sdramPerChip[core.chip] += core.sdramBytes;
    f.maxDtcmBytes = std::max(f.maxDtcmBytes, core.dtcmBytes);
    switch (core.kind) {
    case CoreKind::Source:
      ++f.sourceCores;
      break;
    case CoreKind::DelayExtension:
      ++f.delayCores;
      break;
    case CoreKind::Neuron: {
      ++f.neuronCores;
      f.neurons += core.hi - core.lo;
      f.maxNeuronsPerCore = std::max(f.maxNeuronsPerCore, core.hi - core.lo);
      const int64_t s = synapsesOf(core);
      neuronCoreSynapses += s;
      f.maxSynapsesPerCore = std::max(f.maxSynapsesPerCore, s);
      break;
    }
    }
  }
  f.chips = int64_t(chips.size());
  f.synapses = neuronCoreSynapses;
  if (f.neuronCores)
    f.meanSynapsesPerCore = double(neuronCoreSynapses) / double(f.neuronCores);
  for (const auto &[chip, bytes] : sdramPerChip)
    f.maxSdramBytesPerChip = std::max(f.maxSdramBytesPerChip, bytes);
  std::vector<int64_t> after, before;
  for (const ChipTable &t : payload.tables) {
    after.push_back(int64_t(t.entries.size()));
    before.push_back(t.uncompressed);
  }
  if (!after.empty()) {
    f.maxTableEntries = *std::max_element(after.begin(), after.end());
    f.maxTableEntriesUncompressed =
        *std::max_element(before.begin(), before.end());
  }
  f.medianTableEntries = median(after);
  f.medianTableEntriesUncompressed = median(before);
  for (const Population &p : payload.populations)
    f.maxLatency = std::max(f.maxLatency, p.latency);
  return f;
}

void addImageFacts(const SpinnPayload &payload, sim::Report &report) {
  using sim::Unit;
  const ImageFacts f = imageFacts(payload);
  const Machine &m = payload.machine;
  sim::Section &s = report.section("spinnaker-image");
  s.add("machine", m.name);
  s.add("machine_chips", m.numChips(), Unit::Count);
  s.add("chips_used", f.chips, Unit::Count);
  s.add("cores_used", f.sourceCores + f.neuronCores + f.delayCores, Unit::Count,
        "application cores: neuron, source and delay extension");
  s.add("neuron_cores", f.neuronCores, Unit::Count);
  s.add("source_cores", f.sourceCores, Unit::Count);
  s.add("delay_extension_cores", f.delayCores, Unit::Count);
  s.add("neurons", f.neurons, Unit::Count);
  s.add("synapses", f.synapses, Unit::Count, "synaptic words in SDRAM rows");
  s.add("neurons_per_core_max", f.maxNeuronsPerCore, Unit::Count);
  s.add("synapses_per_core_max", f.maxSynapsesPerCore, Unit::Count);
  s.add("synapses_per_core_mean", f.meanSynapsesPerCore, Unit::Count);
  s.add("router_entries_max", f.maxTableEntries, Unit::Count,
        "after compression; the router holds " +
            std::to_string(m.chip.routerEntriesUsable));
  s.add("router_entries_median", f.medianTableEntries, Unit::Count,
        "after compression, over chips with a table");
  s.add("router_entries_uncompressed_max", f.maxTableEntriesUncompressed,
        Unit::Count);
  s.add("router_entries_uncompressed_median", f.medianTableEntriesUncompressed,
        Unit::Count);
  s.add("dtcm_per_core_max", f.maxDtcmBytes, Unit::Bytes,
        "partition's estimate; a core has " + std::to_string(m.chip.dtcmBytes));
  s.add("sdram_per_chip_max", f.maxSdramBytesPerChip, Unit::Bytes,
        "partition's estimate; a chip's budget is " +
            std::to_string(m.chip.sdramUsableBytes));
  s.add("latency_max", f.maxLatency, Unit::Steps,
        "ticks the machine's spikes lag the reference's");
  s.add("weights_zeroed", payload.facts.zeroedWeights, Unit::Count,
        "nonzero weights whose 16-bit code is 0 (dropped)");
  s.add("weights_saturated", payload.facts.saturatedWeights, Unit::Count,
        "weights clamped to code 65535");
  s.add("latency_clashes", payload.facts.latencyClashes, Unit::Count,
        "recurrent edges clamped to a 1-tick delay: not bit-exact with the "
        "original network");
}

} // namespace nmc::spinn
