//===- SpinnImageIOTest.cpp - nmc-spinnaker-image write -> read ----------===//
//
// A payload with source, neuron and delay-extension cores, router tables
// and both networks survives write -> openImage field for field; corrupt
// payloads (bad index, rows past SDRAM, unsorted pop table, fixed count
// over the stride, impossible row format, too many stages) are refused
// naming the HDF5 path and the value.
//===----------------------------------------------------------------------===//
#include "SpinnTestLayout.h"

#include "nmc/Image/OpenImage.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <stdexcept>

using namespace nmc;
using namespace nmc::test;

namespace {

/// The hand layout of SpinnCoresTest with a delay extension on in[0, 2),
/// a router table and a float reference.
spinn::SpinnPayload samplePayload() {
  L::Layout l;
  l.machine = spin3();
  l.dt = 1e-3;
  int32_t core = 2;
  l.populations.push_back(population("in", true, 4, 2, 0, core));
  l.populations.push_back(population("n", false, 3, 2, 1, core, 2));
  l.populations[1].latency = 1;
  l.populations[1].shiftInh = 1;
  L::Slice::Extension ext;
  ext.chip = {1, 1};
  ext.p = 7;
  ext.stageTicks = 2;
  ext.keys = {0x800, 0x810};
  l.populations[0].slices[0].extension = ext;
  L::Projection p;
  p.name = "p";
  p.pre = 0;
  p.post = 1;
  p.nPre = 4;
  p.nPost = 3;
  p.indptr = {0, 2, 2, 3, 5};
  p.indices = {0, 2, 1, 0, 1};
  p.types = {0, 1, 0, 0, 1};
  p.codes = {100, 200, 300, 400, 500};
  p.delays = {1, 6, 2, 3, 1}; // 0 -> 2 at D 6: stage 2, residual 2
  l.projections.push_back(p);
  L::RouterTableDesc t;
  t.chip = {0, 0};
  t.entries = {{0x000, 0xFFFFFFF0u, 1u << 10, false, 0},
               {0x010, 0xFFFFFFF0u, 1u << 10 | 1u, true, 0}};
  t.uncompressed = 5;
  l.tables.push_back(t);
  l.placementCost = 3;
  l.latencyClashes = 1;
  spinn::SpinnPayload out;
  const std::string e = L::buildSpinnPayload(l, handQuantized(), out);
  EXPECT_EQ(e, "");
  out.reference = handQuantized();
  out.reference.numberFormat = "";
  return out;
}

void expectSameNetwork(const image::Image &a, const image::Image &b) {
  ASSERT_EQ(a.nodes.size(), b.nodes.size());
  EXPECT_EQ(a.numberFormat, b.numberFormat);
  EXPECT_EQ(a.dt, b.dt);
  for (size_t k = 0; k < a.nodes.size(); ++k) {
    const image::Node &x = a.nodes[k], &y = b.nodes[k];
    SCOPED_TRACE(x.name);
    EXPECT_EQ(x.name, y.name);
    EXPECT_EQ(x.kind, y.kind);
    EXPECT_EQ(x.inShape, y.inShape);
    EXPECT_EQ(x.outShape, y.outShape);
    ASSERT_EQ(x.inputs.size(), y.inputs.size());
    for (size_t e = 0; e < x.inputs.size(); ++e) {
      EXPECT_EQ(x.inputs[e].source, y.inputs[e].source);
      EXPECT_EQ(x.inputs[e].delayed, y.inputs[e].delayed);
    }
    ASSERT_EQ(x.i.size(), y.i.size());
    for (const auto &[key, v] : x.i)
      EXPECT_EQ(v.values(), y.i.at(key).values()) << key;
    ASSERT_EQ(x.f.size(), y.f.size());
    for (const auto &[key, v] : x.f)
      EXPECT_EQ(v.values(), y.f.at(key).values()) << key;
    EXPECT_EQ(x.s, y.s);
  }
}

TEST(SpinnImageIO, WriteReadRoundTripIsEqual) {
  const spinn::SpinnPayload p = samplePayload();
  ASSERT_EQ(p.cores.size(), 5u); // 2 source, 2 neuron, 1 extension
  ASSERT_EQ(p.cores[4].kind, spinn::CoreKind::DelayExtension);
  const std::string path = tempImagePath("roundtrip");
  std::string error;
  ASSERT_TRUE(spinn::writeSpinnImage(path, p, error)) << error;
  image::LoadedImage loaded = image::openImage(path);
  EXPECT_EQ(loaded.header.format, "nmc-spinnaker-image");
  EXPECT_EQ(loaded.header.version, spinn::kImageFormatVersion);
  const auto *r = loaded.as<spinn::SpinnPayload>();
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->machine, p.machine);
  ASSERT_EQ(r->populations.size(), p.populations.size());
  for (size_t k = 0; k < p.populations.size(); ++k) {
    EXPECT_EQ(r->populations[k].name, p.populations[k].name);
    EXPECT_EQ(r->populations[k].source, p.populations[k].source);
    EXPECT_EQ(r->populations[k].size, p.populations[k].size);
    EXPECT_EQ(r->populations[k].latency, p.populations[k].latency);
    EXPECT_EQ(r->populations[k].cores, p.populations[k].cores);
  }
  ASSERT_EQ(r->cores.size(), p.cores.size());
  for (size_t k = 0; k < p.cores.size(); ++k) {
    SCOPED_TRACE(k);
    const spinn::Core &a = p.cores[k], &b = r->cores[k];
    EXPECT_EQ(a.kind, b.kind);
    EXPECT_EQ(a.chip, b.chip);
    EXPECT_EQ(a.p, b.p);
    EXPECT_EQ(a.population, b.population);
    EXPECT_EQ(a.lo, b.lo);
    EXPECT_EQ(a.hi, b.hi);
    EXPECT_EQ(a.key, b.key);
    EXPECT_EQ(a.mask, b.mask);
    EXPECT_EQ(a.shiftExc, b.shiftExc);
    EXPECT_EQ(a.shiftInh, b.shiftInh);
    EXPECT_EQ(a.row, b.row);
    EXPECT_EQ(a.popTable, b.popTable);
    EXPECT_EQ(a.sdram, b.sdram);
    EXPECT_EQ(a.stages, b.stages);
    EXPECT_EQ(a.stageTicks, b.stageTicks);
    EXPECT_EQ(a.stageKeys, b.stageKeys);
    EXPECT_EQ(a.dtcmBytes, b.dtcmBytes);
    EXPECT_EQ(a.sdramBytes, b.sdramBytes);
  }
  ASSERT_EQ(r->tables.size(), 1u);
  EXPECT_EQ(r->tables[0].chip, p.tables[0].chip);
  EXPECT_EQ(r->tables[0].entries, p.tables[0].entries);
  EXPECT_EQ(r->tables[0].uncompressed, 5);
  EXPECT_EQ(r->facts.synapses, p.facts.synapses);
  EXPECT_EQ(r->facts.placementCost, 3);
  EXPECT_EQ(r->facts.latencyClashes, 1);
  expectSameNetwork(r->network, p.network);
  expectSameNetwork(r->reference, p.reference);
  // Words with the top bit set (codes >= 32768) survive the int32 storage.
  spinn::SpinnPayload big = p;
  big.cores[2].sdram[3] |= 0x80000000u;
  ASSERT_TRUE(spinn::writeSpinnImage(path, big, error)) << error;
  EXPECT_EQ(image::openImage(path).as<spinn::SpinnPayload>()->cores[2].sdram,
            big.cores[2].sdram);
  std::filesystem::remove(path);
}

