//===- ImageFactsTest.cpp - The static half of the SpiNNaker report -------===//
//
// A hand-built image: every expected number is counted by hand from it.
//===----------------------------------------------------------------------===//
#include "nmc/Target/SpiNNaker/ImageFacts.h"

#include <gtest/gtest.h>

using namespace nmc;
using namespace nmc::spinn;

namespace {

/// A neuron core of `n` neurons whose rows hold the given fixed-word counts
/// (one pop-table entry, rows padded to the longest).
Core neuronCore(ChipXY chip, int32_t p, int64_t n,
                const std::vector<uint32_t> &rowLengths) {
  Core c;
  c.kind = CoreKind::Neuron;
  c.chip = chip;
  c.p = p;
  c.lo = 0;
  c.hi = n;
  uint32_t longest = 0;
  for (uint32_t l : rowLengths)
    longest = std::max(longest, l);
  PopTableEntry e;
  e.rowStride = kRowHeaderWords + longest;
  e.neurons = uint32_t(rowLengths.size());
  for (uint32_t l : rowLengths) {
    std::vector<uint32_t> row(e.rowStride, 0);
    row[kRowFixedCountWord] = l;
    // Padding words that look like synapses must not be counted.
    for (uint32_t k = kRowHeaderWords; k < e.rowStride; ++k)
      row[k] = 0xffffffffu;
    c.sdram.insert(c.sdram.end(), row.begin(), row.end());
  }
  c.popTable.push_back(e);
  return c;
}

} // namespace

TEST(SpinnImageFacts, CountsByHand) {
  SpinnPayload p;
  Core source;
  source.kind = CoreKind::Source;
  source.chip = {0, 0};
  source.p = 2;
  source.lo = 0, source.hi = 10;
  source.sdramBytes = 0;
  p.cores.push_back(source);
  Core a = neuronCore({0, 0}, 3, 100, {3, 0, 5}); // 8 synapses
  a.sdramBytes = 1000, a.dtcmBytes = 7000;
  Core b = neuronCore({1, 0}, 2, 28, {1, 1}); // 2 synapses
  b.sdramBytes = 500, b.dtcmBytes = 9000;
  p.cores.push_back(a);
  p.cores.push_back(b);
  Core ext;
  ext.kind = CoreKind::DelayExtension;
  ext.chip = {0, 0};
  ext.p = 4;
  ext.sdramBytes = 300;
  p.cores.push_back(ext);
  for (int64_t n : {4, 10, 7}) {
    ChipTable t;
    t.entries.resize(size_t(n));
    t.uncompressed = n * 3;
    p.tables.push_back(t);
  }
  p.populations.push_back({"in", true, 10, 0, {0}});
  p.populations.push_back({"h", false, 128, 2, {1, 2}});

  const ImageFacts f = imageFacts(p);
  EXPECT_EQ(f.chips, 2);
  EXPECT_EQ(f.sourceCores, 1);
  EXPECT_EQ(f.neuronCores, 2);
  EXPECT_EQ(f.delayCores, 1);
  EXPECT_EQ(f.neurons, 128);
  EXPECT_EQ(f.synapses, 10);
  EXPECT_EQ(f.maxNeuronsPerCore, 100);
  EXPECT_EQ(f.maxSynapsesPerCore, 8);
  EXPECT_DOUBLE_EQ(f.meanSynapsesPerCore, 5.0);
  EXPECT_EQ(f.maxTableEntries, 10);
  EXPECT_DOUBLE_EQ(f.medianTableEntries, 7.0);
  EXPECT_EQ(f.maxTableEntriesUncompressed, 30);
  EXPECT_DOUBLE_EQ(f.medianTableEntriesUncompressed, 21.0);
  EXPECT_EQ(f.maxDtcmBytes, 9000);
  EXPECT_EQ(f.maxSdramBytesPerChip, 1300); // chip (0,0): 0 + 1000 + 300
  EXPECT_EQ(f.maxLatency, 2);

  // Even count: the median is the mean of the middle two.
  p.tables.pop_back();
  EXPECT_DOUBLE_EQ(imageFacts(p).medianTableEntries, 7.0); // (4 + 10) / 2

  sim::Report r;
  addImageFacts(p, r);
  const sim::Section *s = r.find("spinnaker-image");
  ASSERT_NE(s, nullptr);
  ASSERT_NE(s->find("cores_used"), nullptr);
  EXPECT_EQ(std::get<int64_t>(s->find("cores_used")->value), 4);
}
