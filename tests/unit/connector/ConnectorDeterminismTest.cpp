//===- ConnectorDeterminismTest.cpp - Slices and seeds --------------------===//
//
// The contract of nmc/Model/Connector.h: expanding target ranges [a, b) and
// [b, c) gives exactly the whole expansion's synapses for those targets; the
// same seed gives the same bytes, another seed other synapses.
//===----------------------------------------------------------------------===//
#include "ConnectorTestUtil.h"

#include <algorithm>
#include <cstring>
#include <thread>

using namespace nmc;
using namespace nmc::test;
using model::ConnectorRule;
using Kind = model::Distribution::Kind;

namespace {

std::vector<model::ConnectorSpec> allRules() {
  std::vector<model::ConnectorSpec> out;
  auto add = [&](model::ConnectorSpec s) {
    s.weight.kind = Kind::NormalClipped;
    s.weight.a = 1;
    s.weight.b = 0.5;
    s.weight.low = 0;
    s.weight.high = 3;
    s.delay.kind = Kind::Uniform;
    s.delay.a = 1e-3;
    s.delay.b = 8e-3;
    out.push_back(s);
  };
  add(spec(ConnectorRule::AllToAll, 40, 30));
  add(spec(ConnectorRule::OneToOne, 30, 30));
  auto s = spec(ConnectorRule::FixedProbability, 200, 90);
  s.p = 0.2;
  s.allowSelf = false;
  add(s);
  s = spec(ConnectorRule::FixedNumberPre, 200, 90);
  s.n = 13;
  add(s);
  s.withReplacement = true;
  add(s);
  s = spec(ConnectorRule::FixedTotalNumber, 200, 90);
  s.n = 2000;
  s.withReplacement = true;
  add(s);
  s.withReplacement = false;
  s.allowSelf = false;
  add(s);
  return out;
}

/// Synapses onto [begin, end), source-major, targets ascending per source.
std::vector<Synapse> slice(const model::ConnectorSpec &s, int64_t begin,
                           int64_t end) {
  model::ExpandedConnector e;
  EXPECT_EQ(model::expandConnector(s, begin, end, 1e-3, e), "");
  EXPECT_EQ(e.indptr.size(), size_t(s.nPre + 1));
  for (int32_t i : e.indices) {
    EXPECT_GE(i, begin);
    EXPECT_LT(i, end);
  }
  return synapses(e);
}

TEST(ConnectorDeterminism, SlicesUnionIsTheWhole) {
  for (const auto &s : allRules()) {
    SCOPED_TRACE(std::string(model::toString(s.rule)) +
                 (s.withReplacement ? " with replacement" : ""));
    std::vector<Synapse> whole = slice(s, 0, s.nPost);
    ASSERT_FALSE(whole.empty());
    std::vector<Synapse> parts;
    for (auto [a, b] : std::vector<std::pair<int64_t, int64_t>>{
             {0, 7}, {7, 8}, {8, 8}, {8, 29}, {29, s.nPost}}) {
      std::vector<Synapse> p = slice(s, a, b);
      parts.insert(parts.end(), p.begin(), p.end());
    }
    // Source-major with targets ascending: a stable sort by source of the
    // concatenated slices must give the whole expansion, in order.
    std::stable_sort(parts.begin(), parts.end(),
                     [](const Synapse &x, const Synapse &y) {
                       return std::get<0>(x) < std::get<0>(y);
                     });
    EXPECT_EQ(parts, whole);
  }
}

/// Runs f on a new thread: its per-thread buffers and FixedTotalNumber
/// split cache start empty.
template <class F> void onFreshThread(F f) { std::thread(f).join(); }

/// Source-major union of slice expansions given as (range start,
/// synapses) in any order: concatenated by range start, then stably sorted
/// by source (as SlicesUnionIsTheWhole does).
std::vector<Synapse>
sourceMajor(std::vector<std::pair<int64_t, std::vector<Synapse>>> pieces) {
  std::sort(pieces.begin(), pieces.end(),
            [](const auto &x, const auto &y) { return x.first < y.first; });
  std::vector<Synapse> parts;
  for (const auto &p : pieces)
    parts.insert(parts.end(), p.second.begin(), p.second.end());
  std::stable_sort(parts.begin(), parts.end(),
                   [](const Synapse &x, const Synapse &y) {
                     return std::get<0>(x) < std::get<0>(y);
                   });
  return parts;
}

// FixedTotalNumber's split of n over the targets is kept per thread: slices
// expanded on a cold thread, last slice first, with another connector's
// split cached in between, must still give the whole expansion drawn on
// another cold thread; so must a connector with more targets than the cache
// takes (drawn up to each slice's end every time).
TEST(ConnectorDeterminism, FixedTotalNumberSplitCacheChangesNothing) {
  auto s = spec(ConnectorRule::FixedTotalNumber, 200, 90);
  s.n = 2000;
  s.withReplacement = true;
  auto other = s;
  other.seed += 7;
  std::vector<Synapse> whole, parts, otherWhole;
  onFreshThread([&] { whole = slice(s, 0, s.nPost); });
  onFreshThread([&] {
    std::vector<std::pair<int64_t, std::vector<Synapse>>> pieces;
    pieces.push_back({61, slice(s, 61, 90)});
    otherWhole = slice(other, 0, other.nPost);
    pieces.push_back({0, slice(s, 0, 13)});
    pieces.push_back({13, slice(s, 13, 61)});
    parts = sourceMajor(std::move(pieces));
  });
  ASSERT_FALSE(whole.empty());
  EXPECT_EQ(parts, whole);
  EXPECT_NE(otherWhole, whole);

  auto big = spec(ConnectorRule::FixedTotalNumber, 50, (int64_t(1) << 22) + 9);
  big.n = 40;
  big.withReplacement = true;
  const int64_t n = big.nPost, half = big.nPost / 2;
  std::vector<Synapse> bigWhole, bigParts;
  onFreshThread([&] { bigWhole = slice(big, 0, n); });
  onFreshThread([&] {
    std::vector<std::pair<int64_t, std::vector<Synapse>>> pieces;
    pieces.push_back({n - 5, slice(big, n - 5, n)});
    pieces.push_back({0, slice(big, 0, half)});
    pieces.push_back({half, slice(big, half, n - 5)});
    bigParts = sourceMajor(std::move(pieces));
  });
  EXPECT_EQ(int64_t(bigWhole.size()), big.n);
  EXPECT_EQ(bigParts, bigWhole);
}

TEST(ConnectorDeterminism, SameSeedSameBytesOtherSeedDiffers) {
  for (auto s : allRules()) {
    SCOPED_TRACE(std::string(model::toString(s.rule)));
    model::ExpandedConnector a = expand(s), b = expand(s);
    ASSERT_EQ(a.indices.size(), b.indices.size());
    EXPECT_EQ(0, std::memcmp(a.indices.data(), b.indices.data(),
                             a.indices.size() * sizeof(int32_t)));
    EXPECT_EQ(0, std::memcmp(a.weights.data(), b.weights.data(),
                             a.weights.size() * sizeof(float)));
    EXPECT_EQ(a.delaySteps, b.delaySteps);
    EXPECT_EQ(a.indptr, b.indptr);
    s.seed += 1;
    model::ExpandedConnector c = expand(s);
    EXPECT_TRUE(c.weights != a.weights || c.indices != a.indices);
  }
}

} // namespace