void expectRefused(const std::string &name,
                   const std::function<void(spinn::SpinnPayload &)> &corrupt,
                   std::vector<std::string> parts) {
  expectImageRefused(samplePayload(), name, corrupt, parts);
}

TEST(SpinnImageIO, CorruptImagesAreRefusedNamingThePath) {
  expectRefused("bad_core_index",
                [](spinn::SpinnPayload &p) { p.populations[1].cores[1] = 9; },
                {"/spinn/populations/cores[3]", "value 9 outside [0, 4]"});
  expectRefused(
      "rows_past_sdram",
      [](spinn::SpinnPayload &p) { p.cores[2].popTable[0].address = 100; },
      {"/spinn/pop_table/address[0]", "past the core's"});
  expectRefused("unsorted_pop_table",
                [](spinn::SpinnPayload &p) {
                  auto &t = p.cores[2].popTable;
                  ASSERT_GE(t.size(), 2u);
                  std::swap(t[0], t[1]);
                },
                {"/spinn/pop_table/key[1]", "sorted by key"});
  expectRefused(
      "count_over_stride",
      [](spinn::SpinnPayload &p) {
        const spinn::PopTableEntry &e = p.cores[2].popTable[0];
        p.cores[2].sdram[e.address + spinn::kRowFixedCountWord] = e.rowStride;
      },
      {"/spinn/sdram/words[", "fixed count", "exceeds the row stride"});
  expectRefused("row_format",
                [](spinn::SpinnPayload &p) { p.cores[2].row.delayBits = 15; },
                {"/spinn/cores/index_bits[2]", "<= 16"});
  expectRefused("stages",
                [](spinn::SpinnPayload &p) {
                  p.cores[4].stages = 9;
                  p.cores[4].stageKeys.resize(9, 0x800);
                },
                {"/spinn/cores/stages[4]", "value 9 outside [1, 8]"});
  expectRefused("stage_key",
                [](spinn::SpinnPayload &p) { p.cores[4].stageKeys[1] = 0x813; },
                {"/spinn/cores/stage_keys[1]", "outside the core's mask"});
  expectRefused("synapse_index",
                [](spinn::SpinnPayload &p) {
                  // core n[2, 3) has one neuron; index 1 is outside it.
                  spinn::Core &c = p.cores[3];
                  const spinn::PopTableEntry &e = c.popTable[0];
                  c.sdram[e.address + spinn::kRowHeaderWords] |= 1u;
                },
                {"/spinn/sdram/words[", "synapse index 1", "1 neurons"});
  expectRefused("chip",
                [](spinn::SpinnPayload &p) {
                  p.cores[1].chip = {5, 0};
                },
                {"/spinn/cores/x[1]", "not on machine 'spin3'"});
}

} // namespace
